package clean

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHostIndexMatch holds the index to beaconMatch, the entry-by-entry
// definition, on URLs built from the default beacon hosts and their
// parents, children, paths and neighbours, and on a list of its own with
// repeated hosts and entries that differ only by path.
func TestHostIndexMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, hosts := range [][]string{DefaultConfig().Tracking.BeaconHosts, ownHosts} {
		x := newHostIndex(hosts)
		urls := hostIndexURLs(hosts)
		for _, u := range urls {
			for _, real := range []bool{false, true} {
				if got, want := x.match(u, real), beaconMatch(u, hosts, real); got != want {
					t.Fatalf("match(%q, %v) = %q, want %q", u, real, got, want)
				}
			}
		}
		for n := 0; n < 2000; n++ {
			u := urls[rng.IntN(len(urls))] + urls[rng.IntN(len(urls))]
			if got, want := x.match(u, n%2 == 0), beaconMatch(u, hosts, n%2 == 0); got != want {
				t.Fatalf("match(%q) = %q, want %q", u, got, want)
			}
		}
	}
}

// TestHostIndexHostMatch holds the index's hostMatch to hostMatch, the
// entry-by-entry definition, on the default share hosts and a list of
// its own, with the URLs of TestHostIndexMatch.
func TestHostIndexHostMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, hosts := range [][]string{DefaultConfig().Widgets.ShareHosts, DefaultConfig().Tracking.BeaconHosts, ownHosts} {
		x := newHostIndex(hosts)
		urls := hostIndexURLs(hosts)
		for n := 0; n < len(urls)+2000; n++ {
			u := ""
			if n < len(urls) {
				u = urls[n]
			} else {
				u = urls[rng.IntN(len(urls))] + urls[rng.IntN(len(urls))]
			}
			if got, want := x.hostMatch(u), hostMatch(u, hosts); got != want {
				t.Fatalf("hostMatch(%q) = %v, want %v", u, got, want)
			}
		}
	}
}

// ownHosts are host entries of every shape: repeated hosts, entries that
// differ only by path, a bare path, an empty entry.
var ownHosts = []string{"a.example", "a.example/p", "b.a.example/p/", "a.example/p/q", "example", "x.test/t", "x.test", "/odd", ""}

// hostIndexURLs builds URLs from host entries: their parents, children,
// paths and neighbours, in several schemes and cases.
func hostIndexURLs(hosts []string) []string {
	var urls []string
	for _, h := range hosts {
		hh, hp, _ := strings.Cut(h, "/")
		for _, host := range []string{hh, "sub." + hh, "a.b." + hh, "x" + hh, hh + ".evil", strings.ToUpper(hh), hh + "."} {
			for _, path := range []string{"", "/", "/" + hp, "/" + hp + "/", "/" + hp + "x", "/" + hp + "/more", "/" + hp + "?q=1", "/pixel.gif"} {
				for _, scheme := range []string{"https://", "http://", "//", "ftp://", "HTTPS://"} {
					urls = append(urls, scheme+host+path)
				}
			}
		}
	}
	return append(urls, "", "https://", "https://:80/", "https://user@a.example/p", "https://a.example:8080/p", "https://[::1]/p", "https://a.example/%70", " https://a.example/p ")
}

// TestBeaconEntryImage holds beaconEntryImage to beaconEntrySplit with
// hasImageExt read first, through the index and entry by entry, on the
// URLs of TestHostIndexMatch, with and without an image file name.
func TestBeaconEntryImage(t *testing.T) {
	for _, hosts := range [][]string{DefaultConfig().Tracking.BeaconHosts, ownHosts} {
		c := *DefaultConfig() // a copy: DefaultConfig's is shared
		c.Tracking.BeaconHosts = hosts
		cfg := &c
		indexed := &bodyCleaner{cfg: cfg, tables: &tables{beacons: newHostIndex(hosts)}}
		plain := &bodyCleaner{cfg: cfg, tables: &tables{}}
		for _, u := range hostIndexURLs(hosts) {
			for _, u := range []string{u, u + ".png", u + "/a.JPG?x=1", u + "#.gif", u + ".gif/"} {
				for _, b := range []*bodyCleaner{indexed, plain} {
					s := splitOnce(u)
					if got, want := b.beaconEntryImage(s, u), b.beaconEntrySplit(s, hasImageExt(u)); got != want {
						t.Fatalf("beaconEntryImage(%q) = %q, want %q", u, got, want)
					}
				}
			}
		}
	}
}
