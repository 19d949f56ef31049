package adlist

import (
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
