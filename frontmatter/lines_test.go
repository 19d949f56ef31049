package frontmatter

import (
	"math/rand/v2"
	"testing"
)

// TestClosesIn holds closesIn to the byte-by-byte reading it replaced,
// on every line of up to 7 bytes of a, ', ", \ and space, from every
// start, and on random longer ones.
func TestClosesIn(t *testing.T) {
	slow := func(l []byte, k int, q byte) bool {
		for ; k < len(l); k++ {
			switch {
			case q == '"' && l[k] == '\\':
				k++
			case l[k] == q && q == '\'' && k+1 < len(l) && l[k+1] == '\'':
				k++
			case l[k] == q:
				return true
			}
		}
		return false
	}
	const alphabet = "a'\"\\ "
	check := func(l []byte) {
		for k := 0; k <= len(l); k++ {
			for _, q := range []byte{'\'', '"'} {
				if got, want := closesIn(l, k, q), slow(l, k, q); got != want {
					t.Fatalf("closesIn(%q, %d, %q) = %v, want %v", l, k, q, got, want)
				}
			}
		}
	}
	var gen func(l []byte)
	gen = func(l []byte) {
		check(l)
		if len(l) < 7 {
			for i := 0; i < len(alphabet); i++ {
				gen(append(l, alphabet[i]))
			}
		}
	}
	gen(nil)
	r := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		l := make([]byte, r.IntN(40))
		for i := range l {
			l[i] = alphabet[r.IntN(len(alphabet))]
		}
		check(l)
	}
}
