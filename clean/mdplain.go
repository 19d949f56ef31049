package clean

import (
	"bytes"
	"slices"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Plain paragraphs. goldmark parses the inlines of a paragraph byte by
// byte (parser.parseBlock: for each byte a space and a punctuation test
// and a look-up of the inline parsers it triggers), 43 instructions a
// byte on dev2, where two paragraphs in five hold no byte that triggers
// an inline parser. Of such a paragraph, with no backslash either (an
// escape, or a hard line break "\\\n"), goldmark's loop calls no parser
// and makes one Text per line, in order (plainText): the line up to its
// line ending, less the two spaces of a hard line break ("  \n",
// "  \r\n"), trimmed of trailing white space, marked as a soft line break
// when the line ends in '\n' and is no hard one. The parse of mdclean
// makes those Text nodes itself, with goldmark's own segment methods, and
// goldmark reads no byte of the paragraph:
//
//   - plainCloser, goldmark's paragraph parser with another Close: once
//     goldmark's Close has trimmed the lines, a plain paragraph's lines
//     are put aside (plainBlocks) and the paragraph keeps one empty line
//     where its first line starts, which goldmark's inline loop reads as
//     no line at all (blockReader.PeekLine: no byte before the last
//     line's end). No paragraph of goldmark's has such a line: its lines
//     are not blank, and its Close removes a paragraph without lines.
//     Nothing reads a closed paragraph's lines before the inline parse
//     but a setext heading, which takes the lines of the paragraph above
//     it (after closing it): plainSetext, goldmark's setext heading
//     parser with another Open, names that paragraph, and it is left to
//     goldmark; the heading, with another Close, has its lines put aside
//     as a paragraph has. A tight list turns its paragraphs into TextBlocks with
//     the same lines: the empty line goes with them. plainCloser also
//     wraps the ATX heading parser: a heading's one line is trimmed and
//     has no line ending, as a paragraph's last line, and nothing reads
//     it before the inline parse.
//   - plainInline, an inline parser that no byte triggers, is a
//     CloseBlocker: goldmark calls it when it has parsed a block's
//     inlines, in document order, which is the order in which leaf
//     blocks close (a leaf block closes no later than on the line that
//     opens the next one, which closes later). On a paragraph, TextBlock
//     or heading whose one empty line starts where the next lines put
//     aside start, it gives the block its lines back and names it
//     (plainBlocks.plain), with no Text nodes yet: most blocks' text is
//     never read, and what reads it reads it from the lines
//     (markdown.text); plainTexts makes the Text nodes goldmark would
//     have, for what reads the nodes (markdown.blockNode, a test's
//     comparison of trees). What goldmark does at the end of a block
//     (ProcessDelimiters, the link parser's CloseBlock) reads the
//     delimiters and link labels of the block, and a plain paragraph has
//     none.
//
// Deferred blocks (mddefer.go), whose bytes trigger only emphasis and
// the link parser's '!' and ']', are put aside and given back the same
// way, and get their inline nodes from goldmark when something reads
// them.
//
// TestPlainParagraphs holds the parse to goldmark's on generated bodies,
// TestMarkdownParseCorpora on the corpora.

// plainKey holds a parse's plainBlocks in its parser.Context.
var plainKey = parser.NewContextKey()

// plainBlocks is what a parse has put aside.
type plainBlocks struct {
	setext []ast.Node   // paragraphs a setext heading takes the lines of
	saved  []plainLines // in document order
	next   int          // the first of saved not given back
	plain  []ast.Node   // the blocks given their lines back, in document order, with no Text nodes yet
	// deferred are the deferred blocks (mddefer.go) given their lines
	// back, in document order, with no inline nodes yet; nDeferred
	// counts those of saved.
	deferred  []ast.Node
	nDeferred int
	// closed counts the paragraphs and ATX headings closed with lines
	// (goldmark closes no paragraph that a transformer removed): about
	// the text blocks of the parse (parseMarkdown sizes its table of them
	// with it).
	closed int
}

// plainLines are the lines of a plain paragraph, the first one apart, or
// of a deferred one (mddefer.go).
type plainLines struct {
	first    text.Segment
	lines    text.Segments
	deferred bool
}

func plainState(pc parser.Context) *plainBlocks {
	if st, ok := pc.Get(plainKey).(*plainBlocks); ok {
		return st
	}
	st := plainPool.Get().(*plainBlocks)
	pc.Set(plainKey, st)
	return st
}

// plainPool holds the plainBlocks of parses that are over
// (releasePlain). Nothing of a parse's tree points into them: a block
// given its lines back has a copy of its Segments (ast.BaseBlock's
// SetLines), and the slices of blocks (plainBlocksOf, deferredBlocksOf)
// are read only while parseMarkdown runs.
var plainPool = sync.Pool{New: func() any {
	return &plainBlocks{saved: make([]plainLines, 0, 16)} // a post's paragraphs, most of the time
}}

// releasePlain takes the plainBlocks out of pc, the context of a parse
// whose plain and deferred blocks have been read, and puts them back in
// plainPool, emptied (their nodes are the parse's: not kept alive).
func releasePlain(pc parser.Context) {
	st, ok := pc.Get(plainKey).(*plainBlocks)
	if !ok {
		return
	}
	pc.Set(plainKey, nil)
	if cap(st.saved) > maxPooled || cap(st.plain) > maxPooled || cap(st.deferred) > maxPooled || cap(st.setext) > maxPooled {
		return
	}
	clear(st.saved[:cap(st.saved)])
	clear(st.plain[:cap(st.plain)])
	clear(st.deferred[:cap(st.deferred)])
	clear(st.setext[:cap(st.setext)])
	*st = plainBlocks{saved: st.saved[:0], plain: st.plain[:0], deferred: st.deferred[:0], setext: st.setext[:0]}
	plainPool.Put(st)
}

// plainCloser is goldmark's paragraph parser, or its ATX heading parser,
// with a Close that puts the lines of a plain or deferred paragraph or
// heading aside.
type plainCloser struct {
	parser.BlockParser
	stop      *[256]uint8 // deferStop's classes
	paragraph bool        // the paragraph parser, whose Close paragraphClose is
}

func (b *plainCloser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if b.paragraph {
		paragraphClose(node, reader.Source())
	} else {
		b.BlockParser.Close(node, reader, pc)
	}
	if node.Parent() == nil {
		return
	}
	lines := node.Lines()
	if lines.Len() == 0 {
		return
	}
	st := plainState(pc)
	st.closed++
	if slices.Contains(st.setext, node) {
		return
	}
	putAside(node, reader.Source(), b.stop, st)
}

// putAside puts the lines of node, a closed paragraph or heading in the
// tree whose lines are not read again before the inline parse, aside
// when it is plain or deferred (by stop's classes), so that goldmark's
// inline loop reads none of its bytes.
func putAside(node ast.Node, src []byte, stop *[256]uint8, st *plainBlocks) {
	if stop == nil {
		return
	}
	lines := node.Lines()
	if lines.Len() == 0 {
		return
	}
	var seen uint8 // 0: plain; deferMay: deferred
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if seg.Padding != 0 || seg.Start >= seg.Stop {
			return
		}
		if seen |= stopBits(src[seg.Start:seg.Stop], stop); seen&deferNone != 0 {
			return
		}
	}
	// The lines set aside share their array with the paragraph's, cut to
	// its first element, which becomes the empty line; CloseBlock puts
	// the first line back.
	first := lines.At(0)
	st.saved = append(st.saved, plainLines{first, *lines, seen != 0})
	if seen != 0 {
		st.nDeferred++
	}
	lines.Set(0, text.NewSegment(first.Start, first.Start))
	lines.SetSliced(0, 1)
}

