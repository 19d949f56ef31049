package clean

import (
	"bytes"
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

// links unwraps redirectors in href (and src of images and frames, where
// the wrapper is a pure redirect) and strips tracking parameters from link
// targets.
func (b *bodyCleaner) links() {
	for i := range b.d.elems {
		e := &b.d.elems[i]
		if e.code {
			continue
		}
		var names []string
		switch e.tag {
		case atom.A, atom.Area:
			names = []string{"href"}
		case atom.Img, atom.Iframe:
			names = []string{"src"}
		default:
			continue
		}
		tag := b.d.src[e.start:e.openEnd]
		for _, a := range b.attrs(tag) {
			if a.start < 0 || !nameIs(a.name, names) {
				continue
			}
			start, end := e.start+a.start, e.start+a.end
			if b.covered(start, end) {
				continue
			}
			if bytes.IndexByte(a.val, '?') < 0 && bytes.IndexByte(a.val, '&') < 0 && !b.mayPathRedirect(a.val) {
				continue // no query (not even an escaped one): nothing to unwrap or strip
			}
			orig := unescapeAttr(a.val)
			val, rule, why := b.rewriteURL(orig, string(a.name) == "src")
			if rule == "" {
				continue
			}
			if e.tag != atom.A || hostMatch(val, b.cfg.Widgets.ShareHosts) {
				// An image's source is what tracking and captions look
				// at, a share link what widgets do (see settled).
				b.unsettled = true
			} else if _, again, _ := b.rewriteURL(val, false); again != "" {
				b.unsettled = true
			}
			b.add(rule, start, end, []byte(escapeAttr(val, a.quote)), why+": "+truncate(orig, 120)+" -> "+truncate(val, 120))
		}
	}
}

// rewriteURL applies redirect-link and tracking-params to one link
// target: the new target, the rule that changed it and why ("" rule when
// nothing changes). An image or frame source (src) is only unwrapped.
func (b *bodyCleaner) rewriteURL(orig string, src bool) (val, rule, why string) {
	if !oneURL(orig) {
		return orig, "", ""
	}
	val = orig
	if b.on(RuleRedirectLink) {
		// A redirector may wrap another: unwrap to the end (bounded),
		// so that a second run finds nothing left to do.
		var vias []string
		for n := 0; n < 8; n++ {
			t, via := b.unwrap(val)
			if t == "" {
				break
			}
			val = t
			vias = append(vias, via)
		}
		if len(vias) > 0 {
			rule, why = RuleRedirectLink, "unwrapped "+strings.Join(vias, " and ")+" redirect"
		}
	}
	if b.on(RuleTrackingParams) && !src {
		if v, removed := b.stripTracking(val); len(removed) > 0 {
			val = v
			if rule == "" {
				rule, why = RuleTrackingParams, "removed tracking parameters "+strings.Join(removed, ", ")
			} else {
				why += " and removed tracking parameters " + strings.Join(removed, ", ")
			}
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

// mdLinks applies the link rules to the destinations of Markdown links,
// images, autolinks and reference definitions. The new destination is
// spelled so that a CommonMark parser reads it back as the new target
// (mdDestination); the title and the brackets around are not touched.
func (b *bodyCleaner) mdLinks() {
	for _, l := range b.d.md.links {
		if l.end <= l.start || b.covered(l.start, l.end) || b.d.md.overlapsCode(l.start, l.end) {
			continue
		}
		if strings.IndexByte(l.dest, '?') < 0 && !b.mayPathRedirect([]byte(l.dest)) {
			continue // no query: nothing to unwrap or strip
		}
		val, rule, why := b.rewriteURL(l.dest, l.image)
		if rule == "" {
			continue
		}
		var spelled string
		if l.kind == "autolink" {
			if strings.ContainsAny(val, " <>\\&") || !webURLOK(val) {
				continue
			}
			spelled = val
		} else {
			s, ok := mdDestination(val, l.angle)
			if !ok {
				continue
			}
			spelled = s
		}
		b.add(rule, l.start, l.end, []byte(spelled), why+" (Markdown "+l.kind+"): "+truncate(l.dest, 120)+" -> "+truncate(val, 120))
	}
}

func webURLOK(s string) bool {
	_, ok := webURL(s)
	return ok
}

func nameIs(n []byte, names []string) bool {
	for _, s := range names {
		if strings.EqualFold(string(n), s) {
			return true
		}
	}
	return false
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
