package clean

import (
	"bytes"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// token is one token of the body: its kind, its byte range in the body
// and, for tags, its atom. The x/net/html tokenizer's Raw() slices
// partition the input, so offsets are a running sum of their lengths.
type token struct {
	start, end int
	elem       int32 // for start, end and self-closing tags: the element; else -1
	tag        atom.Atom
	kind       html.TokenType
}

// element is a matched start and end tag.
type element struct {
	start      int // offset of "<" of the start tag
	openEnd    int // offset after ">" of the start tag
	closeStart int // offset of the end tag; -1 while unclosed
	end        int // offset after the end tag; -1 when no end tag was found
	parent     int // -1 at top level
	firstTok   int
	lastTok    int // index of the end tag token (firstTok for void elements)
	tag        atom.Atom
	blockKids  bool // has a block-level child that holds text or media
	hasText    bool // holds text or media somewhere inside
	code       bool // inside pre, code, script, style, textarea or a masked span
}

// closed reports whether the element's end is known. An element whose end
// tag was never found is never deleted: an unclosed <title> or <textarea>
// swallows the rest of the file.
func (e *element) closed() bool { return e.end >= 0 }

// doc is a tokenized body.
type doc struct {
	src   []byte // the body, unmasked
	toks  []token
	elems []element
	md    markdown // code and links, when the body is Markdown; code holds tmpl too
	// tmpl is the template code (template.go), in Markdown and HTML
	// bodies alike: no edit may overlap it.
	tmpl [][2]int
	// markdownBody: the body is Markdown (not an .html file), parsed or
	// not: its loose text is made of Markdown blocks.
	markdownBody bool
}

// voidTags are the elements that have no end tag. A switch, not a map:
// this runs for every tag of every document.
func voidTags(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input, atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// blockTags are the block-level elements: boundaries of leaf blocks.
func blockTags(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol, atom.Blockquote, atom.Section, atom.Article, atom.Figure, atom.Figcaption, atom.Table, atom.Pre, atom.Hr, atom.Header, atom.Footer, atom.Aside, atom.Center, atom.Dl, atom.Dd, atom.Dt, atom.Tr, atom.Td, atom.Th, atom.Tbody, atom.Thead, atom.Nav, atom.Main, atom.Form:
		return true
	}
	return false
}

// codeTags hold code or raw text: no rule edits inside them.
func codeTags(a atom.Atom) bool {
	switch a {
	case atom.Pre, atom.Code, atom.Script, atom.Style, atom.Textarea, atom.Xmp, atom.Plaintext, atom.Noscript, atom.Title:
		return true
	}
	return false
}

// parse tokenizes body. When the body is Markdown, what a CommonMark
// parser calls code is masked first (see markdown.go), and so is template
// code in any body (see template.go): its bytes are replaced by spaces in
// the copy the tokenizer reads, so HTML shown as code is never taken for
// markup.
func parse(body []byte, s *scratch, isMarkdown bool, tags int) *doc {
	return parseWith(body, s, isMarkdown, tags, nil)
}

// parseWith is parse with the body's Markdown parse already made (parsed,
// when not nil: see fixpoint).
func parseWith(body []byte, s *scratch, isMarkdown bool, tags int, parsed *markdown) *doc {
	// One allocation each for tokens and elements at most: a tag is a
	// token, and text between tags is at most one more. The slices come
	// from the scratch of an earlier document when they are big enough.
	d := &s.doc
	d.src = body
	d.toks = grow(d.toks[:0], 2*tags+1)
	elems := tags/2 + 1
	if len(body) > bigBody {
		// Void and unclosed elements may make more than half the tags: a
		// big body's are counted (a start tag is a "<" and a letter), so
		// that 10 MB of "<br>" does not grow the table four times over.
		elems = startTags(body) + 1
	}
	d.elems = grow(d.elems[:0], elems)
	input := body
	d.md = markdown{}
	if isMarkdown {
		if parsed != nil {
			d.md = *parsed // the same bytes, parsed by the previous round's check
		} else {
			d.md = parseMarkdown(body) // the caller saw mayBeMarkdown(body)
		}
	}
	if d.tmpl = templateCode(body, d.md.code); len(d.tmpl) > 0 {
		d.md.code = mergeRanges(append(d.md.code[:len(d.md.code):len(d.md.code)], d.tmpl...))
	}
	if masks := d.md.code; len(masks) > 0 {
		// The tokenizer's copy, read only in this function: the
		// scratch's, from an earlier body.
		input = append(s.masked[:0], body...)
		s.masked = input
		for _, m := range masks {
			for i := m[0]; i < m[1]; i++ {
				if input[i] != '\n' && input[i] != '\r' {
					input[i] = ' '
				}
			}
		}
	}
	// The tokens are x/net/html's, from a tokenizer over the bytes
	// (tokenizer.go): its raw ranges are the offsets.
	z := &s.tok
	*z = tokenizer{buf: input, attrs: z.attrs[:0]}
	stack := s.stack[:0]
	defer func() {
		if cap(stack) > maxPooled {
			stack = nil // a big body's (unclosed tags): not held while it is cleaned
		}
		s.stack = stack[:0]
	}()
	var nameBuf [32]byte
	inCode, foreign := 0, 0
	for {
		tt := z.next()
		if tt == html.ErrorToken {
			break
		}
		t := token{kind: tt, start: z.start, end: z.end, elem: -1}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name := lowerName(&nameBuf, tagName(input[t.start:t.end]))
			t.tag = lookupTag(name)
			parent := -1
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			e := element{tag: t.tag, start: t.start, openEnd: t.end, closeStart: -1, end: -1,
				parent: parent, firstTok: len(d.toks), lastTok: len(d.toks), code: inCode > 0 || d.md.inCode(t.start)}
			if isMedia(t.tag) {
				e.hasText = true // an image is content as much as text is
			}
			t.elem = int32(len(d.elems))
			if tt == html.SelfClosingTagToken || voidTags(t.tag) {
				e.closeStart, e.end = t.end, t.end
				d.elems = append(d.elems, e)
				break
			}
			d.elems = append(d.elems, e)
			stack = append(stack, int(t.elem))
			if codeTags(t.tag) {
				inCode++
			}
			if t.tag == atom.Svg || t.tag == atom.Math {
				// In SVG and MathML a <![CDATA[…]]> section is text that
				// browsers show; read as HTML it would be a comment that
				// ends at the first ">", and markup quoted inside it would
				// look real (and be deleted).
				foreign++
				z.allowCDATA = true
			}
		case html.EndTagToken:
			name := lowerName(&nameBuf, tagName(input[t.start+1:t.end]))
			t.tag = lookupTag(name)
			for i := len(stack) - 1; i >= 0; i-- {
				e := &d.elems[stack[i]]
				if e.tag != t.tag || (t.tag == 0 && !bytes.EqualFold(tagName(input[e.start:e.openEnd]), name)) {
					continue
				}
				for _, j := range stack[i:] {
					if codeTags(d.elems[j].tag) {
						inCode--
					}
					if tg := d.elems[j].tag; tg == atom.Svg || tg == atom.Math {
						foreign--
					}
				}
				z.allowCDATA = foreign > 0
				e.closeStart, e.end, e.lastTok = t.start, t.end, len(d.toks)
				t.elem = int32(stack[i])
				stack = stack[:i]
				break
			}
		}
		if tt == html.TextToken && len(stack) > 0 {
			if top := &d.elems[stack[len(stack)-1]]; !top.hasText && (t.end > t.start && !spaceLead[input[t.start]] || !blank(input[t.start:t.end])) {
				top.hasText = true
			}
		}
		d.toks = append(d.toks, t)
	}
	// Children come after their parents: one backward pass carries the
	// content up. Only block children that hold content make their parent
	// a container rather than a leaf block, so that removing an empty
	// tracking div inside a block never turns it into a leaf on the next
	// run (idempotence; see testdata/fuzz).
	for i := len(d.elems) - 1; i >= 0; i-- {
		e := &d.elems[i]
		if e.parent >= 0 && e.hasText {
			p := &d.elems[e.parent]
			p.hasText = true
			if blockTags(e.tag) {
				p.blockKids = true
			}
		}
	}
	return d
}

