package clean

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/internal/quoted"
)

// RuleLinkBaitTail removes the trailing run of blocks that are not the
// article: unrelated headlines, site promos, copyright footers.
const RuleLinkBaitTail = "link-bait-tail"

// linkBaitTailRule is the rule as a value (registry.go): the tail rule:
// its hook walks the leaf blocks back from the post's end (tail).
var linkBaitTailRule = &ruleDef{
	Rule: Rule{RuleLinkBaitTail, true, "remove the trailing run of unrelated headlines, promos and copyright footers",
		`<p>Copyright 1999-2021 ...</p> -> ""`},
	tail: (*bodyCleaner).tail,
}

// longBlock is the size in bytes beyond which a block is article text
// without reading it: a headline, even as a link with a long address and
// attributes, is far shorter.
const longBlock = 2048

// tailClass is the tail rule's verdict on a leaf block (a byte: a
// tailBlock is 32 bytes, not 40).
type tailClass int8

const (
	tailContent   tailClass = iota
	tailEmpty               // no text: transparent
	tailHeadline            // short, unpunctuated, unrelated to the article
	tailPromo               // site promo or share widget
	tailCopyright           // site copyright footer
	tailCredit              // editor credit or source line: left alone by default
	tailMarker              // an end marker on its own
)

func (k tailClass) String() string {
	return [...]string{"content", "empty", "headline", "promo", "copyright", "credit", "end marker"}[k]
}

// tailBlock is a leaf block of the model as the tail rule sees it: the
// block, and the rule's own state on it.
type tailBlock struct {
	*block
	class tailClass // -1 until classified
	// tracking: an empty block that is a tracking container.
	tracking bool
	// specShaped: headline-shaped but for a "label: value" look
	// ("名字：标题"); between two headlines of a run it is one.
	specShaped bool
	// link: a headline that is nothing but a link to another page, the
	// shape of a link-bait list (see tail-verse-linkbait-en).
	link bool
	// judged: unrelated weighed the headline against the article's
	// character pairs; related: and found it related, the last block of
	// the article (verdictsStand asks both again of the output's pairs).
	judged, related bool
	// why is a copyright footer's evidence, for the change's message.
	why string
}

// tailBlocks is the tail rule's view of the leaf blocks, built once per
// body, none classified then.
func (b *bodyCleaner) tailBlocks() []tailBlock {
	if b.tailList != nil {
		return b.tailList
	}
	bs := b.blocks()
	ts := grow(b.scratch.tail[:0], len(bs)) // one list, not one per growth
	for i := range bs {
		ts = append(ts, tailBlock{block: &bs[i], class: -1})
	}
	b.scratch.tail, b.tailList = ts, ts
	return ts
}

// tailVerdict is the tail rule's verdict on block k of blocks(), which it
// classifies now when the tail rule has not (the widgets rule asks it
// whether a line is a credit: relatedcredits.go).
func (b *bodyCleaner) tailVerdict(k int) tailClass {
	ts := b.tailBlocks()
	if ts[k].class < 0 {
		b.classify(&ts[k])
	}
	return ts[k].class
}

// classify decides what a leaf block is, the related check aside.
func (b *bodyCleaner) classify(bl *tailBlock) { b.classifyAlone(bl, false) }

// classifyAlone is classify; with alone, the block's text is needed for
// nothing else but its end (see longText).
func (b *bodyCleaner) classifyAlone(bl *tailBlock, alone bool) {
	if bl.elem == -1 {
		bl.class = tailContent
		return
	}
	if bl.end-bl.start > longBlock {
		// Far too long for a headline, promo or footer: article. Only its
		// text's end matters (an end marker), read when asked.
		bl.class = tailContent
		return
	}
	if alone && !bl.textRead && bl.end-bl.start > 4*maxLabelText && b.longText(bl.block) {
		// Its text is too long for all of those, and for a marker of its
		// own: the switch below would say article too.
		bl.class = tailContent
		return
	}
	text, media := b.readText(bl.block)
	if text == "" {
		bl.class = tailEmpty
		if media {
			bl.class = tailContent
		}
		bl.tracking = bl.elem >= 0 && b.trackingKind(bl.elem).what != ""
		return
	}
	if media {
		bl.class = tailContent
		return
	}
	t := &b.cfg.Tail
	// Rune counts only as far as the limits need: the block that ends the
	// walk is a whole paragraph.
	n := len(text) // an upper bound on the rune count, exact for ASCII
	if n > t.MaxHeadlineChars {
		n = runeCountUpTo(text, 2*t.MaxHeadlineChars+1)
	} else if n >= 6 && n < 24 {
		n = utf8.RuneCountInString(text) // "n >= 6" needs the real count
	}
	short := n <= 2*t.MaxHeadlineChars
	_, endsArticle := b.endMarker(text)
	var classes phraseClass
	if short {
		classes = b.tables.phrases.classes(text)
	}
	switch {
	case endsArticle && isMarker(text, t.EndMarkers): // a marker ends with itself
		bl.class = tailMarker
	case endsArticle:
		// The article's last paragraph, closed by "( 完 )".
		bl.class = tailContent
	case classes&classPromo != 0 && classes&classCredit == 0:
		// A promo phrase beside a credit ("本文译自…，点击阅读原文查看原文")
		// is the credit's pointer to its source: the article's.
		bl.class = tailPromo
	case short && (classes&classCredit != 0 || creditShape(text)):
		// A credit is the article's, also when it names a copyright
		// holder ("© 2021 Wire. Reporting by …").
		bl.class = tailCredit
	case classes&classCopyright != 0 && b.copyrightFooter(bl, text):
		bl.class = tailCopyright
	case n >= 6 && n <= t.MaxHeadlineChars && b.headlineShaped(bl.kind, text):
		bl.class = tailHeadline
	case n >= 6 && n <= t.MaxHeadlineChars && specLine(text) && b.headlineShaped(bl.kind, stripLabel(text)):
		bl.class = tailContent
		bl.specShaped = true
	default:
		bl.class = tailContent
	}
	switch bl.class {
	case tailCopyright, tailHeadline:
		if b.captionAt(bl.block) {
			// An image's caption and its photo credit are the article's
			// (tail-caption-en).
			bl.class = tailContent
		} else if bl.class == tailHeadline {
			outside, links := b.outsideLinks(bl.block)
			bl.link = links > 0 && outside == ""
			if links > 0 && nonSpaceRunes(text)-nonSpaceRunes(outside) <= 6*links {
				// Its links' text is a word ("here", "链接"), not another
				// article's title: a pointer of the article ("参看详情，请点选
				// …网站：here"; tail-pointer-zh).
				bl.class, bl.link = tailContent, false
			}
		}
	}
}

// longText reports, from the start of block bl's text, that the text is
// too long for classify to take it for anything but article: more than
// 2*Tail.MaxHeadlineChars runes as classify counts them (runeCountUpTo
// reads no further than the start read), so not short, and longer than
// any end marker. Its text is not kept. The tail's walk asks when the
// blocks after it have no text (alone): the run is empty, and only the
// text's end is read again (endsArticle); no widget reads the text of a
// block of more than 4*maxLabelText bytes. TestLongTextKeepsClass holds
// it to classify's reading.
func (b *bodyCleaner) longText(bl *block) bool {
	limit := 2*b.cfg.Tail.MaxHeadlineChars + 1
	if b.markerLen() >= 4*limit {
		return false
	}
	prefix, whole := b.textPrefix(bl, 4*limit)
	return !whole && runeCountUpTo(prefix, limit) > limit-1
}

// markerLen is the length in bytes of the longest end marker.
func (b *bodyCleaner) markerLen() int {
	n := 0
	for _, m := range b.cfg.Tail.EndMarkers {
		n = max(n, len(m))
	}
	return n
}

