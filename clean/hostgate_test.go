package clean

import (
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

// TestMayHaveHost holds mayHaveHost to url.Parse, and beaconHostPath
// and hostMatch (which skip url.Parse when it is false) to their answers
// through url.Parse, on generated URLs: schemes, slashes, hosts with
// upper case, user info, ports, escapes, queries, fragments, spaces and
// control bytes, in any order.
func TestMayHaveHost(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 10))
	parts := []string{"/", "//", "///", ":", "http:", "https:", "HTTP:", "mailto:", "a", "B", "x.com", "Ex.Org",
		"@", "u:p@", ":8080", "%2F", "%", "?", "?q=//", "#", "#//", " ", "\t", "\x01", "\x7f", "[::1]", ".", "images", "a.png", "\\", "\\\\"}
	hosts := []string{"x.com", "ex.org/p", "ex.org"}
	for n := 0; n < 200000; n++ {
		var sb strings.Builder
		for k := rng.IntN(7); k >= 0; k-- {
			sb.WriteString(parts[rng.IntN(len(parts))])
		}
		u := sb.String()
		for _, v := range []string{u, strings.TrimSpace(u), "https:" + u} {
			if p, err := url.Parse(v); err == nil && p.Host != "" && !mayHaveHost(v) {
				t.Fatalf("mayHaveHost(%q) = false, url.Parse gives host %q", v, p.Host)
			}
		}
		s := splitOnce(u)
		host, path, ok := s.beaconHostPath()
		wh, wp, wok := beaconHostPathParse(s)
		if host != wh || path != wp || ok != wok {
			t.Fatalf("beaconHostPath(%q) = %q, %q, %v; url.Parse gives %q, %q, %v", u, host, path, ok, wh, wp, wok)
		}
		if got, want := hostMatch(u, hosts), hostMatchParse(u, hosts); got != want {
			t.Fatalf("hostMatch(%q) = %v, want %v", u, got, want)
		}
	}
}

// beaconHostPathParse is beaconHostPath without the mayHaveHost gate.
func beaconHostPathParse(s splitURL) (host, path string, ok bool) {
	host, path, ok, u := s.host, s.path, s.ok, s.u
	if !ok {
		if strings.HasPrefix(u, "//") {
			u = "https:" + u
		}
		p, err := url.Parse(strings.TrimSpace(u))
		if err != nil || p.Host == "" {
			return "", "", false
		}
		host, path = strings.ToLower(p.Hostname()), strings.TrimPrefix(p.Path, "/")
	}
	return host, path, true
}

// hostMatchParse is hostMatch without the mayHaveHost gate.
func hostMatchParse(u string, hosts []string) bool {
	host, path, ok := beaconHostPathParse(splitOnce(u))
	if !ok {
		return false
	}
	for _, h := range hosts {
		hh, hp, _ := strings.Cut(h, "/")
		if (host == hh || strings.HasSuffix(host, hh) && host[len(host)-len(hh)-1] == '.') && (hp == "" || strings.HasPrefix(path, hp)) {
			return true
		}
	}
	return false
}
