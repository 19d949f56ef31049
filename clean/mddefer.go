package clean

import (
	"fmt"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Deferred blocks. A paragraph, TextBlock or heading that is not plain
// (mdplain.go) but whose bytes trigger only the emphasis parser ('*',
// '_'), the link parser's '!' and ']', or are backslashes, has an inline
// parse that makes nothing a rule of mdclean needs: no code span (it
// takes a '`'), no link, image or reference (a '['), no autolink or raw
// HTML (a '<'). What its inline parse makes is emphasis, escapes and
// line breaks: its text, which most blocks never have read. Such a block
// is put aside as a plain one is (plainCloser, plainInline): goldmark's
// inline loop reads none of its bytes, and it gets its lines back with no
// inline nodes. When something reads its nodes or its text
// (markdown.blockNode, markdown.text), forceDeferred runs goldmark's own
// inline parse of that one block then. (An entity's '&' triggers no
// parser: goldmark resolves entities when it renders, so a block with
// one may be plain. A backslash before a line ending is a hard line
// break, which the forced parse makes as goldmark's would.) deferStop
// reads the classes off the parser's own triggers: a parser that is not
// goldmark's emphasis or link parser makes a block no deferred one.
//
// That parse is the one goldmark's walk would have made, as the inline
// parse of a block depends on nothing but its lines, the source and the
// parser.Context (parser.parseBlock):
//
//   - the link reference definitions in the context are read only by the
//     link parser after a '[' (a link label); without one, the link
//     parser's ']' finds no label open and its '!' no "![": both return
//     nil and leave the context as it was;
//   - the delimiters (emphasis) and link labels in the context are the
//     block's own: goldmark's loop clears them at the end of each block
//     (ProcessDelimiters(nil, pc) and the link parser's CloseBlock), so a
//     block's parse starts with none, as the forced parse does: it runs
//     in a context of its own (newContext), with none;
//   - the caches goldmark keeps in the context (of raw HTML, code spans,
//     lists) are read by the parsers of '<', '`' and list blocks, which a
//     deferred block's parse does not call;
//   - the character before a delimiter run is read from the source
//     (blockReader.PrecendingCharacter): the same source, the same lines;
//   - the parser's inline parsers are the same (markdownInlines) but
//     plainInline, which names plain blocks only, and no AST transformer
//     runs in either.
//
// The forced parse is a parse of the source by deferParser, whose one
// block parser (deferOpener) opens, on the source's first line that is
// not blank, a node of the block's type holding the block's lines, and
// reads no more of the source. The node's inline nodes move to the
// block. A block that a splice shifts (spliceMarkdown) has its lines
// shifted with it, and is forced over the new source.
//
// TestDeferredParagraphs holds the parse to goldmark's on generated
// bodies, TestMarkdownParseCorpora on the corpora.

// Byte classes of deferStop.
const (
	deferMay  = 1 // a trigger of emphasis, or the link parser's '!' or ']', or a backslash
	deferNone = 2 // any other trigger: the block is parsed as goldmark parses it
)

// deferStop returns the class of each byte (deferMay, deferNone, or 0
// for a byte that triggers no parser) for the inline parsers inlines.
// It returns nil when a space triggers a parser (goldmark tries those at
// each space and at the start of each line): then no paragraph is plain
// or deferred.
func deferStop(inlines []parser.InlineParser) *[256]uint8 {
	var stop [256]uint8
	stop['\\'] = deferMay
	for _, ip := range inlines {
		name := fmt.Sprintf("%T", ip)
		for _, c := range ip.Trigger() {
			if c == ' ' {
				return nil
			}
			switch {
			case name == "*parser.emphasisParser", name == "*parser.linkParser" && (c == '!' || c == ']'):
				stop[c] = max(stop[c], deferMay)
			default:
				stop[c] = deferNone
			}
		}
	}
	return &stop
}

// stopBits returns the classes of the bytes of b, or-ed, stopping at the
// first deferNone, eight bytes at a time. A block whose bytes have no
// class is plain (mdplain.go).
func stopBits(b []byte, stop *[256]uint8) uint8 {
	var seen uint8
	for len(b) >= 8 {
		seen |= stop[b[0]] | stop[b[1]] | stop[b[2]] | stop[b[3]] | stop[b[4]] | stop[b[5]] | stop[b[6]] | stop[b[7]]
		if seen&deferNone != 0 {
			return seen
		}
		b = b[8:]
	}
	for _, c := range b {
		seen |= stop[c]
	}
	return seen
}

// deferredBlocksOf returns the deferred blocks of the parse whose context
// is pc, in document order: they have no inline nodes yet
// (forceDeferred makes them).
func deferredBlocksOf(pc parser.Context) []ast.Node {
	if st, ok := pc.Get(plainKey).(*plainBlocks); ok {
		return st.deferred
	}
	return nil
}

// deferKey holds, in the context of a forced parse, the block it parses.
var deferKey = parser.NewContextKey()

// deferParser parses the inlines of one deferred block: deferOpener, and
// the inline parsers of mdclean's parser.
var deferParser = sync.OnceValue(func() parser.Parser {
	inlines, _ := markdownInlines()
	return parser.NewParser(parser.WithBlockParsers(util.Prioritized(deferOpener{}, 100)),
		parser.WithInlineParsers(inlines...))
})

// forceDeferred gives n, a deferred paragraph, TextBlock or heading with
// no children, the inline nodes goldmark's parse of src gives it.
func forceDeferred(n ast.Node, src []byte) {
	pc := newContext()
	pc.Set(deferKey, n)
	doc := deferParser().Parse(text.NewReader(src), parser.WithContext(pc))
	tmp := doc.FirstChild()
	if tmp == nil {
		panic("clean: a deferred block's parse opened no block") // the source holds the block's lines, which are not blank
	}
	for c := tmp.FirstChild(); c != nil; {
		next := c.NextSibling()
		n.AppendChild(n, c)
		c = next
	}
	pc.Set(deferKey, nil)
	releaseContext(pc)
}

// contextPool holds the parser.Contexts of parses that are over
// (releaseContext): goldmark's NewContext makes two maps and a table of
// every context key, 2,300 instructions, for each parse.
var contextPool = sync.Pool{New: func() any { return parser.NewContext() }}

// newContext returns a parser.Context as goldmark's NewContext makes
// it: nothing stored, no link reference definition, no delimiter, no
// block offset or indent.
func newContext() parser.Context {
	return contextPool.Get().(parser.Context)
}

// releaseContext puts pc, the context of a parse that is over (nothing
// reads it again), back in contextPool, made as newContext returns it:
// every key of the store set to nil (all keys are made when their
// packages start: ContextKeyMax counts them), the block offset and
// indent at -1, no opened block. Its IDs, which only heading ID options
// use (mdclean's parsers have none), are left as they are. A context
// with link reference definitions (which no method removes) or
// delimiters (a parse clears them at each block's end) is dropped.
func releaseContext(pc parser.Context) {
	if pc.FirstDelimiter() != nil || pc.LastDelimiter() != nil || len(pc.References()) != 0 {
		return
	}
	for k := parser.ContextKey(0); k <= parser.ContextKeyMax; k++ {
		pc.Set(k, nil)
	}
	pc.SetBlockOffset(-1)
	pc.SetBlockIndent(-1)
	pc.SetOpenedBlocks(nil)
	contextPool.Put(pc)
}

// deferOpener is the block parser of deferParser: on the first line of
// the source that is not blank, it opens a node of the type of the block
// in the context (deferKey), with its lines, and moves the reader to the
// source's end.
type deferOpener struct{}

func (deferOpener) Trigger() []byte { return nil }

func (deferOpener) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	n := pc.Get(deferKey).(ast.Node)
	var node ast.Node
	switch n := n.(type) {
	case *ast.Heading:
		node = ast.NewHeading(n.Level)
	case *ast.TextBlock:
		node = ast.NewTextBlock()
	default:
		node = ast.NewParagraph()
	}
	node.SetLines(n.Lines()) // read, never changed, by the inline parse
	line, _ := reader.Position()
	end := len(reader.Source())
	reader.SetPosition(line, text.NewSegment(end, end))
	return node, parser.NoChildren
}

func (deferOpener) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return parser.Close
}

func (deferOpener) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (deferOpener) CanInterruptParagraph() bool { return false }

func (deferOpener) CanAcceptIndentedLine() bool { return true }
