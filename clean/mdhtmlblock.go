package clean

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

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
// reader's line holds one '\n', at its end), so type 6 is a test of the
// line's start (htmlBlockType6); type 7 must be one tag alone on its
// line, which can only be when the line ends in '>' (htmlBlockType7
// then asks goldmark's expression). Continue and Close are goldmark's.
// TestHTMLBlockOpener holds the parse to goldmark's own.
type htmlBlockOpener struct {
	parser.BlockParser
}

// goldmark's expressions (parser/html_block.go and raw_html.go).
var (
	htmlBlockType1Open = regexp.MustCompile(`(?i)^[ ]{0,3}<(script|pre|style|textarea)(?:\s.*|>.*|/>.*|)(?:\r\n|\n)?$`)
	htmlBlockType2Open = regexp.MustCompile(`^[ ]{0,3}<!\-\-`)
	htmlBlockType3Open = regexp.MustCompile(`^[ ]{0,3}<\?`)
	htmlBlockType4Open = regexp.MustCompile(`^[ ]{0,3}<![A-Z]+.*(?:\r\n|\n)?$`)
	htmlBlockType5Open = regexp.MustCompile(`^[ ]{0,3}<\!\[CDATA\[`)
	htmlAttribute      = `(?:[\r\n \t]+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:[\r\n \t]*=[\r\n \t]*(?:[^\"'=<>` + "`" + `\x00-\x20]+|'[^']*'|"[^"]*"))?)`
	htmlBlockType7Re   = regexp.MustCompile(`^[ ]{0,3}<(/[ ]*)?([a-zA-Z]+[a-zA-Z0-9\-]*)(` + htmlAttribute + `*)[ ]*(?:>|/>)[ ]*(?:\r\n|\n)?$`)
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

// htmlBlockType7 is goldmark's type 7 expression's FindSubmatchIndex: it
// ends in "(?:>|/>)[ ]*(?:\r\n|\n)?$", so a line that does not end so is
// no match, and needs no run of the expression over it.
func htmlBlockType7(line []byte) []int {
	t := line
	if bytes.HasSuffix(t, []byte("\r\n")) {
		t = t[:len(t)-2]
	} else if bytes.HasSuffix(t, []byte("\n")) {
		t = t[:len(t)-1]
	}
	t = bytes.TrimRight(t, " ")
	if len(t) == 0 || t[len(t)-1] != '>' {
		return nil
	}
	return htmlBlockType7Re.FindSubmatchIndex(line)
}

// Open is goldmark's htmlBlockParser.Open, with htmlBlockType6 and
// htmlBlockType7 for its last two expressions.
func (b htmlBlockOpener) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	var node *ast.HTMLBlock
	line, segment := reader.PeekLine()
	last := pc.LastOpenedBlock().Node

	if m := htmlBlockType1Open.FindSubmatchIndex(line); m != nil {
		node = ast.NewHTMLBlock(ast.HTMLBlockType1)
	} else if htmlBlockType2Open.Match(line) {
		node = ast.NewHTMLBlock(ast.HTMLBlockType2)
	} else if htmlBlockType3Open.Match(line) {
		node = ast.NewHTMLBlock(ast.HTMLBlockType3)
	} else if htmlBlockType4Open.Match(line) {
		node = ast.NewHTMLBlock(ast.HTMLBlockType4)
	} else if htmlBlockType5Open.Match(line) {
		node = ast.NewHTMLBlock(ast.HTMLBlockType5)
	} else if match := htmlBlockType7(line); match != nil {
		isCloseTag := match[2] > -1 && bytes.Equal(line[match[2]:match[3]], []byte("/"))
		hasAttr := match[6] != match[7]
		tagName := strings.ToLower(string(line[match[4]:match[5]]))
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

// newMarkdownParser is goldmark.New().Parser() with htmlBlockOpener and
// rawHTMLInline in place of goldmark's HTML parsers, at their priorities.
func newMarkdownParser() parser.Parser {
	blocks := parser.DefaultBlockParsers()
	n := 0
	for i, v := range blocks {
		if fmt.Sprintf("%T", v.Value) == "*parser.htmlBlockParser" {
			blocks[i] = util.Prioritized(htmlBlockOpener{v.Value.(parser.BlockParser)}, v.Priority)
			n++
		}
	}
	inlines := parser.DefaultInlineParsers()
	for i, v := range inlines {
		if fmt.Sprintf("%T", v.Value) == "*parser.rawHTMLParser" {
			inlines[i] = util.Prioritized(rawHTMLInline{v.Value.(parser.InlineParser)}, v.Priority)
			n++
		}
	}
	if n != 2 {
		panic("clean: goldmark's HTML parsers not found") // a goldmark upgrade: see htmlBlockOpener, rawHTMLInline
	}
	return parser.NewParser(parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))
}
