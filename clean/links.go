package clean

import (
	"bytes"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/yuin/goldmark/ast"
)

// escapeAttr escapes a URL for an attribute value in the given quote
// style; an unquoted value that needs quoting gets double quotes. It
// returns the value's new bytes, in one allocation when nothing needs
// escaping (TestEscapeAttrKeepsAnswers holds it to the strings.Builder
// version it replaces).
func escapeAttr(v string, quote byte) []byte {
	q := quote
	if q == 0 && strings.ContainsAny(v, " \t\n\r\f\"'=<>`") {
		q = '"'
	}
	out := make([]byte, 0, len(v)+2)
	if q != quote {
		out = append(out, q)
	}
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '&':
			out = append(out, "&amp;"...)
		case c == '"' && q == '"':
			out = append(out, "&quot;"...)
		case c == '\'' && q == '\'':
			out = append(out, "&#39;"...)
		case c == '<':
			out = append(out, "&lt;"...)
		case c == '>':
			out = append(out, "&gt;"...)
		default:
			out = append(out, c)
		}
	}
	if q != quote {
		out = append(out, q)
	}
	return out
}

// unescapeAttr is html.UnescapeString of an attribute value, decoding
// each character reference on its own: a reference is read from its '&'
// through the letters and digits after it (after a '#' for a number)
// and a ';' right after them, and no further, so UnescapeString of that
// piece decodes it as it does in the whole value. What lies between the
// references is copied as a run, not byte by byte, and "&amp;" (the
// query separator escaped) is decoded without the entity table.
// TestUnescapeAttrKeepsAnswers holds it to UnescapeString.
func unescapeAttr(v []byte) string {
	amp := bytes.IndexByte(v, '&')
	if amp < 0 {
		return string(v)
	}
	out := make([]byte, 0, len(v))
	for amp >= 0 {
		out = append(out, v[:amp]...)
		v = v[amp:]
		j := 1
		if j < len(v) && v[j] == '#' {
			j++
		}
		for j < len(v) && isAlnum(v[j]) {
			j++
		}
		if j < len(v) && v[j] == ';' {
			j++
		}
		if string(v[:j]) == "&amp;" {
			out = append(out, '&')
		} else if j == 1 {
			out = append(out, '&') // no name: UnescapeString keeps it
		} else {
			out = append(out, html.UnescapeString(string(v[:j]))...)
		}
		v = v[j:]
		amp = bytes.IndexByte(v, '&')
	}
	return string(append(out, v...))
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// links applies the link hooks to every link and image reference of the
// body in one walk (linkRefs): redirectors are unwrapped in href, in the
// src of images and frames (where the wrapper is a pure redirect) and in
// Markdown destinations, and tracking parameters stripped from link
// targets.
func (b *bodyCleaner) links() {
	refs := b.linkRefs()
	for i := range refs {
		if r := &refs[i]; r.md >= 0 {
			b.mdLinkRef(r)
		} else {
			b.attrLink(r)
		}
	}
}

// attrLink applies the link rules to an href or src attribute.
func (b *bodyCleaner) attrLink(r *linkRef) {
	if b.covered(r.start, r.end) {
		return
	}
	v := b.d.src[r.start:r.end]
	if bytes.IndexByte(v, '?') < 0 && bytes.IndexByte(v, '&') < 0 && !b.mayPathRedirect(v) {
		return // no query (not even an escaped one): nothing to unwrap or strip
	}
	orig := unescapeAttr(v)
	val, rule, why := b.rewriteURL(orig, r.src)
	if rule == "" {
		return
	}
	spelled := escapeAttr(val, r.quote)
	if b.d.elems[r.elem].tag != atom.A || b.shareTarget(val) || b.shareTarget(orig) {
		// An image's source is what tracking and captions look
		// at, a share link what widgets do (see settled).
		b.unsettled = true
	} else if _, again, _ := b.rewriteURL(val, false); again != "" {
		b.unsettled = true
	} else if b.mdParsed {
		if b.mdAttrSettled(r, spelled) {
			b.mdQuiet++
		} else {
			b.unsettled = true
		}
	}
	b.add(rule, r.start, r.end, spelled, why+": "+truncate(orig, 120)+" -> "+truncate(val, 120))
}

// shareTarget reports whether a link target is a share endpoint, known
// (share_hosts) or by its shape (shareShape), as the widgets rule reads
// it: a rewrite that makes or unmakes one can change what widgets
// removes, so it leaves the body unsettled.
func (b *bodyCleaner) shareTarget(target string) bool {
	if x := b.tables.shares; x != nil && x.of(b.cfg.Widgets.ShareHosts) {
		return x.hostMatch(target) || mayQuery(target) && shareShape([]byte(target))
	}
	return hostMatch(target, b.cfg.Widgets.ShareHosts) || mayQuery(target) && shareShape([]byte(target))
}

// mayQuery reports whether target may have a query once unescaped, as
// shareShape requires: url.Parse finds one only after a '?', and
// html.UnescapeString changes nothing but from an '&' on (an unwrapped
// redirect's target often has neither: shareShape's look for its words
// and its parse are saved).
func mayQuery(target string) bool { return strings.ContainsAny(target, "?&") }

// rewriteURL applies the link hooks of the rules that are on to one link
// target, in the order of the registry, each to what the one before left
// (redirect-link unwraps, then tracking-params strips the target): the
// new target, the first rule that changed it and why ("" rule when
// nothing changes). An image or frame source (src) is passed as such.
func (b *bodyCleaner) rewriteURL(orig string, src bool) (val, rule, why string) {
	if !oneURL(orig) {
		return orig, "", ""
	}
	val = orig
	for m := b.onBits & hooks.link; m != 0; m &= m - 1 {
		r := bodyRules[bits.TrailingZeros64(m)]
		v, w := r.link(b, val, src)
		if w == "" {
			continue
		}
		val = v
		if rule == "" {
			rule, why = r.ID, w
		} else {
			why += " and " + w
		}
	}
	if val == orig {
		return orig, "", ""
	}
	return val, rule, why
}

// oneURL reports whether an attribute value can be a single URL: no white
// space or line break inside it (around it is allowed, as HTML trims it).
// An unclosed quote in a scraped fragment (a Markdown photo credit holding
// `">Name</a> on <a href="…`) makes the tokenizer read paragraphs of the
// article as the value up to the next quote; rewriting its "query" would
// delete them (testdata/golden/link-unclosed-quote.txtar).
func oneURL(v string) bool {
	// A value with none of those bytes anywhere has none inside once
	// trimmed either: one table look-up a byte (ContainsAny builds its
	// set on every call), and no trim. Each is below '!': eight bytes
	// with no byte below it (the test of "Bit Twiddling Hacks", hasless,
	// exact for the word) hold none, and are passed at once.
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(v); i += 8 {
		if x := load64(v, i); (x-0x21*lo)&^x&hi != 0 {
			break
		}
	}
	for ; i < len(v); i++ {
		if urlSpace[v[i]] {
			return !strings.ContainsAny(strings.TrimSpace(v), " \t\n\r\f")
		}
	}
	return true
}

var urlSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true}

