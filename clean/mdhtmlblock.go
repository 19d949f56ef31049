package clean

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// htmlBlockOpener is goldmark's HTML block parser (v1.8.7) with an Open
// that decides as goldmark's does, faster on long lines. goldmark tests
// each line that starts with '<' against regular expressions that end in
// ".*(?:\r\n|\n)?$", so that the engine reads the whole line, and on a
// line that is no HTML block of types 6 and 7 it reads it twice: a body
// of HTML on one long line cost 42,000 instructions a line. A line
// reaches its end or its line ending after ".*" whatever it holds (the
// reader's line holds one '\n', at its end), so types 1 and 6 are tests
// of the line's start (htmlBlockType1, htmlBlockType6); type 7, one tag
// alone on its line, is read once, left to right (htmlBlockType7).
// Continue and Close are goldmark's. TestHTMLBlockOpener holds the parse
// to goldmark's own, TestHTMLBlockType1 and TestHTMLBlockType7 the
// readings to goldmark's expressions.
type htmlBlockOpener struct {
	parser.BlockParser
}

// goldmark's attribute expression (parser/raw_html.go), which
// rawHTMLInline uses as it is.
var (
	htmlAttribute = `(?:[\r\n \t]+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:[\r\n \t]*=[\r\n \t]*(?:[^\"'=<>` + "`" + `\x00-\x20]+|'[^']*'|"[^"]*"))?)`
)

// allowedBlockTags are the tag names of HTML blocks of type 6, as
// goldmark lists them.
var allowedBlockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "base": true, "basefont": true, "blockquote": true,
	"body": true, "caption": true, "center": true, "col": true, "colgroup": true, "dd": true,
	"details": true, "dialog": true, "dir": true, "div": true, "dl": true, "dt": true,
	"fieldset": true, "figcaption": true, "figure": true, "footer": true, "form": true, "frame": true,
	"frameset": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "head": true, "header": true, "hr": true, "html": true, "iframe": true,
	"legend": true, "li": true, "link": true, "main": true, "menu": true, "menuitem": true,
	"meta": true, "nav": true, "noframes": true, "ol": true, "optgroup": true, "option": true,
	"p": true, "param": true, "search": true, "section": true, "summary": true, "table": true,
	"tbody": true, "td": true, "tfoot": true, "th": true, "thead": true, "title": true,
	"tr": true, "track": true, "ul": true,
}

// htmlBlockType1 is goldmark's
//
//	(?i)^[ ]{0,3}<(script|pre|style|textarea)(?:\s.*|>.*|/>.*|)(?:\r\n|\n)?$
//
// on a line of the reader (htmlBlockType1Open in the tests): after the
// name, a space of "\s", ">" or "/>", or the line's end. "(?i)" folds
// as Unicode does: "s" also matches "ſ" (U+017F), so the name is read
// rune by rune and compared by unicode.SimpleFold's orbits.
func htmlBlockType1(line []byte) bool {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	if i >= len(line) || line[i] != '<' {
		return false
	}
	i++
	for _, name := range [...]string{"script", "pre", "style", "textarea"} {
		j, ok := i, true
		for _, want := range name {
			r, n := utf8.DecodeRune(line[j:])
			if n == 0 || !foldEqual(r, want) {
				ok = false
				break
			}
			j += n
		}
		if !ok {
			continue
		}
		switch rest := line[j:]; {
		case len(rest) == 0, rest[0] == '>', bytes.HasPrefix(rest, []byte("/>")),
			rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\f' || rest[0] == '\r' || rest[0] == ' ':
			return true
		}
	}
	return false
}

// foldEqual reports whether r is want, a lower-case ASCII letter, or in
// its case-folding orbit; past the upper-case letter, the orbits of ASCII
// letters hold only runes past ASCII ("ſ", the Kelvin sign).
func foldEqual(r, want rune) bool {
	if r < utf8.RuneSelf {
		return r == want || r == want-'a'+'A'
	}
	for f := want; ; {
		if r == f {
			return true
		}
		if f = unicode.SimpleFold(f); f == want {
			return false
		}
	}
}

