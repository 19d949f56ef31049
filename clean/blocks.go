package clean

import (
	"bytes"
	"encoding/binary"
	mathbits "math/bits"
	"sort"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The body's leaf blocks: what the tail and widget rules walk.

// blockKind names what the source says a leaf block is, for HTML and
// Markdown alike. It knows no rule: the tail rule's verdicts on a block
// (a headline, a footer) are its own (tailBlock).
type blockKind uint8

const (
	blockLoose     blockKind = iota // loose text and inline markup between blocks
	blockParagraph                  // a <p>, a Markdown paragraph
	blockHeading                    // an <h1>…<h6>, a Markdown heading
	blockListItem                   // an <li>, <dt> or <dd>, a Markdown list item's text
	blockCaption                    // a <figcaption>, or a <figure> with no block inside
	blockQuote                      // a <blockquote> with no block inside
	blockCode                       // a <pre> (its code is never edited)
	blockTemplate                   // a block that overlaps template code: loose text
	blockTableCell                  // a <td> or <th>
	blockOther                      // any other element: a <div>, an empty <section>
)

func (k blockKind) String() string {
	return [...]string{"loose", "paragraph", "heading", "list item", "caption", "quote", "code", "template", "table cell", "other"}[k]
}

// kindOf is the kind of a leaf block of element (or Markdown) tag a.
func kindOf(a atom.Atom) blockKind {
	switch a {
	case atom.P:
		return blockParagraph
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return blockHeading
	case atom.Li, atom.Dt, atom.Dd:
		return blockListItem
	case atom.Figcaption, atom.Figure:
		return blockCaption
	case atom.Blockquote:
		return blockQuote
	case atom.Pre:
		return blockCode
	case atom.Td, atom.Th:
		return blockTableCell
	}
	return blockOther
}

// block is one leaf block of the body: an element with no block children
// (a <p>, an <h3>, an empty <div>), or a run of loose text and inline
// markup between blocks.
//
// The fields are in this order to leave no padding between them (64
// bytes, not 80): a body of 10 MB may hold 600,000 blocks.
type block struct {
	start, end int
	elem       int // an element; -1 for loose text, which is never removed; mdLeaf for Markdown
	md         int // with mdLeaf: the index in doc.md.blocks, or -1 for a paragraph split at blank lines
	parent     int
	// text is the block's visible text and media whether it holds an
	// image or a video, once read (textRead: see readText): read by the
	// first rule that needs them, kept for the others.
	text            string
	tag             atom.Atom
	kind            blockKind
	textRead, media bool
}

// mdLeaf is the elem of a Markdown block: a paragraph, heading or list
// item of a Markdown body, in whole lines.
const mdLeaf = -2

// blocks lists the leaf blocks of the body in document order.
//
// The list is built once per body and shared by the tail and widget
// rules: the texts the tail rule read stay on its blocks for the other.
func (b *bodyCleaner) blocks() []block {
	if b.blockList != nil {
		return b.blockList
	}
	s := blockSink{out: b.scratch.blocks[:0]}
	if len(b.d.src) > bigBody {
		// A big body's list is counted first and made once (see
		// bigBody): grown by append, 10 MB of short paragraphs' list of
		// 25 MB left 100 MB of garbage.
		count := blockSink{count: true}
		b.leafBlocks(&count)
		// The memory bound: the blocks beyond the tags' share are
		// charged as a change is (see costPerBlock); past the limit
		// the body is left alone, with no blocks to walk.
		if extra := count.n - bytes.Count(b.d.src, []byte{'<'})/2; extra > 0 {
			if b.spent += extra * costPerBlock; b.spent > b.limit {
				b.over = true
				b.blockList = []block{}
				return b.blockList
			}
		}
		s.out = grow(s.out, count.n)
	}
	b.leafBlocks(&s)
	out := b.d.templateLoose(s.out)
	b.scratch.blocks, b.blockList = out[:0], out
	return out
}

// blockSink takes the leaf blocks as leafBlocks finds them: it appends
// them to out, or only counts them in n (count).
type blockSink struct {
	out   []block
	n     int
	count bool
}

func (s *blockSink) add(bl block) {
	if s.count {
		s.n++
		return
	}
	s.out = append(s.out, bl)
}

// leafBlocks finds the leaf blocks of the body in document order.
func (b *bodyCleaner) leafBlocks(out *blockSink) {
	d := b.d
	loose := block{start: -1, elem: -1}
	hasText := false
	flush := func() {
		if loose.start >= 0 && hasText {
			if d.markdownBody {
				b.splitMarkdown(loose, out)
			} else {
				out.add(loose)
			}
		}
		loose, hasText = block{start: -1, elem: -1}, false
	}
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if t.elem >= 0 && (t.kind == html.StartTagToken || t.kind == html.SelfClosingTagToken) {
			e := &d.elems[t.elem]
			if blockTags(e.tag) || e.tag == atom.Br {
				flush()
				if e.tag != atom.Br && !e.blockKids && e.closed() && !e.code {
					out.add(block{start: e.start, end: e.end, elem: int(t.elem), tag: e.tag, parent: e.parent, kind: kindOf(e.tag)})
					i = e.lastTok
				}
				continue
			}
		}
		if t.kind == html.EndTagToken && blockTags(t.tag) {
			flush()
			continue
		}
		if loose.start < 0 {
			loose.start = t.start
		}
		loose.end = t.end
		if t.kind == html.TextToken && !blank(d.src[t.start:t.end]) {
			hasText = true
		}
	}
	flush()
}