// headlineShaped: no sentence-final punctuation, not a list item, table
// cell, code or caption (kind), not a "label: value" spec line, not a URL
// or code.
func (b *bodyCleaner) headlineShaped(kind blockKind, text string) bool {
	switch kind {
	case blockListItem, blockTableCell, blockCode, blockCaption:
		return false
	}
	last, _ := lastRune(text)
	switch last {
	case '。', '.', '；', ';', '：', ':', '，', ',', '、', '…':
		return false // sentence-final punctuation
	}
	if closedSentence(text) || lowerStart(text) {
		return false // quoted speech, or a line that goes on a sentence or a verse
	}
	first, _ := utf8.DecodeRuneInString(text)
	switch first {
	case '●', '•', '·', '▪', '◆', '■', '□', '◇', '○', '-', '*', '–', '—', '>', '→':
		return false // a bullet
	}
	if listNumber(text) {
		return false
	}
	if hasURL(text) {
		return false
	}
	if specLine(text) {
		return false
	}
	return true
}

// lastRune is utf8.DecodeLastRuneInString, which is not inlined, with
// the runes a headline ends in read inline: ASCII, and a valid
// three-byte character (every CJK one: at least U+0800, not a
// surrogate), which DecodeLastRuneInString finds by backing up to its
// lead byte and decodes whole. Anything else asks it
// (TestLastRuneKeepsAnswers).
func lastRune(s string) (rune, int) {
	n := len(s)
	if n > 0 && s[n-1] < utf8.RuneSelf {
		return rune(s[n-1]), 1
	}
	if n >= 3 && s[n-3]&0xF0 == 0xE0 && s[n-2]&0xC0 == 0x80 && s[n-1]&0xC0 == 0x80 {
		r := rune(s[n-3]&0x0F)<<12 | rune(s[n-2]&0x3F)<<6 | rune(s[n-1]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeLastRuneInString(s)
}

// hasURL reports whether text holds "http://", "https://" or "www.". A
// text without a '/' or a 'w' holds none: two IndexByte are cheaper than
// the searches for a CJK headline (TestHasURLKeepsAnswers).
func hasURL(text string) bool {
	if strings.IndexByte(text, '/') < 0 && strings.IndexByte(text, 'w') < 0 {
		return false
	}
	return strings.Contains(text, "http") && (strings.Contains(text, "http://") || strings.Contains(text, "https://")) || strings.Contains(text, "www.")
}

// closers are the closing quotes and brackets a sentence can end inside.
const closers = "\"'”’」』）)]】》»›"

// isCloser reports whether r is one of closers: a switch, not a search of
// the string for every rune read back from a headline's end.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '」', '』', '）', ')', ']', '】', '》', '»', '›':
		return true
	}
	return false
}

// sentenceEnd reports whether r ends a sentence.
func sentenceEnd(r rune) bool {
	switch r {
	case '。', '.', '!', '?', '！', '？', '…':
		return true
	}
	return false
}

// closedSentence reports whether text ends a sentence inside closing
// quotes or brackets ("…条件。」", "…conditions.\"", "…conditions ! »"):
// quoted speech, prose, never a headline (tail-quote-prose-zh). A
// headline that ends in a quote or bracket has no full stop before it
// ("为何“智能”冰箱越来越不智能", "…( 第 1 期 )").
func closedSentence(text string) bool {
	s, closed := text, false
	for s != "" {
		r, n := lastRune(s)
		if isCloser(r) {
			closed = true
		} else if r > 0x3000 || !unicode.IsSpace(r) { // U+3000 is the last space
			break
		}
		s = s[:len(s)-n]
	}
	if !closed {
		return false
	}
	r, _ := lastRune(s)
	return sentenceEnd(r)
}

// lowerStart reports whether a line without CJK begins with a word in
// lower case ("beneath the winter ice"): it goes on a sentence or a
// verse; a headline starts with a capital (tail-verse-en). "iPhone" and
// "macOS" are names, and a CJK headline may start with a brand in lower
// case ("vivo …"): neither counts.
func lowerStart(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	if r >= 0x2E80 || !unicode.IsLower(r) {
		// A CJK first rune (the loop below would say false at it) skips
		// the case table's search.
		return false
	}
	word := true
	for _, c := range text {
		if c >= 0x2E80 {
			return false
		}
		if c == ' ' {
			word = false
		}
		if word && unicode.IsUpper(c) {
			return false
		}
	}
	return true
}

// goesOn reports whether text ends in a comma: the next line goes on
// with its sentence.
func goesOn(text string) bool {
	r, _ := lastRune(text)
	switch r {
	case ',', '，', ';', '；', '、':
		return true
	}
	return false
}

// creditShape reports a credit line in brackets: a "label: name" or a
// "… by …" inside ("（实习编译：…／核稿：…）", "(Reporting by …; Editing by …)",
// "(Rédaction : …)"). The credit list names the common labels; the shape
// takes those it does not.
func creditShape(text string) bool {
	open, n := utf8.DecodeRuneInString(text)
	end, m := lastRune(text)
	if !(open == '(' && end == ')' || open == '（' && end == '）' || open == '[' && end == ']' || open == '【' && end == '】') || n+m > len(text) {
		return false
	}
	inner := text[n : len(text)-m]
	return strings.ContainsAny(inner, ":：") || strings.Contains(inner, " by ") || strings.HasPrefix(inner, "By ")
}

// copyrightWords are the copyright phrases that are also words of a
// sentence or a headline ("…in Copyright Fight over…"): a block holding
// one is a footer only in a footer's shape, the word followed by a year
// ("Copyright 2021 …", "© 1999-2021 …") or, with the sign, opening the
// block before its holder ("© Example Media", "Copyright © Example"). The values are the words that must come
// with a phrase for it to be a footer's ("未经授权" with "转载": a reprint
// notice).
var copyrightWords = map[string][]string{
	"Copyright": nil, "copyright": nil, "COPYRIGHT": nil, "©": nil,
	"未经授权": {"转载", "摘编", "复制"},
}

// copyrightFooter reports whether a block holding a copyright phrase is a
// copyright footer, and records its evidence in bl.why. It is not when
// the phrase is in a link's text (a digest's headline: tail-digest-copyright-en),
// when a copyright word is not in a footer's shape (see copyrightWords),
// when the holder is "agency/photographer" (a photo credit), or when a
// sentence of the article comes before it.
func (b *bodyCleaner) copyrightFooter(bl *tailBlock, text string) bool {
	outside, links := b.outsideLinks(bl.block)
	if links == 0 {
		outside = text
	}
	found := b.tables.phrases.find(outside, classCopyright)
	bl.why = footerEvidenceOf(outside, found)
	if bl.why == "" || bl.elem < 0 {
		return bl.why != ""
	}
	// A credit before the notice in the same paragraph ("凝炼/某某（德新社）
	// <em>© 2020 …</em>"): the credit is the article's. Only the notice's
	// own element may go (tail-credit-notice-zh); without one, all stays.
	if f := found; len(f) > 0 && strings.TrimSpace(outside[:f[0].at]) != "" {
		before := strings.TrimSpace(outside[:f[0].at])
		c := b.lastChild(bl.elem)
		if c < 0 {
			return !creditLike(before)
		}
		ct, _ := b.blockText(c)
		ct = strings.TrimSpace(ct)
		g := b.tables.phrases.find(ct, classCopyright)
		if footerEvidenceOf(ct, g) == "" || !strings.HasSuffix(text, ct) || strings.TrimSpace(strings.TrimSuffix(text, ct)) == "" {
			return !creditLike(before)
		}
		if len(g) == 0 || strings.TrimSpace(ct[:g[0].at]) != "" {
			return !creditLike(before)
		}
		e := &b.d.elems[c]
		bl.start, bl.end, bl.elem, bl.parent, bl.tag, bl.kind, bl.text = e.start, e.end, c, bl.elem, e.tag, kindOf(e.tag), ct
	}
	return true
}

