package clean

import (
	"bytes"
	"encoding/binary"
	"slices"
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A Markdown body is parsed with goldmark, the CommonMark parser Hugo
// uses (Hexo's marked follows CommonMark closely), so that code is what a
// CommonMark parser calls code: fenced blocks of backticks or tildes with
// longer fences, indented blocks, fences inside list items and block
// quotes, code spans of any backtick count and across lines. No rule edits
// inside them. The parser also gives the destinations of Markdown links,
// images, autolinks and link reference definitions, which the link rules
// rewrite as they rewrite href attributes.

// mdLink is the destination of a Markdown link, image, autolink or link
// reference definition: its byte range in the body and its value.
type mdLink struct {
	start, end int
	dest       string // as the parser read it: escapes and entities resolved
	angle      bool   // written <…>
	image      bool
	kind       string // for messages: "link", "image", "autolink", "reference"
	// For an image without a title: the whole "![alt](dest)" (open, close),
	// and when a link holds nothing but it, the whole "[![alt](dest)](href)"
	// (wrapOpen, wrapClose, wrapDest); -1 when unknown.
	open, close         int
	wrapOpen, wrapClose int
	wrapDest            string
}

// markdown is what the Markdown parse found in a body.
type markdown struct {
	code   [][2]int  // sorted, non-overlapping code ranges
	links  []mdLink  // in document order
	blocks []mdBlock // leaf text blocks, in document order
	root   ast.Node  // the parse's tree (mdAttrSettled reads its HTML blocks)

	// plain and deferred hold, while visit runs, the plain and the
	// deferred blocks it has not met yet (plainBlocksOf,
	// deferredBlocksOf).
	plain, deferred []ast.Node
}

// mdBlock is a leaf block of Markdown text: a paragraph, a heading or the
// text of a list item, as whole lines (a list item's marker and a
// quote's "> " included), so that removing it removes the block.
type mdBlock struct {
	start, end int
	tag        atom.Atom // what HTML would call it: P, H2, Li
	// plain: a plain block (mdplain.go) whose node has no Text nodes yet;
	// text reads its text from its lines, blockNode makes them. Its node
	// holds no link, image or raw HTML either way.
	plain bool
	// deferred: a deferred block (mddefer.go) whose node has no inline
	// nodes yet; blockNode and text parse them. Its node holds no link,
	// image, code span or raw HTML either way.
	deferred bool
	node     ast.Node // for its text, read only for the blocks a rule asks about
}

// mdParser is goldmark's CommonMark parser as it comes: the benchmarks'
// floor parses with it, and the tests hold mdclean's to it.
var mdParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New().Parser()
})

// mdCleanParser is the parser parseMarkdown uses: mdParser, with an HTML
// block parser that reads less of each line (mdhtmlblock.go).
var mdCleanParser = sync.OnceValue(newMarkdownParser)

// mayBeMarkdown is a quick no for bodies with nothing a Markdown parse
// would find: no backtick, no tilde fence, no line indented by four
// spaces or a tab, no link bracket or autolink. A body of HTML on one line
// (the first family) never pays for a parse.
//
// It runs on every body, so each test is one scan that the SIMD byte
// search does (a body of HTML has a '<' every few bytes: looking for
// "<http" from each '<' cost more than all the rest together).
func mayBeMarkdown(b []byte) bool {
	return bytes.IndexByte(b, '`') >= 0 || bytes.Contains(b, []byte("~~~")) || linkMark(b) ||
		hasIndentedLine(b) || autolinkOpen(b)
}

// linkMark reports whether b holds "](" or "]:".
func linkMark(b []byte) bool {
	for i := 0; i < len(b); {
		k := bytes.IndexByte(b[i:], ']')
		if k < 0 {
			return false
		}
		i += k + 1
		if i < len(b) && (b[i] == '(' || b[i] == ':') {
			return true
		}
	}
	return false
}

// linkMarks counts the "](" and "]:" of b: about the links, images and
// link reference definitions parseMarkdown finds (each holds one, and
// its table is sized with it), fewer when b has autolinks.
func linkMarks(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		k := bytes.IndexByte(b[i:], ']')
		if k < 0 {
			break
		}
		i += k + 1
		if i < len(b) && (b[i] == '(' || b[i] == ':') {
			n++
		}
	}
	return n
}

