package clean

import (
	"strings"
	"unicode/utf8"
)

// tipHosts are the donation and membership platforms: those GitHub's
// FUNDING.yml names (github: GitHub Sponsors, patreon, open_collective,
// ko_fi, tidelift, liberapay, issuehunt, polar, buy_me_a_coffee,
// thanks_dev) and PayPal's donate links and button form (paypal.me,
// /donate, /cgi-bin/webscr), as hostMatch reads them.
var tipHosts = []string{"github.com/sponsors", "patreon.com", "opencollective.com", "ko-fi.com", "tidelift.com/funding",
	"liberapay.com", "issuehunt.io", "polar.sh", "buymeacoffee.com", "thanks.dev", "paypal.me", "www.paypal.com/donate",
	"www.paypal.com/cgi-bin/webscr", "paypal.com/donate"}

// tipWords are the words of a call for support; a block whose links all
// go to tipHosts is a tip jar only with one of them (a post about a
// platform names it without asking for anything).
var tipWords = []string{"support", "donat", "sponsor", "coffee", "tip jar", "become a member", "becoming a member", "patron"}

// tipLine removes the post's last blocks while each is a call for
// support: a short Markdown paragraph with a support word whose links,
// one at least, all go to a donation platform ("If this helped, consider
// supporting me on [Ko-fi](…)"), after the furniture the label walk
// removed. Anywhere else it stays.
func (b *bodyCleaner) tipLine(bs []block) {
	st := &b.labels
	// The blocks are found first and removed in document order: covered
	// says yes to anything before an edit of the current pass.
	from := len(bs)
	for k := len(bs) - 1; k >= 0; k-- {
		bl := &bs[k]
		if st.settle(k) || b.covered(bl.start, bl.end) {
			continue
		}
		if !b.tipBlock(bl) {
			break
		}
		from = k
	}
	for k := from; k < len(bs); k++ {
		bl := &bs[k]
		if st.empty[k] || b.covered(bl.start, bl.end) {
			continue
		}
		text, _ := b.peekText(bl)
		b.addBlock(bl.start, bl.end, "removed a call for support at the post's end (its links go to donation platforms) "+strconvQuote(text))
	}
}

// tipBlock reports whether a block is a call for support (tipLine).
func (b *bodyCleaner) tipBlock(bl *block) bool {
	if bl.elem != mdLeaf || bl.kind != blockParagraph || bl.end-bl.start > 4*maxLabelText || b.d.md.overlapsCode(bl.start, bl.end) {
		return false
	}
	links := b.d.md.links
	n := 0
	for j := firstLinkFrom(links, bl.start); j < len(links) && links[j].start < bl.end; j++ {
		l := &links[j]
		if l.image || l.kind == "reference" {
			continue
		}
		if !hostMatch(l.dest, tipHosts) {
			return false
		}
		n++
	}
	if n == 0 {
		return false
	}
	text, _ := b.peekText(bl)
	if utf8.RuneCountInString(text) > 2*maxLabelText {
		return false
	}
	lower := strings.ToLower(text)
	for _, w := range tipWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}
