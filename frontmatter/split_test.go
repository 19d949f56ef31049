package frontmatter

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestIsDelimiter holds isDelimiter, which says no to a line that does
// not open with '-' or '.' before trimming it, to the trim alone, on
// generated lines.
func TestIsDelimiter(t *testing.T) {
	ref := func(l []byte) bool {
		t := bytes.TrimRight(l, " \t")
		return len(t) == 3 && (string(t) == "---" || string(t) == "...")
	}
	r := rand.New(rand.NewPCG(25, 31))
	pieces := []string{"-", ".", " ", "\t", "a", "---", "...", "--", "..", "\r", "é"}
	for range 100000 {
		var s string
		for m := r.IntN(6); m > 0; m-- {
			s += rtPick(r, pieces)
		}
		if got, want := isDelimiter([]byte(s)), ref([]byte(s)); got != want {
			t.Fatalf("isDelimiter(%q) = %v, the trim says %v", s, got, want)
		}
	}
}
