package clean

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// unwrapPath returns the target of a click tracker that carries it in
// its path rather than in a parameter (a redirector with encoding:
// path): after the host, the path prefix, and then the first marker
// (Param), the rest of the URL is the target as written. A feed proxy's
// "https://feeds.example.com/~/t/0/0/blog/~https://blog.example.org/p/"
// is {host: feeds.example.com, path: /~/t/, param: /~, encoding: path}.
func (b *bodyCleaner) unwrapPath(u string) (target, via string) {
	if len(b.tables.pathRedirects) == 0 || !strings.Contains(u, "//") {
		return "", ""
	}
	u = strings.TrimSpace(u)
	k := 0
	for _, r := range b.cfg.Redirectors {
		if r.Encoding != "path" {
			continue
		}
		needle := b.tables.pathRedirects[k]
		k++
		i := strings.Index(u, needle)
		if i < 0 || i > 0 && !strings.HasSuffix(u[:i], ":") {
			continue
		}
		rest := u[i+len(needle):]
		j := strings.Index(rest, r.Param)
		if j < 0 {
			continue
		}
		if t, ok := webURL(rest[j+len(r.Param):]); ok && utf8.ValidString(t) {
			return t, r.Host
		}
	}
	return "", ""
}

// mayPathRedirect is a quick look for a path redirector's host and path
// in a URL without a query.
func (b *bodyCleaner) mayPathRedirect(u []byte) bool {
	for _, n := range b.tables.pathRedirects {
		if bytes.Contains(u, []byte(n)) {
			return true
		}
	}
	return false
}