// htmlBlockType6 is goldmark's
//
//	^[ ]{0,3}<(?:/[ ]*)?([a-zA-Z]+[a-zA-Z0-9\-]*)(?:[ ].*|>.*|/>.*|)(?:\r\n|\n)?$
//
// on a line of the reader: it returns the tag name, or nil. The name
// runs as far as it can (a shorter one is followed by a name character,
// which no alternative takes); then " " or ">" or "/>" and anything up to
// the end, or the end itself, with or without a line ending.
func htmlBlockType6(line []byte) []byte {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	if i >= len(line) || line[i] != '<' {
		return nil
	}
	i++
	if i < len(line) && line[i] == '/' {
		i++
		for i < len(line) && line[i] == ' ' {
			i++
		}
	}
	start := i
	if i >= len(line) || !isASCIILetter(line[i]) {
		return nil
	}
	for i < len(line) && (isASCIILetter(line[i]) || line[i] >= '0' && line[i] <= '9' || line[i] == '-') {
		i++
	}
	switch rest := line[i:]; {
	case len(rest) == 0, rest[0] == ' ', rest[0] == '>', bytes.HasPrefix(rest, []byte("/>")),
		string(rest) == "\n", string(rest) == "\r\n":
		return line[start:i]
	}
	return nil
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// htmlBlockType7 is goldmark's type 7 expression,
//
//	^[ ]{0,3}<(/[ ]*)?([a-zA-Z]+[a-zA-Z0-9\-]*)(attribute*)[ ]*(?:>|/>)[ ]*(?:\r\n|\n)?$
//
// (in goldmark and htmlBlockType7Re), read left to right without going back: it
// reports whether the line matches, the tag name, whether the tag is a
// closing one (the first group is "/" alone) and whether it has
// attributes (the third group is not empty). Each part is read as far as
// it goes, and a shorter reading never matches where the longest does
// not: a name or a value stopped short is followed by a character that
// nothing after it takes (a value's '/' can end it as "/>" does, at the
// same '>'); an attribute name followed by '=' must take a value; white
// space before something that is no attribute is given back to "[ ]*".
// The expression prefers an attribute more, so its match has attributes
// whenever one that matches does.
func htmlBlockType7(line []byte) (name []byte, closeTag, hasAttr, ok bool) {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	if i >= len(line) || line[i] != '<' {
		return nil, false, false, false
	}
	i++
	if i < len(line) && line[i] == '/' {
		i++
		closeTag = i >= len(line) || line[i] != ' '
		for i < len(line) && line[i] == ' ' {
			i++
		}
	}
	start := i
	if i >= len(line) || !isASCIILetter(line[i]) {
		return nil, false, false, false
	}
	for i < len(line) && (isASCIILetter(line[i]) || line[i] >= '0' && line[i] <= '9' || line[i] == '-') {
		i++
	}
	name = line[start:i]
	if i, hasAttr, ok = htmlAttrs(line, i); !ok {
		return nil, false, false, false
	}
	for i < len(line) && line[i] == ' ' {
		i++
	}
	switch {
	case i < len(line) && line[i] == '>':
		i++
	case i+1 < len(line) && line[i] == '/' && line[i+1] == '>':
		i += 2
	default:
		return nil, false, false, false
	}
	for i < len(line) && line[i] == ' ' {
		i++
	}
	switch rest := line[i:]; string(rest) {
	case "", "\n", "\r\n":
		return name, closeTag, hasAttr, true
	}
	return nil, false, false, false
}

// htmlAttrs reads goldmark's "(attribute)*" in b from i, after a tag's
// name, as far as it goes (see htmlBlockType7 and rawOpenTag for why the
// longest reading is the match): it returns where the attributes end and
// whether there was one; ok is false where an attribute's '=' takes no
// value (no expression then matches the tag).
func htmlAttrs(b []byte, i int) (end int, hasAttr, ok bool) {
	ws := func(j int) int {
		for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r') {
			j++
		}
		return j
	}
	for {
		j := ws(i)
		if j == i || j >= len(b) || !(isASCIILetter(b[j]) || b[j] == '_' || b[j] == ':') {
			return i, hasAttr, true
		}
		for j < len(b) && (isASCIILetter(b[j]) || b[j] >= '0' && b[j] <= '9' || strings.IndexByte(":._-", b[j]) >= 0) {
			j++
		}
		i, hasAttr = j, true
		if j = ws(j); j >= len(b) || b[j] != '=' {
			continue
		}
		j = ws(j + 1)
		if j >= len(b) {
			return 0, false, false
		}
		switch q := b[j]; q {
		case '\'', '"':
			k := bytes.IndexByte(b[j+1:], q)
			if k < 0 {
				return 0, false, false
			}
			i = j + 1 + k + 1
		default:
			k := j
			for k < len(b) && b[k] > ' ' && strings.IndexByte("\"'=<>`", b[k]) < 0 {
				k++
			}
			if k == j {
				return 0, false, false
			}
			i = k
		}
	}
}

