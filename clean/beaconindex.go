package clean

import (
	"slices"
	"strings"
)

// hostIndex is a host list ("host" or "host/path" entries, as
// Tracking.BeaconHosts) indexed by host: a URL's host is looked up by
// itself and by each suffix after a dot, not compared with every entry.
type hostIndex struct {
	hosts []string           // the list indexed (see of)
	paths []string           // each entry's path, after its host's "/"
	by    map[string][]int32 // host → its entries, in the list's order
}

func newHostIndex(hosts []string) *hostIndex {
	x := &hostIndex{hosts: hosts, paths: make([]string, len(hosts)), by: make(map[string][]int32, len(hosts))}
	for i, h := range hosts {
		hh, hp, _ := strings.Cut(h, "/")
		x.paths[i] = hp
		x.by[hh] = append(x.by[hh], int32(i))
	}
	return x
}

// of reports whether x indexes hosts itself (a Config changed after its
// tables were compiled is matched entry by entry).
func (x *hostIndex) of(hosts []string) bool {
	return len(hosts) == len(x.hosts) && (len(hosts) == 0 || &hosts[0] == &x.hosts[0])
}

// match is beaconMatch(u, x.hosts, realImage): the first entry, in the
// list's order, whose host is u's host or a parent domain of it and whose
// path matches.
func (x *hostIndex) match(u string, realImage bool) string {
	return x.matchSplit(splitOnce(u), realImage)
}

// matchSplit is match of a URL split once (splitOnce).
func (x *hostIndex) matchSplit(s splitURL, realImage bool) string {
	host, path, ok := s.beaconHostPath()
	if !ok {
		return ""
	}
	var buf [16]int32
	cand := append(buf[:0], x.by[host]...)
	for i := 0; i < len(host); i++ {
		if host[i] == '.' {
			cand = append(cand, x.by[host[i+1:]]...)
		}
	}
	slices.Sort(cand)
	for _, i := range cand {
		if beaconPath(path, x.paths[i], realImage) {
			return x.hosts[i]
		}
	}
	return ""
}

// hostMatch is hostMatch(u, x.hosts): u's host is x's entry's host or
// a subdomain of it, and u's path starts with the entry's path. A URL
// splitWebURL cannot read goes the general way.
func (x *hostIndex) hostMatch(u string) bool {
	host, path, ok := splitWebURL(u)
	if !ok {
		return hostMatch(u, x.hosts)
	}
	for i := -1; i < len(host); i++ {
		if i >= 0 && host[i] != '.' {
			continue
		}
		for _, k := range x.by[host[i+1:]] {
			if strings.HasPrefix(path, x.paths[k]) {
				return true
			}
		}
	}
	return false
}

// beaconEntry is beaconMatch on the configuration's beacon hosts, through
// the compiled index.
func (b *bodyCleaner) beaconEntry(u string, realImage bool) string {
	return b.beaconEntrySplit(splitOnce(u), realImage)
}

// beaconEntrySplit is beaconEntry of a URL split once (splitOnce).
func (b *bodyCleaner) beaconEntrySplit(s splitURL, realImage bool) string {
	if x := b.tables.beacons; x != nil && x.of(b.cfg.Tracking.BeaconHosts) {
		return x.matchSplit(s, realImage)
	}
	return beaconMatchSplit(s, b.cfg.Tracking.BeaconHosts, realImage)
}

// beaconEntryImage is beaconEntrySplit(s, hasImageExt(u)), reading u's
// extension only when an entry matched: realImage only narrows the paths
// an entry matches (beaconPath), so a URL no entry matches as a beacon
// of any kind matches none as a real image either, and most images' URLs
// match no entry (TestBeaconEntryImage holds it on generated URLs).
func (b *bodyCleaner) beaconEntryImage(s splitURL, u string) string {
	e := b.beaconEntrySplit(s, false)
	if e != "" && hasImageExt(u) {
		e = b.beaconEntrySplit(s, true)
	}
	return e
}
