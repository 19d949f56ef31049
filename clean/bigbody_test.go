package clean

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/net/html"
)

// mixedBodies generates Markdown bodies of short lines: paragraphs,
// lists, quotes, headings, code, template code and HTML blocks around
// them, for the sizing of a body's tables.
func mixedBodies(seed uint64, n int) [][]byte {
	rng := rand.New(rand.NewPCG(seed, 11))
	lines := []string{"Some text", "中文 ", "- item", "1. item", "> quoted", "> > deeper", "# Heading", "## h2",
		"[a link](https://example.com/a)", "`code`", "```\n<b>x</b>\n```", "    indented code", "{{< shortcode >}}", "{% raw %}<p>x</p>{% endraw %}",
		"<p>x</p>", "<p>open", "<div>", "</div>", "<br>", "a<br>b", "<img src=\"i.png\">", "<figure><img src=\"i.png\"></figure>",
		"<script>var x = '<b>'</script>", "<!-- <p>c</p> -->", "<textarea><p>t</textarea>", "  \t", "", "x < y", "<3"}
	var out [][]byte
	for ; n > 0; n-- {
		var sb strings.Builder
		for k := rng.IntN(10); k >= 0; k-- {
			sb.WriteString(lines[rng.IntN(len(lines))])
			sb.WriteString([]string{"\n", "\n\n", " ", "\r\n"}[rng.IntN(4)])
		}
		out = append(out, []byte(sb.String()))
	}
	return out
}

// TestBlockCountMatchesList holds blocks' count of a big body's leaf
// blocks (a blockSink that only counts) to the list leafBlocks makes, on
// generated HTML and Markdown bodies.
func TestBlockCountMatchesList(t *testing.T) {
	cfg := DefaultConfig()
	bodies := append(widgetBodies(5, 3000), mixedBodies(6, 3000)...)
	blocks := 0
	for i, body := range bodies {
		for _, md := range []bool{false, true} {
			s := scratchPool.Get().(*scratch)
			b := &bodyCleaner{d: parse(body, s, md && mayBeMarkdown(body), bytes.Count(body, []byte{'<'})), scratch: s, cfg: cfg, tables: cfg.compiled()}
			b.d.markdownBody = md || i >= 3000
			count := blockSink{count: true}
			b.leafBlocks(&count)
			list := blockSink{}
			b.leafBlocks(&list)
			if count.n != len(list.out) || count.out != nil {
				t.Fatalf("body %q (Markdown %v): counted %d blocks, listed %d", body, b.d.markdownBody, count.n, len(list.out))
			}
			blocks += count.n
			s.release()
		}
	}
	if blocks < 20000 {
		t.Fatalf("only %d blocks in the generated bodies", blocks)
	}
}

// TestStartTagsBoundsElements holds startTags, which sizes a big body's
// element table, to the elements parseWith makes: never fewer.
func TestStartTagsBoundsElements(t *testing.T) {
	bodies := append(widgetBodies(8, 3000), mixedBodies(9, 3000)...)
	exact := 0
	for _, body := range append(bodies, []byte("<"), []byte("a<"), []byte("<B"), []byte("</a><a><@><[")) {
		for _, md := range []bool{false, true} {
			s := scratchPool.Get().(*scratch)
			d := parse(body, s, md && mayBeMarkdown(body), bytes.Count(body, []byte{'<'}))
			starts := 0
			for _, tk := range d.toks {
				if tk.kind == html.StartTagToken || tk.kind == html.SelfClosingTagToken {
					starts++
				}
			}
			if n := startTags(body); n < len(d.elems) || starts != len(d.elems) {
				t.Fatalf("body %q (Markdown %v): startTags = %d, %d start tags, %d elements", body, md, n, starts, len(d.elems))
			} else if n == len(d.elems) {
				exact++
			}
			s.release()
		}
	}
	if exact < len(bodies) {
		t.Fatalf("startTags exact on only %d of %d bodies", exact, 2*len(bodies))
	}
}

