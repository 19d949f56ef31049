package clean

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// astDump writes out everything of the tree p parses from src that a
// parse can differ in: each node's type, its lines, an HTML block's type
// and closing line, a text's segment and line breaks, a link's
// destination. The plain blocks of mdclean's parse get their Text nodes
// first (plainTexts), and its deferred blocks their inline nodes
// (forceDeferred), as markdown.blockNode gives them.
func astDump(p parser.Parser, src []byte) string {
	pc := parser.NewContext()
	doc := p.Parse(text.NewReader(src), parser.WithContext(pc))
	for _, n := range plainBlocksOf(pc) {
		plainTexts(n, src) // the Text nodes mdclean's parse leaves for later
	}
	for _, n := range deferredBlocksOf(pc) {
		forceDeferred(n, src) // the inline nodes it leaves for later
	}
	return treeDump(doc)
}

// treeDump is astDump's dump of the tree doc.
func treeDump(doc ast.Node) string {
	var sb strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			sb.WriteString(")")
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&sb, "(%T", n)
		if n.Type() == ast.TypeBlock {
			for i := 0; i < n.Lines().Len(); i++ {
				fmt.Fprintf(&sb, " %v", n.Lines().At(i))
			}
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			fmt.Fprintf(&sb, " type=%d close=%v", n.HTMLBlockType, n.ClosureLine)
		case *ast.Text:
			fmt.Fprintf(&sb, " %v %v %v", n.Segment, n.SoftLineBreak(), n.HardLineBreak())
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				fmt.Fprintf(&sb, " %v", n.Segments.At(i))
			}
		case *ast.Link:
			fmt.Fprintf(&sb, " %q", n.Destination)
		case *ast.LinkReferenceDefinition:
			fmt.Fprintf(&sb, " %q %q %q", n.Label, n.Destination, n.Title)
		}
		return ast.WalkContinue, nil
	})
	return sb.String()
}

// htmlBlockPieces make lines that open (or nearly open) HTML blocks of
// every type, inside and outside containers and paragraphs.
var htmlBlockPieces = []string{
	"<div>", "<div class=\"x\">", "</div>", "<DIV>", "<p>", "</p>", "<span>", "</span>", "<custom-tag>", "<a href=\"u\">", "</a>",
	"<img src=\"x\" />", "<img src=x>", "<br/>", "<hr>", "<x-y z='1'>", "<div/>", "</ div>", "</a b=1>", "<div\t>", "<div\r",
	"<script>", "</script>", "<SCRIPT>", "<\u017fcript>", "<pre>", "</pre>", "<style", "<textarea>", "<!-- c -->", "<!--", "-->",
	"<?php", "?>", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<", ">", "/>", "/", " ", "  ", "   ", "    ", "\t", "\n", "\n", "\n\n", "\r\n",
	"text", "x", "- ", "> ", "1. ", "# ", "```", "    code", "*em*", "`c`", "[l](u)", "=", "1", "-", "é", "\xff",
}

func TestHTMLBlockOpener(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	stock, fast := mdParser(), mdCleanParser()
	htmlBlocks := 0
	for range 40000 {
		var src []byte
		for n := r.IntN(16); n >= 0; n-- {
			src = append(src, htmlBlockPieces[r.IntN(len(htmlBlockPieces))]...)
		}
		want, got := astDump(stock, src), astDump(fast, src)
		if got != want {
			t.Fatalf("parse of %q:\n got %s\nwant %s", src, got, want)
		}
		htmlBlocks += strings.Count(want, "*ast.HTMLBlock")
	}
	if htmlBlocks < 8000 {
		t.Fatalf("only %d HTML blocks", htmlBlocks)
	}
	// Every tag name of type 6, and names near them.
	for name := range allowedBlockTags {
		for _, n := range []string{name, strings.ToUpper(name), name + "x", name + "-1", "x" + name} {
			for _, line := range []string{"<" + n + ">\n", "</" + n + ">", "<" + n + " a=1>\nt\n", "<" + n, "<" + n + "/>\r\n", "p\n<" + n + ">\n", "p\n</" + n + " >\n"} {
				if got, want := astDump(fast, []byte(line)), astDump(stock, []byte(line)); got != want {
					t.Fatalf("parse of %q:\n got %s\nwant %s", line, got, want)
				}
			}
		}
	}
}