// splitMarkdown adds the blocks of a run of loose text in a Markdown
// body to out: the Markdown blocks that lie in it in whole lines, as
// blocks a rule may remove; what is left (text that shares a line with
// HTML markup) as loose text, which none removes.
func (b *bodyCleaner) splitMarkdown(loose block, out *blockSink) {
	src := b.d.src
	parent := b.enclosing(loose.start, loose.end)
	pos := loose.start
	emit := func(bl block) {
		if bl.start > pos && !blank(src[pos:bl.start]) {
			out.add(block{start: pos, end: bl.start, elem: -1, parent: parent})
		}
		out.add(bl)
		pos = bl.end
	}
	inRun := func(start, end int) bool {
		return start >= loose.start && (end <= loose.end || blank(src[loose.end:end]))
	}
	if mb := b.d.md.blocks; b.d.md.root != nil {
		// Parsed: its blocks are the parse's, none when the parse found
		// none (a body of code, or of HTML blocks). Read by a nil test, a
		// body whose parse has no leaf block was split at blank lines as
		// if unparsed, code included, and a rule's edit there failed the
		// code check, dropping the round's other edits with it.
		i := sort.Search(len(mb), func(i int) bool { return mb[i].end > loose.start })
		for ; i < len(mb) && mb[i].start < loose.end; i++ {
			if inRun(mb[i].start, mb[i].end) && mb[i].start >= pos {
				emit(block{start: mb[i].start, end: mb[i].end, elem: mdLeaf, md: i, tag: mb[i].tag, parent: parent, kind: kindOf(mb[i].tag)})
			}
		}
	} else {
		// Not parsed (nothing in the body a parse would find): its blocks
		// are the paragraphs between blank lines.
		next := func(i int) int { // the start of the line after the one at i
			if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
				return i + j + 1
			}
			return len(src)
		}
		for p := loose.start; p < loose.end; {
			q := p
			for q < loose.end && !blank(src[q:next(q)]) {
				q = next(q)
			}
			if q > p && (p == 0 || src[p-1] == '\n') && inRun(p, q) { // p starts a line (lineStart(src, p) == p, not read back)
				emit(block{start: p, end: q, elem: mdLeaf, md: -1, tag: atom.P, parent: parent, kind: blockParagraph})
			}
			if q == p {
				q = next(p)
			}
			for q < loose.end && blank(src[q:next(q)]) {
				q = next(q)
			}
			p = q
		}
	}
	if pos < loose.end && !blank(src[pos:loose.end]) {
		out.add(block{start: pos, end: loose.end, elem: -1, parent: parent})
	}
}

// enclosing returns the innermost element around [start, end), or -1.
func (b *bodyCleaner) enclosing(start, end int) int {
	toks := b.d.toks
	k := sort.Search(len(toks), func(i int) bool { return toks[i].start >= start }) - 1
	for ; k >= 0; k-- {
		if t := toks[k]; t.elem >= 0 && t.kind == html.StartTagToken {
			break
		}
	}
	if k < 0 {
		return -1
	}
	for e := int(toks[k].elem); e >= 0; e = b.d.elems[e].parent {
		if el := &b.d.elems[e]; el.closeStart < 0 || el.closeStart >= end {
			return e
		}
	}
	return -1
}

