package clean

import (
	"bytes"
	"encoding/base64"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Rule ids of the link rules.
const (
	// RuleRedirectLink unwraps redirector links to their real target.
	RuleRedirectLink = "redirect-link"
	// RuleTrackingParams strips tracking query parameters from links.
	RuleTrackingParams = "tracking-params"
)

// unwrap returns the target hidden in a redirector URL, or "" when u is
// not one of the table's redirectors or its target is not a web URL.
func (b *bodyCleaner) unwrap(u string) (target string, via string) {
	if t, via := b.unwrapPath(u); t != "" {
		return t, via
	}
	if !b.mayRedirect(u) {
		return "", ""
	}
	raw := strings.TrimSpace(u)
	if strings.HasPrefix(raw, "//") {
		raw = "http:" + raw
	}
	p, err := url.Parse(raw)
	if err != nil || p.Host == "" {
		return "", ""
	}
	host := strings.ToLower(p.Hostname())
	for _, r := range b.cfg.Redirectors {
		if host != r.Host || (r.Path != "" && p.Path != r.Path && !(r.Path == "/" && p.Path == "")) {
			continue
		}
		v := queryParam(p.RawQuery, r.Param)
		if v == "" {
			continue
		}
		if r.Encoding == "base64" {
			v = decodeBase64(v)
		}
		// A target whose bytes are not UTF-8 (a base64 value or %FF) would
		// make the file no longer UTF-8: not unwrapped.
		if t, ok := webURL(v); ok && utf8.ValidString(t) {
			return t, r.Host
		}
	}
	return "", ""
}

// mayRedirect is a cheap test before url.Parse: does u have a query, and
// a host that some redirector of the table uses?
func (b *bodyCleaner) mayRedirect(u string) bool {
	if strings.IndexByte(u, '?') < 0 {
		return false
	}
	_, rest, ok := strings.Cut(u, "//")
	if !ok {
		return false
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	host := rest[:end]
	for _, r := range b.cfg.Redirectors {
		if len(host) >= len(r.Host) && strings.EqualFold(host[len(host)-len(r.Host):], r.Host) {
			return true
		}
	}
	return false
}

// queryParam is url.Values.Get without building the map.
func queryParam(rawQuery, name string) string {
	for rawQuery != "" {
		var part string
		part, rawQuery, _ = strings.Cut(rawQuery, "&")
		k, v, _ := strings.Cut(part, "=")
		if k != name {
			if uk, err := url.QueryUnescape(k); err != nil || uk != name {
				continue
			}
		}
		if uv, err := url.QueryUnescape(v); err == nil {
			return uv
		}
	}
	return ""
}

func decodeBase64(v string) string {
	v = strings.TrimSpace(v)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if d, err := enc.DecodeString(v); err == nil {
			return string(d)
		}
	}
	return ""
}

// webURL checks that s is an absolute http(s) URL with a host and no
// control characters.
func webURL(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, c := range s {
		if c < 0x20 || c == 0x7f {
			return "", false
		}
	}
	p, err := url.Parse(s)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", false
	}
	return s, true
}

// stripTracking removes tracking parameters from u's query, keeping the
// rest of the URL byte for byte. It returns u unchanged when there are none.
func (b *bodyCleaner) stripTracking(u string) (string, []string) {
	q := strings.IndexByte(u, '?')
	if q < 0 || strings.IndexByte(u[q:], '=') < 0 {
		return u, nil
	}
	frag := ""
	query := u[q+1:]
	if h := strings.IndexByte(query, '#'); h >= 0 {
		query, frag = query[:h], query[h:]
	}
	var kept, removed []string
	for _, part := range strings.Split(query, "&") {
		name, _, _ := strings.Cut(part, "=")
		if n, err := url.QueryUnescape(name); err == nil && b.isTrackingParam(n) {
			removed = append(removed, n)
			continue
		}
		kept = append(kept, part)
	}
	if len(removed) == 0 {
		return u, nil
	}
	out := u[:q]
	if len(kept) > 0 {
		out += "?" + strings.Join(kept, "&")
	}
	return out + frag, removed
}

func (b *bodyCleaner) isTrackingParam(name string) bool {
	for _, p := range b.cfg.TrackingParams {
		if strings.HasSuffix(p, "*") {
			if strings.HasPrefix(name, strings.TrimSuffix(p, "*")) {
				return true
			}
		} else if name == p {
			return true
		}
	}
	return false
}

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