// autolinkOpen reports whether b holds "<http" or "<HTTP": it looks for
// the rarer "http" and checks the byte before.
func autolinkOpen(b []byte) bool {
	for _, m := range [...][]byte{[]byte("http"), []byte("HTTP")} {
		for i := 1; i < len(b); {
			k := bytes.Index(b[i:], m)
			if k < 0 {
				break
			}
			if b[i+k-1] == '<' {
				return true
			}
			i += k + 1
		}
	}
	return false
}

// hasIndentedLine reports whether a line of b starts with four spaces or
// a tab and holds more than white space (a blank line is no code), or
// starts a heading, a list item, a block quote or a setext underline:
// blocks the tail and widget rules must see as Markdown sees them.
//
// A line can be either only when it starts with a space, a tab or a mark
// blockMarker looks for (lineLead): the lines of a body of HTML start
// with '<' and are passed over at one table look-up each.
func hasIndentedLine(b []byte) bool {
	for i := 0; i < len(b); {
		if lineLead[b[i]] {
			if b[i] == '\t' || bytes.HasPrefix(b[i:], []byte("    ")) {
				j := bytes.IndexByte(b[i:], '\n')
				if j < 0 {
					j = len(b) - i
				}
				if !blank(b[i : i+j]) {
					return true
				}
			}
			if blockMarker(b[i:]) {
				return true
			}
		}
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

// lineLead marks the bytes a line that hasIndentedLine looks for may
// start with: a space or a tab, or a mark of blockMarker.
var lineLead = func() (t [256]bool) {
	for _, c := range []byte(" \t#-*+>=0123456789") {
		t[c] = true
	}
	return t
}()

// blockMarker reports whether line (up to its end) opens a Markdown block
// other than a paragraph: "# ", "- ", "* ", "+ ", "1. ", "1) ", "> ", or a
// setext underline of "=" or "-".
func blockMarker(line []byte) bool {
	k := 0
	for k < len(line) && k < 3 && line[k] == ' ' {
		k++
	}
	line = line[k:]
	if len(line) == 0 {
		return false
	}
	spaceAt := func(i int) bool {
		return i >= len(line) || line[i] == ' ' || line[i] == '\t' || line[i] == '\n' || line[i] == '\r'
	}
	switch c := line[0]; {
	case c == '#':
		n := 0
		for n < len(line) && n < 7 && line[n] == '#' {
			n++
		}
		return n <= 6 && spaceAt(n)
	case c == '-' || c == '*' || c == '+':
		return spaceAt(1) || c != '+' && bytes.HasPrefix(line, []byte{c, c, c})
	case c == '>':
		return true
	case c == '=':
		return bytes.HasPrefix(line, []byte("==="))
	case c >= '0' && c <= '9':
		n := 0
		for n < len(line) && n < 9 && line[n] >= '0' && line[n] <= '9' {
			n++
		}
		return n < len(line) && (line[n] == '.' || line[n] == ')') && spaceAt(n+1)
	}
	return false
}

// parseMarkdown parses body as CommonMark and returns its code ranges and
// link destinations. Callers skip it where mayBeMarkdown says no.
func parseMarkdown(body []byte) markdown {
	var md markdown
	pc := newContext()
	doc := mdCleanParser().Parse(text.NewReader(body), parser.WithContext(pc))
	md.root = doc
	md.plain = plainBlocksOf(pc)
	md.deferred = deferredBlocksOf(pc)
	// The text blocks: about the paragraphs and headings the parse
	// closed (a setext heading or a TextBlock was a paragraph), in one
	// allocation rather than grown from one. A body with none (HTML with
	// a link or two) has no table.
	if st := plainStateOf(pc); st != nil && st.closed > 0 {
		md.blocks = make([]mdBlock, 0, st.closed+4)
	}
	// The links, in one allocation most of the time; up to a bound, as
	// "](" makes no link on its own.
	if n := linkMarks(body); n > 0 {
		md.links = make([]mdLink, 0, min(n, 512))
	}
	md.visit(body, doc)
	for _, n := range md.plain {
		plainTexts(n, body) // not met in document order (never so): a block with its nodes
	}
	for _, n := range md.deferred {
		forceDeferred(n, body) // as above
	}
	md.plain, md.deferred = nil, nil
	releasePlain(pc)
	releaseContext(pc)
	md.code = mergeRanges(md.code)
	slices.SortFunc(md.links, func(x, y mdLink) int { return x.start - y.start })
	return md
}

// visit records what parseMarkdown takes from node n and, unless it is
// code, from its children, in document order (ast.Walk's order, without
// its calls on leaving each node).
func (md *markdown) visit(body []byte, n ast.Node) {
	switch n := n.(type) {
	case *ast.FencedCodeBlock:
		md.code = append(md.code, blockRange(body, n))
		return
	case *ast.CodeBlock:
		md.code = append(md.code, blockRange(body, n))
		return
	case *ast.CodeSpan:
		md.code = append(md.code, spanRange(body, n))
		return
	case *ast.Link:
		if l, ok := inlineDest(body, n.Pos(), n.Destination, false); ok {
			md.links = append(md.links, l)
		}
	case *ast.Image:
		if l, ok := inlineDest(body, n.Pos(), n.Destination, true); ok {
			l.open, l.close, l.wrapOpen, l.wrapClose = -1, -1, -1, -1
			if c := closeParen(body, l.end, l.angle); c > 0 && n.Pos() >= 0 {
				l.open, l.close = n.Pos(), c
				if p, ok := n.Parent().(*ast.Link); ok && p.ChildCount() == 1 && p.Pos() == n.Pos()-1 {
					if pl, ok := inlineDest(body, p.Pos(), p.Destination, false); ok {
						if pc := closeParen(body, pl.end, pl.angle); pc > 0 && (pl.start == c+2 || pl.start == c+3) {
							l.wrapOpen, l.wrapClose, l.wrapDest = p.Pos(), pc, pl.dest
						}
					}
				}
			}
			md.links = append(md.links, l)
		}
	case *ast.AutoLink:
		if n.AutoLinkType == ast.AutoLinkURL {
			if l, ok := autolinkDest(body, n.Pos(), n.URL(body)); ok {
				md.links = append(md.links, l)
			}
		}
	case *ast.LinkReferenceDefinition:
		if l, ok := referenceDest(body, n); ok {
			md.links = append(md.links, l)
		}
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		if b, ok := textBlock(body, n); ok {
			// The plain blocks come in document order, as visit meets
			// the text blocks.
			switch {
			case len(md.plain) > 0 && md.plain[0] == n:
				b.plain, md.plain = true, md.plain[1:]
			case len(md.deferred) > 0 && md.deferred[0] == n:
				b.deferred, md.deferred = true, md.deferred[1:]
			}
			md.blocks = append(md.blocks, b)
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.Text); ok {
			continue // most of the nodes, none of the cases above, no children
		}
		md.visit(body, c)
	}
}

// closeParen returns the offset after the ")" that closes an inline
// link's or image's destination ending at end, past a title on the same
// line; -1 when it cannot tell.
func closeParen(src []byte, end int, angle bool) int {
	if angle {
		end++ // the ">"
	}
	skip := func() {
		for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
			end++
		}
	}
	skip()
	if end < len(src) && (src[end] == '"' || src[end] == '\'' || src[end] == '(') {
		// A title on the same line: "…", '…' or (…).
		closer := src[end]
		if closer == '(' {
			closer = ')'
		}
		j := end + 1
		for j < len(src) && src[j] != closer && src[j] != '\n' {
			if src[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(src) || src[j] != closer {
			return -1
		}
		end = j + 1
		skip()
	}
	if end < len(src) && src[end] == ')' {
		return end + 1
	}
	return -1
}

// textBlock is the mdBlock of a paragraph, heading or list item text.
func textBlock(src []byte, n ast.Node) (mdBlock, bool) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return mdBlock{}, false
	}
	b := mdBlock{start: lineStart(src, lines.At(0).Start), end: lineEnd(src, lines.At(lines.Len()-1).Stop), tag: atom.P, node: n}
	if h, ok := n.(*ast.Heading); ok {
		b.tag = [...]atom.Atom{atom.H1, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6}[min(h.Level, 6)]
		if line := bytes.TrimLeft(src[b.start:b.end], " \t>"); len(line) == 0 || line[0] != '#' {
			b.end = lineEnd(src, b.end) // a setext heading: its underline too
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.ListItem); ok {
			b.tag = atom.Li
			break
		}
	}
	return b, true
}

// blockNode is the node of text block i, with its inline nodes: a plain
// block's Text nodes are made on the first call, a deferred block's
// inlines parsed.
func (md *markdown) blockNode(src []byte, i int) ast.Node {
	bl := &md.blocks[i]
	if bl.plain {
		plainTexts(bl.node, src)
		bl.plain = false
	}
	if bl.deferred {
		forceDeferred(bl.node, src)
		bl.deferred = false
	}
	return bl.node
}

// text is mdText of text block i. A plain block's is read from its lines,
// each as the walk reads the Text node that plainText makes of it, with
// no node made (TestMdTextPlain holds it to mdText of the nodes).
func (md *markdown) text(src []byte, i int, buf []byte, beacon func(string) bool) (text []byte, media bool) {
	bl := &md.blocks[i]
	if !bl.plain {
		return mdText(src, md.blockNode(src, i), buf, beacon)
	}
	t := mdTextReader{src: src, buf: buf, space: true}
	lines := bl.node.Lines()
	for k := 0; k < lines.Len(); k++ {
		t.line(lines.At(k))
	}
	if len(t.buf) > 0 && t.buf[len(t.buf)-1] == ' ' {
		t.buf = t.buf[:len(t.buf)-1]
	}
	return t.buf, false
}

// mdText is the visible text of a Markdown block: its text, code spans
// and autolinks, white space collapsed; media reports an image in it
// that is no beacon (with a nil beacon, any image).
func mdText(src []byte, n ast.Node, buf []byte, beacon func(string) bool) (text []byte, media bool) {
	t := mdTextReader{src: src, buf: buf, space: true, beacon: beacon}
	t.walk(n)
	if len(t.buf) > 0 && t.buf[len(t.buf)-1] == ' ' {
		t.buf = t.buf[:len(t.buf)-1]
	}
	return t.buf, t.media
}

// mdTextReader reads the text of a Markdown block for mdText.
type mdTextReader struct {
	src    []byte
	buf    []byte
	space  bool // at a space, or at the start: a space adds nothing
	media  bool
	beacon func(string) bool // nil: no image is a beacon
}

// walk adds the text of node n and, unless it is a link's label, an
// image or raw HTML, of its children, in document order (ast.Walk's,
// without its calls on leaving each node).
func (t *mdTextReader) walk(n ast.Node) {
	switch c := n.(type) {
	case *ast.Text:
		t.text(c.Segment.Value(t.src), c.SoftLineBreak(), c.HardLineBreak())
	case *ast.String:
		t.add(c.Value)
	case *ast.AutoLink:
		t.add(c.Label(t.src))
		return
	case *ast.Image:
		t.media = t.media || t.beacon == nil || !t.beacon(string(c.Destination)) // a beacon is no content
		return
	case *ast.RawHTML:
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t.walk(c)
	}
}

// text adds the text of a Text node: its bytes b, and a space for a line
// break.
func (t *mdTextReader) text(b []byte, soft, hard bool) {
	t.add(b)
	if (soft || hard) && !t.space {
		t.buf = append(t.buf, ' ') // what add(" ") adds
		t.space = true
	}
}

// line adds the text of line, a line of a plain block: what walk adds
// of the Text node plainText makes of it.
func (t *mdTextReader) line(line text.Segment) {
	seg, soft, hard := plainLine(t.src, line)
	t.text(seg.Value(t.src), soft, hard)
}

// add adds b, white space collapsed.
func (t *mdTextReader) add(b []byte) {
	if bytes.IndexByte(b, '&') >= 0 {
		b = []byte(html.UnescapeString(string(b)))
	}
	for i, run := 0, 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			// ASCII: a space, or a run of what is none, copied in one
			// go.
			if asciiSpace[c] {
				if !t.space {
					t.buf = append(t.buf, ' ')
					t.space = true
				}
				i++
				continue
			}
			// The run takes in a single ' ' between two such bytes:
			// after a byte that is no space, add(" ") adds just it (the
			// words of English text are copied a line at a time). At
			// the top of the loop, b[j-1] is such a byte; eight bytes
			// go in at once when asciiRun says they all would one by
			// one, and a ' ' last among them before such a byte.
			j := i + 1
			for j < len(b) {
				if j+8 <= len(b) {
					if x := binary.LittleEndian.Uint64(b[j:]); asciiRun(x) &&
						(x>>56 != ' ' || j+8 < len(b) && b[j+8] < utf8.RuneSelf && !asciiSpace[b[j+8]]) {
						j += 8
						continue
					}
				}
				if c := b[j]; c >= utf8.RuneSelf || asciiSpace[c] {
					if c != ' ' || j+1 >= len(b) || b[j+1] >= utf8.RuneSelf || asciiSpace[b[j+1]] {
						break
					}
					j++
				}
				j++
			}
			t.buf = append(t.buf, b[i:j]...)
			t.space = false
			i = j
			continue
		}
		// Past ASCII, a run of bytes that begin no white space
		// (spaceLead) is copied in one go when it is valid UTF-8
		// (CJK text is all such runes): none of its runes is a space,
		// none is invalid, and each is its own bytes, as the rune loop
		// below would copy them. Its end is a rune's start: a
		// continuation byte is no space's lead. An invalid run goes
		// rune by rune up to its end (run). mdRun finds the run's end
		// and whether it is valid in one pass.
		if i >= run {
			k, valid := mdRun(b, i)
			run = k
			if k > i && valid {
				t.buf = append(t.buf, b[i:k]...)
				t.space = false
				i = k
				continue
			}
		}
		c, n := utf8.DecodeRune(b[i:])
		switch {
		case isSpaceRune(c):
			if !t.space {
				t.buf = append(t.buf, ' ')
				t.space = true
			}
		case c == utf8.RuneError && n == 1:
			t.buf = utf8.AppendRune(t.buf, c) // a byte that is no UTF-8 reads as U+FFFD
			t.space = false
		default:
			t.buf = append(t.buf, b[i:i+n]...) // valid UTF-8: the rune's own bytes
			t.space = false
		}
		i += n
	}
}