// lookupTag is atom.Lookup, with "p" answered first (and inline): a
// paragraph is the commonest tag of a post, and Lookup hashes every name
// (TestLookupTagKeepsLookup checks every name of one and two bytes).
func lookupTag(name []byte) atom.Atom {
	if len(name) == 1 && name[0] == 'p' {
		return atom.P
	}
	return atom.Lookup(name)
}

// isMedia reports the elements that show content without text.
func isMedia(a atom.Atom) bool {
	switch a {
	case atom.Img, atom.Video, atom.Iframe, atom.Picture, atom.Svg, atom.Audio, atom.Object, atom.Embed:
		return true
	}
	return false
}

// scratch is the memory one document's cleaning needs, kept in a pool so
// that a batch does not allocate it again for every post.
type scratch struct {
	attrs  []attr
	doc    doc
	blocks []block
	tail   []tailBlock // the tail rule's view of blocks
	bits   []uint64
	text   []byte
	stack  []int // open elements while parsing
	tok    tokenizer
	masked []byte // the body with its code blanked, while parsing
	kinds  []kindAnswer

	// elemAttrs and attrSpans hold the elements' attributes, parsed once
	// per body (bodyCleaner.elemAttrs).
	elemAttrs []attr
	attrSpans [][2]int
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooled bounds what goes back to the pool: one huge document must not
// pin its memory for the rest of a batch.
const maxPooled = 1 << 16

func (s *scratch) release() {
	if cap(s.doc.toks) > maxPooled || cap(s.doc.elems) > maxPooled || cap(s.blocks) > maxPooled || cap(s.tail) > maxPooled || cap(s.bits) > maxPooled || cap(s.stack) > maxPooled || cap(s.tok.attrs) > maxPooled {
		return
	}
	if cap(s.elemAttrs) > maxPooled || cap(s.attrSpans) > maxPooled || cap(s.masked) > maxPooled {
		return
	}
	s.doc.src = nil
	s.tok.buf = nil
	clear(s.elemAttrs) // they point into this body
	s.elemAttrs = s.elemAttrs[:0]
	clear(s.kinds) // the answers' strings are this body's
	s.kinds = s.kinds[:0]
	scratchPool.Put(s)
}

// bigBody is the body size above which parseWith and blocks count what
// their tables will hold before making them: growing one by append (by a
// quarter at a time, past 256 entries) leaves four times the table in
// garbage and holds it twice over while it grows, at the peak of the
// body's memory (TestMemoryBounded). Below it, the tables are small, or
// the scratch's from an earlier body.
const bigBody = 1 << 20

// startTags counts the "<" followed by an ASCII letter in body: every
// start tag the tokenizer reads begins so (with text that only looks like
// one inside raw text or a comment: an upper bound).
func startTags(body []byte) int {
	n := 0
	for i := 0; ; i++ {
		j := bytes.IndexByte(body[i:], '<')
		if j < 0 {
			return n
		}
		i += j
		if i+1 < len(body) {
			if c := body[i+1] | 0x20; 'a' <= c && c <= 'z' {
				n++
			}
		}
	}
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, 0, n)
	}
	return s
}

