package adlist

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestReadHosts(t *testing.T) {
	list := `[Adblock Plus 2.0]
! comment
||ads.example.net^
||pixel.example.org^$third-party,image
||popunder.example.com^$popup
||only-here.example.com^$domain=news.example
||allowed.example.net^
@@||allowed.example.net^$image,domain=shop.example
||paths.example.net/ads/
##.not-a-network-rule
`
	got, err := ReadHosts(strings.NewReader(list))
	if err != nil {
		t.Fatal(err)
	}
	want := "ads.example.net\npixel.example.org\n"
	if Format(got) != want {
		t.Errorf("ReadHosts = %q, want %q", Format(got), want)
	}
}

func TestReadHiding(t *testing.T) {
	list := `##.ad-box
###top-banner
##.ad-box > a
example.com##.site-only
##div[id^="ad"]
##.unhidden
#@#.unhidden
`
	classes, ids, err := ReadHiding(strings.NewReader(list))
	if err != nil {
		t.Fatal(err)
	}
	if Format(classes) != "ad-box\n" || Format(ids) != "top-banner\n" {
		t.Errorf("ReadHiding = %q, %q", classes, ids)
	}
}

// TestEmbedded checks one entry of each list in the shipped snapshot.
func TestEmbedded(t *testing.T) {
	for _, c := range []struct {
		host string
		list List
		ok   bool
	}{
		{"paid.outbrain.com", EasyList, true},   // EasyList: ||paid.outbrain.com^
		{"x.paid.outbrain.com", EasyList, true}, // a subdomain of a listed host
		{"log.outbrain.com", EasyPrivacy, true}, // EasyPrivacy: ||log.outbrain.com^
		{"www.outbrain.com", "", false},         // the company's own site is not listed
		{"example.com", "", false},              //
		{"com", "", false},                      // no dot: never looked up
	} {
		l, ok := Host(c.host)
		if l != c.list || ok != c.ok {
			t.Errorf("Host(%q) = %q, %v, want %q, %v", c.host, l, ok, c.list, c.ok)
		}
	}
	if !Class("banner-ad") || Class("article-body") {
		t.Errorf("Class: banner-ad %v, article-body %v", Class("banner-ad"), Class("article-body"))
	}
	if !ID("top-ad") || ID("content") {
		t.Errorf("ID: top-ad %v, content %v", ID("top-ad"), ID("content"))
	}
}

func TestHasEdges(t *testing.T) {
	blob := Format([]string{"b", "d", "f"})
	for key, want := range map[string]bool{"a": false, "b": true, "c": false, "d": true, "e": false, "f": true, "g": false, "": false} {
		if has(blob, key) != want {
			t.Errorf("has(%q) = %v", key, !want)
		}
	}
	if has("", "a") {
		t.Error("has on an empty blob")
	}
}