// asciiRun reports whether the eight bytes of x are ASCII, none below
// 0x20 (so that the only white space among them is ' '), and no ' ' next
// to another: after a byte that is no space, mdTextReader.add copies
// them as they are, but a last ' ', which needs a byte after it that is
// no space. Each test is exact for "there is such a byte" (see "Bit
// Twiddling Hacks", haszero and hasless); TestAsciiRun holds it to a
// look at each byte.
func asciiRun(x uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	if x&hi != 0 || (x-0x20*lo)&^x&hi != 0 {
		return false // a byte past ASCII, or below 0x20
	}
	y := x ^ 0x20*lo
	spaces := ^((y&(0x7F*lo) + 0x7F*lo) | y) & hi // exactly the high bits of the ' ' bytes
	return spaces&(spaces>>8) == 0
}

// mdRun returns the end of the run of bytes from i that begin no white
// space (spaceLead) and whether the run is valid UTF-8, as
// utf8.Valid(b[i:end]) says. The three-byte runes of CJK text, whose
// lead bytes 0xE4-0xEC and 0xEE-0xEF take any two continuation bytes,
// are read without a decode; any other rune is decoded.
func mdRun(b []byte, i int) (end int, valid bool) {
	valid = true
	for i < len(b) {
		c := b[i]
		if spaceLead[c] {
			break
		}
		switch {
		case c < utf8.RuneSelf:
			i++
		case (0xE4 <= c && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(b) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80:
			i += 3
		default:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				valid = false
			}
			i += n
		}
	}
	return i, valid
}