// mdLinkRef applies the link rules to the destination of a Markdown
// link, image, autolink or reference definition. The new destination is
// spelled so that a CommonMark parser reads it back as the new target
// (mdDestination); the title and the brackets around are not touched.
func (b *bodyCleaner) mdLinkRef(r *linkRef) {
	l := &b.d.md.links[r.md]
	if l.end <= l.start || b.covered(l.start, l.end) || b.d.md.overlapsCode(l.start, l.end) {
		return
	}
	// mayPathRedirect only reads the bytes: the string's own, not a copy
	// (a destination is longer than the 32 bytes a conversion may keep
	// on the stack, most of the time).
	if strings.IndexByte(l.dest, '?') < 0 && !b.mayPathRedirect(unsafe.Slice(unsafe.StringData(l.dest), len(l.dest))) {
		return // no query: nothing to unwrap or strip
	}
	val, rule, why := b.rewriteURL(l.dest, r.src)
	if rule == "" {
		return
	}
	var spelled string
	if r.kind == refMdAutolink {
		if strings.ContainsAny(val, " <>\\&") || !webURLOK(val) {
			return
		}
		spelled = val
	} else {
		s, ok := mdDestination(val, l.angle)
		if !ok {
			return
		}
		spelled = s
	}
	settled := false
	if r.kind == refMdAutolink {
		settled = b.mdAutolinkSettled(r, l, val)
	} else {
		settled = b.mdRewriteSettled(r, l, val, spelled)
	}
	if settled {
		b.mdQuiet++
	} else {
		b.unsettled = true
	}
	b.add(rule, l.start, l.end, []byte(spelled), why+" (Markdown "+l.kind+"): "+truncate(l.dest, 120)+" -> "+truncate(val, 120))
}