// lastChild is the last child element of element i when only white space
// follows it inside i and it is closed, or -1.
func (b *bodyCleaner) lastChild(i int) int {
	e := &b.d.elems[i]
	if e.closeStart < 0 {
		return -1
	}
	for k := e.lastTok - 1; k > e.firstTok; k-- {
		t := b.d.toks[k]
		switch {
		case t.kind == html.TextToken && blank(b.d.src[t.start:t.end]):
			continue
		case t.kind == html.EndTagToken && t.elem >= 0 && b.d.elems[t.elem].parent == i:
			if c := int(t.elem); b.d.elems[c].closed() && !b.d.elems[c].code {
				return c
			}
		}
		return -1
	}
	return -1
}

// creditLike reports whether a short text reads as a credit line: a
// credit phrase's shape, or names then an agency in brackets
// ("凝炼/某某（德新社）", "Jane Doe (AFP)"), no sentence in it.
func creditLike(text string) bool {
	if creditShape(text) {
		return true
	}
	if runeCountUpTo(text, 41) > 40 || strings.ContainsFunc(text, sentenceEnd) {
		return false
	}
	return strings.HasSuffix(text, "）") || strings.HasSuffix(text, ")") || strings.ContainsAny(text, "/／")
}

// footerEvidence is the evidence that text (a block's, outside its links)
// is a copyright footer, or "" (see copyrightFooter).
func footerEvidence(phrases *phraseSet, outside string) string {
	return footerEvidenceOf(outside, phrases.find(outside, classCopyright))
}

// footerEvidenceOf is footerEvidence on the copyright phrases found in
// outside: the caller that needs them too finds them once.
func footerEvidenceOf(outside string, found []phraseAt) string {
	for _, f := range found {
		why := ""
		with, word := copyrightWords[f.text]
		switch {
		case !word:
			why = quoted.String(f.text)
		case with != nil:
			for _, w := range with {
				if strings.Contains(outside, w) {
					why = quoted.String(f.text) + " + " + quoted.String(w)
				}
			}
		default:
			why = copyrightShape(outside, f)
		}
		if why == "" {
			continue
		}
		if before := strings.TrimSpace(outside[:f.at]); runeCountUpTo(before, 40) >= 40 && strings.ContainsFunc(before, sentenceEnd) {
			return "" // the footer holds a sentence of the article
		}
		return why
	}
	return ""
}

// copyrightShape is the evidence that a copyright word is in a footer's
// shape, or "".
func copyrightShape(s string, f phraseAt) string {
	rest := s[f.at+len(f.text):]
	sign := f.text == "©"
	for {
		r := strings.TrimLeft(rest, " :：")
		for _, p := range []string{"©", "(c)", "(C)", "Copyright", "copyright"} {
			if t, ok := strings.CutPrefix(r, p); ok {
				r, sign = t, sign || p[0] != 'C' && p[0] != 'c'
			}
		}
		if r == rest {
			break
		}
		rest = r
	}
	if strings.Contains(rest, "/ ") || strings.Contains(rest, "/via ") {
		return "" // "© 2021 Agency/ Photographer": a photo credit
	}
	if len(rest) >= 4 && (rest[:2] == "19" || rest[:2] == "20") && isDigit(rest[2]) && isDigit(rest[3]) && (len(rest) == 4 || !isDigit(rest[4])) {
		return f.text + " + year"
	}
	// "© Example Media" opening the block; not "Copyright law is …", and
	// not "© Agency/ Photographer", a photo credit.
	if sign && strings.TrimLeft(s[:f.at], " ([（【") == "" && rest != "" && !strings.ContainsAny(rest, "/") {
		return f.text + " + holder"
	}
	return ""
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// outsideLinks returns how many links to another page (not "#…") block
// bl holds and, when it holds one, its text outside them (white space
// collapsed).
func (b *bodyCleaner) outsideLinks(bl *block) (outside string, links int) {
	src := b.d.src
	switch {
	case bl.elem >= 0:
		e := &b.d.elems[bl.elem]
		for k := e.firstTok + 1; k < e.lastTok; k++ {
			if t := b.d.toks[k]; t.tag == atom.A && t.kind == html.StartTagToken {
				if href := attrRaw(b.attrs(src[t.start:t.end]), "href"); len(href) > 0 && href[0] != '#' {
					links++
				}
			}
		}
		if links == 0 {
			return "", 0
		}
		var buf []byte
		depth, skip := 0, 0
		for k := e.firstTok + 1; k < e.lastTok; k++ {
			t := b.d.toks[k]
			skip = rawTextDepth(t, skip)
			switch {
			case t.tag == atom.A && t.kind == html.StartTagToken:
				depth++
			case t.tag == atom.A && t.kind == html.EndTagToken && depth > 0:
				depth--
			case t.kind == html.TextToken && depth == 0 && skip == 0:
				buf = append(append(buf, html.UnescapeString(string(src[t.start:t.end]))...), ' ')
			}
		}
		return strings.Join(strings.Fields(string(buf)), " "), links
	case bl.elem == mdLeaf && bl.md >= 0:
		node := b.d.md.blocks[bl.md].node
		for c := node.FirstChild(); c != nil; c = c.NextSibling() {
			if l, ok := c.(*ast.Link); ok && len(l.Destination) > 0 && l.Destination[0] != '#' {
				links++
			}
		}
		if links == 0 {
			return "", 0
		}
		var buf []byte
		for c := node.FirstChild(); c != nil; c = c.NextSibling() {
			if _, ok := c.(*ast.Link); !ok {
				buf, _ = mdText(src, c, buf, b.isBeacon)
				buf = append(buf, ' ')
			}
		}
		return strings.Join(strings.Fields(string(buf)), " "), links
	}
	return "", 0
}

// captionAt reports whether block bl is an image's caption: a
// <figcaption>, a block inside a <figure>, or the block right after an
// image (HTML or Markdown) that is not a beacon.
func (b *bodyCleaner) captionAt(bl *block) bool {
	if bl.kind == blockCaption {
		return true
	}
	for e := bl.parent; e >= 0; e = b.d.elems[e].parent {
		if t := b.d.elems[e].tag; t == atom.Figure || t == atom.Figcaption {
			return true
		}
	}
	toks := b.d.toks
	k := -2
	if bl.elem >= 0 {
		// An element's block starts at its start tag, the first token
		// at or after its start: the token sort.Search below finds.
		if f := b.d.elems[bl.elem].firstTok; f < len(toks) && toks[f].start >= bl.start && (f == 0 || toks[f-1].start < bl.start) {
			k = f - 1
		}
	}
	if k == -2 {
		k = sort.Search(len(toks), func(i int) bool { return toks[i].start >= bl.start }) - 1
	}
	for n := 0; k >= 0 && n < 16; k, n = k-1, n+1 {
		t := toks[k]
		switch t.kind {
		case html.TextToken:
			// The text up to the block, white space trimmed at its end
			// (bytes.TrimRight's answer, with no cutset to build).
			lo, end := t.start, min(t.end, bl.start)
			for end > lo && (b.d.src[end-1] == ' ' || b.d.src[end-1] == '\t' || b.d.src[end-1] == '\r' || b.d.src[end-1] == '\n') {
				end--
			}
			text := b.d.src[lo:end]
			if len(text) == 0 {
				continue
			}
			if bl.elem != mdLeaf {
				return false // only a Markdown block's caption stands after text (not read: a paragraph of it on one line)
			}
			// Markdown: the line before is an image ("![alt](src)", or
			// one in a link).
			line := text[bytes.LastIndexByte(text, '\n')+1:]
			line = bytes.TrimLeft(line, " \t>")
			return (bytes.HasPrefix(line, []byte("![")) || bytes.HasPrefix(line, []byte("[!["))) && bytes.HasSuffix(line, []byte(")"))
		case html.StartTagToken, html.SelfClosingTagToken:
			if t.tag == atom.Img {
				return t.elem < 0 || b.trackingKind(int(t.elem)).what == ""
			}
		case html.EndTagToken:
			if t.tag == atom.Figure || t.tag == atom.Picture {
				return true
			}
		}
	}
	return false
}

// headlineBefore reports whether the block before bs[i] is a headline.
func (b *bodyCleaner) headlineBefore(bs []tailBlock, i int) bool {
	if i == 0 {
		return false
	}
	b.classify(&bs[i-1])
	return bs[i-1].class == tailHeadline
}

// stripLabel drops the "label：" of a "label：value" line.
func stripLabel(s string) string {
	i := strings.IndexByte(s, ':')
	if j := strings.Index(s, "："); j >= 0 && (i < 0 || j < i) {
		return strings.TrimSpace(s[j+len("："):])
	}
	if i >= 0 {
		return strings.TrimSpace(s[i+1:])
	}
	return s
}

// listNumber reports "1.", "1、", "(1)", "（1）", "①" style item numbers.
func listNumber(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if r >= '①' && r <= '⑳' {
		return true
	}
	if s == "" {
		return false
	}
	if c := s[0]; !(c >= '0' && c <= '9' || c == '(' || c == '[' || c == "（"[0] || c == "【"[0]) {
		return false // neither a digit nor an opening bracket before one
	}
	for _, open := range []string{"(", "（", "[", "【"} {
		s = strings.TrimPrefix(s, open)
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 3 || i >= len(s) {
		return false
	}
	r, _ = utf8.DecodeRuneInString(s[i:])
	return strings.ContainsRune(".、)）]】:：", r)
}

// specLine: a short label, a colon, a short value with a digit
// ("屏幕：6.1 英寸 OLED", "售价：3999 元起").
func specLine(s string) bool {
	// A label is 6*4 bytes at most: the colon is looked for only as far
	// as one after it could start (a colon further on is as good as none).
	head := s[:min(len(s), 6*4+len("："))]
	i := strings.IndexByte(head, ':')
	if j := strings.Index(head, "："); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i <= 0 || i > 6*4 || utf8.RuneCountInString(s[:i]) > 6 {
		return false
	}
	value := strings.TrimLeft(s[i:], ":：")
	if len(value) > 24*4 || utf8.RuneCountInString(value) > 24 {
		return false
	}
	for j := 0; j < len(value); j++ {
		if value[j] >= '0' && value[j] <= '9' {
			return true
		}
	}
	return false
}

// isMarker reports whether text (trimmed) is an end marker on its own.
func isMarker(text string, markers []string) bool {
	for _, m := range markers {
		if text == m {
			return true
		}
	}
	return false
}

// endsWithMarker reports whether a content block closes with an end
// marker ("…网络空间。 ( 完 )"). A marker of ASCII letters only must stand
// alone, so "press END" does not end an article.
func endsWithMarker(t string, markers []string) (string, bool) {
	if t == "" {
		return "", false
	}
	for _, m := range markers {
		if m == "" || m[len(m)-1] != t[len(t)-1] {
			continue // cheap reject: the last bytes differ
		}
		if !strings.HasSuffix(t, m) {
			continue
		}
		if isASCIIWord(m) && t != m {
			continue
		}
		return m, true
	}
	return "", false
}

// endMarker is endsWithMarker of the configured end markers, with no
// search when t's last byte ends none of them (tables.markerEnds).
func (b *bodyCleaner) endMarker(t string) (string, bool) {
	if t == "" || !b.tables.markerEnds[t[len(t)-1]] {
		return "", false
	}
	return endsWithMarker(t, b.cfg.Tail.EndMarkers)
}

func isASCIIWord(s string) bool {
	for _, c := range s {
		if c > unicode.MaxASCII || !unicode.IsLetter(c) {
			return false
		}
	}
	return true
}

// pairMask is the mask of the table of hashed character pairs that an
// article of textBytes bytes is read into (a power of two bits, at least
// four a byte): enough to tell whether a headline shares its words with
// the article, with no allocation per pair. Its size follows the
// article's length, so that a long article does not fill it and make
// every headline look related.
func pairMask(textBytes int) uint32 {
	n := 1 << 12
	for n < textBytes*4 && n < 1<<24 {
		n <<= 1
	}
	return uint32(n - 1)
}

// wordRune reports whether r is part of a word, fast for ASCII and CJK,
// and returns it lower-cased.
func wordRune(r rune) (rune, bool) {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A', true
		}
		return r, 'a' <= r && r <= 'z' || '0' <= r && r <= '9'
	case 0x4E00 <= r && r <= 0x9FFF:
		return r, true
	case 0x3000 <= r && r <= 0x303F, 0xFF00 <= r && r <= 0xFF0F, 0xFF1A <= r && r <= 0xFF20, 0x2000 <= r && r <= 0x206F:
		return r, false
	}
	return unicode.ToLower(r), unicode.IsLetter(r) || unicode.IsDigit(r)
}