// TestHTMLBlockOpenerSpec holds the parse of every example of the
// CommonMark spec to goldmark's.
func TestHTMLBlockOpenerSpec(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil {
		t.Skipf("goldmark's module directory not found: %v", err)
	}
	raw, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "_test", "spec.json"))
	if err != nil {
		t.Skipf("no spec.json in goldmark's module: %v", err)
	}
	var examples []struct{ Markdown string }
	if err := json.Unmarshal(raw, &examples); err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples {
		if got, want := astDump(mdCleanParser(), []byte(ex.Markdown)), astDump(mdParser(), []byte(ex.Markdown)); got != want {
			t.Fatalf("parse of %q:\n got %s\nwant %s", ex.Markdown, got, want)
		}
	}
}

// rawHTMLPieces make inline tags, whole and broken, across lines and
// containers, with quotes and '>' in their values, and bytes that end
// goldmark's rune stream.
var rawHTMLPieces = []string{
	"<a", "<b>", "</b>", "</a >", "</a\n>", "<x-y", " href=", "\"u>v\"", "'q\"'", "'>'", "\"", "'", "=", "=x", "x/", "/>", ">", "<", "</",
	" ", "\t", "\n", "\r\n", "\n\n", "> ", ">\t", "- ", "  ", "text", "é", "\xff", "\ufffd", "`", "*", "[l](u)", "<!-- c -->", "<?p?>", "<!X>",
	"<![CDATA[x]]>", "\\<", "&amp;", "<1>", "<a1 b_c:d.e-f='1' g>", "<img src=x />",
}

func TestRawHTMLInline(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	stock, fast := mdParser(), mdCleanParser()
	raw := 0
	for range 40000 {
		src := []byte("p ")
		for n := r.IntN(20); n >= 0; n-- {
			src = append(src, rawHTMLPieces[r.IntN(len(rawHTMLPieces))]...)
		}
		want, got := astDump(stock, src), astDump(fast, src)
		if got != want {
			t.Fatalf("parse of %q:\n got %s\nwant %s", src, got, want)
		}
		raw += strings.Count(want, "*ast.RawHTML")
	}
	if raw < 10000 {
		t.Fatalf("only %d raw HTML nodes", raw)
	}
}

// htmlBlockType7Re is goldmark's type 7 expression.
var htmlBlockType7Re = regexp.MustCompile(`^[ ]{0,3}<(/[ ]*)?([a-zA-Z]+[a-zA-Z0-9\-]*)(` + htmlAttribute + `*)[ ]*(?:>|/>)[ ]*(?:\r\n|\n)?$`)

