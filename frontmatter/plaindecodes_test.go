package frontmatter

import (
	"math/rand/v2"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestPlainDecodes holds plainDecodes to yaml.v3's Decode: wherever it
// says a tree decodes, Decode must succeed, on blocks from the red teams'
// generators and on shapes chosen to fail Decode; and it must say so for
// the common shapes, or it saves nothing.
func TestPlainDecodes(t *testing.T) {
	check := func(b []byte) (plain bool) {
		var n yaml.Node
		if yaml.Unmarshal(b, &n) != nil {
			return false
		}
		var m map[string]any
		err := n.Decode(&m)
		if plainDecodes(&n) && err != nil {
			t.Fatalf("plainDecodes says %q decodes; Decode: %v", b, err)
		}
		return plainDecodes(&n)
	}
	for _, s := range []string{
		"a: 1\na: 2\n", "? [a]\n: b\n", "<<: x\n", "a: &x 1\nb: *x\n", "a: !!int x\n", "a: !!binary '%%'\n",
		"- a\n", "x\n", "a: {b: 1, b: 2}\n", "a:\n  - {[x]: 1}\n", "a: !!timestamp 2021-13-45\n", "a: &a [*a]\n",
	} {
		check([]byte(s))
	}
	for _, s := range []string{"title: A\ndate: 2021-07-19\ntags: [a, b]\n", "a:\n  b: c\n  d: [1, 2]\nn: ~\n"} {
		if !check([]byte(s)) {
			t.Errorf("plainDecodes(%q) = false, want true", s)
		}
	}
	rng := rand.New(rand.NewPCG(12, 25))
	plain := 0
	for i := 0; i < 20000; i++ {
		var b []byte
		switch i % 3 {
		case 0:
			b = redteamFrontMatter(rng)
		case 1:
			b = redteam2FrontMatter(rng)
		default:
			src := rt3Gen(rng, rt3Pick(rng, []string{"titles", "dates", "structure"}))
			blk, err := Split([]byte(src))
			if err != nil || !blk.Found {
				continue
			}
			b = []byte(src[blk.Start:blk.End])
		}
		if check(b) {
			plain++
		}
	}
	if plain < 2000 {
		t.Fatalf("plainDecodes said yes for %d of 20,000 generated blocks: too few to test it", plain)
	}
}
