package clean

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// refMdText is mdText as first written, rune by rune: the run-copying
// version must give the same text.
func refMdText(src []byte, n ast.Node, buf []byte, beacon func(string) bool) (text []byte, media bool) {
	space := true
	add := func(b []byte) {
		if bytes.IndexByte(b, '&') >= 0 {
			b = []byte(html.UnescapeString(string(b)))
		}
		for _, c := range string(b) {
			if unicode.IsSpace(c) {
				if !space {
					buf = append(buf, ' ')
					space = true
				}
				continue
			}
			buf = utf8.AppendRune(buf, c)
			space = false
		}
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			add(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				add([]byte{' '})
			}
		case *ast.String:
			add(c.Value)
		case *ast.AutoLink:
			add(c.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			media = media || !beacon(string(c.Destination)) // a beacon is no content
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(buf) > 0 && buf[len(buf)-1] == ' ' {
		buf = buf[:len(buf)-1]
	}
	return buf, media
}

func TestMdTextRuns(t *testing.T) {
	pieces := []string{"word", " ", "  ", "a b c", "x y\t", " z ", "a b\u00a0c", "\t", "\n", "中文", "\u00a0", "\u3000", "\u2003", "\u0085", "\xff", "\xe4\xb8", "&amp;", "&nbsp;",
		"*em*", "`code`", "[link](http://e.com/)", "![img](http://e.com/a.png)", "<http://e.com/>", "<b>x</b>", "\\*", "# ", "- ", "> ", "\ufffd", "x\r\ny",
		"\u1680", "\u2028", "\u205f", "\u200b", "\u1100", "\u00e9", "\u00a9", "\u2014", "\u3001", "\xc2", "\xe2\x80", "\xe3\x80", "\xed\xa0\x80", "\xf0\x9f\x98\x80", "\x80",
		"\xe0\xa0\x80", "\xe0\x80\x80", "\xef\xbf\xbf", "\xee\x80\x80", "\xed\x9f\xbf", "\xe4\xb8\xad\xe6\x96"}
	r := rand.New(rand.NewPCG(7, 8))
	beacon := func(string) bool { return false }
	blocks := 0
	for range 20000 {
		var doc []byte
		for n := r.IntN(20); n >= 0; n-- {
			doc = append(doc, pieces[r.IntN(len(pieces))]...)
		}
		md := parseMarkdown(doc)
		for i := range md.blocks {
			blocks++
			got, gm := md.text(doc, i, nil, beacon)
			want, wm := refMdText(doc, md.blockNode(doc, i), nil, beacon)
			if !bytes.Equal(got, want) || gm != wm {
				t.Fatalf("mdText of %q: %q, want %q", doc[md.blocks[i].start:md.blocks[i].end], got, want)
			}
			// A nil beacon is one that takes no image for a beacon.
			if got, gm := md.text(doc, i, nil, nil); !bytes.Equal(got, want) || gm != wm {
				t.Fatalf("mdText of %q, nil beacon: %q, %v, want %q, %v", doc[md.blocks[i].start:md.blocks[i].end], got, gm, want, wm)
			}
		}
	}
	if blocks < 10000 {
		t.Fatalf("only %d blocks", blocks)
	}
}

func TestIsSpaceRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if isSpaceRune(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpaceRune(%U) = %v", r, isSpaceRune(r))
		}
	}
	if isSpaceRune(-1) != unicode.IsSpace(-1) {
		t.Fatal("isSpaceRune(-1)")
	}
}

// TestAsciiRun holds asciiRun to a look at each of the eight bytes.
func TestAsciiRun(t *testing.T) {
	alphabet := []byte("ab ~\x7f\x1f\t\n\x00\x80\xff!@")
	r := rand.New(rand.NewPCG(27, 28))
	for range 400000 {
		var b [8]byte
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
			if r.IntN(2) == 0 {
				b[i] = byte('a' + r.IntN(26))
			}
		}
		want := true
		for i, c := range b {
			want = want && c >= 0x20 && c < 0x80 && (c != ' ' || i == 0 || b[i-1] != ' ')
		}
		if got := asciiRun(binary.LittleEndian.Uint64(b[:])); got != want {
			t.Fatalf("asciiRun(%q) = %v, want %v", b, got, want)
		}
	}
}

// TestMdTextAdd holds mdTextReader.add, which copies runs of bytes and
// eight bytes at a time, to a rune-by-rune collapse of white space, on
// generated texts with long runs of words.
func TestMdTextAdd(t *testing.T) {
	pieces := []string{"word", "abcdefgh", "the quick brown fox ", " ", "  ", "\t", "\n", "\r\n", "\x7f", "\x01", "\x1f", "é", "中文", "\u3000", "\xff",
		"a b c d e f g h i", ".,;:!?", "0123456789", "x ", " y"}
	r := rand.New(rand.NewPCG(29, 30))
	for range 100000 {
		var b []byte
		for n := r.IntN(24); n >= 0; n-- {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		space := r.IntN(2) == 0
		tr := mdTextReader{space: space}
		tr.add(b)
		want, sp := []byte(nil), space
		for _, c := range string(b) {
			if unicode.IsSpace(c) {
				if !sp {
					want = append(want, ' ')
					sp = true
				}
				continue
			}
			want = utf8.AppendRune(want, c)
			sp = false
		}
		if !bytes.Equal(tr.buf, want) || tr.space != sp {
			t.Fatalf("add(%q) after space=%v = %q, %v; want %q, %v", b, space, tr.buf, tr.space, want, sp)
		}
	}
}

// TestMdTextPlain holds the text of a plain block read from its lines
// (markdown.text, before blockNode) to mdText of the Text nodes that
// blockNode makes, on generated bodies of plain paragraphs, headings and
// list items (plainPieces), and checks that visit meets the plain blocks
// in the order the parse names them.
func TestMdTextPlain(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	beacon := func(string) bool { return false }
	plain := 0
	for range 30000 {
		var src []byte
		for n := r.IntN(24); n >= 0; n-- {
			src = append(src, plainPieces[r.IntN(len(plainPieces))]...)
		}
		md := parseMarkdown(src)
		for i := range md.blocks {
			if md.blocks[i].plain {
				plain++
				if md.blocks[i].node.FirstChild() != nil {
					t.Fatalf("plain block %d of %q has children", i, src)
				}
			}
			got, gm := md.text(src, i, nil, beacon)
			want, wm := mdText(src, md.blockNode(src, i), nil, beacon)
			if !bytes.Equal(got, want) || gm != wm {
				t.Fatalf("text of block %d of %q: %q, want %q", i, src, got, want)
			}
		}
		// Every block the parse names plain is marked so: visit meets
		// them in the parse's order (else they get their nodes at once).
		pc := parser.NewContext()
		doc := mdCleanParser().Parse(text.NewReader(src), parser.WithContext(pc))
		named := plainBlocksOf(pc)
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && len(named) > 0 && named[0] == n {
				named = named[1:]
			}
			return ast.WalkContinue, nil
		})
		if len(named) > 0 {
			t.Fatalf("parse of %q: %d plain blocks not met in order", src, len(named))
		}
	}
	if plain < 5000 {
		t.Fatalf("only %d plain blocks", plain)
	}
}