// lowerName lower-cases a tag name into buf without allocating (the
// tokenizer's TagName allocates for every tag). Names longer than buf are
// no known atom anyway.
func lowerName(buf *[32]byte, name []byte) []byte {
	if len(name) > len(buf) {
		return name
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(name)]
}

// tagName returns the name of a raw start tag.
func tagName(raw []byte) []byte {
	i := 1
	for i < len(raw) && attrBytes[raw[i]]&tagNameEnd == 0 {
		i++
	}
	return raw[1:i]
}

// attr is one attribute of a raw start tag, with the byte range of its
// value (quotes excluded) so that it can be rewritten in place.
type attr struct {
	name       []byte
	val        []byte // raw, still escaped
	start, end int    // value range within the tag
	quote      byte   // '"', '\'' or 0 for unquoted
}

// attrs parses the attributes of a raw start tag. The tokenizer's TagAttr
// unescapes values and gives no offsets, so edits need their own scanner.
// appendAttrs appends the attributes of tag to out (a scratch slice).
func appendAttrs(out []attr, tag []byte) []attr {
	i := 1 + len(tagName(tag))
	for i < len(tag) {
		for i < len(tag) && attrBytes[tag[i]]&(attrWS|attrSlash) != 0 {
			i++
		}
		if i >= len(tag) || tag[i] == '>' {
			break
		}
		ns := i
		for i < len(tag) && attrBytes[tag[i]]&attrNameEnd == 0 {
			i++
		}
		a := attr{name: tag[ns:i], start: -1, end: -1}
		j := i
		for j < len(tag) && attrBytes[tag[j]]&attrWS != 0 {
			j++
		}
		if j < len(tag) && tag[j] == '=' {
			j++
			for j < len(tag) && attrBytes[tag[j]]&attrWS != 0 {
				j++
			}
			if j < len(tag) && (tag[j] == '"' || tag[j] == '\'') {
				q := tag[j]
				k := bytes.IndexByte(tag[j+1:], q)
				if k < 0 {
					return out // malformed: stop rather than guess
				}
				a.quote, a.start, a.end = q, j+1, j+1+k
				i = j + 2 + k
			} else {
				k := j
				for k < len(tag) && attrBytes[tag[k]]&attrValueEnd == 0 {
					k++
				}
				a.start, a.end = j, k
				i = k
			}
			a.val = tag[a.start:a.end]
		}
		out = append(out, a)
	}
	return out
}

