package clean

import (
	"strings"
	"unicode/utf8"
)

// wholePat is one whole-text pattern (see wholeText) as a matcher of its
// own: the language wholeText's regexp matches, read without a regexp.
// A label list's regexp ran a backtracker over each text that held the
// pattern's anchor word (some 8,000 instructions a text, most of the
// lists' cost); this reads a literal pattern in one pass and tries a
// hole's lengths only where the text holds it.
//
// The regexp is `(?is)^\s*(?:p)\s*[:：.。!！…]*\s*(?:\{[#.][^{}]*\}\s*)?$`
// with, in p (the pattern, trimmed, without a closing colon or full
// stop): each run of white space `\s*`, {n} `[0-9][0-9,.]*\s*[kKmMwW万千]?\+?`,
// {*} `.{0,60}?`, {t} `.*?`, and every other character itself, in any
// case (its unicode.SimpleFold orbit: foldRune). \s is [\t\n\f\r ]; '.'
// is any character (a byte that is no UTF-8 reads as U+FFFD, as the
// regexp reads it). TestWholePatHoldsToRegexp holds it to the regexp.
type wholePat struct {
	elems []wholeElem // ^\s* first, as an element
	holes int         // {n}, {*} and {t}: with one, failures are remembered
	slots int         // the elements that are no literal
}

// wholeElem is one element of a wholePat.
type wholeElem struct {
	kind uint8
	r    rune // a literal's rune, folded (foldRune)
	slot int  // an element that is no literal: its row of failures
}

const (
	elemLit   = iota // one character, in any case
	elemSpace        // \s*
	elemNum          // {n}
	elemShort        // {*}: at most 60 characters
	elemAny          // {t}: any text
)

// newWholePat reads pattern p as wholeTextSource does; nil for a pattern
// that is no UTF-8 (its regexp is used: it does not compile).
func newWholePat(p string) *wholePat {
	p = strings.TrimSpace(p)
	if p == "" || !utf8.ValidString(p) {
		return nil
	}
	lit := strings.TrimRight(p, ":：.。")
	w := &wholePat{elems: []wholeElem{{kind: elemSpace}}}
	for i := 0; i < len(lit); {
		switch {
		case strings.HasPrefix(lit[i:], "{n}"):
			w.elems = append(w.elems, wholeElem{kind: elemNum})
			w.holes++
			i += 3
		case strings.HasPrefix(lit[i:], "{*}"):
			w.elems = append(w.elems, wholeElem{kind: elemShort})
			w.holes++
			i += 3
		case strings.HasPrefix(lit[i:], "{t}"):
			w.elems = append(w.elems, wholeElem{kind: elemAny})
			w.holes++
			i += 3
		case isRegexpSpace(rune(lit[i])):
			for i < len(lit) && isRegexpSpace(rune(lit[i])) {
				i++
			}
			w.elems = append(w.elems, wholeElem{kind: elemSpace})
		default:
			r, n := utf8.DecodeRuneInString(lit[i:])
			w.elems = append(w.elems, wholeElem{kind: elemLit, r: foldRune(r)})
			i += n
		}
	}
	for k := range w.elems {
		if w.elems[k].kind != elemLit {
			w.elems[k].slot = w.slots
			w.slots++
		}
	}
	return w
}

// match reports whether w's regexp matches text.
func (w *wholePat) match(text string) bool {
	m := wholeMatcher{w: w, text: text}
	if w.holes > 0 {
		// Each (element, offset) is tried once, so that the work stays
		// in elements times offsets (times 60 for {*}), as the regexp's
		// backtracker's does; a literal pattern's spaces need no record:
		// a literal after them takes one length only.
		var buf [32]uint64
		if n := (w.slots*(len(text)+1) + 63) / 64; n <= len(buf) {
			m.failed = buf[:n]
		} else {
			m.failed = make([]uint64, n)
		}
	}
	return m.from(0, 0)
}

// wholeMatcher is one match of a wholePat against a text.
type wholeMatcher struct {
	w      *wholePat
	text   string
	failed []uint64 // (element, offset) pairs that failed; nil: not kept
}

