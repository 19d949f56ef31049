package clean

import (
	"bytes"
	"html"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/mdclean/mdclean/edit"
)

// The shapes of site furniture at a post's end that the widget rule
// knows without a site's strings: the field's vocabulary (rules.yaml)
// names the headings, the shape says where the furniture starts.

// maxChromeRunes is the longest a short label of a site's furniture
// ("Contact us", "商务合作", "12 followers") is, in characters, when it
// does not end a sentence.
const maxChromeRunes = 16

// chromeFrom returns the first block of a trailing run of site furniture
// that holds a related-posts list under a heading of the vocabulary, or
// -1. Walking back from the end, the run may hold: related-post lists
// (a heading, then list items or short blocks with links), the lists of
// a heading that is no label but whose links all stay on the site
// (relative links: the author's other posts), widget labels, copyright
// lines, pictures and short labels that end no sentence. The first block
// of article text (a sentence, a long block) ends the walk: the run
// starts at the earliest heading after it whose list follows it.
//
// tags says the run is a tag list alone (see taglinks.go), for the
// change's message.
func (b *bodyCleaner) chromeFrom(bs []block, kinds []labelKind, runes []int, empty []bool) (from int, tags bool) {
	from, known := -1, false
	items, linked, external := 0, 0, false
	tagRun := 0
	// cards counts the reading-time bylines of a trailing run of post
	// cards (Ghost's "read next": picture, linked title, byline), which
	// starts at cardFrom; cardsEnd: a block of another kind came first.
	cards, cardFrom, cardsEnd := 0, -1, false
	// A trailing run of tag links only is the tag list when one of them
	// names its tag (named) and the run is a whole list (taglinks.go).
	named, others := 0, 0
	for k := len(bs) - 1; k >= 0; k-- {
		if empty[k] {
			continue
		}
		bl := &bs[k]
		if !cardsEnd {
			switch c := b.cardBlock(bl); {
			case c == cardByline:
				cards++
				others++
				cardFrom = k
			case c == cardLink:
				others++
				cardFrom = k
			case c == cardTag:
				tagRun++
				if b.tagNamed(bl) {
					named++
				}
				cardFrom = k
			default:
				cardsEnd = true
			}
		}
		if bl.elem == -1 || bl.end-bl.start > 4*maxLabelText || b.d.md.overlapsCode(bl.start, bl.end) {
			break
		}
		// The text is read only where a case below needs it: not for a
		// related-posts heading, nor for a heading after entries, nor for
		// an entry with a link whose text the widget walk found short
		// (runes: its length or its rune count, of the text read here).
		// relatedItem asks of n only whether it is short, and with a short
		// n it says what hasLink said.
		text, n := "", -1
		if kinds[k] != labelRelated && (bl.kind != blockHeading || items == 0 && !(linked >= 2 && 2*linked >= items && !external)) &&
			(bl.kind == blockHeading || !b.hasLink(bl) || runes[k] < 0 || runes[k] > 2*b.cfg.Tail.MaxHeadlineChars) {
			text = bl.text
			if !bl.textRead || text == "" && bl.media {
				text, _ = b.peekText(bl)
			}
			n = utf8.RuneCountInString(text)
		}
		switch {
		case kinds[k] == labelRelated:
			if linked > 0 {
				from, known = k, true
			}
			items, linked, external = 0, 0, false
		case bl.kind == blockHeading:
			switch {
			case linked >= 2 && 2*linked >= items && !external:
				from = k // the author's or the site's other posts
			case items > 0 || n > maxChromeRunes:
				k = -1 // a section of the article: the walk ends
			}
			items, linked, external = 0, 0, false
		case b.hasLink(bl) && b.relatedItem(bl, max(n, 0)):
			items++
			if b.linkIn(bl) {
				linked++
				external = external || b.externalLink(bl)
			}
		case text == "", kinds[k] != labelNone:
		case n <= 300 && b.tables.phrases.classes(text)&classCopyright != 0:
		case n <= maxChromeRunes && !endsSentence(text):
		default:
			k = -1 // article text: the walk ends
		}
	}
	tagList := tagRun > 0 && others == 0 && named > 0 && !listGoesOn(b.d.src, bs, cardFrom, empty)
	if (cards >= 2 || tagList) && (from == -1 || cardFrom < from) {
		return cardFrom, tagList && cards < 2
	}
	if !known {
		return -1, false
	}
	return from, false
}