// isSpaceRune is unicode.IsSpace without its table search for the runes
// past Latin-1 (CJK text is all such runes): Unicode's White_Space there
// is U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000
// (TestIsSpaceRune checks every rune).
func isSpaceRune(r rune) bool {
	if r < 0x100 {
		return unicode.IsSpace(r)
	}
	switch {
	case r == 0x1680, 0x2000 <= r && r <= 0x200a, r == 0x2028, r == 0x2029, r == 0x202f, r == 0x205f, r == 0x3000:
		return true
	}
	return false
}

// blockRange is the byte range of a code block: from the start of its
// first line (the opening fence of a fenced block) to the end of its last
// (the closing fence, if any).
func blockRange(src []byte, n ast.Node) [2]int {
	start, end := -1, -1
	lines := n.Lines()
	if lines.Len() > 0 {
		start, end = lines.At(0).Start, lines.At(lines.Len()-1).Stop
	}
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		// The fences are not among the lines: take the whole lines around.
		if start < 0 {
			start, end = n.Pos(), n.Pos()
		}
		if f.Info != nil {
			start = min(start, f.Info.Segment.Start)
		}
		start = min(start, n.Pos())
		start = lineStart(src, start)
		if lines.Len() > 0 {
			end = lineEnd(src, end)
		}
		// The closing fence: the next line, if it is one.
		end = closingFence(src, start, end)
	} else if start >= 0 {
		start = lineStart(src, start)
	}
	if start < 0 {
		start, end = n.Pos(), n.Pos()
	}
	return [2]int{start, min(max(end, start), len(src))}
}

