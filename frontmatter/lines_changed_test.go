package frontmatter

import (
	"math/rand/v2"
	"testing"
)

// TestChangedUnlogged holds changed's quick answer (nothing logged,
// nothing changed) to a look at every line, at each of its calls, while
// Repair runs on generated blocks of every shape the red-team and
// fastParse generators make, broken ones included (they are repaired).
func TestChangedUnlogged(t *testing.T) {
	checkUnlogged = true
	defer func() { checkUnlogged = false }()
	r := rand.New(rand.NewPCG(25, 37))
	n := 30000
	if testing.Short() {
		n = 3000
	}
	changed := 0
	for i := range n {
		var b []byte
		switch i % 3 {
		case 0:
			b = redteam2FrontMatter(r)
		case 1:
			b = redteamFrontMatter(r)
		default:
			b = randomFrontMatter(r)
		}
		src := []byte("---\n" + string(b) + "\n---\nbody\n")
		if _, k, err := repairOnce(src); err == nil && k > 0 {
			changed++
		}
	}
	if changed < n/20 {
		t.Errorf("only %d of %d blocks were repaired", changed, n)
	}
	t.Logf("%d of %d blocks repaired", changed, n)
}
