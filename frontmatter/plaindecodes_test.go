package frontmatter

import (
	"math/rand/v2"
	"testing"

	"github.com/mdclean/mdclean/edit"
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

// TestTrustedUnreadable holds the repairer's trust (a block that parsed
// as it came into a plain tree, repaired in whole date lines only) to
// unreadable's own parse: wherever Repair trusts a block behind blank
// lines, the full check must find it readable too.
func TestTrustedUnreadable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 25))
	trusted := 0
	for i := 0; i < 6000; i++ {
		src := "\n" + rt3Gen(rng, rt3Pick(rng, []string{"titles", "dates", "structure", "dates"}))
		if i%3 == 0 {
			src = "\n---\n" + string(redteamFrontMatter(rng)) + "---\nbody\n"
		}
		b, err := Split([]byte(src))
		if err != nil || !b.Found || b.Open == b.Lead || b.Format != FormatYAML {
			continue
		}
		r := newRepairer([]byte(src), b, Options{Now: fuzzNow})
		if r.run() != nil {
			r.release()
			continue
		}
		e, _ := r.result()
		if r.trusted {
			trusted++
			if got, want := unreadable([]byte(src), b, e, nil, true), unreadable([]byte(src), b, e, nil, false); got != want {
				t.Fatalf("Repair trusts %q: unreadable says %q, its full check %q", src, got, want)
			}
		}
		r.release()
	}
	if trusted < 500 {
		t.Fatalf("only %d generated blocks trusted: too few to test it", trusted)
	}
}

// TestBlankOnlyHoldsToApply holds blankOnly's counting shortcuts to
// applying the edits and looking, on generated blocks and edits.
func TestBlankOnlyHoldsToApply(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 25))
	yes := 0
	for i := 0; i < 50000; i++ {
		var blk []byte
		for n := rng.IntN(12); n >= 0; n-- {
			blk = append(blk, " \t\na:"[rng.IntN(5)])
		}
		src := append(append([]byte("---\n"), blk...), "---\n---\nbody\n"...)
		b := Block{Format: FormatYAML, Found: true, Open: 0, Start: 4, End: 4 + len(blk), Body: 4 + len(blk) + 4}
		var edits []edit.Edit
		for pos := b.Start; pos < b.End; {
			s := pos + rng.IntN(b.End-pos+1)
			e := s + rng.IntN(b.End-s+1)
			var nb []byte
			if rng.IntN(4) == 0 {
				nb = []byte{" x\n"[rng.IntN(3)]}
			}
			edits = append(edits, edit.Edit{Start: s, End: e, New: nb})
			pos = e + 1
		}
		var in []edit.Edit
		for _, e := range edits {
			in = append(in, edit.Edit{Start: e.Start - b.Start, End: e.End - b.Start, New: e.New})
		}
		out, err := edit.Apply(src[b.Start:b.End], in)
		want := len(edits) > 0 && !blank(blk) && err == nil && blank(out)
		if got := blankOnly(src, b, edits); got != want {
			t.Fatalf("blankOnly(%q, %v) = %v, applying them says %v", blk, edits, got, want)
		}
		if want {
			yes++
		}
	}
	if yes < 500 {
		t.Fatalf("only %d generated cases left a blank block", yes)
	}
}