// asciiWord is wordRune for ASCII: the byte lower-cased when it is part
// of a word, else 0 (NUL is no word's).
var asciiWord = func() (t [0x80]byte) {
	for c := rune(0); c < 0x80; c++ {
		if r, ok := wordRune(c); ok {
			t[c] = byte(r)
		}
	}
	return t
}()

func pairHash(a, b rune) uint32 {
	h := uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77
	h ^= h >> 15
	return h
}

// pairWatch looks for the candidate headlines' character pairs among the
// article's as the article is read (see unrelated). The article's bigram
// set matters only where it holds a candidate's hash: a candidate's share
// is the part of its hashes the article has shown, as it is the part in
// the whole set.
type pairWatch struct {
	mask  uint32
	share float64 // Tail.RelatedShare
	// want is the candidates' hashes the article has not shown yet, a
	// bit set of mask+1 bits: a candidate's hash whose bit is clear is
	// the article's.
	want []uint64
	// hashes are the candidates' pairs' hashes, one candidate after the
	// other, each candidate's followed by pairEnd.
	hashes []uint64
	// first holds the distinct hashes of the first candidate (the last
	// headline), each with how many of its pairs have it: an
	// open-addressed table, the hash+1 in the low half of a slot (0:
	// empty), the count in the high half. firstFound counts its pairs
	// found, of firstTotal, for the read to stop when it is related (it
	// is the answer).
	first                  []uint64
	firstFound, firstTotal int
}

// pairEnd ends a candidate's hashes: no hash (at most 1<<24-1) is it.
const pairEnd = 1 << 32

// newPairWatch is a pairWatch for an article of textBytes bytes and
// candidates of headBytes bytes in all (with one byte each for pairEnd),
// the first of firstBytes: its memory is s.bits.
func newPairWatch(textBytes, headBytes, firstBytes int, share float64, s *scratch) pairWatch {
	mask := pairMask(textBytes)
	n := int(mask/64 + 1)
	size := 8 // first's: at most half full
	for size < 2*firstBytes {
		size <<= 1
	}
	all := n + size + headBytes // a pair per byte at most
	bits := grow(s.bits[:0], all)[:all]
	clear(bits[:n+size])
	s.bits = bits
	return pairWatch{mask: mask, share: share, want: bits[:n:n], first: bits[n : n+size : n+size], hashes: bits[n+size : n+size]}
}

