package clean

import (
	"math/rand/v2"
	"testing"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/mdclean/mdclean/edit"
)

// deferPieces make bodies of paragraphs, headings, tight and loose list
// items and quotes with emphasis of '*' and '_' (opening, closing, both,
// neither, nested, unmatched), escapes, hard and soft line breaks, '!'
// and ']', beside the bytes that make a block no deferred one and the
// blocks that take a paragraph's lines.
var deferPieces = []string{
	"text", "word", "x", "é", "\u00a0", " ", " ", "  ", "\t", "\n", "\n", "\n", "\n\n", "\r\n", "  \n", "  \r\n", "\\\n", "\\\r\n",
	"*", "**", "***", "_", "__", "*a*", "**b**", "_c_", "__d__", "*e**", "a*b", "a_b", "*_f_*", " *", "* ", "_ ", " _",
	"\\", "\\*", "\\_", "\\\\", "\\!", "\\]", "\\a", "!", "!!", "]", "]]", "!]", "] (", "](u)", "]:", ".", ",", "(", ")", "\"", "'", "&amp;", "&",
	"- ", "* ", "+ ", "1. ", "2) ", "> ", ">", "# ", "## ", "#", "\n===", "\n---", "\n- ", "\n> ", "\n  ", "    code", "```\n",
	"[", "`", "<", "[a]: /u\n", "<div>\n",
}

// TestDeferredParagraphs holds the parse of mdclean's Markdown parser,
// its deferred blocks parsed when forced (mddefer.go), to goldmark's on
// generated bodies; and checks that the blocks are deferred: no inline
// node before they are forced.
func TestDeferredParagraphs(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 11))
	stock, fast := mdParser(), mdCleanParser()
	deferred := 0
	for range 60000 {
		var src []byte
		for n := r.IntN(24); n >= 0; n-- {
			src = append(src, deferPieces[r.IntN(len(deferPieces))]...)
		}
		want, got := astDump(stock, src), astDump(fast, src)
		if got != want {
			t.Fatalf("parse of %q:\n got %s\nwant %s", src, got, want)
		}
		pc := parser.NewContext()
		fast.Parse(text.NewReader(src), parser.WithContext(pc))
		for _, n := range deferredBlocksOf(pc) {
			if n.ChildCount() != 0 {
				t.Fatalf("parse of %q: a deferred block with inline nodes", src)
			}
			deferred++
		}
	}
	if deferred < 10000 {
		t.Fatalf("only %d deferred blocks", deferred)
	}
	t.Logf("%d deferred blocks", deferred)
}

// TestDeferStop checks the classes of goldmark's inline parsers'
// triggers: a block of '*', '_', '!', ']' and backslashes may be
// deferred; '`', '[' and '<' make it no deferred one.
func TestDeferStop(t *testing.T) {
	stop := deferStop(inlineParsers())
	for c := range 256 {
		want := uint8(0)
		switch c {
		case '*', '_', '!', ']', '\\':
			want = deferMay
		case '`', '[', '<':
			want = deferNone
		}
		if stop[c] != want {
			t.Errorf("class of %q: %d, want %d", byte(c), stop[c], want)
		}
	}
	plain := plainStop(inlineParsers())
	for c := range 256 {
		if (stop[c] == 0) != (plain[c] == 0) {
			t.Errorf("%q: class %d, plainStop %d", byte(c), stop[c], plain[c])
		}
	}
}

// TestStopBits holds stopBits, eight bytes at a time and stopping at the
// first deferNone, to an or of the classes of every byte, on generated
// slices of every length near eight's multiples: both say whether a
// byte is deferNone, and when none is, they are equal.
func TestStopBits(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	stop := deferStop(inlineParsers())
	some := []byte("ab \n\t\r\xff`[]!<*_\\&:é")
	for range 200000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			if r.IntN(4) == 0 {
				b[i] = some[r.IntN(len(some))]
			} else {
				b[i] = 'a' + byte(r.IntN(26))
			}
		}
		var want uint8
		for _, c := range b {
			want |= stop[c]
		}
		got := stopBits(b, stop)
		if got&deferNone != want&deferNone || want&deferNone == 0 && got != want {
			t.Fatalf("stopBits(%q) = %d, want %d", b, got, want)
		}
	}
}

// TestForceDeferredSplice holds deferred blocks that a splice shifts
// (spliceMarkdown), forced over the new body, to goldmark's parse of it.
func TestForceDeferredSplice(t *testing.T) {
	body := []byte("Share this:\n\nA *deferred* paragraph\\\nwith a hard break!\n\n- an _item_\n- **two**]\n")
	md := parseMarkdown(body)
	n := 0
	for _, b := range md.blocks {
		if b.deferred {
			n++
		}
	}
	if n != 3 {
		t.Fatalf("%d deferred blocks, want 3", n)
	}
	if !spliceCheck(t, body, []edit.Edit{{Start: 0, End: len("Share this:\n")}}) {
		t.Fatal("not spliced")
	}
}

// TestParseMarkdownPooled holds the trees of parseMarkdown, whose parses
// take the plainBlocks and the parser.Context of earlier ones from
// plainPool and contextPool (releasePlain, releaseContext), to goldmark's
// on generated bodies (of the pieces that make deferred blocks, and of
// those that make HTML, whose parsers keep caches in the context), each
// block's inline nodes made (blockNode); and checks that what goes back
// in the pools comes back as new.
func TestParseMarkdownPooled(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 12))
	stock := mdParser()
	pieces := append(append([]string{}, deferPieces...), htmlBlockPieces...)
	for range 30000 {
		var src []byte
		for n := r.IntN(24); n >= 0; n-- {
			src = append(src, pieces[r.IntN(len(pieces))]...)
		}
		md := parseMarkdown(src)
		for i := range md.blocks {
			md.blockNode(src, i)
		}
		if got, want := treeDump(md.root), astDump(stock, src); got != want {
			t.Fatalf("parse of %q:\n got %s\nwant %s", src, got, want)
		}
		st := plainPool.Get().(*plainBlocks)
		if len(st.saved)+len(st.plain)+len(st.deferred)+len(st.setext)+st.next+st.nDeferred+st.closed != 0 {
			t.Fatalf("after the parse of %q: a pooled plainBlocks not empty: %+v", src, st)
		}
		plainPool.Put(st)
		pc := newContext()
		for k := parser.ContextKey(0); k <= parser.ContextKeyMax; k++ {
			if pc.Get(k) != nil {
				t.Fatalf("after the parse of %q: a pooled context holds key %d", src, k)
			}
		}
		if pc.BlockOffset() != -1 || pc.BlockIndent() != -1 || len(pc.OpenedBlocks()) != 0 || pc.FirstDelimiter() != nil || len(pc.References()) != 0 {
			t.Fatalf("after the parse of %q: a pooled context not as new: %s", src, pc)
		}
		releaseContext(pc)
	}
}
