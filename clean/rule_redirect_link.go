package clean

import (
	"encoding/base64"
	"net/url"
	"strings"
	"unicode/utf8"
)

// RuleRedirectLink unwraps redirector links to their real target.
const RuleRedirectLink = "redirect-link"

// redirectLinkRule is the rule as a value (registry.go): its link hook
// unwraps redirectors (redirectLink).
var redirectLinkRule = &ruleDef{
	Rule: Rule{RuleRedirectLink, true, "unwrap redirector links to their real target",
		`link.php?...&b=aHR0...== -> http://www.chinanews.com/`},
	link: (*bodyCleaner).redirectLink,
}

// redirectLink unwraps u when a redirector wraps it, and a redirector
// that wraps another to the end (bounded), so that a second run finds
// nothing left to do. An image's or frame's source (src) is unwrapped
// too: the wrapper is a pure redirect.
func (b *bodyCleaner) redirectLink(u string, src bool) (string, string) {
	var vias []string
	for n := 0; n < 8; n++ {
		t, via := b.unwrap(u)
		if t == "" {
			break
		}
		u = t
		vias = append(vias, via)
	}
	if len(vias) == 0 {
		return u, ""
	}
	return u, "unwrapped " + strings.Join(vias, " and ") + " redirect"
}

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