// addHeadline adds the next candidate's pairs, read as the article's
// are (see read), but for the inline decoding.
func (w *pairWatch) addHeadline(text string) {
	want, mask, hashes := w.want, w.mask, w.hashes
	var prev rune = -1
	for i := 0; i < len(text); {
		var r rune
		if c := text[i]; c < 0x80 {
			i++
			if r = rune(asciiWord[c]); r == 0 {
				prev = -1
				continue
			}
		} else {
			// A three-byte character led by E1-EC, EE or EF is valid with
			// any two continuation bytes (none is overlong or a
			// surrogate): decoded inline, as DecodeRuneInString would.
			if rest := text[i:]; c >= 0xE1 && c <= 0xEF && c != 0xED && len(rest) >= 3 && rest[1]&0xC0 == 0x80 && rest[2]&0xC0 == 0x80 {
				r = rune(c&0x0F)<<12 | rune(rest[1]&0x3F)<<6 | rune(rest[2]&0x3F)
				i += 3
			} else {
				var n int
				r, n = utf8.DecodeRuneInString(rest)
				i += n
			}
			if r < 0x4E00 || r > 0x9FFF { // see read
				var ok bool
				if r, ok = wordRune(r); !ok {
					prev = -1
					continue
				}
			}
		}
		if prev >= 0 {
			h := pairHash(prev, r) & mask
			want[h>>6] |= 1 << (h & 63)
			hashes = append(hashes, uint64(h))
		}
		prev = r
	}
	w.hashes = append(hashes, pairEnd)
}

// start fills the first candidate's table once the candidates are added,
// and reports whether it is related with no pair read.
func (w *pairWatch) start() bool {
	for _, h := range w.hashes {
		if h == pairEnd {
			break
		}
		j := w.slot(uint32(h))
		w.first[j] = w.first[j]&^0xFFFFFFFF | (h + 1) + 1<<32
		w.firstTotal++
	}
	return w.related(0, w.firstTotal)
}

// slot is the first table's slot of hash h: its own or the empty one
// where it would go.
func (w *pairWatch) slot(h uint32) int {
	j := int(h*0x9E3779B1) & (len(w.first) - 1)
	for w.first[j] != 0 && uint32(w.first[j]) != h+1 {
		j = (j + 1) & (len(w.first) - 1)
	}
	return j
}

// related reports whether a candidate with found of its total pairs
// found is related: share's answer, found/total (0 with no pairs),
// against the threshold.
func (w *pairWatch) related(found, total int) bool {
	share := 0.0
	if total > 0 {
		share = float64(found) / float64(total)
	}
	return share >= w.share
}

// read reads a text of the article, as the article's bigram set would
// add it, and reports whether the first candidate is now related: no
// more need be read. ASCII takes a table, a three-byte character (every
// CJK one) is decoded inline: the article's every byte passes here.
func (w *pairWatch) read(text []byte) bool {
	want, mask := w.want, w.mask
	var prev rune = -1
	for i := 0; i < len(text); {
		c := text[i]
		var r rune
		if c < 0x80 {
			i++
			if r = rune(asciiWord[c]); r == 0 {
				prev = -1
				continue
			}
		} else {
			// As addHeadline decodes a headline's (one bounds check for
			// the three bytes): a lead byte E1-EC, EE or EF with two
			// continuation bytes is a valid character; E0 and ED, which
			// may lead an overlong form or a surrogate, go to DecodeRune,
			// so that both sides read invalid bytes alike.
			if rest := text[i:]; c >= 0xE1 && c <= 0xEF && c != 0xED && len(rest) >= 3 && rest[1]&0xC0 == 0x80 && rest[2]&0xC0 == 0x80 {
				r = rune(c&0x0F)<<12 | rune(rest[1]&0x3F)<<6 | rune(rest[2]&0x3F)
				i += 3
			} else {
				var n int
				r, n = utf8.DecodeRune(rest)
				i += n
			}
			if r < 0x4E00 || r > 0x9FFF { // a CJK ideograph is a word's, as it is (wordRune)
				var ok bool
				if r, ok = wordRune(r); !ok {
					prev = -1
					continue
				}
			}
		}
		if prev >= 0 {
			if h := pairHash(prev, r) & mask; want[h>>6]&(1<<(h&63)) != 0 && w.hit(h) {
				return true
			}
		}
		prev = r
	}
	return false
}

// readBack reads text as read does, its end first: in parts of about
// 256 bytes, cut between two ASCII bytes, each part read with the byte
// before the cut. No rune of text spans an ASCII byte, so each part
// reads the runes the whole would, and the byte before the cut gives the
// part the pair across it (TestReadBackKeepsPairs). A text with no such
// cut, CJK with no ASCII, is read whole.
func (w *pairWatch) readBack(text []byte) bool {
	const part = 256
	end := len(text)
	for end > part {
		p := end - part
		for p > 0 && (text[p] >= 0x80 || text[p-1] >= 0x80) {
			p--
		}
		if p == 0 {
			break
		}
		if w.read(text[p-1 : end]) {
			return true
		}
		end = p
	}
	return w.read(text[:end])
}

// hit takes hash h, the first time the article has it, out of want, and
// reports whether the first candidate is now related.
func (w *pairWatch) hit(h uint32) bool {
	w.want[h>>6] &^= 1 << (h & 63)
	if s := w.first[w.slot(h)]; s != 0 {
		w.firstFound += int(s >> 32)
		return w.related(w.firstFound, w.firstTotal)
	}
	return false
}

// answer is the first candidate related to what was read, or the
// number of candidates if none is.
func (w *pairWatch) answer() int {
	c, found, total, want := 0, 0, 0, w.want
	for _, h := range w.hashes {
		if h == pairEnd {
			if w.related(found, total) {
				return c
			}
			c, found, total = c+1, 0, 0
			continue
		}
		total++
		if want[h>>6]&(1<<(h&63)) == 0 {
			found++
		}
	}
	return c
}

// tail finds the link-bait tail and removes it when the signals agree.
func (b *bodyCleaner) tail() {
	bs := b.tailBlocks()
	t := &b.cfg.Tail
	// Walk back from the end over blocks that are not the article.
	junk := func(k int) bool {
		switch bs[k].class {
		case tailEmpty, tailHeadline, tailPromo, tailCopyright:
			return true
		}
		return false
	}
	k := len(bs)
	alone := true // the blocks walked have no text (see longText)
	for k > 0 {
		bl := &bs[k-1]
		b.classifyAlone(bl, alone)
		if bl.class == tailCredit && t.DropCredits != nil && *t.DropCredits && !b.captionAt(bl.block) {
			bl.class = tailPromo
			bl.why = "tail.drop_credits"
		}
		if !junk(k-1) && !(bl.specShaped && k < len(bs) && bs[k].class == tailHeadline && b.headlineBefore(bs, k-1)) {
			break
		}
		if bl.specShaped {
			// "马斯克：特斯拉 2023 年推出新车" reads as a spec line alone, but
			// between headlines, with a headline's shape after its label,
			// the signals agree: it is one of them.
			bl.class = tailHeadline
		}
		alone = alone && bl.class == tailEmpty
		k--
	}
	// Everything after an end marker is not the article. Without one, a
	// headline that shares its words with the article is the article's own
	// short line, not link-bait: the run ends after it.
	walked := k
	markerBefore := k > 0 && b.endsArticle(&bs[k-1], alone) != ""
	if !markerBefore {
		k = b.unrelated(bs, k)
	}
	b.tailFrom(bs, k)
	if !b.unsettled && !b.tailSettled(bs, k) && !b.tailKeeps(bs, walked) {
		b.unsettled = true
	}
}