// TestHTMLBlockType7 holds htmlBlockType7 to goldmark's expression on
// generated lines.
func TestHTMLBlockType7(t *testing.T) {
	pieces := []string{"<", "</", "/", " ", "  ", "\t", "\n", "\r\n", "\r", "div", "a", "x-1", "1", "_", ":", ".", "-", "b", "=", "\"", "'",
		"\"v\"", "'v'", "v", "v/", ">", "/>", "`", "é", "\xff", "<", "?"}
	r := rand.New(rand.NewPCG(13, 14))
	matched := 0
	for range 400000 {
		var line []byte
		if r.IntN(2) == 0 {
			line = append(line, "<div"[:1+r.IntN(4)]...)
			for n := r.IntN(10); n >= 0; n-- {
				line = append(line, pieces[r.IntN(len(pieces))]...)
			}
		} else {
			// A tag as the expression reads one, then a piece or two
			// put anywhere.
			pick := func(s ...string) string { return s[r.IntN(len(s))] }
			line = append(line, pick("", " ", "   ", "    ")+"<"+pick("", "/", "/ ")+pick("div", "span", "x-y", "A1")...)
			for n := r.IntN(4); n > 0; n-- {
				line = append(line, pick(" ", "\t", "\n", " \r\n ")+pick("b", "_c", ":d.e-f", "g1")...)
				if r.IntN(2) == 0 {
					line = append(line, pick("", " ", "\n")+"="+pick("", " ", "\t")+pick("v", "v/", "\"x'>\"", "'y\"\n'", "\"\"", "''", "é")...)
				}
			}
			line = append(line, pick("", " ", "  ")+pick(">", "/>")+pick("", " ")+pick("", "\n", "\r\n")...)
			for n := r.IntN(3); n > 0; n-- {
				k := r.IntN(len(line) + 1)
				line = append(line[:k], append([]byte(pieces[r.IntN(len(pieces))]), line[k:]...)...)
			}
		}
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1] // a line of the reader: one '\n', at its end
		}
		name, closeTag, hasAttr, ok := htmlBlockType7(line)
		m := htmlBlockType7Re.FindSubmatchIndex(line)
		if ok != (m != nil) {
			t.Fatalf("htmlBlockType7(%q): %v, want %v", line, ok, m != nil)
		}
		if !ok {
			continue
		}
		matched++
		wantClose := m[2] > -1 && string(line[m[2]:m[3]]) == "/"
		if string(name) != string(line[m[4]:m[5]]) || closeTag != wantClose || hasAttr != (m[6] != m[7]) {
			t.Fatalf("htmlBlockType7(%q) = %q %v %v, want %q %v %v", line, name, closeTag, hasAttr, line[m[4]:m[5]], wantClose, m[6] != m[7])
		}
	}
	if matched < 20000 {
		t.Fatalf("only %d lines matched", matched)
	}
}

// TestLinkRefTransformer holds the parse of paragraphs with and without
// link reference definitions to goldmark's.
func TestLinkRefTransformer(t *testing.T) {
	pieces := []string{"[a]: /u", "[a]:", " /u", "[a]", "[b][a]", "[c]", "[l](u)", " \"t\"", "'t'", "[", "]", ":", "text", " ", "   ", "    ", "\t",
		"\n", "\n", "\n\n", "\r\n", "> ", "- ", "1. ", "# ", "===", "---", "<div>", "`[a]: x`", "\\[", "é", "<http://e.com>", "*x*",
		"[a\nb]: /u", "[a]\n: /u", "]:", "x [a]: /u"}
	r := rand.New(rand.NewPCG(17, 18))
	stock, fast := mdParser(), mdCleanParser()
	defs := 0
	for range 40000 {
		var src []byte
		for n := r.IntN(16); n >= 0; n-- {
			src = append(src, pieces[r.IntN(len(pieces))]...)
		}
		want, got := astDump(stock, src), astDump(fast, src)
		if got != want {
			t.Fatalf("parse of %q:\n got %s\nwant %s", src, got, want)
		}
		defs += strings.Count(want, "*ast.LinkReferenceDefinition")
	}
	if defs < 1000 {
		t.Fatalf("only %d definitions", defs)
	}
}

// goldmark's expressions of HTML blocks of types 2 to 5.
var (
	htmlBlockType2Open = regexp.MustCompile(`^[ ]{0,3}<!\-\-`)
	htmlBlockType3Open = regexp.MustCompile(`^[ ]{0,3}<\?`)
	htmlBlockType4Open = regexp.MustCompile(`^[ ]{0,3}<![A-Z]+.*(?:\r\n|\n)?$`)
	htmlBlockType5Open = regexp.MustCompile(`^[ ]{0,3}<\!\[CDATA\[`)
)

