package clean

import (
	"slices"
	"strings"
)

// phraseClass is which list a phrase came from.
type phraseClass uint8

const (
	classCopyright phraseClass = 1 << iota
	classPromo
	classCredit
	// The widget lists, by an anchor word of each pattern (see rule_widgets.go;
	// a set of their own, asked only of the few blocks a widget rule
	// reads).
	anchorLabels
	anchorEdges
	anchorCopy
	anchorRelated
	anchorBoilerplate
)

// phraseSet answers "which of these lists have a phrase in this text?" in
// one pass over the text: a bitmap of hashed 3-byte prefixes tells at
// which positions a phrase can start, and only there are phrases compared.
// The tail rule asks it of every candidate block; strings.Contains per
// phrase per list was the largest cost of cleaning a post.
type phraseSet struct {
	starts [1 << 16 / 64]uint64
	long   []phrase // 3 bytes or more
	short  []phrase // 1 or 2 bytes: checked with strings.Contains
}

type phrase struct {
	text  string
	hash  uint16
	class phraseClass
}

func hash3(a, b, c byte) uint16 {
	return uint16(uint32(a)<<12 ^ uint32(b)<<6 ^ uint32(c)*0x9D)
}

func (s *phraseSet) add(pats []string, class phraseClass) {
	for _, p := range pats {
		switch {
		case p == "":
		case len(p) < 3:
			s.short = append(s.short, phrase{text: p, class: class})
		default:
			h := hash3(p[0], p[1], p[2])
			s.starts[h>>6] |= 1 << (h & 63)
			s.long = append(s.long, phrase{text: p, hash: h, class: class})
		}
	}
}

// classes returns the classes of the phrases text contains.
func (s *phraseSet) classes(text string) phraseClass {
	var found phraseClass
	for _, p := range s.short {
		if found&p.class == 0 && strings.Contains(text, p.text) {
			found |= p.class
		}
	}
	for i := 0; i+3 <= len(text); i++ {
		if text[i]&0xC0 == 0x80 {
			continue // a phrase starts at a character, not inside one
		}
		h := hash3(text[i], text[i+1], text[i+2])
		if s.starts[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		// s.long is sorted by hash: only the phrases of this hash.
		k, _ := slices.BinarySearchFunc(s.long, h, func(p phrase, h uint16) int { return int(p.hash) - int(h) })
		for _, p := range s.long[k:] {
			if p.hash != h {
				break
			}
			if found&p.class == 0 && strings.HasPrefix(text[i:], p.text) {
				found |= p.class
			}
		}
	}
	return found
}

// tables are a Config's phrase lists compiled for matching.
type tables struct {
	phrases phraseSet
	widgets widgetTables
	// pathRedirects are the host and path of the redirectors with
	// encoding: path, as "//host/path" (see unwrapPath).
	pathRedirects []string
	// beacons indexes Tracking.BeaconHosts by host (beaconEntry).
	beacons *hostIndex
	// shares indexes Widgets.ShareHosts by host (shareTarget).
	shares *hostIndex
}

func (c *Config) compile() *Config {
	t := &tables{}
	t.phrases.add(c.Tail.Copyright, classCopyright)
	t.phrases.add(c.Tail.Promo, classPromo)
	t.phrases.add(c.Tail.Credits, classCredit)
	slices.SortStableFunc(t.phrases.long, func(x, y phrase) int { return int(x.hash) - int(y.hash) })
	t.widgets = compileWidgets(c)
	t.beacons = newHostIndex(c.Tracking.BeaconHosts)
	t.shares = newHostIndex(c.Widgets.ShareHosts)
	for _, r := range c.Redirectors {
		if r.Encoding == "path" {
			t.pathRedirects = append(t.pathRedirects, "//"+r.Host+r.Path)
		}
	}
	c.tables = t
	return c
}

// compiled returns the compiled tables, compiling them for a Config built
// by hand.
func (c *Config) compiled() *tables {
	if c.tables == nil {
		cp := *c
		return cp.compile().tables
	}
	return c.tables
}

// phraseAt is a phrase found in a text, at byte offset at.
type phraseAt struct {
	at   int
	text string
}

// find returns the phrases of class in text, in order of position. It is
// asked only of the few blocks a rule already knows hold one (to say
// which, and where), so it may take its time.
func (s *phraseSet) find(text string, class phraseClass) []phraseAt {
	var out []phraseAt
	for _, list := range [][]phrase{s.short, s.long} {
		for _, p := range list {
			if p.class&class == 0 {
				continue
			}
			for i := 0; ; {
				j := strings.Index(text[i:], p.text)
				if j < 0 {
					break
				}
				out = append(out, phraseAt{i + j, p.text})
				i += j + len(p.text)
			}
		}
	}
	slices.SortStableFunc(out, func(x, y phraseAt) int { return x.at - y.at })
	return out
}