// paragraphClose is the Close of goldmark's paragraph parser
// (paragraphParser.Close), without its calls for each line: the lines
// are trimmed of leading white space (Segment.TrimLeftSpace, which drops
// the padding), the last one of trailing white space too
// (Segment.TrimRightSpace, which keeps it), and a paragraph with no
// lines is removed. White space is util.IsSpace's: space, tab, CR, LF
// (goldSpace). TestParagraphClose holds it to goldmark's.
func paragraphClose(node ast.Node, src []byte) {
	lines := node.Lines()
	if n := lines.Len(); n != 0 {
		for i := 0; i < n; i++ {
			l := lines.At(i)
			k := l.Start
			for k < l.Stop && goldSpace[src[k]] {
				k++
			}
			lines.Set(i, text.NewSegment(k, l.Stop))
		}
		last := lines.At(n - 1)
		k := last.Stop
		for k > last.Start && goldSpace[src[k-1]] {
			k--
		}
		if k == last.Start {
			lines.Set(n-1, text.NewSegment(last.Start, last.Start))
		} else {
			lines.Set(n-1, text.NewSegmentPadding(last.Start, k, last.Padding))
		}
		return
	}
	node.Parent().RemoveChild(node.Parent(), node)
}

// goldSpace is goldmark's white space (util.IsSpace).
var goldSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// plainSetext is goldmark's setext heading parser with an Open that
// names the paragraph whose lines the heading takes, and a Close that
// puts a plain or deferred heading's lines aside as plainCloser does. A
// heading closes on the line after its underline, the next block to
// close after its paragraph: the lines put aside stay in document order.
// Its lines are its paragraph's, closed (trimmed) and removed from the
// tree, and nothing reads them before the inline parse.
type plainSetext struct {
	parser.BlockParser
	stop *[256]uint8 // deferStop's classes
}