func lineStart(src []byte, i int) int {
	i = min(max(i, 0), len(src))
	if j := bytes.LastIndexByte(src[:i], '\n'); j >= 0 {
		return j + 1
	}
	return 0
}

func lineEnd(src []byte, i int) int {
	i = min(max(i, 0), len(src))
	if i > 0 && src[i-1] == '\n' {
		return i
	}
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(src)
}

// closingFence extends end over the fence line that closes the block
// opened at start, if the line at end is one.
func closingFence(src []byte, start, end int) int {
	open := bytes.TrimLeft(src[start:lineEnd(src, start)], " \t>")
	if len(open) < 3 || (open[0] != '`' && open[0] != '~') {
		return end
	}
	n := 0
	for n < len(open) && open[n] == open[0] {
		n++
	}
	if end >= len(src) {
		return end
	}
	// The open fence line itself may be the last line (an empty block).
	if end <= start {
		end = lineEnd(src, start)
	}
	next := lineEnd(src, end)
	l := bytes.TrimRight(bytes.TrimLeft(src[end:next], " \t>"), " \t\r\n")
	if len(l) >= n && l[0] == open[0] && len(bytes.Trim(l, string(open[:1]))) == 0 {
		return next
	}
	return end
}

// spanRange is the byte range of a code span with its backticks.
func spanRange(src []byte, n *ast.CodeSpan) [2]int {
	start := n.Pos()
	end := start
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			end = max(end, t.Segment.Stop)
		}
	}
	// The opening run of backticks fixes the closing one's length.
	k := start
	for k < len(src) && src[k] == '`' {
		k++
	}
	ticks := k - start
	end = max(end, k)
	for end < len(src) && src[end] != '`' {
		end++ // white space that the span strips
	}
	m := end
	for m < len(src) && src[m] == '`' && m-end < ticks {
		m++
	}
	return [2]int{start, m}
}

