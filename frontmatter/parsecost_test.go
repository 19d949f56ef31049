package frontmatter

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestParseCostMax: the length bound is never below parseCost, so a block
// it lets through unread is one parseCost would let through too.
func TestParseCostMax(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	chars := "{},:[]=-?\n a"
	for _, b := range []string{"", "{", ",", "\n", "{,,,,,,", strings.Repeat(",", 1000) + "{", strings.Repeat("\n", 99)} {
		if c, m := parseCost([]byte(b)), parseCostMax(len(b)); c > m {
			t.Fatalf("parseCost(%q) = %d > parseCostMax = %d", b, c, m)
		}
	}
	for n := 0; n < 20000; n++ {
		b := make([]byte, rng.IntN(64))
		for i := range b {
			b[i] = chars[rng.IntN(len(chars))]
		}
		if c, m := parseCost(b), parseCostMax(len(b)); c > m {
			t.Fatalf("parseCost(%q) = %d > parseCostMax = %d", b, c, m)
		}
	}
}
