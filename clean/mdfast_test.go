package clean

import (
	"math/rand/v2"
	"testing"
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