// tailKeeps reports whether the tail kept the headlines of an HTML body's
// run and a second round must keep them too, when no other edit reaches
// what the walk read (see settled). The blocks the walk passed,
// bs[walked:], hold fewer headlines than either threshold asks
// (Tail.MinHeadlinesAlone and MinHeadlinesAfterMarker), kept, and what
// else has text the tail removed whole, as tailSettled asks (siblings of
// the block that stopped the walk, so no element is emptied): a copyright
// footer or promo after them. What stays of the run before the cut reads
// as it did: each block is classified by its own text and kind and by
// the 16 tokens before it (captionAt), and after the cut only empty
// blocks stand. A second round whose other edits all end before the 16
// tokens that the block stopping the walk reads stops there again, on a
// run of those headlines (unrelated can only shorten it: it hashes
// character pairs into a table sized by the text before the run), and
// with no promo or footer left tailFrom cuts headlines only from
// MinHeadlines on, and nothing else. So settled holds when every edit
// but the tail's ends at or before tailBound.
func (b *bodyCleaner) tailKeeps(bs []tailBlock, walked int) bool {
	if b.mdParsed || walked == 0 || b.tailKept || bs[walked-1].specShaped {
		return false
	}
	cut := b.edits[b.passStart:]
	heads, removed := 0, false
	for i := walked; i < len(bs); i++ {
		r := &bs[i]
		switch {
		case r.class == tailEmpty:
		case len(cut) > 0 && b.siblingCut(&bs[walked-1], r, cut):
			removed = true
		case removed:
			return false // text after the cut (tailFrom leaves none)
		case r.class == tailHeadline, r.class == tailContent: // content: a headline unrelated took for the article's
			heads++
		default:
			return false
		}
	}
	if t := &b.cfg.Tail; heads >= min(t.MinHeadlinesAlone, t.MinHeadlinesAfterMarker) {
		return false
	}
	toks, stop := b.d.toks, bs[walked-1].start
	k := sort.Search(len(toks), func(i int) bool { return toks[i].start >= stop })
	bound := 0
	if k > 17 {
		bound = toks[k-17].start
	}
	b.tailKept, b.tailBound, b.tailEdits = true, bound, [2]int{b.passStart, len(b.edits)}
	return true
}

// tailSettled reports whether the tail's decision on the run bs[k:] is
// the one a second round would make (see settled): there is no run with
// text, or the run is gone whole and nothing else changes with it. Then
// the block before it, which stopped the walk, is the last with text,
// and stops it again; the run's blocks are its siblings, inside block
// elements that keep that block, so no element is emptied and no
// container loses its block children.
func (b *bodyCleaner) tailSettled(bs []tailBlock, k int) bool {
	cut := b.edits[b.passStart:]
	for _, r := range bs[k:] {
		if r.class == tailEmpty {
			continue
		}
		if k == 0 || r.elem < 0 {
			return false
		}
		s := &bs[k-1]
		switch s.class {
		case tailEmpty, tailHeadline, tailPromo, tailCopyright:
			return false // a block unrelated() kept: the walk passed it
		}
		if !b.siblingCut(s, &r, cut) {
			return false
		}
	}
	return true
}

// siblingCut reports whether the run's block r, after block s that
// stopped the tail's walk, is removed whole by the edits cut, as a
// sibling of s inside block elements (see tailSettled).
func (b *bodyCleaner) siblingCut(s, r *tailBlock, cut []edit.Edit) bool {
	if r.elem < 0 || s.elem < 0 || !blockTags(s.tag) || b.d.elems[r.elem].parent != b.d.elems[s.elem].parent {
		return false
	}
	for p := b.d.elems[s.elem].parent; p >= 0; p = b.d.elems[p].parent {
		if !blockTags(b.d.elems[p].tag) {
			return false
		}
	}
	// Kept, or not all of it removed:
	return slices.ContainsFunc(cut, func(e edit.Edit) bool { return e.Start <= b.base+r.start && b.base+r.end <= e.End })
}

// tailFrom decides on the run bs[k:] of blocks that are not the article.
func (b *bodyCleaner) tailFrom(bs []tailBlock, k int) {
	t := &b.cfg.Tail
	run := bs[k:]
	// Only siblings of the last junk block: a cut must not cross an
	// element boundary.
	last := -1
	for i := len(run) - 1; i >= 0; i-- {
		if run[i].class != tailEmpty {
			last = i
			break
		}
	}
	if last < 0 {
		return
	}
	parent := run[last].parent
	first := last
	for first > 0 && run[first-1].parent == parent {
		first--
	}
	for first <= last && run[first].class == tailEmpty {
		first++
	}
	trackingAfter := false
	for _, bl := range run[last+1:] {
		if bl.tracking {
			trackingAfter = true
		}
	}
	marker := ""
	if k > 0 && first == 0 {
		marker = b.endsArticle(&bs[k-1], false)
	}
	heads, promos, footers, links := 0, 0, 0, 0
	for _, bl := range run[first : last+1] {
		switch bl.class {
		case tailHeadline:
			heads++
			if bl.link {
				links++
			}
		case tailPromo:
			promos++
		case tailCopyright:
			footers++
		}
	}
	linked := heads > 0 && links == heads
	need := t.MinHeadlinesAlone
	if marker != "" || promos+footers > 0 {
		need = t.MinHeadlinesAfterMarker
	}
	// Headlines go only with positive evidence that they are not the
	// article: an end marker before them, a site promo or a tracking
	// container after them, or, with a copyright footer, all of them
	// links to other pages. A copyright line alone says nothing of the
	// short lines before it: a poem ends so too (tail-verse-zh).
	backed := marker != "" || promos > 0 || trackingAfter || linked && footers > 0
	if marker == "" && k+first > 0 && goesOn(b.runText(&bs[k+first-1])) {
		// The line before the run ends in a comma: the short lines go on
		// its sentence (a verse, an enumeration), whatever follows them.
		backed = false
	}
	cutFrom := first
	switch {
	case heads == 0:
		// Only promo and copyright blocks: site footers.
	case heads >= need && backed && b.articleOutweighs(bs, k, run[first:last+1]):
		// Headlines backed by another signal.
	default:
		// Not enough agreement to cut the headlines: only a promo or
		// copyright suffix after the last headline may go.
		cutFrom = last + 1
		for i := last; i >= first; i-- {
			if run[i].class == tailHeadline {
				break
			}
			cutFrom = i
		}
		for cutFrom <= last && run[cutFrom].class == tailEmpty {
			cutFrom++
		}
		if cutFrom > last {
			return
		}
		heads = 0
	}
	if heads == 0 && b.licenseSection(bs, k+cutFrom) {
		return // a README's License section: the project's notice (tail-license-section)
	}
	start, end := run[cutFrom].start, run[last].end
	var why []string
	switch {
	case heads == 0:
	case linked:
		why = append(why, plural(heads, "headline", "headlines")+" linking to other articles")
	case marker != "":
		why = append(why, plural(heads, "headline", "headlines")) // the marker is the evidence
	default:
		why = append(why, plural(heads, "unrelated headline", "unrelated headlines"))
	}
	// Each footer's and promo's evidence, counted when repeated.
	type evidence struct {
		noun, why string
		n         int
	}
	var ev []evidence
	for _, bl := range run[cutFrom : last+1] {
		e := evidence{}
		switch bl.class {
		case tailCopyright:
			e = evidence{noun: "copyright footer", why: bl.why}
		case tailPromo:
			e = evidence{noun: "site promo", why: bl.why}
			if bl.why == "" {
				if f := b.tables.phrases.find(bl.text, classPromo); len(f) > 0 {
					e.why = quoted.String(f[0].text)
				}
			} else {
				e.noun = "credit line"
			}
		default:
			continue
		}
		if i := slices.IndexFunc(ev, func(x evidence) bool { return x.noun == e.noun && x.why == e.why }); i >= 0 {
			ev[i].n++
		} else {
			e.n = 1
			ev = append(ev, e)
		}
	}
	for _, e := range ev {
		w := "a " + e.noun
		if e.n > 1 {
			w = plural(e.n, "", e.noun+"s")
		}
		if e.why != "" {
			w += " (" + e.why + ")"
		}
		why = append(why, w)
	}
	reason := strings.Join(why, " and ")
	if marker != "" && cutFrom == first {
		reason += " after the end marker " + quoted.String(marker)
	} else if trackingAfter && heads > 0 {
		reason += " before a tracking container"
	}
	b.add(RuleLinkBaitTail, start, end, nil, "removed the link-bait tail: "+reason+" ("+quoted.String(truncate(run[cutFrom].text, 40))+"…)")
	if n := len(b.changes); n > 0 && !b.over {
		for _, bl := range run[cutFrom : last+1] {
			switch bl.class {
			case tailPromo, tailCopyright, tailCredit, tailMarker:
				b.changes[n-1].Blocks = append(b.changes[n-1].Blocks, truncate(bl.text, 80))
			}
		}
	}
	if cutFrom == first && first > 0 {
		// The whole last group went; the run's earlier blocks, under
		// another parent, are now the end of the body. Decide on them as a
		// second run would, so that cleaning is idempotent.
		b.tailFrom(bs[:k+first], k)
	}
}

