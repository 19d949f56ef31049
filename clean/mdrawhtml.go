package clean

import (
	"regexp"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// rawHTMLInline is goldmark's inline raw HTML parser (v1.8.7) with a
// faster reading of a tag. goldmark matches its tag expressions through
// the reader as a stream of runes, each read with a look at the line and
// an advance (65,000 instructions a tag on dev2). The stream is the
// block's lines, one after another, and ends at the first byte that
// reads as utf8.RuneError. rawHTMLInline matches the expression against
// the line the tag starts on; when it finds a match holding no such
// byte, that is the stream's match: the expressions end at the first
// '>' that no quoted attribute value holds, quoted values read the same
// on any input that holds them (they are the only place a quote can
// stand, so the first quote opens one, and so on), and a match within
// the line is one on any longer input (the expressions have no "$").
// Otherwise (a tag across lines, no tag) goldmark's parser reads it.
// The expression reads the line only up to the first '>' outside quotes
// (tagEnd): where a match holds a quote it opens or closes a value, so
// that '>' ends the match if there is one. TestRawHTMLInline holds the
// parse to goldmark's own.
type rawHTMLInline struct {
	parser.InlineParser
}

// goldmark's expressions (parser/raw_html.go).
var (
	rawHTMLTagName    = `([A-Za-z][A-Za-z0-9-]*)`
	spaceOrOneNewline = `(?:[ \t]|(?:\r\n|\n){0,1})`
	rawHTMLOpenTag    = regexp.MustCompile("^<" + rawHTMLTagName + htmlAttribute + `*` + spaceOrOneNewline + `*/?>`)
	rawHTMLCloseTag   = regexp.MustCompile("^</" + rawHTMLTagName + spaceOrOneNewline + `*>`)
)

// Parse is goldmark's rawHTMLParser.Parse, with the tag's match read
// from its line when it can be.
func (p rawHTMLInline) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	end := tagEnd(line) // the match's end, or -1 for none
	switch {
	case len(line) > 1 && util.IsAlphaNumeric(line[1]):
		if !rawOpenTag(line[:end]) { // rawHTMLOpenTag, read without the engine (mdrawtag.go)
			end = -1
		}
	case len(line) > 2 && line[1] == '/' && util.IsAlphaNumeric(line[2]):
		if m := rawHTMLCloseTag.FindIndex(line[:end]); m != nil {
			end = m[1]
		} else {
			end = -1
		}
	default:
		return p.InlineParser.Parse(parent, block, pc)
	}
	if end < 0 {
		return p.InlineParser.Parse(parent, block, pc)
	}
	m := [2]int{0, end}
	for i := 0; i < m[1]; {
		r, n := utf8.DecodeRune(line[i:])
		if r == utf8.RuneError {
			return p.InlineParser.Parse(parent, block, pc) // the stream ends before
		}
		i += n
	}
	// The rest is goldmark's parseMultiLineRegexp after its match.
	sline, ssegment := block.Position()
	block.Advance(m[1] - m[0])
	node := ast.NewRawHTML()
	eline, esegment := block.Position()
	block.SetPosition(sline, ssegment)
	for {
		line, segment := block.PeekLine()
		if line == nil {
			break
		}
		l, _ := block.Position()
		start := segment.Start
		if l == sline {
			start = ssegment.Start
		}
		end := segment.Stop
		if l == eline {
			end = esegment.Start
		}

		node.Segments.Append(text.NewSegment(start, end))
		if l == eline {
			block.Advance(end - start)
			break
		}
		block.AdvanceLine()
	}
	return node
}

// tagEnd returns the offset after the first '>' of line that no pair of
// quotes holds, or len(line).
func tagEnd(line []byte) int {
	var quote byte
	for i, c := range line {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return len(line)
}