// htmlBlockType2to5 is goldmark's expressions of the HTML blocks of types
// 2 to 5, in its order (htmlBlockType2Open to htmlBlockType5Open in the
// tests),
//
//	^[ ]{0,3}<!\-\-
//	^[ ]{0,3}<\?
//	^[ ]{0,3}<![A-Z]+.*(?:\r\n|\n)?$
//	^[ ]{0,3}<\!\[CDATA\[
//
// on a line of the reader: it returns the first type that matches, or 0.
// Each is a test of the line's start: in type 4, ".*" takes any rune but
// '\n' (a byte that is no UTF-8 reads as U+FFFD), and the line holds one
// '\n' at most, at its end. goldmark's engine cost 900 instructions a
// line that starts with '<' for the four.
func htmlBlockType2to5(line []byte) ast.HTMLBlockType {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	switch rest := line[i:]; {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return ast.HTMLBlockType2
	case bytes.HasPrefix(rest, []byte("<?")):
		return ast.HTMLBlockType3
	case len(rest) > 2 && rest[0] == '<' && rest[1] == '!' && 'A' <= rest[2] && rest[2] <= 'Z':
		return ast.HTMLBlockType4
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		return ast.HTMLBlockType5
	}
	return 0
}

// Open is goldmark's htmlBlockParser.Open, with htmlBlockType2to5,
// htmlBlockType6 and htmlBlockType7 for its expressions past type 1.
func (b htmlBlockOpener) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	var node *ast.HTMLBlock
	line, segment := reader.PeekLine()
	last := pc.LastOpenedBlock().Node

	if htmlBlockType1(line) {
		node = ast.NewHTMLBlock(ast.HTMLBlockType1)
	} else if t := htmlBlockType2to5(line); t != 0 {
		node = ast.NewHTMLBlock(t)
	} else if name, isCloseTag, hasAttr, ok := htmlBlockType7(line); ok {
		tagName := strings.ToLower(string(name))
		_, ok := allowedBlockTags[tagName]
		if ok {
			node = ast.NewHTMLBlock(ast.HTMLBlockType6)
		} else if tagName != "script" && tagName != "style" &&
			tagName != "pre" && !ast.IsParagraph(last) && !(isCloseTag && hasAttr) { // type 7 can not interrupt paragraph
			node = ast.NewHTMLBlock(ast.HTMLBlockType7)
		}
	}
	if node == nil {
		if tagName := htmlBlockType6(line); tagName != nil {
			if allowedBlockTags[strings.ToLower(string(tagName))] {
				node = ast.NewHTMLBlock(ast.HTMLBlockType6)
			}
		}
	}
	if node != nil {
		reader.AdvanceToEOL()
		node.Lines().Append(segment)
		return node, parser.NoChildren
	}
	return nil, parser.NoChildren
}

