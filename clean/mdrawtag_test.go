package clean

import (
	"math/rand/v2"
	"testing"
)

// TestRawOpenTag holds rawOpenTag to goldmark's expression of an inline
// open tag on generated lines, cut at their tag's end as
// rawHTMLInline.Parse cuts them: whether it matches, and that its match
// ends there.
func TestRawOpenTag(t *testing.T) {
	pieces := []string{"a", "img", "x-y", "A1", "1", " ", "  ", "\t", "\n", "\r\n", "\r", "b", "_c", ":d", "e.f-g", "=", " = ", "x", "'v'", "\"v\"",
		"'", "\"", "v/w", "/", "/>", ">", "<", "`", "é", "\xff", "'a>b'", "\"a\nb\"", "==", "-", ".", "?", "&"}
	r := rand.New(rand.NewPCG(33, 34))
	matched := 0
	for range 200000 {
		// Half the lines are tags made of a name, attributes and an end,
		// any part of them sometimes a random piece.
		pick := func(parts ...string) string {
			if r.IntN(8) == 0 {
				return pieces[r.IntN(len(pieces))]
			}
			return parts[r.IntN(len(parts))]
		}
		line := []byte("<")
		if r.IntN(2) == 0 {
			line = append(line, pick("a", "img", "x-y", "A1")...)
			for n := r.IntN(4); n > 0; n-- {
				line = append(line, pick(" ", "\t", "\n", "\r\n", "  ")...)
				line = append(line, pick("b", "_c", ":d", "e.f-g", "data-x")...)
				if r.IntN(2) == 0 {
					line = append(line, pick("=", " =", "= ", "\n=\n")...)
					line = append(line, pick("v", "'v w'", "\"v>w\"", "v/w", "a/", "''", "\"\"", "é")...)
				}
			}
			line = append(line, pick("", " ", "\n", "\r\n", "\t ")...)
			line = append(line, pick(">", "/>", " />", ">x", ">\n")...)
		} else {
			for n := r.IntN(10); n >= 0; n-- {
				line = append(line, pieces[r.IntN(len(pieces))]...)
			}
		}
		b := line[:tagEnd(line)]
		m := rawHTMLOpenTag.FindIndex(b)
		if got := rawOpenTag(b); got != (m != nil) {
			t.Fatalf("rawOpenTag(%q) = %v, want %v", b, got, m != nil)
		}
		if m != nil {
			if m[1] != len(b) {
				t.Fatalf("the match of %q ends at %d, not at the tag's end", b, m[1])
			}
			matched++
		}
	}
	if matched < 50000 {
		t.Fatalf("only %d tags matched", matched)
	}
}