// mergeRanges sorts ranges and merges those that overlap.
func mergeRanges(rs [][2]int) [][2]int {
	if len(rs) < 2 {
		return rs
	}
	slices.SortFunc(rs, func(x, y [2]int) int { return x[0] - y[0] })
	out := rs[:1]
	for _, r := range rs[1:] {
		last := &out[len(out)-1]
		if r[0] <= last[1] {
			last[1] = max(last[1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// inCode reports whether off lies in one of the sorted code ranges.
func (md *markdown) inCode(off int) bool {
	// Inline, a body without code ranges (an HTML one) is answered
	// without a call: parseWith asks of every tag.
	return len(md.code) > 0 && md.inCodeSearch(off)
}

// inCodeSearch is inCode's binary search of the ranges.
func (md *markdown) inCodeSearch(off int) bool {
	i := sort.Search(len(md.code), func(i int) bool { return md.code[i][1] > off })
	return i < len(md.code) && md.code[i][0] <= off
}

// overlapsCode reports whether [start, end) overlaps a code range.
func (md *markdown) overlapsCode(start, end int) bool {
	i := sort.Search(len(md.code), func(i int) bool { return md.code[i][1] > start })
	return i < len(md.code) && md.code[i][0] < end
}

// inlineDest finds the destination of the inline link or image whose
// opening bracket is at pos: after the matching "](". It is accepted only
// when what it reads is what the parser read (want), so a scan that went
// wrong never edits anything.
func inlineDest(src []byte, pos int, want []byte, image bool) (mdLink, bool) {
	if pos < 0 || pos >= len(src) {
		return mdLink{}, false
	}
	i := pos
	if src[i] == '!' {
		i++
	}
	if i >= len(src) || src[i] != '[' {
		return mdLink{}, false
	}
	i = labelEnd(src, i)
	if i+1 >= len(src) || src[i] != ']' || src[i+1] != '(' {
		return mdLink{}, false // a reference link: its destination is in the definition
	}
	return destAt(src, i+2, want, image, "link")
}

// labelEnd returns the offset of the ']' that closes the link text
// whose '[' is at i (brackets nested, a backslash escaping the byte
// after it, a code span's bytes passed over), or where the scan
// stopped. The bytes labelMark does not mark change nothing (the depth
// after the '[' is at least one, until the scan stops), so runs of them
// are passed over in one loop (TestLabelEnd holds it to the byte-by-byte
// scan).
func labelEnd(src []byte, i int) int {
	depth := 0
	for ; i < len(src); i++ {
		for i < len(src) && !labelMark[src[i]] {
			i++
		}
		if i >= len(src) {
			break
		}
		switch src[i] {
		case '\\':
			i++
		case '`':
			// A code span in the link text: skip to its closing run.
			k := i
			for k < len(src) && src[k] == '`' {
				k++
			}
			run := src[i:k]
			if j := bytes.Index(src[k:], run); j >= 0 {
				i = k + j + len(run) - 1
			} else {
				i = k - 1
			}
		case '[':
			depth++
		case ']':
			depth--
		}
		if depth == 0 {
			break
		}
	}
	return i
}

// labelMark marks the bytes labelEnd looks at.
var labelMark = [256]bool{'\\': true, '`': true, '[': true, ']': true}

// destAt reads a link destination starting at or after p (white space
// and one line ending may come first).
func destAt(src []byte, p int, want []byte, image bool, kind string) (mdLink, bool) {
	for p < len(src) && (src[p] == ' ' || src[p] == '\t' || src[p] == '\n' || src[p] == '\r') {
		p++
	}
	if p >= len(src) {
		return mdLink{}, false
	}
	l := mdLink{image: image, kind: kind}
	if image {
		l.kind = "image"
	}
	if src[p] == '<' {
		e := p + 1
		for e < len(src) && src[e] != '>' && src[e] != '\n' && src[e] != '<' {
			if src[e] == '\\' {
				e++
			}
			e++
		}
		if e >= len(src) || src[e] != '>' {
			return mdLink{}, false
		}
		l.start, l.end, l.angle = p+1, e, true
	} else {
		e, depth := p, 0
		for e < len(src) {
			for e < len(src) && !destMark[src[e]] {
				e++ // a byte the cases below pass over
			}
			if e >= len(src) {
				break
			}
			c := src[e]
			if c <= ' ' {
				break
			}
			if c == '\\' && e+1 < len(src) {
				e += 2
				continue
			}
			if c == '(' {
				depth++
			} else if c == ')' {
				if depth == 0 {
					break
				}
				depth--
			}
			e++
		}
		l.start, l.end = p, e
	}
	if !bytes.Equal(src[l.start:l.end], want) {
		return mdLink{}, false
	}
	l.dest = string(unescapeDest(want))
	return l, true
}

// destMark marks the bytes destAt looks at in a destination without
// angle brackets: the ones that end it, a backslash, the parentheses.
var destMark = func() (t [256]bool) {
	for c := 0; c <= ' '; c++ {
		t[c] = true
	}
	t['\\'], t['('], t[')'] = true, true, true
	return t
}()

// autolinkDest is the URL of an autolink <https://…> at pos.
func autolinkDest(src []byte, pos int, want []byte) (mdLink, bool) {
	if pos < 0 || pos >= len(src) || src[pos] != '<' {
		return mdLink{}, false
	}
	e := bytes.IndexByte(src[pos:], '>')
	if e < 0 || !bytes.Equal(src[pos+1:pos+e], want) {
		return mdLink{}, false
	}
	return mdLink{start: pos + 1, end: pos + e, dest: string(want), angle: true, kind: "autolink"}, true
}

// referenceDest is the destination of a link reference definition
// "[label]: destination".
func referenceDest(src []byte, n *ast.LinkReferenceDefinition) (mdLink, bool) {
	p := n.Pos()
	if lines := n.Lines(); lines.Len() > 0 {
		p = lines.At(0).Start
	}
	if p < 0 || p >= len(src) {
		return mdLink{}, false
	}
	for p < len(src) && src[p] == ' ' {
		p++
	}
	if p >= len(src) || src[p] != '[' {
		return mdLink{}, false
	}
	for i := p + 1; i < len(src); i++ {
		if src[i] == '\\' {
			i++
			continue
		}
		if src[i] == ']' {
			if i+1 < len(src) && src[i+1] == ':' {
				return destAt(src, i+2, n.Destination, false, "reference")
			}
			return mdLink{}, false
		}
	}
	return mdLink{}, false
}

// entityLike reports whether s, which starts with '&', starts with what
// a CommonMark parser may read as a character reference: '&', a name or
// '#' and digits, then ';'.
func entityLike(s string) bool {
	i := 1
	if i < len(s) && s[i] == '#' {
		i++
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i++
		}
	}
	j := i
	for j < len(s) && j-i < 32 && (s[j] >= '0' && s[j] <= '9' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
		j++
	}
	return j > i && j < len(s) && s[j] == ';'
}

// unescapeDest resolves backslash escapes and entities as CommonMark does
// in a link destination.
func unescapeDest(b []byte) []byte {
	if bytes.IndexByte(b, '\\') < 0 && bytes.IndexByte(b, '&') < 0 {
		return b
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b)))
}

// mdDestination spells url as a Markdown link destination that a
// CommonMark parser reads back as url: as it is when it can be, else
// with the characters that would end or change it percent-encoded. It
// reports false when no spelling reads back (the caller leaves the link).
func mdDestination(url string, angle bool) (string, bool) {
	// Balanced parentheses may stand as they are (CommonMark counts them).
	balanced, depth := true, 0
	for i := 0; i < len(url); i++ {
		switch url[i] {
		case '(':
			depth++
		case ')':
			depth--
			balanced = balanced && depth >= 0
		}
	}
	keepParens := angle || (balanced && depth == 0)
	// b is the spelling; want, the URL the parser must read back from it
	// (url with the same characters percent-encoded).
	var b, want []byte
	for i := 0; i < len(url); i++ {
		c := url[i]
		switch {
		case c < ' ' || c == 0x7f:
			return "", false
		case c == ' ' || c == '<' || c == '>' || (!keepParens && (c == '(' || c == ')')):
			pct := []byte{'%', "0123456789ABCDEF"[c>>4], "0123456789ABCDEF"[c&15]}
			b, want = append(b, pct...), append(want, pct...)
		case c == '&' && !entityLike(url[i:]):
			// A bare '&' is one to every reader: CommonMark reads no
			// entity without a ';', and kramdown (Jekyll's default),
			// which takes a destination's bytes as they are, would keep
			// the backslash of "\\&" in the href.
			b, want = append(b, c), append(want, c)
		case c == '&':
			b, want = append(b, "&amp;"...), append(want, c) // read as '&' by CommonMark and by a browser after kramdown
		case c == '\\':
			b, want = append(b, '\\', c), append(want, c) // an escape, never an escape sequence
		default:
			b, want = append(b, c), append(want, c)
		}
	}
	if !bytes.Equal(unescapeDest(b), want) {
		return "", false
	}
	return string(b), true
}
