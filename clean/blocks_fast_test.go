package clean

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// markdownImageBodies generates Markdown bodies of short blocks holding
// images, beacons among them, for textOf's Markdown path.
func markdownImageBodies(seed uint64, n int) [][]byte {
	rng := rand.New(rand.NewPCG(seed, 3))
	starts := []string{"", "- ", "1. ", "> ", "## ", "* "}
	pieces := []string{"Some text", "中文", " ", "*em*", "`code`", "&amp;", "[a](https://example.com/a)",
		"![photo](https://example.com/p.png)", "![](https://icon.cnzz.com/img/pic.gif)",
		"[![](https://icon.cnzz.com/img/pic.gif)](https://www.cnzz.com/stat/x)", "![x](p.gif)",
		"<https://example.com>", "\u00a0", "\n"}
	var out [][]byte
	for ; n > 0; n-- {
		var sb strings.Builder
		for k := rng.IntN(5); k >= 0; k-- {
			sb.WriteString(starts[rng.IntN(len(starts))])
			for j := rng.IntN(4); j >= 0; j-- {
				sb.WriteString(pieces[rng.IntN(len(pieces))])
			}
			sb.WriteString("\n\n")
		}
		out = append(out, []byte(sb.String()))
	}
	return out
}

// TestRoughTextBoundsPeekTextMarkdown holds textOf's Markdown path with
// anyImage (roughText: no image asked whether it is a beacon) to its
// exact answer (peekText): the same text, and media whenever the exact
// one has it.
func TestRoughTextBoundsPeekTextMarkdown(t *testing.T) {
	cfg := DefaultConfig()
	beacons, checked := 0, 0
	for _, body := range markdownImageBodies(1, 5000) {
		s := scratchPool.Get().(*scratch)
		b := &bodyCleaner{d: parse(body, s, true, bytes.Count(body, []byte{'<'})), scratch: s, cfg: cfg, tables: cfg.compiled()}
		b.d.markdownBody = true
		for _, bl := range b.blocks() {
			if bl.elem != mdLeaf || bl.md < 0 {
				continue
			}
			text, media := b.peekText(&bl)
			text = strings.Clone(text)
			rough, roughMedia := b.roughText(&bl)
			if rough != text || media && !roughMedia {
				t.Fatalf("body %q, block %q: roughText = %q, %v; peekText = %q, %v", body, body[bl.start:bl.end], rough, roughMedia, text, media)
			}
			if roughMedia && !media {
				beacons++
			}
			checked++
		}
		s.release()
	}
	if checked < 5000 || beacons < 100 {
		t.Fatalf("only %d blocks checked, %d with a beacon only", checked, beacons)
	}
	t.Logf("%d Markdown blocks, %d with a beacon only", checked, beacons)
}
