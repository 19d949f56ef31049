// Package adlist answers whether a host serves ads or trackers and
// whether a class or id names an ad container, from a pinned snapshot of
// EasyList and EasyPrivacy (see SOURCE.md for the snapshot, its date and
// its licence).
//
// The tables are generated (go generate ./internal/adlist, which needs
// the Debian package webext-ublock-origin-firefox or -chromium) as sorted
// text files, one name a line, embedded as they are and searched in place:
// nothing is decoded or built when mdclean starts, which a map of 80,000
// hosts or a filter engine (github.com/AdguardTeam/urlfilter) would do on
// every run, for every one-post run of a pre-commit hook.
package adlist

//go:generate go run ./gen

import (
	_ "embed"
	"strings"
)

var (
	//go:embed data/easylist-hosts.txt
	adHosts string
	//go:embed data/easyprivacy-hosts.txt
	trackerHosts string
	//go:embed data/easylist-classes.txt
	classes string
	//go:embed data/easylist-ids.txt
	ids string
	// hostBits has a bit set for the hash of every host of both lists:
	// most hosts of a post are on neither, told without a search.
	//go:embed data/hosts.bits
	hostBits string
	// nameBits has a bit set for the hash of every class and id: most
	// classes and ids of a post are no ad container's, told without a
	// search.
	//go:embed data/names.bits
	nameBits string
)

// bitsLen is the number of bits of hostBits.
const bitsLen = 1 << 20

// hostHash is FNV-1a, cut to bitsLen.
func hostHash(h string) uint32 {
	x := uint32(2166136261)
	for i := 0; i < len(h); i++ {
		x ^= uint32(h[i])
		x *= 16777619
	}
	return x % bitsLen
}

// Bits returns the bitmap of the hosts' hashes, as the generator writes it.
func Bits(hosts ...[]string) []byte {
	b := make([]byte, bitsLen/8)
	for _, list := range hosts {
		for _, h := range list {
			x := hostHash(h)
			b[x/8] |= 1 << (x % 8)
		}
	}
	return b
}

// nameBitsLen is the number of bits of nameBits.
const nameBitsLen = 1 << 18

// NameBits returns the bitmap of the classes' and ids' hashes, as the
// generator writes it.
func NameBits(names ...[]string) []byte {
	b := make([]byte, nameBitsLen/8)
	for _, list := range names {
		for _, n := range list {
			x := hostHash(n) % nameBitsLen
			b[x/8] |= 1 << (x % 8)
		}
	}
	return b
}

// mayName reports whether name may be a class or id of the lists.
func mayName(name string) bool {
	x := hostHash(name) % nameBitsLen
	return len(nameBits) == nameBitsLen/8 && nameBits[x/8]&(1<<(x%8)) != 0
}

func mayHave(h string) bool {
	x := hostHash(h)
	return len(hostBits) == bitsLen/8 && hostBits[x/8]&(1<<(x%8)) != 0
}

// List names the filter list a match came from.
type List string

const (
	EasyList    List = "EasyList"
	EasyPrivacy List = "EasyPrivacy"
)

// Host reports which list blocks host (lower-case) or a domain it is
// under: "ads.example.com" matches a rule for "example.com".
func Host(host string) (List, bool) {
	for h := host; ; {
		if strings.IndexByte(h, '.') < 0 {
			return "", false
		}
		if mayHave(h) {
			if has(trackerHosts, h) {
				return EasyPrivacy, true
			}
			if has(adHosts, h) {
				return EasyList, true
			}
		}
		i := strings.IndexByte(h, '.')
		h = h[i+1:]
	}
}

// Class reports whether EasyList hides elements of this class anywhere.
func Class(name string) bool { return mayName(name) && has(classes, name) }

// ID reports whether EasyList hides the element with this id anywhere.
func ID(name string) bool { return mayName(name) && has(ids, name) }

// has reports whether the sorted, newline-terminated lines of blob hold
// key: a binary search over byte offsets, each probe backed up to its
// line's start.
func has(blob, key string) bool {
	lo, hi := 0, len(blob) // both at line starts
	for lo < hi {
		m := lo + (hi-lo)/2
		s := lo + strings.LastIndexByte(blob[lo:m], '\n') + 1
		e := s + strings.IndexByte(blob[s:], '\n')
		switch line := blob[s:e]; {
		case key < line:
			hi = s
		case key > line:
			lo = e + 1
		default:
			return true
		}
	}
	return false
}

// Text is the contents of the embedded files, for the test that they are
// current.
func Text() (adHostsText, trackerHostsText, classesText, idsText string) {
	return adHosts, trackerHosts, classes, ids
}

// Format writes names one a line, as the embedded files hold them.
func Format(names []string) string {
	var sb strings.Builder
	for _, n := range names {
		sb.WriteString(n)
		sb.WriteByte('\n')
	}
	return sb.String()
}