// articleOutweighs reports whether there is an article before the run,
// longer than the run's headlines: a post that is all short lines (a list
// of links, a poem) is not a short article with a long tail, and unsure,
// the rule leaves it.
func (b *bodyCleaner) articleOutweighs(bs []tailBlock, k int, run []tailBlock) bool {
	if k == 0 {
		return false
	}
	heads := 0
	for _, bl := range run {
		if bl.class == tailHeadline {
			heads += len(bl.text)
		}
	}
	article, end := 0, bs[k].start
	for _, t := range b.d.toks {
		if t.start >= end || article > heads {
			break
		}
		if t.kind == html.TextToken {
			article += trimmedLen(b.d.src[t.start:t.end])
		}
	}
	return article > heads
}

// trimmedLen is len(bytes.TrimSpace(s)). TrimSpace reads a text that
// starts or ends in a byte above ASCII with unicode.IsSpace through
// function calls: a CJK paragraph does both. A text that starts with a
// byte no white space starts (ASCII but a space, or a lead byte other
// than those of U+0085, U+00A0, U+1680, U+2000-U+205F and U+3000, or a
// broken byte) and ends in an ASCII non-space or a character of three
// bytes from U+3001 on is its own trim (TestTrimmedLenKeepsAnswers).
func trimmedLen(s []byte) int {
	n := len(s)
	if n < 3 {
		return len(bytes.TrimSpace(s))
	}
	switch c := s[0]; {
	case c < utf8.RuneSelf:
		if asciiSpaceByte(c) {
			return len(bytes.TrimSpace(s))
		}
	case c == 0xC2, c == 0xE1, c == 0xE2, c == 0xE3:
		return len(bytes.TrimSpace(s))
	}
	c, c1, c0 := s[n-1], s[n-2], s[n-3]
	switch {
	case c < utf8.RuneSelf:
		if !asciiSpaceByte(c) {
			return n
		}
	case c&0xC0 == 0x80 && c1&0xC0 == 0x80 && (c0 >= 0xE4 && c0 <= 0xEF || c0 == 0xE3 && (c1 != 0x80 || c != 0x80)):
		// U+3001 and above, or a surrogate's bytes (utf8.RuneError).
		return n
	}
	return len(bytes.TrimSpace(s))
}

// asciiSpaceByte reports the ASCII white space bytes.TrimSpace trims.
func asciiSpaceByte(c byte) bool {
	return c == ' ' || c-'\t' <= '\r'-'\t'
}

// endsArticle returns the end marker that closes block bl ("" if none):
// a marker block of its own, or a paragraph ending "… ( 完 )". With
// alone, the block's text is needed for nothing else (see longText).
func (b *bodyCleaner) endsArticle(bl *tailBlock, alone bool) string {
	if bl.class == tailMarker {
		return bl.text
	}
	if bl.elem == -1 {
		return ""
	}
	if alone && !bl.textRead && bl.end-bl.start > 4*maxLabelText {
		// A long block's end (textSuffix) ends as its text does, and
		// is longer than any marker: endMarker says the same of it.
		m, _ := b.endMarker(b.textSuffix(bl.block, b.markerLen()))
		return m
	}
	text, _ := b.readText(bl.block)
	m, _ := b.endMarker(text)
	return m
}

// runText is the text of block bl that a run's walk read: a loose text's
// is none (classify never reads it); a long block's, read now if it was
// not (longText).
func (b *bodyCleaner) runText(bl *tailBlock) string {
	if bl.elem == -1 || bl.textRead {
		return bl.text
	}
	text, _ := b.readText(bl.block)
	return text
}

// unrelated returns where the run bs[k:] starts once headlines related to
// the article (sharing its character pairs) are taken for article: the
// run ends after the last headline that is.
//
// A headline is related when at least Tail.RelatedShare of its character
// pairs are the article's (the text before the run), the pairs hashed
// into a table of pairMask bits, so that two pairs that share a hash
// count as one (the article's bigram set: TestUnrelatedKeepsAnswers holds
// this to it). The headlines' hashes are looked for as the article is
// read (pairWatch), and the read stops when the last headline is
// related: it is the answer, whatever the rest of the article holds.
func (b *bodyCleaner) unrelated(bs []tailBlock, k int) int {
	var buf [8]int
	cands := buf[:0] // last first: the first related one wins
	heads := 0
	for i := len(bs) - 1; i >= k; i-- {
		if bs[i].class != tailHeadline || bs[i].link {
			// A link to another page is evidence of its own: the words
			// of an English headline share most character pairs with
			// any English article.
			continue
		}
		cands = append(cands, i)
		heads += len(bs[i].text) + 1
		bs[i].judged = true
	}
	if len(cands) == 0 {
		return k
	}
	end := len(b.d.src)
	if k < len(bs) {
		end = bs[k].start
	}
	b.bigramsEnd = max(b.bigramsEnd, end) // an autolink rewrite before it moves end (swapsSettled)
	w := newPairWatch(end, heads, len(bs[cands[0]].text), b.cfg.Tail.RelatedShare, b.scratch)
	for _, i := range cands {
		w.addHeadline(bs[i].text)
	}
	related := 0 // the first candidate, when it is related
	if !w.start() {
		// The article's end first: a headline that shares its words
		// most often shares them with the last paragraphs.
		related = -1
		toks := b.d.toks
		n := sort.Search(len(toks), func(i int) bool { return toks[i].start >= end })
		for j := n - 1; j >= 0; j-- {
			if t := toks[j]; t.kind == html.TextToken && w.readBack(b.d.src[t.start:t.end]) {
				related = 0
				break
			}
		}
		if related < 0 {
			related = w.answer()
		}
	}
	if related == len(cands) {
		return k
	}
	i := cands[related]
	bs[i].class, bs[i].related = tailContent, true
	return i + 1
}

// verdictsStand is bigramsStand where the edits before bigramsEnd move
// the article's character pairs (a Markdown link's destination is text
// to the tokenizer) or the size of their table: it judges the headlines
// unrelated judged again, as a second round would, on the output's pairs
// (readOutput) in a table sized by the output's offset of the run, and
// reports whether each gets the verdict it got. Then the second round
// ends the article after the same headline (or after none), and what
// else stands of the first round's decisions (tailSettled, tailKeeps)
// stands as when the pairs had not moved. An edit across the run's start
// leaves it to the second round. TestVerdictsStand holds it to a real
// second round, TestReadOutput its reading to the output's tokens.
func (b *bodyCleaner) verdictsStand() bool {
	bs := b.tailList
	var buf [8]int
	cands := buf[:0] // last first, as unrelated took them
	heads, want := 0, -1
	for i := len(bs) - 1; i >= 0; i-- {
		if !bs[i].judged {
			continue
		}
		if bs[i].related {
			want = len(cands)
		}
		cands = append(cands, i)
		heads += len(bs[i].text) + 1
	}
	if len(cands) == 0 {
		return false
	}
	if want < 0 {
		want = len(cands)
	}
	end, delta := b.bigramsEnd, 0
	for _, e := range b.edits {
		start, stop := e.Start-b.base, e.End-b.base
		if start >= end {
			continue
		}
		if stop > end {
			return false
		}
		delta += len(e.New) - (stop - start)
	}
	w := newPairWatch(end+delta, heads, len(bs[cands[0]].text), b.cfg.Tail.RelatedShare, b.scratch)
	for _, i := range cands {
		w.addHeadline(bs[i].text)
	}
	got := 0
	if !w.start() {
		related, ok := b.readOutput(&w, end)
		if !ok {
			return false
		}
		if !related {
			got = w.answer()
		}
	}
	return got == want
}