// readText reads the visible text of block bl once (textOf), for every
// rule that asks.
func (b *bodyCleaner) readText(bl *block) (text string, media bool) {
	if !bl.textRead {
		bl.text, bl.media = b.textOf(bl)
		bl.textRead = true
	}
	return bl.text, bl.media
}

// textOf is the visible text of a block (an element or Markdown).
func (b *bodyCleaner) textOf(bl *block) (text string, media bool) {
	if bl.elem >= 0 {
		return b.blockText(bl.elem)
	}
	if bl.elem == mdLeaf && bl.md >= 0 {
		// With anyImage every image is media, as tokensText counts an
		// HTML one: no beacon is asked about (nor its address copied:
		// a nil beacon). The method value of b (an allocation) is made
		// once a body, not for each read.
		var beacon func(string) bool
		if !b.anyImage {
			if b.beaconFn == nil {
				b.beaconFn = b.isBeacon
			}
			beacon = b.beaconFn
		}
		buf, media := b.d.md.text(b.d.src, bl.md, b.scratch.text[:0], beacon)
		b.scratch.text = buf
		return b.keep(buf), media
	}
	first, last := b.tokenRange(bl)
	return b.tokensText(first, last, bl.start, bl.end)
}

// tokenRange is the tokens of a block that is no element (loose text, a
// Markdown paragraph not parsed): those strictly between first and last,
// its text within bytes [bl.start, bl.end) of theirs.
func (b *bodyCleaner) tokenRange(bl *block) (first, last int) {
	k := sort.Search(len(b.d.toks), func(i int) bool { return b.d.toks[i].end > bl.start })
	j := sort.Search(len(b.d.toks), func(i int) bool { return b.d.toks[i].start >= bl.end })
	return k - 1, j
}

// blockText is the visible text of element i, entities decoded and white
// space collapsed (so it is also trimmed).
func (b *bodyCleaner) blockText(i int) (text string, media bool) {
	e := &b.d.elems[i]
	return b.tokensText(e.firstTok, e.lastTok, 0, len(b.d.src))
}

// rawTextDepth tracks the nesting of <script> and <style> over a walk of
// tokens: it returns the depth after t. Text at a depth above 0 is code,
// not visible text.
func rawTextDepth(t token, depth int) int {
	if t.tag == atom.Script || t.tag == atom.Style {
		switch t.kind {
		case html.StartTagToken:
			return depth + 1
		case html.EndTagToken:
			return depth - 1
		}
	}
	return depth
}

// tokensText is the visible text of the tokens strictly between first
// and last, within bytes [lo, hi).
func (b *bodyCleaner) tokensText(first, last, lo, hi int) (text string, media bool) {
	buf := b.scratch.text[:0]
	skip := 0
	space := true // at the start: drop leading white space
	for k := first + 1; k < last; k++ {
		t := b.d.toks[k]
		skip = rawTextDepth(t, skip)
		switch t.kind {
		case html.StartTagToken, html.SelfClosingTagToken:
			switch t.tag {
			case atom.Img:
				// A pixel or a beacon is no content: a footer that holds
				// one is still a footer.
				media = media || t.elem < 0 || b.anyImage || b.trackingKind(int(t.elem)).what == ""
			case atom.Video, atom.Iframe, atom.Picture, atom.Svg, atom.Audio, atom.Object, atom.Embed:
				media = true
			}
		case html.TextToken:
			if skip != 0 {
				continue
			}
			raw := b.d.src[max(t.start, lo):max(min(t.end, hi), lo)]
			if bytes.IndexByte(raw, '&') >= 0 {
				raw = []byte(html.UnescapeString(string(raw)))
			}
			buf, space = appendCollapsed(buf, raw, space)
		}
	}
	if len(buf) > 0 && buf[len(buf)-1] == ' ' {
		buf = buf[:len(buf)-1]
	}
	b.scratch.text = buf
	return b.keep(buf), media
}

