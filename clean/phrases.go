package clean

import (
	mathbits "math/bits"
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
	// rank[w] counts the bits of starts before word w: with the bits
	// before it in its word, a hash's rank among the hashes in long, and
	// long[off[rank]:off[rank+1]] are its phrases (no search).
	rank  [1 << 16 / 64]uint16
	off   []int32
	long  []phrase // 3 bytes or more, sorted by hash
	short []phrase // 1 or 2 bytes: checked with strings.Contains
}

type phrase struct {
	text  string
	hash  uint16
	class phraseClass
}

// hash3 spreads the 24 bits of three bytes over 16 by a multiplication
// (Fibonacci hashing): every bit of each byte counts, so the phrases of
// one list (the same words in four cases) do not crowd into a few hashes.
func hash3(a, b, c byte) uint16 {
	return uint16((uint32(a)<<16 | uint32(b)<<8 | uint32(c)) * 0x9E3779B1 >> 16)
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
			// After the phrases of its hash and those before: long stays
			// as a stable sort by hash would order it.
			k, _ := slices.BinarySearchFunc(s.long, h+1, func(p phrase, h uint16) int { return int(p.hash) - int(h) })
			if h == 1<<16-1 {
				k = len(s.long)
			}
			s.long = slices.Insert(s.long, k, phrase{text: p, hash: h, class: class})
		}
	}
	s.index()
}

// index builds rank and off for starts and long.
func (s *phraseSet) index() {
	n := 0
	for w, bits := range s.starts {
		s.rank[w] = uint16(n)
		n += mathbits.OnesCount64(bits)
	}
	s.off = s.off[:0]
	for i, p := range s.long {
		if i == 0 || p.hash != s.long[i-1].hash {
			s.off = append(s.off, int32(i))
		}
	}
	s.off = append(s.off, int32(len(s.long)))
}

// classes returns the classes of the phrases text contains.
func (s *phraseSet) classes(text string) phraseClass {
	var found phraseClass
	for _, p := range s.short {
		if found&p.class == 0 && strings.Contains(text, p.text) {
			found |= p.class
		}
	}
	for i := 0; i+3 <= len(text); {
		t := text[i : i+3]
		c := t[0]
		if c&0xC0 == 0x80 {
			i++
			continue // a phrase starts at a character, not inside one
		}
		h := hash3(c, t[1], t[2])
		if word, bit := s.starts[h>>6], uint64(1)<<(h&63); word&bit != 0 {
			// Only the phrases of this hash.
			r := int(s.rank[h>>6]) + mathbits.OnesCount64(word&(bit-1))
			for _, p := range s.long[s.off[r]:s.off[r+1]] {
				if found&p.class == 0 && strings.HasPrefix(text[i:], p.text) {
					found |= p.class
				}
			}
		}
		// A character of three bytes (every CJK one) in one step: the
		// two after its first are inside it, where no phrase starts.
		if c >= 0xE0 && c < 0xF0 && t[1]&0xC0 == 0x80 && t[2]&0xC0 == 0x80 {
			i += 3
		} else {
			i++
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
	// markerEnds marks the last bytes of Tail.EndMarkers: a text that
	// ends in another byte ends in no marker (endMarker).
	markerEnds [256]bool
}

func (c *Config) compile() *Config {
	t := &tables{}
	t.phrases.add(c.Tail.Copyright, classCopyright)
	t.phrases.add(c.Tail.Promo, classPromo)
	t.phrases.add(c.Tail.Credits, classCredit)
	for _, m := range c.Tail.EndMarkers {
		if m != "" {
			t.markerEnds[m[len(m)-1]] = true
		}
	}
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

// find returns the phrases of class in text, in order of position: each
// phrase's occurrences as strings.Index finds them one after the other
// (none overlapping the one before), those at one position in the order
// of the lists. It is asked only of the few blocks a rule already knows
// hold one (to say which, and where).
//
// The long phrases are looked up at each byte of text by their hash, as
// classes does (at every byte: find makes no assumption on a phrase's
// first byte), which finds them in order of position, and at one
// position in long's order, the order a stable sort by position of each
// phrase's occurrences in turn gives. The short ones are searched for
// one by one and merged in (TestPhraseSetFindKeepsAnswers).
func (s *phraseSet) find(text string, class phraseClass) []phraseAt {
	var out []phraseAt
	for _, p := range s.short {
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
	short := len(out)
	for i := 0; i+2 < len(text); i++ {
		h := hash3(text[i], text[i+1], text[i+2])
		word, bit := s.starts[h>>6], uint64(1)<<(h&63)
		if word&bit == 0 {
			continue
		}
		r := int(s.rank[h>>6]) + mathbits.OnesCount64(word&(bit-1))
	phrases:
		for _, p := range s.long[s.off[r]:s.off[r+1]] {
			if p.class&class == 0 || !strings.HasPrefix(text[i:], p.text) {
				continue
			}
			// strings.Index goes on after the phrase's last occurrence:
			// one that overlaps it is not found. It is among the last
			// found, which lie in order of position (one at i is another
			// entry's: a phrase listed twice is found twice).
			for k := len(out) - 1; k >= short && out[k].at > i-len(p.text); k-- {
				if out[k].at < i && out[k].text == p.text {
					continue phrases
				}
			}
			out = append(out, phraseAt{i, p.text})
		}
	}
	if short > 0 && len(out) > 1 {
		slices.SortStableFunc(out, func(x, y phraseAt) int { return x.at - y.at })
	}
	return out
}