// The blocks of a post card.
const (
	cardNone   = iota
	cardLink   // a block of one link and nothing else: a picture or a title
	cardByline // a block with a link that ends in a reading time
	cardTag    // a list item of one short link to a tag's or category's page
)

// oneTagLinkParts reads a list item that is one link: its text and its
// target, the two groups of `^\[([^\[\]\n]+)\]\(([^)\s]+)\)$` (the
// regexp it replaced, which ran for every list item at a post's end). The
// pattern is anchored at both ends and each group stops at the first
// byte its class refuses, so there is one way to match: "[", a text of
// bytes other than "[", "]" and "\n" up to the first "]", "](", a
// target of bytes other than ")" and \s (RE2's \s: \t \n \f \r and
// space) up to the first ")", and that ")" the last byte. A byte that
// is no UTF-8 is U+FFFD to the regexp, which both classes take, as the
// byte loop does. TestOneTagLinkParts holds it to the regexp.
func oneTagLinkParts(item []byte) (text, target []byte, ok bool) {
	if len(item) < 5 || item[0] != '[' || item[len(item)-1] != ')' {
		return nil, nil, false
	}
	i := 1
	for i < len(item) && item[i] != '[' && item[i] != ']' && item[i] != '\n' {
		i++
	}
	if i == 1 || i+1 >= len(item) || item[i] != ']' || item[i+1] != '(' {
		return nil, nil, false
	}
	j := i + 2
	for j < len(item) && item[j] != ')' && item[j] != ' ' && item[j] != '\t' && item[j] != '\n' && item[j] != '\f' && item[j] != '\r' {
		j++
	}
	if j == i+2 || j != len(item)-1 {
		return nil, nil, false
	}
	return item[1:i], item[i+2 : j], true
}

// readingTime is a card's byline end: "4 min read", "4 分钟阅读",
// "阅读时长：4 分钟".
var readingTime = regexp.MustCompile(`(?i)(?:\d+\s*(?:min|mins|minute|minutes)\s+read|\d+\s*分钟阅读|\d+\s*分鐘閱讀|阅读时长[：:]\s*\d+\s*分钟|閱讀時間[：:]\s*\d+\s*分鐘|\d+\s*분)\s*$`)

// oneLink reports whether a Markdown block is one link: an image link
// or a title. It is `^\[(?:!\[[^\]\n]*\]\([^)\s]*\)|[^\[\]\n]+)\]\([^)\s]+\)$`
// (the regexp it replaced: a backtracker, and its allocation, for each
// post card's block) read byte by byte. The title's branch is
// oneTagLinkParts' pattern; it cannot match after "![" (its text takes
// no "["), nor the image's branch without it, so the one that fits the
// block's start decides. The image's has one way to match too: "![",
// bytes other than "]" and "\n" up to the first "]", "(", bytes other
// than ")" and \s up to the first ")", then "](" and the target as
// oneTagLinkParts reads it. TestOneLink holds it to the regexp.
func oneLink(seg []byte) bool {
	if len(seg) < 3 || seg[0] != '[' || seg[1] != '!' || seg[2] != '[' {
		_, _, ok := oneTagLinkParts(seg)
		return ok
	}
	i := 3
	for i < len(seg) && seg[i] != ']' && seg[i] != '\n' {
		i++
	}
	if i+1 >= len(seg) || seg[i] != ']' || seg[i+1] != '(' {
		return false
	}
	j := i + 2
	for j < len(seg) && seg[j] != ')' && !reSpace(seg[j]) {
		j++
	}
	if j+2 >= len(seg) || seg[j] != ')' || seg[j+1] != ']' || seg[j+2] != '(' {
		return false
	}
	k := j + 3
	for k < len(seg) && seg[k] != ')' && !reSpace(seg[k]) {
		k++
	}
	return k > j+3 && k == len(seg)-1 && seg[k] == ')'
}

// reSpace reports whether c is RE2's \s: \t \n \f \r or space.
func reSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// endsInCard reports whether the post's last block is a post card's
// byline.
func (b *bodyCleaner) endsInCard(bs []block, empty []bool) bool {
	for k := len(bs) - 1; k >= 0; k-- {
		if !empty[k] {
			c := b.cardBlock(&bs[k])
			return c == cardByline || c == cardTag
		}
	}
	return false
}