// partText is part of the visible text of the tokens strictly between
// first and last, within bytes [lo, hi) (tokensText, without media), the
// first of them inside
// skip <script> or <style> elements (see rawTextDepth), in the scratch
// buffer. With limit >= 0 it stops once it holds more than limit bytes
// and says so: it then holds the text's start (white space is collapsed
// from the start on, and trimmed only at the end: its last space is
// dropped). With tail >= 0 it reads of the first token, when it is text
// longer than tail bytes (entities decoded), only the end from a rune's
// start about tail bytes before it, and says so (stopped): it then holds
// the end of the text from there.
//
// A text is read in parts (appendCollapsed of each, one after the
// other) cut before a byte that is no continuation byte: no rune of it
// (nor any of the runes appendCollapsed decodes, valid or not) spans
// such a byte, so the parts give the whole's text.
func (b *bodyCleaner) partText(first, last, lo, hi, skip, limit, tail int) (_ []byte, stopped bool) {
	buf := b.scratch.text[:0]
	space := true // at the start: drop leading white space
	for k := first + 1; k < last; k++ {
		t := b.d.toks[k]
		skip = rawTextDepth(t, skip)
		if t.kind != html.TextToken || skip != 0 {
			continue
		}
		raw := b.d.src[max(t.start, lo):max(min(t.end, hi), lo)]
		if bytes.IndexByte(raw, '&') >= 0 {
			raw = []byte(html.UnescapeString(string(raw)))
		}
		if tail >= 0 && k == first+1 && len(raw) > tail {
			raw, stopped = raw[runeStartFrom(raw, len(raw)-tail):], true
		}
		if limit < 0 {
			buf, space = appendCollapsed(buf, raw, space)
			continue
		}
		// The text's start: no more of it than may be needed (a part
		// never gives more bytes than it has).
		for len(raw) > 0 && !stopped {
			p := runeStartFrom(raw, max(limit+1-len(buf), 64))
			buf, space = appendCollapsed(buf, raw[:p], space)
			raw = raw[p:]
			if len(buf) > limit {
				stopped, k = true, last
			}
		}
	}
	if len(buf) > 0 && buf[len(buf)-1] == ' ' {
		buf = buf[:len(buf)-1]
	}
	b.scratch.text = buf
	return buf, stopped
}

// runeStartFrom is the first offset from i on in raw (or len(raw)) that
// holds no continuation byte: a rune starts there.
func runeStartFrom(raw []byte, i int) int {
	i = min(i, len(raw))
	for i < len(raw) && raw[i]&0xC0 == 0x80 {
		i++
	}
	return i
}

// textPrefix is the start of block bl's visible text, at least limit
// bytes of it, or "" and whole when the text is no longer than limit
// bytes and a read of it all is what the caller needs. The text is in
// the scratch buffer, valid until the next read.
func (b *bodyCleaner) textPrefix(bl *block, limit int) (prefix string, whole bool) {
	var buf []byte
	stopped := false
	switch {
	case bl.elem >= 0:
		e := &b.d.elems[bl.elem]
		buf, stopped = b.partText(e.firstTok, e.lastTok, 0, len(b.d.src), 0, limit, -1)
	case bl.elem == mdLeaf && bl.md >= 0:
		// A block's text is its children's, read in order (mdText), a
		// plain block's its lines' (markdown.text).
		t := mdTextReader{src: b.d.src, buf: b.scratch.text[:0], space: true}
		if m := &b.d.md.blocks[bl.md]; m.plain {
			lines := m.node.Lines()
			for k := 0; k < lines.Len() && !stopped; k++ {
				t.line(lines.At(k))
				stopped = len(t.buf) > limit
			}
		} else {
			for c := b.d.md.blockNode(b.d.src, bl.md).FirstChild(); c != nil && !stopped; c = c.NextSibling() {
				t.walk(c)
				stopped = len(t.buf) > limit
			}
		}
		buf = t.buf
		if len(buf) > 0 && buf[len(buf)-1] == ' ' {
			buf = buf[:len(buf)-1]
		}
	default:
		first, last := b.tokenRange(bl)
		buf, stopped = b.partText(first, last, bl.start, bl.end, 0, limit, -1)
	}
	b.scratch.text = buf
	if !stopped {
		return "", true
	}
	return unsafe.String(&buf[0], len(buf)), false
}

