package clean

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// mdSwap is a Markdown autolink whose URL the link rules rewrote in a
// round proved settled (mdAutolinkSettled): the only thing the rewrite
// changes that a rule reads is the visible text of the block holding it,
// text before and newText after, which swapsSettled asks the rules'
// decisions on that block again with.
type mdSwap struct {
	blk   int // the block in blockList that holds it; -1 when no rule built the blocks
	at    int // the URL's start in the body
	delta int // how much the rewrite lengthens the body
	// text and newText are the block's visible text before and after the
	// rewrite; media whether it holds an image (the rewrite changes none).
	text, newText string
	media         bool
}

// readAttrNames are the attribute names that some rule reads of an
// element it does not know by its tag (widgetAncestor, trackingKind,
// adSlot, the tail's tracking containers, learn): see mdAutolinkSettled.
var readAttrNames = []string{"id", "class", "style", "src", "href", "width", "height", "alt", "hidden"}

// mdAutolinkSettled reports whether rewriting the URL of the Markdown
// autolink l ("<https://…>", in reference r) to val leaves the body
// reading as it did for every rule but in the visible text of the block
// holding it, and records that block's text before and after (mdSwap)
// for swapsSettled, which asks the rules' decisions on it again. It holds
// when:
//
//   - Both URLs have the same scheme, "http://" or "https://", and only
//     plain bytes (mdPlainURL: no space, quote, bracket, parenthesis,
//     backtick, '<', '>', backslash; and no '&' that mdText would read
//     as an entity), and neither ends in '/'. CommonMark reads "<" scheme
//     ":" and bytes other than space, '<' and '>' up to ">" as the same
//     autolink; no '<' stands before it in its paragraph (tagBefore), so
//     no raw HTML that opened there reaches it; no link text holds it (no
//     '[' before it in its block, or no ']' after it), whose label would
//     be matched by its bytes; a code span needs a backtick, emphasis is
//     decided by the bytes beside its delimiters ('<' and '>' here). So the
//     blocks, links and code ranges are the input's, and mdText reads the
//     URL into the block's text as it is: the text changes in exactly the
//     one place where the old URL stands in it (it must stand there once).
//   - The HTML tokenizer reads "<https:" as a start tag of an unknown
//     element, never closed, whose attributes are the URL's path segments:
//     the same tag, ending at the same '>' (no quote, and no "/>" since
//     neither URL ends in '/'). Its attributes are read only by name
//     (readAttrNames): neither URL may make one of those.
//   - The body holds no pandoc fenced div (mayHoldFence) and no bracketed
//     span with attributes ("]{."), and the run of lines holding the URL
//     does not end in '}' (hiddenLabels): those rules read raw lines.
//   - Neither URL is a share link, and the new one needs no further
//     rewrite (as mdRewriteSettled asks).
func (b *bodyCleaner) mdAutolinkSettled(r *linkRef, l *mdLink, val string) bool {
	src := b.d.src
	if r.block < 0 || l.start < 1 || l.end >= len(src) || src[l.start-1] != '<' || src[l.end] != '>' {
		return false
	}
	old := src[l.start:l.end]
	scheme := "https://"
	if !bytes.HasPrefix(old, []byte(scheme)) {
		scheme = "http://"
	}
	if !bytes.HasPrefix(old, []byte(scheme)) || !strings.HasPrefix(val, scheme) ||
		!autolinkPlain(old) || !autolinkPlain([]byte(val)) || old[len(old)-1] == '/' || val[len(val)-1] == '/' {
		return false
	}
	if b.shareTarget(val) || b.shareTarget(l.dest) {
		return false
	}
	if _, again, _ := b.rewriteURL(val, false); again != "" {
		return false
	}
	if tagBefore(src, l.start-1, &b.d.md) {
		return false
	}
	mb := &b.d.md.blocks[r.block]
	if bytes.IndexByte(src[mb.start:l.start], '[') >= 0 && bytes.IndexByte(src[l.end:mb.end], ']') >= 0 {
		return false
	}
	if readsAttr(b.attrs(src[l.start-1:l.end+1])) || readsAttr(b.attrs([]byte("<"+val+">"))) {
		return false
	}
	if mayHoldFence(src) || bytes.Contains(src, []byte("]{.")) || chunkEndsInBrace(src, l.end) {
		return false
	}
	sw := mdSwap{blk: -1, at: l.start, delta: len(val) - len(old)}
	if bs := b.blockList; bs != nil {
		i := sort.Search(len(bs), func(i int) bool { return bs[i].start >= mb.start })
		if i == len(bs) || bs[i].elem != mdLeaf || bs[i].md != int(r.block) || bs[i].kind == blockHeading {
			return false // not a block of its own, or a heading (licenseSection reads its words)
		}
		if slices.ContainsFunc(b.mdSwaps, func(s mdSwap) bool { return s.blk == i }) {
			return false // one rewrite a block: its new text is the old one's with one URL swapped
		}
		bl := &bs[i]
		text, media := bl.text, bl.media
		if !bl.textRead {
			text, media = b.textOf(bl)
		}
		k := strings.Index(text, string(old))
		if k < 0 || strings.Contains(text[k+1:], string(old)) {
			return false
		}
		sw.blk, sw.text, sw.media = i, text, media
		sw.newText = text[:k] + val + text[k+len(old):]
	}
	b.mdSwaps = append(b.mdSwaps, sw)
	return true
}