func isWS(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// attrBytes classes the bytes of a start tag for appendAttrs and
// tagName: one table lookup a byte rather than a chain of comparisons
// (every tag's name and attributes are read).
var attrBytes = func() (t [256]uint8) {
	for c := range 256 {
		if isWS(byte(c)) {
			t[c] |= attrWS | attrNameEnd | attrValueEnd
		}
	}
	t['/'] |= attrSlash | attrNameEnd
	t['='] |= attrNameEnd
	t['>'] |= attrNameEnd | attrValueEnd
	for _, c := range []byte(" >/\t\n\r") {
		t[c] |= tagNameEnd
	}
	return t
}()

const (
	attrWS       = 1 << iota // isWS
	attrSlash                // "/"
	attrNameEnd              // ends a name after its first byte
	attrValueEnd             // ends an unquoted value
	tagNameEnd               // ends a tag's name (tagName)
)

// attrRaw returns the raw (still escaped) value of the named attribute,
// nil if it has none.
func attrRaw(as []attr, name string) []byte {
	for _, a := range as {
		if nameIs(a.name, name) {
			if a.val == nil {
				return []byte{}
			}
			return a.val
		}
	}
	return nil
}

// nameIs reports whether an attribute's name is lower (an ASCII name in
// lower case) in any case: what strings.EqualFold answers for names of
// the same length, byte by byte. A name of as many bytes that folds to
// an ASCII one has as many runes as bytes, so it is ASCII itself, or
// holds invalid bytes, which fold to nothing (TestNameIs).
func nameIs(name []byte, lower string) bool {
	if len(name) != len(lower) {
		return false
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// attrVal returns the unescaped value of the named attribute.
func attrVal(as []attr, name string) (string, bool) {
	for _, a := range as {
		if nameIs(a.name, name) {
			if bytes.IndexByte(a.val, '&') < 0 {
				return string(a.val), true
			}
			return html.UnescapeString(string(a.val)), true
		}
	}
	return "", false
}