// textSuffix is the end of block bl's visible text, more than need bytes
// of it or all of it. It reads the block's last tokens (or Markdown
// children), with as many before them as it takes: the text they make is
// the whole text's end, but for a space at the start that the whole has
// when what comes before ends in none. The text is in the scratch
// buffer, valid until the next read.
func (b *bodyCleaner) textSuffix(bl *block, need int) string {
	var buf []byte
	if bl.elem != mdLeaf || bl.md < 0 {
		first, last, lo, hi := 0, 0, bl.start, bl.end
		if bl.elem >= 0 {
			e := &b.d.elems[bl.elem]
			first, last, lo, hi = e.firstTok, e.lastTok, 0, len(b.d.src)
		} else {
			first, last = b.tokenRange(bl)
		}
		toks := b.d.toks
		for window := 4 * need; ; window *= 4 {
			j, raw := last, 0
			for j > first+1 && raw < window {
				j--
				if t := toks[j]; t.kind == html.TextToken {
					raw += t.end - t.start
				}
			}
			skip := 0 // as the walk from the start has it at j
			for k := first + 1; k < j; k++ {
				skip = rawTextDepth(toks[k], skip)
			}
			var cut bool
			buf, cut = b.partText(j-1, last, lo, hi, skip, -1, window)
			if len(buf) > need || j == first+1 && !cut {
				break
			}
		}
	} else if m := &b.d.md.blocks[bl.md]; m.plain {
		// Its lines, as the children below (markdown.text).
		lines := m.node.Lines()
		for n := 4; ; n *= 4 {
			from := max(lines.Len()-n, 0)
			t := mdTextReader{src: b.d.src, buf: b.scratch.text[:0], space: true}
			for k := from; k < lines.Len(); k++ {
				t.line(lines.At(k))
			}
			buf = t.buf
			if len(buf) > 0 && buf[len(buf)-1] == ' ' {
				buf = buf[:len(buf)-1]
			}
			if len(buf) > need || from == 0 {
				break
			}
		}
	} else {
		node := b.d.md.blockNode(b.d.src, bl.md)
		for n := 4; ; n *= 4 {
			from := node.LastChild()
			for i := 1; i < n && from != nil && from.PreviousSibling() != nil; i++ {
				from = from.PreviousSibling()
			}
			t := mdTextReader{src: b.d.src, buf: b.scratch.text[:0], space: true}
			for c := from; c != nil; c = c.NextSibling() {
				t.walk(c)
			}
			buf = t.buf
			if len(buf) > 0 && buf[len(buf)-1] == ' ' {
				buf = buf[:len(buf)-1]
			}
			if len(buf) > need || from == nil || from.PreviousSibling() == nil {
				break
			}
		}
	}
	b.scratch.text = buf
	if len(buf) == 0 {
		return ""
	}
	return unsafe.String(&buf[0], len(buf))
}

// appendCollapsed appends raw to buf with each run of white space
// (ASCII, U+0085, U+00A0, U+2000-U+200A, U+3000) as one space, and none
// at the start when space (the last byte appended was a space, or none
// was). It returns buf and whether it now ends in a space.
func appendCollapsed(buf, raw []byte, space bool) ([]byte, bool) {
	for i := 0; i < len(raw); {
		// Copy the run up to the next possible space in one go. A single
		// ' ' between two bytes of the run stays in it: it is copied as
		// it is, as the space path below would copy it (a space after a
		// non-space, and no space after it to fold).
		j := i
	run:
		for j < len(raw) {
			// Eight bytes at a time while they are plain (plainRun), then
			// byte by byte up to the next eight.
			j = plainRun(raw, i, j)
			for end := min(j+8, len(raw)); j < end; {
				if c := raw[j]; !spaceLead[c] {
					j++
				} else if c == ' ' && j > i && j+1 < len(raw) && !spaceLead[raw[j+1]] {
					j += 2
				} else {
					break run
				}
			}
		}
		if j > i {
			buf = append(buf, raw[i:j]...)
			space = false
			if i = j; i == len(raw) {
				break
			}
		}
		if c := raw[i]; c < 0x80 {
			// ASCII white space (spaceLead): with the ASCII white space
			// after it, one space.
			i++
			for i < len(raw) && (raw[i] == ' ' || raw[i]-'\t' <= '\r'-'\t') {
				i++
			}
			if !space {
				buf = append(buf, ' ')
				space = true
			}
			continue
		}
		r, n := utf8.DecodeRune(raw[i:])
		if r == 0xA0 || r == 0x3000 || r >= 0x2000 && r <= 0x200A || r == 0x85 {
			if !space {
				buf = append(buf, ' ')
				space = true
			}
		} else {
			buf = append(buf, raw[i:i+n]...)
			space = false
		}
		i += n
	}
	return buf, space
}