// readOutput reads into w, as unrelated reads the body's, the text tokens
// of the output (the body with b.edits applied) that start before the
// output's offset of end (the body's; no edit crosses it), and reports
// whether the first candidate is related: no more need be read. The
// output's tokens are the body's: a text token's bytes are its own with
// the edits in it applied, and where an edit removes tags or comments
// whole the texts around them join into one token; every other token
// stays one, and a text token no edit touches or joins is read from the
// body. ok is false where that may not hold, and nothing is known: an
// edit that cuts a tag or comment but inside a quoted attribute value
// (keeping its quote out), or puts new bytes across a text token's edge;
// a tag removed that switches the tokenizer to raw text (a script's, a
// title's, ended by other rules), or from a body with CDATA sections;
// and a joined or edited text that holds a "<" opening markup. Raw text
// edited with no such "<" in it ends where it did, at its end tag (which
// stays): a script's "<!--", which would change that, is one.
// TestReadOutput holds it to the output's tokens.
func (b *bodyCleaner) readOutput(w *pairWatch, end int) (related, ok bool) {
	src, toks := b.d.src, b.d.toks
	// Inside svg or math, a CDATA section is text; the tags around it
	// say where that is, and a tag removed may move it.
	cdata := bytes.Contains(src, []byte("<![CDATA["))
	var ebuf [16]edit.Edit
	es := ebuf[:0]
	for _, e := range b.edits {
		es = append(es, edit.Edit{Start: e.Start - b.base, End: e.End - b.base, New: e.New})
	}
	slices.SortStableFunc(es, func(x, y edit.Edit) int { // as edit.Apply orders them
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return x.End - y.End // an insertion before what starts there
	})
	// The output's text token being gathered: its pieces, the body's
	// offset of its first byte (an edit's start, for its new bytes), and
	// whether it is new: anything but a text token of the body as it
	// stands.
	var parts []textPiece
	origin, anew := 0, false
	var joined []byte
	add := func(p []byte, at int, edited, added bool) {
		if len(p) == 0 {
			return
		}
		if len(parts) == 0 {
			origin = at
		}
		parts = append(parts, textPiece{p, at, added})
		anew = anew || edited || len(parts) > 1
	}
	// read reads the token gathered, if it starts before end.
	read := func() (related, ok bool) {
		defer func() { parts, anew = parts[:0], false }()
		if len(parts) == 0 || origin >= end {
			return false, true
		}
		text := parts[0].text
		if anew {
			n := 0
			for _, p := range parts {
				n += len(p.text)
			}
			if n > b.limit {
				return false, false // a copy the memory bound has no room for
			}
			if b.opensMarkup(parts) {
				return false, false
			}
			joined = joined[:0]
			for _, p := range parts {
				joined = append(joined, p.text...)
			}
			text = joined
		}
		return w.readBack(text), true
	}
	for k := range toks {
		t := &toks[k]
		if len(parts) == 0 && t.start >= end {
			return false, true
		}
		// The edits that touch t, es[:n]: those that start in it (or ran
		// into it), and for a text token an insertion at its end (before
		// a tag, the text's). Done with t, those that end in it are done.
		n := 0
		for n < len(es) && (es[n].Start < t.end || t.kind == html.TextToken && es[n].Start == t.end && es[n].End == t.end) {
			n++
		}
		done := 0
		for done < n && es[done].End <= t.end {
			done++
		}
		touch := es[:n]
		es = es[done:]
		if t.kind != html.TextToken {
			gone := false
			for _, e := range touch {
				switch {
				case len(e.New) == 0 && e.Start <= t.start && t.end <= e.End:
					if cdata || switchesText(t.tag) {
						return false, false
					}
					gone = true
				case !b.insideValue(t, e):
					return false, false
				}
			}
			if gone {
				continue // the texts around it join
			}
			if related, ok := read(); related || !ok {
				return related, ok
			}
			continue
		}
		pos := t.start
		for _, e := range touch {
			if len(e.New) > 0 && (e.Start < t.start || e.End > t.end) {
				return false, false
			}
			add(src[pos:max(pos, e.Start)], pos, true, false)
			add(e.New, e.Start, true, true)
			pos = max(pos, min(e.End, t.end))
		}
		add(src[pos:t.end], pos, n > 0, false)
	}
	if len(es) > 0 {
		// After the last token: new text, or a tag left open at the end
		// (no token) that the edits may turn into text.
		return false, false
	}
	return read()
}

// insideValue reports whether edit e lies inside a quoted attribute value
// of start tag t and keeps its quote out of the new bytes: the tag ends
// where it did.
func (b *bodyCleaner) insideValue(t *token, e edit.Edit) bool {
	if t.kind != html.StartTagToken && t.kind != html.SelfClosingTagToken || e.Start <= t.start || e.End >= t.end {
		return false
	}
	for _, a := range b.attrs(b.d.src[t.start:t.end]) {
		if a.quote != 0 && t.start+a.start <= e.Start && e.End <= t.start+a.end {
			return bytes.IndexByte(e.New, a.quote) < 0
		}
	}
	return false
}

// switchesText reports whether a tag of a switches the tokenizer to raw
// text, RCDATA or plain text after it (readStartTag), and with its end
// tag back.
func switchesText(a atom.Atom) bool {
	switch a {
	case atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript, atom.Plaintext, atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp:
		return true
	}
	return false
}

// textPiece is a piece of an output's text token (readOutput): bytes of
// the body from offset at, or the new bytes of an edit at at.
type textPiece struct {
	text  []byte
	at    int
	added bool
}

// opensMarkup reports whether the text of parts, joined, holds a "<" that
// the tokenizer takes for the start of a tag, an end tag or a comment
// (next), the code ranges masked as parseWith masks them (a space, or a
// line ending: no edit lies in code): a text token of the body never
// does, but for raw text and CDATA.
func (b *bodyCleaner) opensMarkup(parts []textPiece) bool {
	md := &b.d.md
	for k, p := range parts {
		for i := 0; ; i++ {
			j := bytes.IndexByte(p.text[i:], '<')
			if j < 0 {
				break
			}
			i += j
			if !p.added && md.inCode(p.at+i) {
				continue
			}
			q, n := p, i+1 // the byte after it: q.text[n]
			if n == len(p.text) {
				if k+1 == len(parts) {
					continue // text, at the token's end
				}
				q, n = parts[k+1], 0
			}
			if c := q.text[n]; (q.added || !md.inCode(q.at+n)) && ('a' <= c|0x20 && c|0x20 <= 'z' || c == '/' || c == '!' || c == '?') {
				return true
			}
		}
	}
	return false
}

// licenseWords name a license in a heading, lower-cased: a copyright line
// under such a heading is a project's license notice, the article's own.
var licenseWords = []string{"license", "licence", "licensing", "lizenz", "licencia", "licença", "licenza", "licentie",
	"лицензия", "许可", "授权", "授權", "라이선스", "라이센스", "ライセンス"}

// licenseSection reports whether block k lies in a section whose heading
// names a license, with at most three blocks of text between them.
func (b *bodyCleaner) licenseSection(bs []tailBlock, k int) bool {
	for j, seen := k-1, 0; j >= 0 && seen <= 3; j-- {
		bl := &bs[j]
		if bl.elem == -1 {
			continue
		}
		text := bl.text
		if !bl.textRead || text == "" {
			text = b.textFor(bl.block)
		}
		if text == "" {
			continue
		}
		if bl.kind == blockHeading {
			lower := strings.ToLower(text)
			return slices.ContainsFunc(licenseWords, func(w string) bool { return strings.Contains(lower, w) })
		}
		seen++
	}
	return false
}

// nonSpaceRunes counts the characters of s that are not white space.
func nonSpaceRunes(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}
