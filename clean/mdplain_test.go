package clean

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/mdclean/mdclean/frontmatter"
)

// plainPieces make bodies of plain paragraphs (words, spaces, tabs, hard
// and soft line breaks, CRLF, a lone CR) inside and beside every block
// that takes a paragraph's lines or holds one (setext underlines, link
// reference definitions, tight and loose lists, block quotes, lazy
// continuation lines), ATX headings, and the bytes that make a paragraph
// no plain one.
var plainPieces = []string{
	"text", "word", "x", "é", "\xff", "\u3000", " ", " ", "  ", "   ", "    ", "\t", " \t", "\n", "\n", "\n", "\n\n", "\r\n", "  \n", "  \r\n",
	"   \n", "\r", "\f", "\v", "\n===", "\n---", "\n=", "- ", "* ", "+ ", "1. ", "2) ", "> ", ">", "# ", "## ", "#", " ##", "```\n", "~~~", "    code",
	"[a]: /u", "[a]: /u \"t\"", "[a]", "[l](u)", "*", "_", "`", "!", "<", "<div>\n", "</div>", "\\", "\\\n", "&amp;", ":", "(", ")", ".", "-",
}

// TestPlainParagraphs holds the parse of mdclean's Markdown parser, with
// its plain paragraphs (mdplain.go), to goldmark's on generated bodies.
func TestPlainParagraphs(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	stock, fast := mdParser(), mdCleanParser()
	stop := plainStop(inlineParsers())
	plain := 0
	for range 60000 {
		var src []byte
		for n := r.IntN(24); n >= 0; n-- {
			src = append(src, plainPieces[r.IntN(len(plainPieces))]...)
		}
		want, got := astDump(stock, src), astDump(fast, src)
		if got != want {
			t.Fatalf("parse of %q:\n got %s\nwant %s", src, got, want)
		}
		plain += plainCount(src, stop)
	}
	if plain < 10000 {
		t.Fatalf("only %d plain paragraphs", plain)
	}
}

// inlineParsers are goldmark's inline parsers.
func inlineParsers() (ips []parser.InlineParser) {
	for _, v := range parser.DefaultInlineParsers() {
		ips = append(ips, v.Value.(parser.InlineParser))
	}
	return ips
}

// plainCount counts the paragraphs, TextBlocks and headings of goldmark's parse of
// src that are plain: no byte of their lines is in stop.
func plainCount(src []byte, stop *[256]uint8) int {
	n := 0
	_ = ast.Walk(mdParser().Parse(text.NewReader(src)), func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			if entering {
				lines := c.Lines()
				ok := true
				for i := 0; i < lines.Len() && ok; i++ {
					seg := lines.At(i)
					for _, b := range src[seg.Start:seg.Stop] {
						ok = ok && stop[b] == 0
					}
				}
				if ok {
					n++
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return n
}

// TestMarkdownParseCorpora holds the parse of mdclean's Markdown parser
// to goldmark's on the bodies of the posts of dev and dev2, and of the
// trees listed in $MDCLEAN_MD_TREES (directories, separated by ':'; e.g.
// a third corpus or a real repository of posts), every .md and .html
// file in them.
func TestMarkdownParseCorpora(t *testing.T) {
	stock, fast := mdParser(), mdCleanParser()
	posts := eachPost([]string{devCorpus, filepath.Join(filepath.Dir(devCorpus), "dev2")}, func(path string, src []byte) {
		fb, _ := frontmatter.Split(src)
		body := src[fb.Body:]
		if want, got := astDump(stock, body), astDump(fast, body); got != want {
			t.Errorf("%s: parse differs:\n got %s\nwant %s", path, got, want)
		}
	})
	if posts == 0 {
		t.Skip("no posts found")
	}
	t.Logf("%d posts", posts)
}

// plainStop returns the bytes that make a paragraph no plain one: the
// triggers of the inline parsers, and the backslash (the bytes of no
// class in deferStop's table, with which the parser tells them). It returns nil when
// a space triggers a parser (goldmark tries those at each space and at
// the start of each line): then no paragraph is plain.
func plainStop(inlines []parser.InlineParser) *[256]uint8 {
	var stop [256]uint8
	stop['\\'] = 1
	for _, ip := range inlines {
		for _, c := range ip.Trigger() {
			if c == ' ' {
				return nil
			}
			stop[c] = 1
		}
	}
	return &stop
}

// TestParagraphClose holds paragraphClose to the Close of goldmark's
// paragraph parser on generated lines: white space of every kind at
// their ends, padding, forced newlines, empty and blank lines, none.
func TestParagraphClose(t *testing.T) {
	r := rand.New(rand.NewPCG(37, 38))
	alphabet := []byte(" \t\n\r\v\fa\xc3\xa9b")
	stock := parser.NewParagraphParser()
	for range 100000 {
		src := make([]byte, r.IntN(24))
		for i := range src {
			src[i] = alphabet[r.IntN(len(alphabet))]
		}
		var lines []text.Segment
		for n := r.IntN(4); n > 0; n-- {
			a, b := r.IntN(len(src)+1), r.IntN(len(src)+1)
			seg := text.NewSegmentPadding(min(a, b), max(a, b), r.IntN(3))
			seg.ForceNewline = r.IntN(4) == 0
			lines = append(lines, seg)
		}
		build := func() (*ast.Document, *ast.Paragraph) {
			doc, p := ast.NewDocument(), ast.NewParagraph()
			doc.AppendChild(doc, p)
			for _, l := range lines {
				p.Lines().Append(l)
			}
			return doc, p
		}
		wd, wp := build()
		stock.Close(wp, text.NewReader(src), parser.NewContext())
		gd, gp := build()
		paragraphClose(gp, src)
		if gd.ChildCount() != wd.ChildCount() || !slices.Equal(gp.Lines().Sliced(0, gp.Lines().Len()), wp.Lines().Sliced(0, wp.Lines().Len())) {
			t.Fatalf("lines %v of %q: %v, %d children; want %v, %d", lines, src, gp.Lines(), gd.ChildCount(), wp.Lines(), wd.ChildCount())
		}
	}
}