// plainRun returns where the words of eight plain bytes of raw from j
// end, in a run that starts at i (appendCollapsed's): each is passed with
// the byte after it read, for a ' ' at its end needs a non-space after
// it, one at its start a byte of the run before it (the byte before is
// one or, a ' ', is followed by one). A loop of its own, with few values
// live, it keeps them in registers.
func plainRun(raw []byte, i, j int) int {
	for j+8 < len(raw) {
		x := binary.LittleEndian.Uint64(raw[j:])
		if !plainChunk(x) || x&0xFF == ' ' && j == i || x>>56 == ' ' && spaceLead[raw[j+8]] {
			break
		}
		j += 8
	}
	return j
}

// plainChunk reports whether the eight bytes of x hold no byte that
// may begin a space appendCollapsed folds (spaceLead but 0xE1: U+1680 is
// kept as it is) but single ' ', none next to another: appendCollapsed
// copies them as they are. It is stricter than that (any byte below
// 0x20, and 0xC3, fail it too): a chunk that fails is read byte by byte. Each test is exact for "there is such a byte"
// (see "Bit Twiddling Hacks", haszero and hasless).
func plainChunk(x uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	if (x-0x20*lo)&^x&hi != 0 {
		return false // a byte below 0x20
	}
	if y := x&(0xDE*lo) ^ 0xC2*lo; (y-lo)&^y&hi != 0 {
		return false // 0xC2, 0xC3, 0xE2 or 0xE3
	}
	y := x ^ 0x20*lo
	spaces := ^((y&(0x7F*lo) + 0x7F*lo) | y) & hi // exactly the high bits of the ' ' bytes
	return spaces&(spaces>>8) == 0
}

// keep copies text into the document's text arena and returns it as a
// string: one allocation for the texts of many blocks rather than one
// each. A full chunk is never written again (its strings stay valid): the
// next text goes to a new one. The first chunk is small (firstTexts):
// most bodies keep a few hundred bytes of text (the tail's candidates),
// and a chunk is allocated, and cleared, whole; the next ones are
// maxTexts (or the text's size, when that is more).
func (b *bodyCleaner) keep(text []byte) string {
	if len(text) == 0 {
		return ""
	}
	if b.noKeep {
		return unsafe.String(&text[0], len(text)) // the caller reads it before the next text
	}
	if cap(b.texts)-len(b.texts) < len(text) {
		// The next chunk: firstTexts for the first, maxTexts for the
		// others (the first is firstTexts at least), or the text's size
		// if more.
		b.texts = make([]byte, 0, max(min(max(4*cap(b.texts), firstTexts), maxTexts), len(text)))
	}
	off := len(b.texts)
	b.texts = append(b.texts, text...)
	return unsafe.String(&b.texts[off], len(text))
}

// The text arena's chunk sizes (keep): on dev and dev2, a body keeps 200
// bytes of text at the median, 760 at the 90th percentile. (Doubling
// from the first to maxTexts would save a little more there, and cost
// the seed post, which keeps 1.5 KB, two chunks more.)
const firstTexts, maxTexts = 256, 1024

// runeCountUpTo counts the runes of s (the bytes that start one), up to
// about limit: it reads at most 4*limit bytes.
func runeCountUpTo(s string, limit int) int {
	s = s[:min(len(s), 4*limit)]
	n, i := len(s), 0
	// Eight bytes at a time: the high bit of a continuation byte (10xxxxxx)
	// is set and the next one clear; each is one byte less to count.
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		n -= mathbits.OnesCount64(x &^ (x << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// spaceLead marks the bytes a white-space rune (unicode.IsSpace) starts
// with: ASCII space, and the lead bytes of U+0085 and U+00A0 (0xC2),
// U+1680 (0xE1), U+2000 to U+205F (0xE2) and U+3000 (0xE3). A byte outside
// it begins no white space, so a text that starts with one is not blank
// (parseWith), and a run of such bytes is copied as it is (appendCollapsed,
// whose slow path decides which of the runes these bytes begin it folds).
// TestSpaceLeadKeepsBlank checks every rune.
var spaceLead = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true,
	0xC2: true, 0xE1: true, 0xE2: true, 0xE3: true}
