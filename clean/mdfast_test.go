package clean

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestLineStartCheck holds splitMarkdown's test for a line's start to
// lineStart's answer.
func TestLineStartCheck(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		src := make([]byte, r.IntN(12))
		for i := range src {
			src[i] = "ab\n \r"[r.IntN(5)]
		}
		for p := 0; p < len(src); p++ {
			if got, want := p == 0 || src[p-1] == '\n', lineStart(src, p) == p; got != want {
				t.Fatalf("%q at %d: %v, want %v", src, p, got, want)
			}
		}
	}
}

// refHasIndentedLine is hasIndentedLine before its lead-byte test: every
// line is looked at.
func refHasIndentedLine(b []byte) bool {
	for i := 0; i < len(b); {
		if b[i] == '\t' || bytes.HasPrefix(b[i:], []byte("    ")) {
			j := bytes.IndexByte(b[i:], '\n')
			if j < 0 {
				j = len(b) - i
			}
			if !blank(b[i : i+j]) {
				return true
			}
		}
		if blockMarker(b[i:]) {
			return true
		}
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

func TestHasIndentedLineLead(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	found := 0
	for range 200000 {
		b := genBody(r)
		got, want := hasIndentedLine(b), refHasIndentedLine(b)
		if got != want {
			t.Fatalf("hasIndentedLine(%q) = %v, want %v", b, got, want)
		}
		if got {
			found++
		}
	}
	if found < 1000 {
		t.Fatalf("only %d bodies with an indented line or a block mark", found)
	}
	for c := range 256 {
		line := []byte{byte(c), ' ', 'x'}
		if !lineLead[c] && (refHasIndentedLine(line) || blockMarker(line)) {
			t.Fatalf("%q: a mark that lineLead misses", line)
		}
	}
}

// TestMdSpaceLead checks that every rune isSpaceRune calls white space
// begins with a byte of spaceLead, so that mdText's runs hold none.
func TestMdSpaceLead(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isSpaceRune(r) && !spaceLead[utf8.AppendRune(nil, r)[0]] {
			t.Fatalf("%U: a space whose lead byte spaceLead misses", r)
		}
	}
	for c := 0x80; c < 0xC0; c++ {
		if spaceLead[c] {
			t.Fatalf("%#x: a continuation byte in spaceLead", c)
		}
	}
}

// TestMdRun holds mdRun to a scan for spaceLead and utf8.Valid.
func TestMdRun(t *testing.T) {
	pieces := []string{"a", " ", "\n", "中", "文", "\u00e9", "\u00a0", "\u1680", "\u1100", "\u2003", "\u3000", "\u3001", "\ufffd", "\uffff",
		"\ue000", "\xed\x9f\xbf", "\xed\xa0\x80", "\xe0\xa0\x80", "\xe0\x80\x80", "\xf0\x9f\x98\x80", "\xf4\x90\x80\x80", "\xc0\xaf", "\xff",
		"\x80", "\xe4", "\xe4\xb8", "\xef\xbf", "\xc3"}
	r := rand.New(rand.NewPCG(15, 16))
	invalid := 0
	for range 300000 {
		var b []byte
		for n := r.IntN(8); n >= 0; n-- {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		i := r.IntN(len(b) + 1)
		want := i
		for want < len(b) && !spaceLead[b[want]] {
			want++
		}
		end, valid := mdRun(b, i)
		if end != want || valid != utf8.Valid(b[i:want]) {
			t.Fatalf("mdRun(%q, %d) = %d, %v; want %d, %v", b, i, end, valid, want, utf8.Valid(b[i:want]))
		}
		if !valid {
			invalid++
		}
	}
	if invalid < 10000 {
		t.Fatalf("only %d invalid runs", invalid)
	}
}