// cardBlock tells a block of a post card.
func (b *bodyCleaner) cardBlock(bl *block) int {
	if bl.elem == -1 || bl.end-bl.start > 2*maxLabelText {
		return cardNone
	}
	seg := bytes.TrimSpace(b.d.src[bl.start:bl.end])
	if item, ok := bytes.CutPrefix(seg, []byte("- ")); ok {
		// A hard break's backslash, and a lazy "\" line after it, is no text.
		item = bytes.TrimRight(item, "\\ \t\r\n")
		if text, target, ok := oneTagLinkParts(item); ok && utf8.RuneCount(text) <= 40 && tagTerm(string(target)) != "" {
			return cardTag
		}
		return cardNone
	}
	if len(seg) == 0 || seg[0] != '[' {
		return cardNone
	}
	if oneLink(seg) {
		return cardLink
	}
	if bytes.Contains(seg, []byte("](")) && readingTime.Match(seg) {
		return cardByline
	}
	return cardNone
}

// endsSentence reports whether text ends as a sentence does.
func endsSentence(text string) bool {
	text = strings.TrimRight(text, " \"'”’)）」")
	r, _ := utf8.DecodeLastRuneInString(text)
	return strings.ContainsRune(".!?。！？…", r)
}

// linkIn reports whether a block holds a link (not just a list item).
func (b *bodyCleaner) linkIn(bl *block) bool {
	seg := b.d.src[bl.start:bl.end]
	return bytes.Contains(seg, []byte("<a ")) || bytes.Contains(seg, []byte("](")) || bytes.Contains(seg, []byte("<http"))
}

// externalLink reports whether a block holds a link that is not relative
// (another site's, or one this site names in full).
func (b *bodyCleaner) externalLink(bl *block) bool {
	seg := b.d.src[bl.start:bl.end]
	for _, open := range [][]byte{[]byte("]("), []byte(`href="`), []byte("href='")} {
		for rest := seg; ; {
			i := bytes.Index(rest, open)
			if i < 0 {
				break
			}
			rest = rest[i+len(open):]
			rest = bytes.TrimLeft(rest, " <")
			if !bytes.HasPrefix(rest, []byte("/")) || bytes.HasPrefix(rest, []byte("//")) {
				if !bytes.HasPrefix(rest, []byte("#")) {
					return true
				}
			}
		}
	}
	return bytes.Contains(seg, []byte("<http"))
}

// lastLineLabel returns where the last line of block bl starts when the
// block is a Markdown paragraph of several lines, ends the post, and its
// last line is a related-posts heading of the vocabulary after a line that
// ends a sentence ("See this article for details.\nRelated posts": the
// heading of a list the feed lost, joined to the last paragraph).
func (b *bodyCleaner) lastLineLabel(bl *block) (int, bool) {
	if bl.elem != mdLeaf || bl.kind != blockParagraph {
		return 0, false
	}
	seg := bytes.TrimRight(b.d.src[bl.start:bl.end], " \t\r\n")
	nl := lastBreak(seg)
	if nl <= 0 {
		return 0, false
	}
	// The last line first: it is rarely a heading, and the paragraph
	// before it is read only when it is; both in place (src is not
	// written while it is cleaned, and neither string is kept).
	line := strings.TrimSpace(bytesView(seg[nl+1:]))
	if strings.ContainsAny(line, "[]()<>*_`") || !matchLabel(b.tables.widgets.related, line) {
		return 0, false
	}
	prev := strings.TrimSpace(bytesView(bytes.TrimRight(seg[:nl], "\r")))
	if !endsSentence(prev) && !strings.HasSuffix(prev, ":") {
		return 0, false
	}
	start := bl.start + nl
	if start > bl.start && b.d.src[start-1] == '\r' {
		start--
	}
	return start, true
}

// lastBreak returns the offset of seg's last line break, or -1 when it
// has none or when the line after it is found longer than a label
// (maxLabelText bytes, white space trimmed: matchLabel reads no such
// line) without reading all of it: an ASCII character that is no white
// space that far from the trimmed end is in it.
func lastBreak(seg []byte) int {
	end := len(strings.TrimRightFunc(bytesView(seg), unicode.IsSpace))
	// From lo on, the last break, by vector searches.
	lo := max(0, end-maxLabelText)
	nl := -1
	for i := lo; ; {
		j := bytes.IndexByte(seg[i:], '\n')
		if j < 0 {
			break
		}
		nl = i + j
		i = nl + 1
	}
	if nl >= 0 {
		return nl
	}
	// Before lo, every character is that far from the end.
	for i := lo - 1; i >= 0; i-- {
		c := seg[i]
		if c == '\n' {
			return i
		}
		if c < utf8.RuneSelf && !asciiSpace[c] {
			return -1
		}
	}
	return -1
}

