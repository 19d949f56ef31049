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

// longBlockBodies generates HTML and Markdown bodies whose blocks pass
// 4*maxLabelText bytes, their text from a few bytes to thousands: markup
// heavy, white space and entities, <script> and stray end tags, CJK,
// broken UTF-8, end markers at the end.
func longBlockBodies(seed uint64, n int) (bodies [][]byte, md []bool) {
	rng := rand.New(rand.NewPCG(seed, 5))
	words := []string{"word ", "中文", "&nGt;", "&#x4e2d;", "&#0000000000065;", "。", " ", "   \n  ", "&nbsp;", "&amp;", "\u3000", "\x80\x80\x80", "\xe4\xb8", "é", "ab", "x",
		strings.Repeat("long ", 20), strings.Repeat("长", 30), "( 完 )", "（完）", "END", "-END-", "."}
	htmlOnly := []string{`<span class="a-very-long-class-name another-one">`, "</span>", "<b>", "</b>", "<script>var x = '</p>';</script>",
		"</style>", "<style>p{}</style>", `<img src="https://example.com/p.png">`, "<br>", "<!-- a comment that is long -->"}
	mdOnly := []string{"*em* ", "`code` ", "[a link](https://example.com/a/long/path) ", "![img](p.png) ", "\n", "<b>x</b> "}
	ends := []string{"", "( 完 )", "（完）", " END", "END", "-END-", " 。", "&nbsp;"}
	for ; n > 0; n-- {
		isMD := rng.IntN(2) == 0
		plain := rng.IntN(3) == 0 // one long text token a paragraph
		var sb strings.Builder
		for k := rng.IntN(3); k >= 0; k-- {
			var p strings.Builder
			size := 961 + rng.IntN(1500)
			for p.Len() < size {
				if isMD {
					if rng.IntN(3) == 0 {
						p.WriteString(mdOnly[rng.IntN(len(mdOnly))])
						continue
					}
				} else if !plain && rng.IntN(2) == 0 {
					p.WriteString(htmlOnly[rng.IntN(len(htmlOnly))])
					continue
				}
				w := words[rng.IntN(len(words))]
				for j := rng.IntN(4); j >= 0; j-- {
					p.WriteString(w)
				}
			}
			text := strings.ReplaceAll(p.String(), "\n\n", "\n") + ends[rng.IntN(len(ends))]
			if isMD {
				sb.WriteString(text + "\n\n")
			} else {
				sb.WriteString("<p>" + text + "</p>\n")
			}
		}
		bodies, md = append(bodies, []byte(sb.String())), append(md, isMD)
	}
	return bodies, md
}

// TestLongTextKeepsClass holds classify's and endsArticle's reading of a
// long block from its start or end (longText, textSuffix) to their
// reading of the whole text.
func TestLongTextKeepsClass(t *testing.T) {
	var cfgs []*Config
	for _, c := range []func(*Config){func(*Config) {}, func(c *Config) { c.Tail.MaxHeadlineChars = 200 },
		func(c *Config) { c.Tail.EndMarkers = append(c.Tail.EndMarkers, strings.Repeat("完", 300)) }} {
		cfg := *DefaultConfig()
		c(&cfg)
		cfgs = append(cfgs, cfg.compile())
	}
	bodies, md := longBlockBodies(1, 1500)
	long, fast, marked, unparsed, parsedMD := 0, 0, 0, 0, 0
	for i, body := range bodies {
		cfg := cfgs[i%len(cfgs)]
		s := scratchPool.Get().(*scratch)
		// Half the Markdown bodies not parsed: their blocks are the
		// paragraphs between blank lines.
		parsed := md[i] && i%2 == 0
		b := &bodyCleaner{d: parse(body, s, parsed, bytes.Count(body, []byte{'<'})), scratch: s, cfg: cfg, tables: cfg.tables}
		b.d.markdownBody = md[i]
		bs := b.tailBlocks()
		for k := range bs {
			bl := &bs[k]
			if bl.elem == -1 || bl.end-bl.start <= 4*maxLabelText {
				continue
			}
			long++
			if bl.elem == mdLeaf && bl.md < 0 {
				unparsed++
			}
			// Read the whole text first: neither reads only a part.
			whole := *bl.block
			ref := tailBlock{block: &whole, class: -1}
			b.readText(&whole)
			b.classifyAlone(&ref, true)
			if bl.elem == mdLeaf && bl.md >= 0 {
				parsedMD++
			}
			wantMarker := b.endsArticle(&ref, true)
			b.classifyAlone(bl, true)
			if bl.class != ref.class {
				t.Fatalf("body %q, block %d: class %v, reading it whole %v", body, k, bl.class, ref.class)
			}
			if !bl.textRead {
				fast++
			}
			if got := b.endsArticle(bl, true); got != wantMarker {
				t.Fatalf("body %q, block %d: end marker %q, reading it whole %q", body, k, got, wantMarker)
			}
			if wantMarker != "" {
				marked++
			}
			if got := b.runText(bl); got != whole.text {
				t.Fatalf("body %q, block %d: runText %q, want %q", body, k, got, whole.text)
			}
		}
		s.release()
	}
	if long < 2000 || fast < 500 || long-fast < 200 || marked < 200 || unparsed < 300 || parsedMD < 300 {
		t.Fatalf("only %d long blocks, %d read in part, %d with a marker, %d Markdown parsed, %d not", long, fast, marked, parsedMD, unparsed)
	}
	t.Logf("%d long blocks, %d read in part, %d with a marker, %d Markdown parsed, %d not", long, fast, marked, parsedMD, unparsed)
}

// TestKeepArena keeps texts of many sizes and checks that every string
// keep returned still reads as its text once all are kept: no chunk is
// written past a string it gave out, whatever the chunks' sizes.
func TestKeepArena(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for n := 0; n < 200; n++ {
		b := &bodyCleaner{}
		var want, got []string
		for k := rng.IntN(200); k >= 0; k-- {
			text := make([]byte, 1+rng.IntN([]int{8, 100, 600, 3000}[rng.IntN(4)]))
			for i := range text {
				text[i] = byte('a' + rng.IntN(26))
			}
			want = append(want, string(text))
			got = append(got, b.keep(text))
			clear(text) // keep copied it
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("text %d of %d: kept %q, want %q", i, len(want), got[i], want[i])
			}
		}
	}
}
