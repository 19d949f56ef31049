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
	own := []string{"a.example", "a.example/p", "b.a.example/p/", "a.example/p/q", "example", "x.test/t", "x.test", "/odd", ""}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, hosts := range [][]string{DefaultConfig().Tracking.BeaconHosts, own} {
		x := newHostIndex(hosts)
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
		urls = append(urls, "", "https://", "https://:80/", "https://user@a.example/p", "https://a.example:8080/p", "https://[::1]/p", "https://a.example/%70")
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
