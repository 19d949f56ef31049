package clean

import "strings"

// phraseSet answers "does this text contain any of these phrases?" in one
// pass: a bitmap of the phrases' first two bytes tells at which positions a
// phrase can start, and only there are the phrases compared. The tail rule
// asks it of every candidate block, and strings.Contains per phrase was
// the largest cost of cleaning a post.
type phraseSet struct {
	starts [1 << 16 / 64]uint64
	first  [256]bool // one-byte phrases
	pats   []string
}

func newPhraseSet(pats []string) *phraseSet {
	s := &phraseSet{}
	for _, p := range pats {
		switch len(p) {
		case 0:
			continue
		case 1:
			s.first[p[0]] = true
		default:
			k := uint16(p[0])<<8 | uint16(p[1])
			s.starts[k>>6] |= 1 << (k & 63)
		}
		s.pats = append(s.pats, p)
	}
	return s
}

func (s *phraseSet) in(text string) bool {
	for i := 0; i < len(text); i++ {
		if s.first[text[i]] {
			return true
		}
		if i+1 == len(text) {
			break
		}
		k := uint16(text[i])<<8 | uint16(text[i+1])
		if s.starts[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		for _, p := range s.pats {
			if strings.HasPrefix(text[i:], p) {
				return true
			}
		}
	}
	return false
}

// tables are a Config's phrase lists compiled for matching.
type tables struct {
	copyright, promo, credits *phraseSet
}

func (c *Config) compile() *Config {
	c.tables = &tables{
		copyright: newPhraseSet(c.Tail.Copyright),
		promo:     newPhraseSet(c.Tail.Promo),
		credits:   newPhraseSet(c.Tail.Credits),
	}
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