// autolinkPlain reports whether an autolink's URL holds only bytes that
// mdPlainURL allows, and no '&' that mdText would read as an entity (it
// unescapes the URL as HTML text).
func autolinkPlain(u []byte) bool {
	return len(u) > 0 && mdPlainURL(u) && (bytes.IndexByte(u, '&') < 0 || html.UnescapeString(string(u)) == string(u))
}

// readsAttr reports whether a start tag's attributes as hold one that a
// rule reads by name (readAttrNames).
func readsAttr(as []attr) bool {
	for _, a := range as {
		for _, n := range readAttrNames {
			if bytes.EqualFold(a.name, []byte(n)) {
				return true
			}
		}
	}
	return false
}

// chunkEndsInBrace reports whether the run of lines that holds offset at,
// up to the next blank or fence line, ends in '}' (hiddenLabels reads
// such a run as a hidden label's).
func chunkEndsInBrace(src []byte, at int) bool {
	end := at
	for end < len(src) {
		next := len(src)
		if j := bytes.IndexByte(src[end:], '\n'); j >= 0 {
			next = end + j + 1
		}
		if line := bytes.TrimSpace(src[end:next]); end > at && (len(line) == 0 || bytes.HasPrefix(line, []byte(":::"))) {
			break
		}
		end = next
	}
	t := bytes.TrimRight(src[at:end], " \t\r\n")
	return len(t) > 0 && t[len(t)-1] == '}'
}

// swapsSettled reports whether the decisions of the rules on the blocks
// whose autolinks were rewritten (mdSwaps) are the same on their new
// texts, as a second round would read them, on the model as the tail and
// label walks last read it (this round's, or cutSettled's cut one):
//
//   - The tail rule classified the block, if it did, the same on both
//     texts (classify, on copies of the block), and it is no headline or
//     copyright footer (those read the words outside its links from the
//     parse, which holds the old URL); its end marker and whether it goes
//     on a sentence are the same. The tail read no article text past the
//     URL (pairMask sizes its table by the offset, which moves).
//   - The label walk found no label and the post ends in no card (so
//     labelEnds read no block's length or links), a block with text stands
//     after the block (the walks from the end and lastLine read only the
//     last such block), and the new text is no label either (labelOf).
//     Its bytes and the block's links decide no share buttons: the
//     rewritten link is no share endpoint's before or after.
//
// No other rule reads a Markdown block's text. TestAutolinkSettled holds
// it to a real second round.
func (b *bodyCleaner) swapsSettled() bool {
	for i := range b.mdSwaps {
		sw := &b.mdSwaps[i]
		if b.bigramsEnd > sw.at {
			return false
		}
		if sw.blk < 0 {
			continue
		}
		if sw.blk >= len(b.blockList) {
			return false
		}
		bl := &b.blockList[sw.blk]
		if b.tailList != nil && sw.blk < len(b.tailList) && b.tailList[sw.blk].class >= 0 && !b.sameTailVerdict(bl, sw) {
			return false
		}
		if lab := &b.labels; lab.bs != nil {
			if sw.blk >= len(lab.bs) || slices.ContainsFunc(lab.kinds, func(k labelKind) bool { return k != labelNone }) {
				return false
			}
			last := len(lab.bs) - 1
			for last >= 0 && lab.empty[last] {
				last--
			}
			if last <= sw.blk || b.endsInCard(lab.bs, lab.empty) {
				return false
			}
			if b.labelOf(sw.newText, sw.media, bl.end-bl.start+sw.delta) != labelNone {
				return false
			}
		}
	}
	return true
}

// sameTailVerdict reports whether the tail rule's verdict on block bl is
// the same on the swap's old and new texts (see swapsSettled).
func (b *bodyCleaner) sameTailVerdict(bl *block, sw *mdSwap) bool {
	if (b.tables.phrases.classes(sw.text)|b.tables.phrases.classes(sw.newText))&classCopyright != 0 {
		return false // copyrightFooter reads the words outside its links
	}
	o, n := *bl, *bl
	o.text, o.textRead, o.media = sw.text, true, sw.media
	n.text, n.textRead, n.media = sw.newText, true, sw.media
	n.end += sw.delta
	to, tn := tailBlock{block: &o, class: -1}, tailBlock{block: &n, class: -1}
	b.classify(&to)
	b.classify(&tn)
	if to.class != tn.class || to.specShaped != tn.specShaped || to.link != tn.link || to.why != tn.why || to.tracking != tn.tracking ||
		to.class == tailHeadline || to.class == tailCopyright {
		return false
	}
	m1, _ := b.endMarker(sw.text)
	m2, _ := b.endMarker(sw.newText)
	return m1 == m2 && goesOn(sw.text) == goesOn(sw.newText)
}

// labelOf is the label kind widgetBlocks reads from the text of a
// Markdown block of size bytes that no earlier rule edited and whose
// links are no share buttons (see swapsSettled): the same tests, in the
// same order.
func (b *bodyCleaner) labelOf(text string, media bool, size int) labelKind {
	w := &b.tables.widgets
	widgets, boiler := b.on(RuleWidgets), b.on(RuleBoilerplate) && w.boilerplate != nil
	if size > 2*maxLabelText || text == "" || media || len(text) > maxLabelText || !w.ends.may(text) {
		return labelNone
	}
	return b.textLabel(text, widgets, boiler)
}