// mdRewriteSettled reports whether rewriting the Markdown destination
// l to spelled (the target val) leaves the body reading as it did for
// every rule, so that a second round would change nothing more (see
// settledMarkdown). It holds for the destination of a link or reference
// definition, not an image's or an autolink's (whose text is the URL:
// mdAutolinkSettled),
// not a share link before or after, needing no further rewrite, when
// neither the old nor the new bytes hold a byte that Markdown reads
// (mdPlainDest) and no '<' stands before it in its paragraph: the link
// then stays the link the parse found, with the same brackets, text and
// title, and nothing around it can start reading it as an HTML tag's
// attribute (a rewrite that drops a '=' makes "<a title=[x](u?a=1)>" a
// valid tag, and the link vanishes).
func (b *bodyCleaner) mdRewriteSettled(r *linkRef, l *mdLink, val, spelled string) bool {
	if r.kind != refMdLink && r.kind != refMdReference || l.image || r.src {
		return false
	}
	if !mdPlainDest(b.d.src[l.start:l.end]) || !mdPlainDest(spelled) {
		return false
	}
	if b.shareTarget(val) || b.shareTarget(l.dest) {
		return false
	}
	if _, again, _ := b.rewriteURL(val, false); again != "" {
		return false
	}
	// A link around an image ("[![](img)](dest)") is such a link too: the
	// image's record finds it again at the same place (wrapOpen and
	// wrapClose, read by mdBeacon, which decides by the image's own
	// target), and its copy of the target (wrapDest) is read by no rule.
	return !tagBefore(b.d.src, l.start, &b.d.md)
}

// mdAttrSettled reports whether rewriting the value of an HTML attribute
// (r: an <a>'s href, checked for the HTML reading in attrLink) to
// spelled leaves the Markdown parse of the body as it was, so that
// settledMarkdown may count it. It holds when the value is quoted, its
// old and new bytes are both plain and the new ones not empty
// (mdPlainURL: no quote, no line break, no '<', '>', '[', ']', '(',
// ')', '`', '~', '*', '!', backslash or space), and the parse read the tag as
// raw HTML: an inline tag that starts and ends where the HTML reading's
// does, in a paragraph or heading where no bracket pair can hold it, or a
// line of an HTML block. Then every choice the CommonMark parser makes is
// the same on the new bytes:
//
//   - Raw HTML: wherever its patterns (goldmark's open tag, the whole-line
//     tag of an HTML block of type 7) meet the value's quote, that quote
//     opens a quoted value, which runs to the next quote of its kind,
//     closes one, after which a plain byte is never the white space, "/>"
//     or ">" the pattern needs, or lies inside one quoted with the other
//     kind; so each pattern matches, or fails, as it did. The closers of
//     comments, processing instructions, declarations, CDATA and HTML
//     blocks of types 1 to 5 all hold a '>'; blocks of types 6 and 7 end
//     at a blank line, and the value is on a line with its quotes. The
//     other HTML block starts read only a line's first bytes.
//   - Blocks: the value never starts a line (its quote does not either),
//     and no line holding a quote is a fence, a thematic break or a
//     setext underline.
//   - Inlines: a code span needs a backtick, an autolink cannot hold the
//     '<' before the value, emphasis is decided by the bytes beside its
//     delimiters, and inside raw HTML nothing is unescaped or delimited.
//     Only link texts and labels read the bytes of a tag inside them
//     (a label is matched by its text; goldmark drops a link whose text
//     passes 999 bytes), hence no '[' before the tag in its block or no
//     ']' after it.
//
// So the blocks, their texts (mdText skips raw HTML), the links and the
// code ranges of the output are the input's, and mayBeMarkdown reads it
// as it did (its marks need a '`', '~', ']', a '<' before "http" or a
// line's start).
func (b *bodyCleaner) mdAttrSettled(r *linkRef, spelled []byte) bool {
	if r.quote != '"' && r.quote != '\'' || len(spelled) == 0 ||
		!mdPlainURL(b.d.src[r.start:r.end]) || !mdPlainURL(spelled) || b.d.md.root == nil {
		return false
	}
	if b.mdRaw == nil {
		b.mdRaw = new(mdRaw)
	}
	e := &b.d.elems[r.elem]
	blocks := b.d.md.blocks
	i := sort.Search(len(blocks), func(i int) bool { return blocks[i].end > e.start })
	if i < len(blocks) && blocks[i].start <= e.start {
		raw := b.mdRaw.of(b.d.src, blocks, i)
		if e.openEnd > blocks[i].end || raw.open >= 0 && raw.open < e.start && raw.close >= e.openEnd {
			return false
		}
		k := sort.Search(len(raw.tags), func(k int) bool { return raw.tags[k][0] >= e.start })
		return k < len(raw.tags) && raw.tags[k] == [2]int{e.start, e.openEnd}
	}
	lines := b.mdRaw.htmlBlockLines(b.d.md.root)
	k := sort.Search(len(lines), func(k int) bool { return lines[k][1] > r.start })
	return k < len(lines) && lines[k][0] <= r.start && r.end <= lines[k][1]
}

