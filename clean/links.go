package clean

import (
	"bytes"
	"math/bits"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// escapeAttr escapes a URL for an attribute value in the given quote
// style; an unquoted value that needs quoting gets double quotes.
func escapeAttr(v string, quote byte) string {
	q := quote
	if q == 0 && strings.ContainsAny(v, " \t\n\r\f\"'=<>`") {
		q = '"'
	}
	var sb strings.Builder
	if q != quote {
		sb.WriteByte(q)
	}
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '&':
			sb.WriteString("&amp;")
		case c == '"' && q == '"':
			sb.WriteString("&quot;")
		case c == '\'' && q == '\'':
			sb.WriteString("&#39;")
		case c == '<':
			sb.WriteString("&lt;")
		case c == '>':
			sb.WriteString("&gt;")
		default:
			sb.WriteByte(c)
		}
	}
	if q != quote {
		sb.WriteByte(q)
	}
	return sb.String()
}

func unescapeAttr(v []byte) string { return html.UnescapeString(string(v)) }

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
	if b.d.elems[r.elem].tag != atom.A || b.shareTarget(val) || b.shareTarget(orig) {
		// An image's source is what tracking and captions look
		// at, a share link what widgets do (see settled).
		b.unsettled = true
	} else if _, again, _ := b.rewriteURL(val, false); again != "" {
		b.unsettled = true
	}
	b.add(rule, r.start, r.end, []byte(escapeAttr(val, r.quote)), why+": "+truncate(orig, 120)+" -> "+truncate(val, 120))
}

// shareTarget reports whether a link target is a share endpoint, known
// (share_hosts) or by its shape (shareShape), as the widgets rule reads
// it: a rewrite that makes or unmakes one can change what widgets
// removes, so it leaves the body unsettled.
func (b *bodyCleaner) shareTarget(target string) bool {
	if x := b.tables.shares; x != nil && x.of(b.cfg.Widgets.ShareHosts) {
		return x.hostMatch(target) || shareShape([]byte(target))
	}
	return hostMatch(target, b.cfg.Widgets.ShareHosts) || shareShape([]byte(target))
}

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
	v = strings.TrimSpace(v)
	return !strings.ContainsAny(v, " \t\n\r\f")
}

// mdLinkRef applies the link rules to the destination of a Markdown
// link, image, autolink or reference definition. The new destination is
// spelled so that a CommonMark parser reads it back as the new target
// (mdDestination); the title and the brackets around are not touched.
func (b *bodyCleaner) mdLinkRef(r *linkRef) {
	l := &b.d.md.links[r.md]
	if l.end <= l.start || b.covered(l.start, l.end) || b.d.md.overlapsCode(l.start, l.end) {
		return
	}
	if strings.IndexByte(l.dest, '?') < 0 && !b.mayPathRedirect([]byte(l.dest)) {
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
	if b.mdRewriteSettled(r, l, val, spelled) {
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
// definition, not an image's or an autolink's (whose text is the URL),
// not a share link before or after, needing no further rewrite, when
// neither the old nor the new bytes hold a byte that Markdown reads
// (mdPlainURL) and no '<' stands before it in its paragraph: the link
// then stays the link the parse found, with the same brackets, text and
// title, and nothing around it can start reading it as an HTML tag's
// attribute (a rewrite that drops a '=' makes "<a title=[x](u?a=1)>" a
// valid tag, and the link vanishes).
func (b *bodyCleaner) mdRewriteSettled(r *linkRef, l *mdLink, val, spelled string) bool {
	if r.kind != refMdLink && r.kind != refMdReference || l.image || r.src {
		return false
	}
	if !mdPlainURL(b.d.src[l.start:l.end]) || !mdPlainURL([]byte(spelled)) {
		return false
	}
	if b.shareTarget(val) || b.shareTarget(l.dest) {
		return false
	}
	if _, again, _ := b.rewriteURL(val, false); again != "" {
		return false
	}
	for i := range b.d.md.links {
		// The link around an image: the image's record holds its target.
		if w := &b.d.md.links[i]; w.wrapOpen >= 0 && w.wrapOpen <= l.start && l.start < w.wrapClose {
			return false
		}
	}
	return !tagBefore(b.d.src, l.start)
}

// mdPlainURL reports whether s is made only of bytes that no Markdown or
// HTML construct opens, closes or delimits inside a link destination:
// letters, digits and the URL punctuation "/.:?=&%+,;@#-_" (no space,
// line break, bracket, parenthesis, quote, backtick, '~', '*', '<', '>',
// '!' or backslash). '_' and '=' are kept: inside a destination the
// parse found they delimit nothing, and tagBefore rules out the tag.
func mdPlainURL(s []byte) bool {
	for _, c := range s {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("/.:?=&%+,;@#-_", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// tagBefore reports whether a '<' stands in src before at, in at's
// paragraph: from the blank line before it (or the start), where an
// inline HTML tag that reaches at could open.
func tagBefore(src []byte, at int) bool {
	for i := at - 1; i >= 0; i-- {
		switch src[i] {
		case '<':
			return true
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