func (b *plainSetext) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	b.BlockParser.Close(node, reader, pc)
	if node.Parent() != nil {
		putAside(node, reader.Source(), b.stop, plainState(pc))
	}
}

func (b *plainSetext) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	last := pc.LastOpenedBlock().Node
	node, state := b.BlockParser.Open(parent, reader, pc)
	if node != nil && last != nil {
		st := plainState(pc)
		st.setext = append(st.setext, last)
	}
	return node, state
}

// plainInline gives a plain paragraph its lines and its Text nodes back
// once goldmark has parsed its inlines (none).
type plainInline struct{}

func (*plainInline) Trigger() []byte { return nil }

func (*plainInline) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node { return nil }

func (*plainInline) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	switch parent.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
	default:
		return
	}
	lines := parent.Lines()
	if lines.Len() != 1 {
		return
	}
	mark := lines.At(0)
	if mark.Start != mark.Stop {
		return
	}
	st, ok := pc.Get(plainKey).(*plainBlocks)
	if !ok {
		return
	}
	for st.next < len(st.saved) && st.saved[st.next].first.Start < mark.Start {
		st.next++
	}
	if st.next == len(st.saved) || st.saved[st.next].first.Start != mark.Start {
		return
	}
	saved := &st.saved[st.next]
	st.next++
	saved.lines.Set(0, saved.first)
	parent.SetLines(&saved.lines)
	if saved.deferred {
		if len(st.deferred) == 0 && cap(st.deferred) < st.nDeferred {
			st.deferred = make([]ast.Node, 0, st.nDeferred) // as below
		}
		st.deferred = append(st.deferred, parent)
		return
	}
	if n := len(st.saved) - st.nDeferred; len(st.plain) == 0 && cap(st.plain) < n {
		// The blocks all closed before the inline parse: saved holds
		// every plain block there is, one list's worth.
		st.plain = make([]ast.Node, 0, n)
	}
	st.plain = append(st.plain, parent)
}

// plainStateOf returns the plainBlocks of the parse whose context is pc,
// or nil when it put nothing aside and closed no paragraph.
func plainStateOf(pc parser.Context) *plainBlocks {
	st, _ := pc.Get(plainKey).(*plainBlocks)
	return st
}

// plainBlocksOf returns the blocks of the parse whose context is pc that
// have no Text nodes yet (plainTexts makes them), in document order.
func plainBlocksOf(pc parser.Context) []ast.Node {
	if st, ok := pc.Get(plainKey).(*plainBlocks); ok {
		return st.plain
	}
	return nil
}

// plainTexts appends to n, a plain paragraph, TextBlock or heading with
// no children, the Text nodes goldmark's inline loop makes of its lines:
// one per line, in order (plainText).
func plainTexts(n ast.Node, src []byte) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		n.AppendChild(n, plainText(src, lines.At(i)))
	}
}

// plainText is the Text node goldmark's inline loop makes of line, a line
// of a plain paragraph (parser.parseBlock, without its cases of a
// backslash).
func plainText(src []byte, line text.Segment) *ast.Text {
	seg, soft, hard := plainLine(src, line)
	t := ast.NewTextSegment(seg)
	t.SetSoftLineBreak(soft)
	t.SetHardLineBreak(hard)
	return t
}

// plainLine is the segment and the line breaks of the Text node
// plainText makes of line.
func plainLine(src []byte, line text.Segment) (seg text.Segment, soft, hard bool) {
	b := src[line.Start:line.Stop]
	n := len(b)
	switch newline := b[n-1] == '\n'; {
	case newline && n >= 3 && b[n-3] == ' ' && b[n-2] == ' ': // ends with [space][space]\n
		n -= 3
		hard = true
	case newline && n >= 4 && b[n-4] == ' ' && b[n-3] == ' ' && b[n-2] == '\r': // ends with [space][space]\r\n
		n -= 4
		hard = true
	case newline:
		soft = true
	}
	if k := bytes.IndexByte(b[:n], '\n'); k >= 0 {
		n = k
	}
	seg = text.NewSegment(line.Start, line.Start+n)
	return seg.TrimRightSpace(src), soft, hard
}