// mdRaw is what mdAttrSettled has read of the Markdown parse: the lines
// of its HTML blocks, and the raw HTML and brackets of the last text
// block it looked in, so that a body with many links costs one walk of
// its blocks and one of each text block's inlines (the references come
// in document order).
type mdRaw struct {
	html     [][2]int // the HTML blocks' lines (their closing lines left out), in order
	htmlRead bool
	block    int      // the text block tags, open and close are of, plus one (0: none)
	tags     [][2]int // its inline raw HTML tags' spans, in order
	// open and close are its first '[' and last ']' (-1: none).
	open, close int
}

// of reads text block i of blocks (see mdRaw).
func (m *mdRaw) of(src []byte, blocks []mdBlock, i int) *mdRaw {
	if m.block == i+1 {
		return m
	}
	bl := &blocks[i]
	m.block, m.tags = i+1, m.tags[:0]
	m.open = bytes.IndexByte(src[bl.start:bl.end], '[')
	if m.open >= 0 {
		m.open += bl.start
	}
	m.close = bytes.LastIndexByte(src[bl.start:bl.end], ']')
	if m.close >= 0 {
		m.close += bl.start
	}
	_ = ast.Walk(bl.node, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := c.(*ast.RawHTML); ok && entering {
			if k := h.Segments.Len(); k > 0 {
				m.tags = append(m.tags, [2]int{h.Segments.At(0).Start, h.Segments.At(k - 1).Stop})
			}
		}
		return ast.WalkContinue, nil
	})
	slices.SortFunc(m.tags, func(x, y [2]int) int { return x[0] - y[0] })
	return m
}

// htmlBlockLines returns the lines of the HTML blocks of the parse whose
// tree is root, read once: only blocks are walked, not the inlines of
// text blocks.
func (m *mdRaw) htmlBlockLines(root ast.Node) [][2]int {
	if m.htmlRead {
		return m.html
	}
	m.htmlRead = true
	_ = ast.Walk(root, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.HTMLBlock:
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				m.html = append(m.html, [2]int{lines.At(i).Start, lines.At(i).Stop})
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	slices.SortFunc(m.html, func(x, y [2]int) int { return x[0] - y[0] })
	return m.html
}

// mdPlainURL reports whether s is made only of bytes that no Markdown or
// HTML construct opens, closes or delimits inside a link destination:
// letters, digits and the URL punctuation "/.:?=&%+,;@#-_" (no space,
// line break, bracket, parenthesis, quote, backtick, '~', '*', '<', '>',
// '!' or backslash). '_' and '=' are kept: inside a destination the
// parse found they delimit nothing, and tagBefore rules out the tag.
func mdPlainURL(s []byte) bool {
	for _, c := range s {
		if !plainURLByte[c] {
			return false
		}
	}
	return true
}

// plainURLByte is the bytes mdPlainURL allows.
var plainURLByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("/.:?=&%+,;@#-_", byte(c)) >= 0
	}
	return t
}()

// mdPlainDest is mdPlainURL for the bytes of a link destination, which
// may also hold "\&": mdDestination escapes every '&' of a target (else
// "&copy=1" would read as an entity), and the escape only says that the
// '&' is one: it escapes no bracket, parenthesis, quote, space or
// backslash, so the destination ends where it did, and neither a code
// span nor raw HTML (tagBefore) reads a backslash.
//
// A backslash is no plain byte: the table alone passes every plain byte,
// and only a byte it refuses is asked whether it escapes an '&'. A
// string (the new destination) is read as it is, not copied to bytes.
func mdPlainDest[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if !plainURLByte[s[i]] {
			if s[i] != '\\' || i+1 >= len(s) || s[i+1] != '&' {
				return false
			}
			i++
		}
	}
	return true
}

// tagBefore reports whether a '<' stands in src before at, in at's
// paragraph: from the blank line before it (or the start), where an
// inline HTML tag that reaches at could open. A '<' inside a code span of
// md (whose code ranges are src's) opens none: the span, which starts
// before it, takes it, and ends where it did (a rewrite after it holds no
// backtick); a '<' before the span is still looked for.
func tagBefore(src []byte, at int, md *markdown) bool {
	for i := at - 1; i >= 0; i-- {
		switch src[i] {
		case '<':
			if !md.inCode(i) {
				return true
			}
		case '\n':
			j := i - 1
			for j >= 0 && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r') {
				j--
			}
			if j < 0 || src[j] == '\n' {
				return false
			}
		}
	}
	return false
}

func webURLOK(s string) bool {
	_, ok := webURL(s)
	return ok
}

// truncate cuts s to at most n bytes at a rune boundary, marking the cut
// with "…".
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:runeCut(s, n)] + "…"
}

// truncateBytes is truncate of a byte slice, copying only what it keeps.
func truncateBytes(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return string(b[:runeCut(b, n)]) + "…"
}

func runeCut[T string | []byte](s T, n int) int {
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return n
}

func utf8Start(c byte) bool { return c&0xC0 != 0x80 }