// bytesView is b as a string without a copy, for a look that keeps
// nothing of it while b is not written.
func bytesView(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// addAround removes [start, end) of the body but for what earlier rules
// already edited inside it: the gaps between their edits, so that with
// them the whole range goes (a beacon removed inside a footer line that
// this pass removes whole).
func (b *bodyCleaner) addAround(start, end int, msg string) {
	var inside []edit.Edit
	for _, e := range b.edits {
		if e.Start < b.base+end && e.End > b.base+start {
			if e.Start < b.base+start || e.End > b.base+end {
				return // an edit that reaches out of the range: leave it all
			}
			inside = append(inside, e)
		}
	}
	slices.SortFunc(inside, func(x, y edit.Edit) int { return x.Start - y.Start })
	pos := start
	for _, e := range inside {
		if s := e.Start - b.base; s > pos && !blank(b.d.src[pos:s]) {
			b.addBlock(pos, s, msg)
		}
		pos = max(pos, e.End-b.base)
	}
	if pos < end && !blank(b.d.src[pos:end]) {
		b.addBlock(pos, end, msg)
	}
}

// lastLine removes a related-posts heading joined as the last line of the
// post's last paragraph (see lastLineLabel).
func (b *bodyCleaner) lastLine(bs []block, empty []bool) {
	k := len(bs) - 1
	for k >= 0 && empty[k] {
		k--
	}
	if k < 0 {
		return
	}
	bl := &bs[k]
	start, ok := b.lastLineLabel(bl)
	if !ok {
		return
	}
	end := bl.start + len(bytes.TrimRight(b.d.src[bl.start:bl.end], " \t\r\n"))
	b.addBlock(start, end, "removed a related-posts heading that ends the post "+strconvQuote(strings.TrimSpace(string(b.d.src[start:end]))))
}

// shareEndpoints are the last path segments of the share endpoints of
// social sites and bookmarking services ("/sharer.php", "/intent/tweet",
// "/save", "/shareArticle"), lower-cased: with a parameter that carries
// the page's address or title, a link to one of them is a share button
// whatever its host (a site no share_hosts entry names).
var shareEndpoints = []string{"sharer.php", "sharer", "share", "share.php", "sharearticle", "share-offsite", "tweet", "post",
	"submit", "submitlink", "save", "bookmark", "bookmarklet", "addbookmark", "create", "compose", "send", "shareqq", "qzshare"}

// shareParams are the query parameters that carry the shared page.
var shareParams = []string{"url", "u", "link", "text", "title", "body", "status", "href"}

// mayShareShape is a quick look for a word of a share endpoint's path
// (the words of the endpoints "post" and "create" are too common in text
// to look for: x.com/intent/post and pin/create have others).
//
// It is hasShareWord(b) || bytes.Contains(b, "tweet") || bytes.Contains(b,
// "ookmark") ("bookmarklet" holds "ookmark") in one pass over b, looking
// for the words only at the bytes they start with (TestMayShareShape).
func mayShareShape[T string | []byte](b T) bool {
	for i := 0; i+4 <= len(b); i++ {
		if !shareLead[b[i]] {
			continue
		}
		switch b[i] {
		case 's':
			if c1, c2, c3 := b[i+1], b[i+2], b[i+3]; c1 == 'h' && c2 == 'a' && c3 == 'r' || c1 == 'e' && c2 == 'n' && c3 == 'd' ||
				c1 == 'a' && c2 == 'v' && c3 == 'e' || wordAt(b, i, "submit") {
				return true
			}
		case 'i':
			if wordAt(b, i, "intent") {
				return true
			}
		case 'p':
			if b[i+1] == 'i' && b[i+2] == 'n' && b[i+3] == '/' {
				return true
			}
		case 'c':
			if wordAt(b, i, "compose") {
				return true
			}
		case 'd':
			if wordAt(b, i, "dialog") {
				return true
			}
		case 't':
			if wordAt(b, i, "tweet") {
				return true
			}
		case 'o':
			if wordAt(b, i, "ookmark") {
				return true
			}
		}
	}
	return false
}

// shareLead marks the first bytes of mayShareShape's words.
var shareLead = func() (lead [256]bool) {
	for _, c := range []byte("sipcdto") {
		lead[c] = true
	}
	return lead
}()

// wordAt reports whether b holds w at offset i.
func wordAt[T string | []byte](b T, i int, w string) bool {
	if len(b)-i < len(w) {
		return false
	}
	for j := 0; j < len(w); j++ {
		if b[i+j] != w[j] {
			return false
		}
	}
	return true
}

// shareShape reports whether a link's href has a share endpoint's shape:
// such a last path segment and a query parameter that carries the page.
func shareShape(href []byte) bool {
	if !mayShareShape(href) {
		return false
	}
	u, err := url.Parse(html.UnescapeString(strings.TrimSpace(string(href))))
	if err != nil || u.Host == "" || u.RawQuery == "" {
		return false
	}
	seg := strings.ToLower(path.Base(strings.TrimSuffix(u.Path, "/")))
	if !slices.Contains(shareEndpoints, seg) {
		return false
	}
	q := u.Query()
	for _, p := range shareParams {
		if q.Get(p) != "" {
			return true
		}
	}
	return false
}

// mdShareOnly reports whether a Markdown block of short text (no
// sentence) holds links and every one goes to a share endpoint, known
// (share_hosts) or by its shape: a line of share buttons written as
// Markdown links.
func (b *bodyCleaner) mdShareOnly(bl *block, text string) bool {
	if bl.elem != mdLeaf {
		return false
	}
	// The text's tests first: they cost less than mayShareShape's look
	// for eleven words in the block's bytes; and before them the count
	// of the block's links, less than a look at its bytes (shareLinks is
	// false without two).
	seg := b.d.src[bl.start:bl.end]
	if _, two := b.twoLinks(bl); !two || !bytes.Contains(seg, []byte("](")) || utf8.RuneCountInString(text) > 80 || endsSentence(text) {
		return false // no link, or a sentence
	}
	// The links before mayShareShape's look for eleven words in all the
	// block's bytes: the first that is no share link ends the look.
	return b.shareLinks(bl) && mayShareShape(seg)
}

// shareLinks reports whether a Markdown block holds two links at least
// (images and reference definitions aside) and every one goes to a share
// endpoint (shareLink). Two at least: one in a line of the author's words
// ("[Click here to commit to the challenge](…/intent/tweet?…)") is the
// author's call, not a row of buttons (testdata/golden/stays-one-share-
// link.txtar).
func (b *bodyCleaner) shareLinks(bl *block) bool {
	links := b.d.md.links
	// The links are counted before any is looked at: most blocks that
	// hold a link hold one, and a look at its target (shareLink) costs
	// more than the count. The answer is the same: fewer than two is
	// false, and so is a link that goes elsewhere (TestShareLinks).
	k, two := b.twoLinks(bl)
	if !two {
		return false
	}
	for ; k < len(links) && links[k].start < bl.end; k++ {
		l := &links[k]
		if l.image || l.kind == "reference" {
			continue
		}
		if !b.shareLink(l.dest) {
			return false
		}
	}
	return true
}

// twoLinks returns the index of the first link at or after a Markdown
// block's start, and whether the block holds two links at least, images
// and reference definitions aside (shareLinks is false without them).
func (b *bodyCleaner) twoLinks(bl *block) (int, bool) {
	links := b.d.md.links
	k := firstLinkFrom(links, bl.start)
	n := 0
	for j := k; n < 2 && j < len(links) && links[j].start < bl.end; j++ {
		if l := &links[j]; !l.image && l.kind != "reference" {
			n++
		}
	}
	return k, n == 2
}

// firstLinkFrom is the index of the first link of links (in document
// order) that starts at start or after it: slices.BinarySearchFunc's
// search by start, without a call of its comparison at each step.
func firstLinkFrom(links []mdLink, start int) int {
	i, j := 0, len(links)
	for i < j {
		h := int(uint(i+j) >> 1)
		if links[h].start < start {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

// shareLink reports whether a link goes to a share endpoint: one of
// share_hosts, or by its shape (shareShape).
func (b *bodyCleaner) shareLink(dest string) bool {
	if b.tables.widgets.shareWords && !mayShareShape(dest) {
		// Neither test below can say yes: with every share_hosts entry
		// holding a share word, mayShare needs one in href (hasShareWord,
		// a part of mayShareShape), and shareShape needs mayShareShape.
		return false
	}
	href := []byte(dest)
	return b.mayShare(href) && hostMatch(dest, b.cfg.Widgets.ShareHosts) || shareShape(href)
}

// endEdge reports whether a block in the walk back from the post's end
// is an edge line: loose text (a run between <br>s, balanced) that any
// edge pattern matches, or a block that an edge pattern starting with
// any text matches ("{t} weiterlesen", the other blocks were matched
// against the rest already).
func (b *bodyCleaner) endEdge(bl *block) bool {
	if bl.end-bl.start > 2*maxLabelText || b.d.md.overlapsCode(bl.start, bl.end) {
		return false
	}
	w := &b.tables.widgets
	if bl.elem == -1 && !b.balanced(bl.start, bl.end) {
		return false
	}
	text := bl.text
	if !bl.textRead || text == "" && bl.media {
		text, _ = b.peekText(bl)
	}
	if text == "" || len(text) > maxLabelText {
		return false
	}
	// An edge line: an anchor of the edge patterns in the text (the
	// search of all of it, candidates), and a pattern that matches it.
	// Either may be asked first; lazyText.match lower-cases an ASCII text
	// eight bytes at a time, for less than the search costs, and any
	// other rune by rune, for more.
	ascii := isASCII(text)
	match := func() bool {
		return bl.elem == -1 && w.ends.may(text) && w.starts.may(text) && matchLabel(w.edges, text) ||
			w.mayOpen(text, ascii) && matchLabel(w.openEdges, text)
	}
	if ascii {
		return match() && b.candidates(text)&anchorEdges != 0
	}
	return b.candidates(text)&anchorEdges != 0 && match()
}

// openEnd is what an open edge pattern ("{t} weiterlesen") needs of a
// text: its last character, lower-cased (last; any: the pattern ends in
// a hole, or in a character that openTrim may cut or whose case folds
// past ASCII), and, when its anchor holds a byte past ASCII (nonASCII),
// such a byte.
type openEnd struct {
	last     rune
	any      bool
	nonASCII bool
}

func newOpenEnd(p string) openEnd {
	o := openEnd{nonASCII: strings.ContainsFunc(strings.ToLower(anchorWord(p)), func(r rune) bool { return r >= utf8.RuneSelf })}
	p = strings.TrimRight(strings.TrimSpace(p), ":：.。!！…")
	r, _ := utf8.DecodeLastRuneInString(p)
	o.last = unicode.ToLower(r)
	o.any = p == "" || strings.HasSuffix(p, "{t}") || strings.HasSuffix(p, "{*}") || strings.HasSuffix(p, "{n}") ||
		openTrim(p) != p || r == '}' || r == utf8.RuneError || !foldsInASCII(r)
	return o
}

// foldsInASCII reports whether r's case folds (the regexp's (?i)) are r
// alone, or ASCII letters only: then a rune is one of them when it
// lower-cases to r's lower case.
func foldsInASCII(r rune) bool {
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f >= utf8.RuneSelf || r >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// openTrim cuts from text's end what an edge pattern's regexp
// (wholeText) reads after the pattern's own last character, and more:
// white space (\s), closers (":", "：", ".", "。", "!", "！", "…") and a
// Markdown attribute ("{#id}", "{.class}"), in any order.
func openTrim(s string) string {
	for {
		for n := len(s); n > 0; n = len(s) {
			switch c := s[n-1]; c {
			case ' ', '\t', '\n', '\f', '\r', ':', '.', '!':
				s = s[:n-1]
				continue
			}
			if n >= 3 {
				switch s[n-3:] {
				case "：", "。", "！", "…":
					s = s[:n-3]
					continue
				}
			}
			break
		}
		if !strings.HasSuffix(s, "}") {
			return s
		}
		i := strings.LastIndexByte(s, '{')
		if i < 0 || i+1 >= len(s) || s[i+1] != '#' && s[i+1] != '.' {
			return s
		}
		s = s[:i]
	}
}

// mayOpen reports whether an open edge pattern can match text (ascii:
// it holds only ASCII), told without lower-casing it: matchLabel of
// openEdges says no when every pattern fails here. A pattern's regexp
// (wholeText) ends in its last character, then what openTrim cuts, at
// least; and lazyText.match tries a pattern only when the lower-cased
// text holds its lower-cased anchor: an ASCII text lower-cases to
// ASCII, which holds no anchor with a byte past it. TestMayOpen holds it
// to matchLabel on generated texts.
func (w *widgetTables) mayOpen(text string, ascii bool) bool {
	last := rune(-1)
	for k := range w.openGate {
		o := &w.openGate[k]
		if ascii && o.nonASCII {
			continue
		}
		if o.any {
			return true
		}
		if last == -1 {
			r, _ := utf8.DecodeLastRuneInString(openTrim(text))
			last = unicode.ToLower(r)
		}
		if last == o.last {
			return true
		}
	}
	return false
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load64(s, i)&asciiHigh != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