// newMarkdownParser is goldmark.New().Parser() with htmlBlockOpener,
// rawHTMLInline and linkRefTransformer in place of goldmark's parsers
// they wrap, at their priorities, and the parsers of plain paragraphs
// (mdplain.go) and deferred ones (mddefer.go).
func newMarkdownParser() parser.Parser {
	inlines, n := markdownInlines()
	var parsers []parser.InlineParser
	for _, v := range inlines {
		parsers = append(parsers, v.Value.(parser.InlineParser))
	}
	stop := deferStop(parsers)
	inlines = append(inlines, util.Prioritized(&plainInline{}, 1000))
	blocks := parser.DefaultBlockParsers()
	for i, v := range blocks {
		switch fmt.Sprintf("%T", v.Value) {
		case "*parser.htmlBlockParser":
			blocks[i] = util.Prioritized(htmlBlockOpener{v.Value.(parser.BlockParser)}, v.Priority)
			n++
		case "*parser.paragraphParser":
			blocks[i] = util.Prioritized(&plainCloser{v.Value.(parser.BlockParser), stop, true}, v.Priority)
			n++
		case "*parser.atxHeadingParser":
			blocks[i] = util.Prioritized(&plainCloser{v.Value.(parser.BlockParser), stop, false}, v.Priority)
			n++
		case "*parser.setextHeadingParser":
			blocks[i] = util.Prioritized(&plainSetext{v.Value.(parser.BlockParser), stop}, v.Priority)
			n++
		}
	}
	paragraphs := parser.DefaultParagraphTransformers()
	for i, v := range paragraphs {
		if v.Value == parser.LinkReferenceParagraphTransformer {
			paragraphs[i] = util.Prioritized(&linkRefTransformer{v.Value.(parser.ParagraphTransformer)}, v.Priority)
			n++
		}
	}
	if n != 6 {
		panic("clean: goldmark's parsers not found") // a goldmark upgrade: see htmlBlockOpener, rawHTMLInline, linkRefTransformer, plainCloser (twice), plainSetext
	}
	return parser.NewParser(parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(paragraphs...))
}

// markdownInlines returns goldmark's inline parsers with rawHTMLInline in
// place of goldmark's raw HTML parser, and how many it replaced (one).
func markdownInlines() (inlines []util.PrioritizedValue, n int) {
	inlines = parser.DefaultInlineParsers()
	for i, v := range inlines {
		if fmt.Sprintf("%T", v.Value) == "*parser.rawHTMLParser" {
			inlines[i] = util.Prioritized(rawHTMLInline{v.Value.(parser.InlineParser)}, v.Priority)
			n++
		}
	}
	return inlines, n
}

// linkRefTransformer is goldmark's paragraph transformer that takes link
// reference definitions out of paragraphs, run only on a paragraph that
// may start with one. goldmark's skips white space (util.IsSpace: the
// lines' padding, spaces, tabs, line endings) and stops unless the next
// byte is a '[' (parseLinkReferenceDefinition), and a definition's label
// is followed by ':' on the line of its ']' (a line of a paragraph ends
// in its line ending, or at the end of the body); so a paragraph whose
// first byte past white space is no '[', or with no "]:" in it, holds no
// definition, and goldmark's would set its lines to themselves. It made a
// block reader for every paragraph and read up to that byte, and read
// the label of every paragraph that starts with a link (11M instructions
// of dev2-doc). A paragraph with no lines goes to goldmark, which removes
// it.
type linkRefTransformer struct {
	parser.ParagraphTransformer
}

func (t *linkRefTransformer) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() == 0 {
		t.ParagraphTransformer.Transform(node, reader, pc)
		return
	}
	if mayHoldLinkRef(reader.Source(), lines) {
		t.ParagraphTransformer.Transform(node, reader, pc)
	}
}

// mayHoldLinkRef reports whether the paragraph of lines may start with a
// link reference definition: its first byte past white space is a '[',
// and a line holds "]:".
func mayHoldLinkRef(src []byte, lines *text.Segments) bool {
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		for _, c := range src[seg.Start:seg.Stop] {
			if util.IsSpace(c) {
				continue
			}
			if c != '[' {
				return false
			}
			for ; i < lines.Len(); i++ {
				seg := lines.At(i)
				if bytes.Contains(src[seg.Start:seg.Stop], []byte("]:")) {
					return true
				}
			}
			return false
		}
	}
	return false
}