// TestCurrent checks that the embedded tables are what go generate makes
// of the installed snapshot (skipped where Debian's package is absent).
func TestCurrent(t *testing.T) {
	dir, ok := FindSnapshot()
	if !ok {
		t.Skip("no snapshot of EasyList installed (webext-ublock-origin-firefox)")
	}
	l, err := ReadSnapshot(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, p, c, i := Text()
	if Format(l.MailOpens) != MailOpensText() {
		t.Errorf("data/easyprivacy-mailopens.txt is not current with %s: run go generate ./internal/adlist", dir)
	}
	if Format(l.AdHosts) != a || Format(l.TrackerHosts) != p || Format(l.Classes) != c || Format(l.IDs) != i || string(Bits(l.AdHosts, l.TrackerHosts)) != hostBits ||
		string(NameBits(l.Classes, l.IDs)) != nameBits {
		t.Errorf("data/ is not current with %s: run go generate ./internal/adlist (and update SOURCE.md)", dir)
	}
}

// TestNameBits checks that the names' bitmap is the embedded classes'
// and ids' (a name missing from it would never be searched for), even
// where the snapshot is not installed.
func TestNameBits(t *testing.T) {
	_, _, c, i := Text()
	lines := func(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }
	if string(NameBits(lines(c), lines(i))) != nameBits {
		t.Fatal("data/names.bits is not the hashes of data/easylist-classes.txt and data/easylist-ids.txt: run go generate ./internal/adlist")
	}
	for _, n := range append(lines(c), lines(i)...) {
		if !mayName(n) {
			t.Fatalf("mayName(%q) = false", n)
		}
	}
}

func TestReadMailOpens(t *testing.T) {
	list := `! *** easylist:easyprivacy/easyprivacy_general_hosts.txt ***
/elsewhere/open?
! *** easylist:easyprivacy/easyprivacy_general_emailtrackers.txt ***
! a comment
/Track/Open.php?
/wf/open?upn=$image
.example.com/o/$image,third-party
/pop/open?$popup
@@/allowed/open?
%2Fopen.aspx%3F
/re(gex)/
example.net##.pixel
! *** easylist:easyprivacy/easyprivacy_trackingservers_general.txt ***
/after/open?
`
	got, err := ReadMailOpens(strings.NewReader(list))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".example.com/o/", "/track/open.php?", "/wf/open?upn="}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMailOpen(t *testing.T) {
	for _, c := range []struct{ url, rule string }{
		{"https://news.example.org/track/open.php?u=1&id=2", "/track/open.php?"},
		{"https://NEWS.example.org/Track/Open.php?u=1", "/track/open.php?"},
		{"https://mail.example.com/wf/open?upn=abc", "/wf/open?upn="},
		{"https://t.example.com/open", "://t.*/open^"},
		{"https://t.example.com/open/x", "://t.*/open^"},
		{"https://mail.example.com/ss/o/abc.gif", "/ss/o/*.gif"},
		{"https://example.com/openhouse.png", ""},
		{"https://t.example.com/opener", ""},
		{"https://example.org/track/openings", ""},
		{"https://example.org/photos/2024/open-day.jpg", ""},
	} {
		if got := MailOpen(c.url); got != c.rule {
			t.Errorf("MailOpen(%q) = %q, want %q", c.url, got, c.rule)
		}
	}
}

// TestMailOpenKeys holds that every embedded rule is indexed (a key of two
// bytes at least) and that each matches a URL written from it.
func TestMailOpenKeys(t *testing.T) {
	mailOpenOnce.Do(compileMailOpens)
	for _, r := range mailOpenCompiled {
		if len(r.key) < 4 {
			t.Errorf("rule %q: key %q too short to index", r.text, r.key)
		}
		u := strings.NewReplacer("*", "x", "^", "/", "|", "").Replace(r.text)
		if strings.HasPrefix(u, ".") || strings.HasPrefix(u, "-") || strings.HasPrefix(u, "_") || strings.HasPrefix(u, "%") {
			u = "https://mail" + u
		} else if !strings.HasPrefix(u, "://") {
			u = "https://mail.example.com" + u
		} else {
			u = "https" + u
		}
		if got := MailOpen(u); got == "" {
			t.Errorf("rule %q matches no URL written from it (%q)", r.text, u)
		}
	}
}

// TestLowerASCII holds lowerASCII to strings.ToLower on ASCII, and keeps
// non-ASCII letters as they are.
func TestLowerASCII(t *testing.T) {
	for _, u := range []string{"", "a", "A", "https://EXAMPLE.com/Track/Open.PHP?U=1", "abc/xyz", "Z@[`{"} {
		if got := lowerASCII(u); got != strings.ToLower(u) {
			t.Errorf("lowerASCII(%q) = %q, want %q", u, got, strings.ToLower(u))
		}
	}
	if got := lowerASCII("/TRİCK/\u212Aey"); got != "/trİck/\u212Aey" {
		t.Errorf("lowerASCII folded a non-ASCII letter: %q", got)
	}
}

// TestMailOpenIndexHoldsToScan holds MailOpen's index (the four-byte and
// pair gates, the buckets) to asking every rule in the list's order, on
// URLs written from the rules with their pieces cut, joined, cased and
// surrounded by other URLs' bytes.
func TestMailOpenIndexHoldsToScan(t *testing.T) {
	mailOpenOnce.Do(compileMailOpens)
	scan := func(u string) string {
		lu := strings.ToLower(u)
		for _, r := range mailOpenCompiled {
			if r.match(lu) {
				return r.text
			}
		}
		return ""
	}
	rng := rand.New(rand.NewPCG(7, 25))
	fill := []string{"", "x", "/", "?", "&", "=", ".", "-", "_", "%2f", "a/b", "open", "track", "/o/", ".com/", "://"}
	piece := func() string {
		r := mailOpenCompiled[rng.IntN(len(mailOpenCompiled))].text
		r = strings.NewReplacer("*", fill[rng.IntN(len(fill))], "^", fill[rng.IntN(4)], "|", "").Replace(r)
		if len(r) > 2 && rng.IntN(3) == 0 {
			i := rng.IntN(len(r))
			j := i + rng.IntN(len(r)-i)
			r = r[i:j]
		}
		if rng.IntN(4) == 0 {
			r = strings.ToUpper(r)
		}
		return r
	}
	matched := 0
	for n := 0; n < 60000; n++ {
		u := "https://" + []string{"mail.example.com", "t.example.org", "example.net", "cdn.example.io"}[rng.IntN(4)]
		for k := rng.IntN(4); k >= 0; k-- {
			u += fill[rng.IntN(len(fill))] + piece()
		}
		got, want := MailOpen(u), scan(u)
		if got != want {
			t.Fatalf("MailOpen(%q) = %q; asking every rule gives %q", u, got, want)
		}
		if got != "" {
			matched++
		}
	}
	if matched < 1000 {
		t.Fatalf("only %d of the generated URLs matched a rule: the test asks too little", matched)
	}
}