// TestBigBodyTables: a body over bigBody gets its element table and its
// leaf blocks sized once, as counted, with the same blocks as a list grown
// by append.
func TestBigBodyTables(t *testing.T) {
	cfg := DefaultConfig()
	for _, c := range []struct {
		name   string
		bodies [][]byte
		md     bool
	}{
		{"html", widgetBodies(12, 3000), false},
		{"markdown", mixedBodies(13, 6000), true},
		{"short-paragraphs", [][]byte{[]byte("<p>A short paragraph of text.</p>\n")}, true},
		{"line-breaks", [][]byte{[]byte("A short line of text.<br>\n")}, true},
		{"markdown-paragraphs", [][]byte{[]byte("A short paragraph of text.\n\n")}, true},
	} {
		var body []byte
		for len(body) <= bigBody {
			for _, b := range c.bodies {
				body = append(body, b...)
			}
		}
		s := scratchPool.Get().(*scratch)
		isMarkdown := c.md && mayBeMarkdown(body)
		tags := bytes.Count(body, []byte{'<'})
		b := &bodyCleaner{d: parse(body, s, isMarkdown, tags), scratch: s, cfg: cfg, tables: cfg.compiled(),
			limit: memoryBudget(len(body)) - bodyCost(body, tags, isMarkdown)}
		b.d.markdownBody = c.md
		if n := startTags(body); cap(b.d.elems) != n+1 || len(b.d.elems) > n {
			t.Errorf("%s: %d elements in a table of %d, %d start tags counted", c.name, len(b.d.elems), cap(b.d.elems), n)
		}
		got := b.blocks()
		if len(got) != cap(got) {
			t.Errorf("%s: %d blocks in a list of %d", c.name, len(got), cap(got))
		}
		grown := blockSink{}
		b.leafBlocks(&grown)
		if want := b.d.templateLoose(grown.out); !slices.Equal(got, want) {
			t.Errorf("%s: counted list differs from the grown one (%d, %d blocks)", c.name, len(got), len(want))
		}
		if len(got) < 1000 {
			t.Errorf("%s: only %d blocks", c.name, len(got))
		}
		t.Logf("%s: %d KB, %d elements, %d blocks (Markdown parse %v)", c.name, len(body)>>10, len(b.d.elems), len(got), isMarkdown)
		s.release()
	}
}

// TestBlockSizes: a block and the tail rule's view of it are laid out
// without padding; a body of 10 MB may hold 600,000 of each.
func TestBlockSizes(t *testing.T) {
	if n := unsafe.Sizeof(block{}); n != 64 {
		t.Errorf("block is %d bytes, want 64", n)
	}
	if n := unsafe.Sizeof(tailBlock{}); n != 32 {
		t.Errorf("tailBlock is %d bytes, want 32", n)
	}
}

// TestBlocksOverLimit: a big body whose blocks beyond half its tags cost
// more than its limit has none to walk, and is over (left alone).
func TestBlocksOverLimit(t *testing.T) {
	cfg := DefaultConfig()
	for _, c := range []struct {
		unit  string
		limit int
		over  bool
	}{
		{"a\n\n", 100 << 20, false},        // 1 MB: 350,000 blocks, 43 MB
		{"a\n\n", 40 << 20, true},          // the same over 40 MB
		{"<p>x</p>\n", 1 << 20, false},     // a block for two tags: no charge
		{"<p>x\n", 12 << 20, true},         // a block a tag: 105,000 charged, 13 MB
		{"<p>x\n", 14 << 20, false},        // under 14 MB
		{"x<br>\n", 14 << 20, false},       // the same, with void tags
		{"x<br>\n", 10 << 20, true},        // over 10 MB
		{"<p>x</p>\n", 0, false},           // at a limit of 0
		{"<p>a<br>b<br>c</p>\n", 0, false}, // 5 blocks, 6 tags: charged only for two
	} {
		body := []byte(strings.Repeat(c.unit, bigBody/len(c.unit)+1))
		s := scratchPool.Get().(*scratch)
		b := &bodyCleaner{d: parse(body, s, false, bytes.Count(body, []byte{'<'})), scratch: s, cfg: cfg, tables: cfg.compiled(), limit: c.limit}
		b.d.markdownBody = true
		bs := b.blocks()
		if b.over != c.over || c.over != (len(bs) == 0) || bs == nil {
			t.Errorf("%q at a limit of %d MB: over %v, %d blocks (spent %d MB)", c.unit, c.limit>>20, b.over, len(bs), b.spent>>20)
		}
		s.release()
	}
}