// TestHTMLBlockType2to5 holds htmlBlockType2to5 to goldmark's
// expressions, tried in its order, on generated lines of the reader (one
// '\n' at most, at the end).
func TestHTMLBlockType2to5(t *testing.T) {
	pieces := []string{"<", "!", "-", "--", "?", "[CDATA[", "[CDATA", "[", "A", "DOCTYPE", "Z", "a", "@", " ", "   ", "\t", "\r", "\r\n", "\n",
		"x", ">", "é", "\xff", "\ufffd"}
	r := rand.New(rand.NewPCG(25, 26))
	types := map[ast.HTMLBlockType]int{}
	for range 400000 {
		var line []byte
		if r.IntN(2) == 0 {
			line = append(line, "    <"[r.IntN(5):]...)
		}
		for n := r.IntN(6); n >= 0; n-- {
			line = append(line, pieces[r.IntN(len(pieces))]...)
		}
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		var want ast.HTMLBlockType
		switch {
		case htmlBlockType2Open.Match(line):
			want = ast.HTMLBlockType2
		case htmlBlockType3Open.Match(line):
			want = ast.HTMLBlockType3
		case htmlBlockType4Open.Match(line):
			want = ast.HTMLBlockType4
		case htmlBlockType5Open.Match(line):
			want = ast.HTMLBlockType5
		}
		if got := htmlBlockType2to5(line); got != want {
			t.Fatalf("htmlBlockType2to5(%q) = %d, want %d", line, got, want)
		}
		types[want]++
	}
	for _, ty := range []ast.HTMLBlockType{ast.HTMLBlockType2, ast.HTMLBlockType3, ast.HTMLBlockType4, ast.HTMLBlockType5} {
		if types[ty] < 200 {
			t.Errorf("only %d lines of type %d", types[ty], ty)
		}
	}
}

// htmlBlockType1Open is goldmark's type 1 expression.
var htmlBlockType1Open = regexp.MustCompile(`(?i)^[ ]{0,3}<(script|pre|style|textarea)(?:\s.*|>.*|/>.*|)(?:\r\n|\n)?$`)

// TestHTMLBlockType1 holds htmlBlockType1 to goldmark's expression on
// generated lines.
func TestHTMLBlockType1(t *testing.T) {
	pieces := []string{"<", " ", "   ", "script", "SCRIPT", "Script", "\u017fcript", "scrip", "pre", "PRE", "style", "\u017ftyle", "textarea",
		"TEXTAREA", "text", "area", ">", "/>", "/", "\t", "\n", "\r\n", "\r", "\f", "\v", "x", "\u212a", "\u0130", "\u0131", "\xff", "é"}
	r := rand.New(rand.NewPCG(19, 20))
	matched := 0
	for range 400000 {
		var line []byte
		if r.IntN(2) == 0 {
			line = append(line, "  <"[r.IntN(3):]...)
		}
		for n := r.IntN(5); n >= 0; n-- {
			line = append(line, pieces[r.IntN(len(pieces))]...)
		}
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		got, want := htmlBlockType1(line), htmlBlockType1Open.Match(line)
		if got != want {
			t.Fatalf("htmlBlockType1(%q) = %v, want %v", line, got, want)
		}
		if got {
			matched++
		}
	}
	if matched < 5000 {
		t.Fatalf("only %d lines matched", matched)
	}
}

func TestFoldEqual(t *testing.T) {
	for want := 'a'; want <= 'z'; want++ {
		for r := rune(0); r <= unicode.MaxRune; r++ {
			orbit := false
			for f := unicode.SimpleFold(want); ; f = unicode.SimpleFold(f) {
				orbit = orbit || f == r
				if f == want {
					break
				}
			}
			if foldEqual(r, want) != orbit {
				t.Fatalf("foldEqual(%U, %q) = %v", r, want, !orbit)
			}
		}
	}
}

// FuzzMarkdownParsers holds mdclean's Markdown parser (goldmark with the
// faster HTML block and raw HTML openers) to stock goldmark on any input:
// what it calls code, HTML and links must be what goldmark calls them.
func FuzzMarkdownParsers(f *testing.F) {
	for _, p := range append(append([]string{}, htmlBlockPieces...), rawHTMLPieces...) {
		f.Add([]byte(p))
	}
	f.Add([]byte("<div>\n*a*\n</div>\n\n<a href=\"u\">x</a> `c` <b\nc='>'>\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if got, want := astDump(mdCleanParser(), src), astDump(mdParser(), src); got != want {
			t.Fatalf("parse of %q:\n got %s\nwant %s", src, got, want)
		}
	})
}
