package clean

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// refDestEnd is destAt's reading of a destination without angle
// brackets as first written, byte by byte.
func refDestEnd(src []byte, p int) int {
	e, depth := p, 0
	for e < len(src) {
		c := src[e]
		if c <= ' ' {
			break
		}
		if c == '\\' && e+1 < len(src) {
			e += 2
			continue
		}
		if c == '(' {
			depth++
		} else if c == ')' {
			if depth == 0 {
				break
			}
			depth--
		}
		e++
	}
	return e
}

// TestDestAt holds destAt, which passes over the bytes it does not look
// at in one loop (destMark), to the byte-by-byte reading on generated
// destinations.
func TestDestAt(t *testing.T) {
	pieces := []string{"http://e.com/", "a", "path", "(", ")", "\\", "\\)", " ", "\t", "\n", "\r\n", "\x00", "\x7f", "é", "\xff", "%20", "?q=1&b=2", "#x", "\"t\"", "<", ">"}
	r := rand.New(rand.NewPCG(31, 32))
	found := 0
	for range 100000 {
		var src []byte
		for n := r.IntN(12); n >= 0; n-- {
			src = append(src, pieces[r.IntN(len(pieces))]...)
		}
		if src[0] == '<' || src[0] <= ' ' {
			continue // angle brackets and leading white space: other paths
		}
		e := refDestEnd(src, 0)
		want := src[:e]
		if r.IntN(4) == 0 {
			want = src[:r.IntN(len(src)+1)]
		}
		l, ok := destAt(src, 0, want, false, "link")
		wantOK := bytes.Equal(src[:e], want)
		if ok != wantOK || ok && (l.start != 0 || l.end != e) {
			t.Fatalf("destAt(%q, want %q) = %d..%d %v, want 0..%d %v", src, want, l.start, l.end, ok, e, wantOK)
		}
		if ok {
			found++
		}
	}
	if found < 50000 {
		t.Fatalf("only %d destinations read", found)
	}
}

// refLabelEnd is labelEnd as first written, byte by byte.
func refLabelEnd(src []byte, i int) int {
	depth := 0
	for ; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '`':
			k := i
			for k < len(src) && src[k] == '`' {
				k++
			}
			run := src[i:k]
			if j := bytes.Index(src[k:], run); j >= 0 {
				i = k + j + len(run) - 1
			} else {
				i = k - 1
			}
		case '[':
			depth++
		case ']':
			depth--
		}
		if depth == 0 {
			break
		}
	}
	return i
}

// TestLabelEnd holds labelEnd, which passes over the bytes it does not
// look at in one loop (labelMark), to the byte-by-byte scan on generated
// link texts.
func TestLabelEnd(t *testing.T) {
	pieces := []string{"[", "]", "[", "]", "\\", "\\]", "\\[", "`", "``", "` x `", "text", "a b", " ", "\n", "é", "\xff", "](u)", "![i](s)", "*", "<a>", "("}
	r := rand.New(rand.NewPCG(35, 36))
	closed := 0
	for range 200000 {
		src := []byte("[")
		for n := r.IntN(12); n >= 0; n-- {
			src = append(src, pieces[r.IntN(len(pieces))]...)
		}
		// From a '[' (inlineDest's start): the first, or one further on.
		i := r.IntN(len(src))
		if k := bytes.IndexByte(src[i:], '['); k >= 0 {
			i += k
		} else {
			i = 0
		}
		got, want := labelEnd(src, i), refLabelEnd(src, i)
		if got != want {
			t.Fatalf("labelEnd(%q, %d) = %d, want %d", src, i, got, want)
		}
		if want < len(src) && src[want] == ']' {
			closed++
		}
	}
	if closed < 50000 {
		t.Fatalf("only %d closed", closed)
	}
}