// from reports whether w's elements from e on, and the end after them,
// match text from offset i on to its end.
func (m *wholeMatcher) from(e, i int) bool {
	elems, text := m.w.elems, m.text
	// Literals in a run: each matches one character or nothing does.
	for e < len(elems) && elems[e].kind == elemLit {
		if i == len(text) {
			return false
		}
		r, n := rune(text[i]), 1
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A' // foldRune, for ASCII
			}
			if r != elems[e].r {
				return false
			}
		} else if r, n = utf8.DecodeRuneInString(text[i:]); r != elems[e].r && foldRune(r) != elems[e].r {
			return false
		}
		e, i = e+1, i+n
	}
	if e == len(elems) {
		return wholeTail(text[i:])
	}
	var bit int
	if m.failed != nil {
		bit = elems[e].slot*(len(text)+1) + i
		if m.failed[bit/64]&(1<<(bit%64)) != 0 {
			return false
		}
	}
	if m.hole(e, i) {
		return true
	}
	if m.failed != nil {
		m.failed[bit/64] |= 1 << (bit % 64)
	}
	return false
}

// hole tries element e, which is no literal, at offset i: each length it
// may take, then the rest.
func (m *wholeMatcher) hole(e, i int) bool {
	text := m.text
	switch m.w.elems[e].kind {
	case elemSpace:
		for {
			if m.from(e+1, i) {
				return true
			}
			if i == len(text) || !isRegexpSpace(rune(text[i])) {
				return false
			}
			i++
		}
	case elemNum:
		// [0-9][0-9,.]*\s*[kKmMwW万千]?\+?
		if i == len(text) || text[i] < '0' || text[i] > '9' {
			return false
		}
		for j := i + 1; ; j++ {
			for k := j; ; k++ {
				if m.numEnd(e, k) {
					return true
				}
				if k == len(text) || !isRegexpSpace(rune(text[k])) {
					break
				}
			}
			if j == len(text) || !(text[j] >= '0' && text[j] <= '9' || text[j] == ',' || text[j] == '.') {
				return false
			}
		}
	case elemShort:
		for n := 0; ; n++ {
			if m.from(e+1, i) {
				return true
			}
			if n == 60 || i == len(text) {
				return false
			}
			i += runeLen(text, i)
		}
	default: // elemAny
		if e+1 == len(m.w.elems) {
			return true // it takes the rest of the text, and nothing is left to read
		}
		for {
			if m.from(e+1, i) {
				return true
			}
			if i == len(text) {
				return false
			}
			i += runeLen(text, i)
		}
	}
}

// numEnd tries the end of a {n} at offset k: [kKmMwW万千]?\+? (in any
// case: the Kelvin sign is a 'k'), then the rest.
func (m *wholeMatcher) numEnd(e, k int) bool {
	text := m.text
	for _, unit := range [2]bool{false, true} {
		j := k
		if unit {
			if j == len(text) {
				return false
			}
			r, n := utf8.DecodeRuneInString(text[j:])
			if f := foldRune(r); f != 'K' && f != 'M' && f != 'W' && r != '万' && r != '千' {
				return false
			}
			j += n
		}
		if m.from(e+1, j) || j < len(text) && text[j] == '+' && m.from(e+1, j+1) {
			return true
		}
	}
	return false
}

// runeLen is the length of the character at text[i:] as the regexp reads
// it: a byte that is no UTF-8 is one.
func runeLen(text string, i int) int {
	if text[i] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(text[i:])
	return n
}

// wholeTail reports whether rest is what wholeText's regexp reads after a
// pattern: `\s*[:：.。!！…]*\s*(?:\{[#.][^{}]*\}\s*)?$`. Each part takes all
// it can: what it leaves starts with none of its characters.
func wholeTail(rest string) bool {
	rest = strings.TrimLeft(rest, " \t\n\f\r")
	rest = strings.TrimLeft(rest, ":：.。!！…")
	rest = strings.TrimLeft(rest, " \t\n\f\r")
	if rest == "" {
		return true
	}
	if len(rest) < 2 || rest[0] != '{' || rest[1] != '#' && rest[1] != '.' {
		return false
	}
	j := strings.IndexAny(rest[2:], "{}")
	if j < 0 || rest[2+j] != '}' {
		return false
	}
	return strings.TrimLeft(rest[2+j+1:], " \t\n\f\r") == ""
}
