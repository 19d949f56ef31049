package clean

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// RuleWidgets removes the share, like, related-post, subscribe, tip and
// copy-code widgets that scrapers carry into posts (see widgets: in
// rules.yaml). It is as careful as the tail rule: a widget element goes
// only when it holds nothing but labels, links and buttons, or when
// nothing of the article follows it; a block goes only when its whole text
// is a widget's, and a short label ("Like this:") only with evidence of a
// widget around it (see labelEvidence); a widget's words inside a
// paragraph are article text.
const RuleWidgets = "widgets"

// widgetsRule is the rule as a value (registry.go): its element hook
// removes widget elements (widgetElement); it shares the label walk with
// the boilerplate rule.
var widgetsRule = &ruleDef{
	Rule: Rule{RuleWidgets, true, "remove share, like, related-post, subscribe, tip and copy-code widgets that hold nothing else or end the post",
		`<div class="sharedaddy">...</div> -> ""`},
	element: (*bodyCleaner).widgetElement,
	blocks:  labelBlocks,
}

// labelBlocks is the walk of the blocks whose whole text is a label: a
// widget's, or the site's boilerplate (widgetBlocks). The two rules share
// it: a learned footer after a related-posts list goes with the list.
var labelBlocks = &blockWalk{run: (*bodyCleaner).widgetBlocks}

// widgetTables are the widget lists compiled for matching.
type widgetTables struct {
	classes  map[string]bool
	prefixes []string // classes ending in "*"
	// classGate marks each class's classKey, prefixFirst each prefix's
	// first byte: a token whose key is unmarked is no class, one whose
	// first byte is unmarked has no prefix, told without hashing it for
	// the map or comparing it with each prefix (an element's classes
	// are mostly a theme's, not a widget's).
	classGate   [1 << 12 / 64]uint64
	prefixFirst [256]bool
	labels      *lazyText // nil when the list is empty
	// placeholders: the labels written with an ellipsis ("Loading..."),
	// a page's state while a widget loads.
	placeholders *lazyText
	edges        *lazyText
	// openEdges are the edge patterns that start with {t} or {*} ("{t}
	// weiterlesen"): kept out of ends (they would let every block
	// through it) and read only in the walk back from the post's end.
	openEdges *lazyText
	// openGate tells the texts that no open edge pattern can match
	// (see mayOpen).
	openGate []openEnd
	copyCode *lazyText
	related  *lazyText
	// boilerplate is the config's boilerplate: table (mdclean learn).
	boilerplate *lazyText
	// ends are the characters a pattern's text can start and end with:
	// a text that starts or ends otherwise is no label (most paragraphs),
	// decided before the anchors are looked for.
	ends endGate
	// starts holds the same patterns' literal starts: a text that starts
	// otherwise matches none of them (see startGate). openers: none
	// starts with a Markdown opener (skipOpeners).
	starts  startGate
	openers bool
	// shareWords: every share endpoint holds one of shareWords.
	shareWords bool
	// anchors: a literal word of every pattern, by list (see addAnchors).
	anchors phraseSet
}

// endGate holds the first and last characters of a set of patterns,
// lower-cased; {n} starts or ends with a digit, {*} with anything. A
// pattern that starts with a hole ({*}, {t}: Substack's "{*} is a
// reader-supported publication…") has only its last character, in
// openLast (anyOpenLast: it ends with a hole too): a text may match it
// by its end alone, while first still tells the other patterns' texts.
type endGate struct {
	first, last, openLast runeSet
	anyLast               bool
	// open: a pattern starts with a hole.
	open, anyOpenLast bool
}

// runeSet is a set of runes, lower-cased: ASCII in a table that holds
// each letter in both cases, the others in a bitmap of the Basic
// Multilingual Plane (a bit's test where a map's lookup cost some 75
// instructions, for every block of CJK text) and a map past it. A
// non-ASCII rune that lower-cases to ASCII (the Kelvin sign) is in no
// set: the bitmap holds no ASCII rune (TestRuneSet).
type runeSet struct {
	ascii  [128]bool
	bmp    *[1 << 16 / 64]uint64
	astral map[rune]bool
}

func newRuneSet() runeSet {
	return runeSet{bmp: new([1 << 16 / 64]uint64), astral: map[rune]bool{}}
}

func (s *runeSet) set(r rune) {
	r = unicode.ToLower(r)
	switch {
	case r < 128:
		s.ascii[r] = true
		if 'a' <= r && r <= 'z' {
			s.ascii[r-'a'+'A'] = true
		}
	case r < 1<<16:
		s.bmp[r>>6] |= 1 << (r & 63)
	default:
		s.astral[r] = true
	}
}

// setFold adds r and the runes (?i) matches it with: its
// unicode.SimpleFold orbit ('ſ' with 's', the Kelvin sign with 'k'). has
// lowers a rune before its look, so one past ASCII that lowers to ASCII
// (the Kelvin sign) is found by the bitmap's bit of its lower case,
// which set leaves clear.
func (s *runeSet) setFold(r rune) {
	s.set(r)
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if l := unicode.ToLower(f); f >= utf8.RuneSelf && l < utf8.RuneSelf {
			s.bmp[l>>6] |= 1 << (l & 63)
		} else {
			s.set(f)
		}
	}
}

func (s *runeSet) has(r rune) bool {
	if r < 128 {
		return s.ascii[r]
	}
	switch {
	case 0x2000 <= r && r <= 0x206f, 0x3000 <= r && r <= 0x30ff, 0x3400 <= r && r <= 0x4dbf, 0x4e00 <= r && r <= 0x9fff,
		0xac00 <= r && r <= 0xd7a3:
		// No case: lowerRune's own first test, without its call (a
		// CJK text's first and last characters).
	default:
		r = lowerRune(r)
	}
	if r < 1<<16 {
		return s.bmp[r>>6]&(1<<(r&63)) != 0
	}
	return s.astral[r]
}

// lowerRune is unicode.ToLower without its table search for the runes
// of CJK text: general punctuation, kana, CJK and Hangul have no case,
// full-width forms only Ａ-Ｚ (TestWidgetFastPaths checks every rune).
func lowerRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		return unicode.ToLower(r) // its own quick path
	case 0x2000 <= r && r <= 0x206f, 0x3000 <= r && r <= 0x30ff, 0x3400 <= r && r <= 0x4dbf, 0x4e00 <= r && r <= 0x9fff,
		0xac00 <= r && r <= 0xd7a3:
		return r // punctuation, kana, CJK, Hangul
	case 0xff00 <= r && r <= 0xffef: // full-width forms
		if 0xff21 <= r && r <= 0xff3a {
			return r + 0x20 // Ａ-Ｚ
		}
		return r
	}
	return unicode.ToLower(r)
}

// labelClosers are the characters a label may close with ("Share
// this:", "Loading…"): trimmed before its last character is looked at.
const labelClosers = " :：.。!！…"

// mayClose reports whether a text whose last byte is c may end with one
// of labelClosers: c is ' ', ':', '.' or '!', or the last byte of '：',
// '。', '！' or '…'. A text that ends otherwise is what trimming them
// leaves.
func mayClose(c byte) bool {
	switch c {
	case ' ', ':', '.', '!', 0x9a, 0x82, 0x81, 0xa6:
		return true
	}
	return false
}

// trimLabelClosers is strings.TrimRight(s, labelClosers), read from the
// bytes: the ASCII closers are one byte each, the others three ('：' EF BC
// 9A, '。' E3 80 82, '！' EF BC 81, '…' E2 80 A6), and a lead byte three
// from the end with two continuation bytes after it is the character
// utf8.DecodeLastRuneInString reads there (TestWidgetFastPaths). A
// sentence's full stop went through TrimRight's rune by rune search of a
// cut set past ASCII.
func trimLabelClosers(s string) string {
	for n := len(s); n > 0; n = len(s) {
		switch c := s[n-1]; {
		case c == ' ' || c == ':' || c == '.' || c == '!':
			s = s[:n-1]
			continue
		case !mayClose(c) || n < 3:
			return s
		}
		switch s[n-3:] {
		case "：", "。", "！", "…":
			s = s[:n-3]
		default:
			return s
		}
	}
	return s
}

// lowerText is strings.ToLower (which maps a non-ASCII text rune by rune
// with unicode.ToLower, and an ASCII one byte by byte through a Builder)
// with lowerRune: no table search for CJK text, and no copy when no
// rune changes.
func lowerText(s string) string { return lowerTextBuf(s, nil) }

// lowerTextBuf is lowerText written into buf when a rune changes (and
// buf is long enough): no allocation for a text read and dropped.
func lowerTextBuf(s string, buf []byte) string {
	i := 0
	for i < len(s) {
		if i+8 <= len(s) && s[i] < utf8.RuneSelf {
			// Eight ASCII bytes at a time (a block's text is mostly
			// ASCII): a chunk without a capital goes unchanged.
			if x := load64(s, i); x&asciiHigh == 0 {
				if upperMask(x) != 0 {
					break // a change
				}
				i += 8
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				break // a change
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || lowerRune(r) != r {
			break // a change (a byte that is no UTF-8 is written as U+FFFD)
		}
		i += n
	}
	if i == len(s) {
		return s // no change: what strings.ToLower returns
	}
	b := buf[:0]
	if cap(b) < len(s)+8 {
		b = make([]byte, 0, len(s)+8)
	}
	b = append(b, s[:i]...)
	for i < len(s) {
		if i+8 <= len(s) && s[i] < utf8.RuneSelf {
			if x := load64(s, i); x&asciiHigh == 0 {
				b = binary.LittleEndian.AppendUint64(b, x|upperMask(x)>>2) // 'A'-'Z' + 0x20
				i += 8
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, lowerRune(r))
		i += n
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is written no more
}

// asciiHigh is the high bit of each byte of a word: a word of ASCII bytes
// has none.
const asciiHigh = 0x8080808080808080

// load64 is s[i:i+8] as a little-endian word.
func load64(s string, i int) uint64 {
	s = s[i : i+8] // one bounds check (s[i+7] would not spare the others'), and the loads combine into one
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// upperMask has the high bit of each byte of x (all ASCII) that is 'A'
// to 'Z' set: c+0x3f reaches 0x80 from 'A' on, c+0x25 from 'Z'+1 on, and
// neither carries out of its byte (c < 0x80).
func upperMask(x uint64) uint64 {
	return (x + 0x3f3f3f3f3f3f3f3f) &^ (x + 0x2525252525252525) & asciiHigh
}

// trimSpace is bytes.TrimSpace without a rune's decoding or a table
// search for most non-ASCII characters: only a byte of spaceLead can
// start white space, and only one of spaceLast end it.
func trimSpace(s []byte) []byte {
	for len(s) > 0 && spaceLead[s[0]] {
		if c := s[0]; c < utf8.RuneSelf {
			// ASCII: asciiSpace, what unicode.IsSpace says of it, in
			// place of isSpaceRune's call (an element's indentation
			// is a run of them).
			if !asciiSpace[c] {
				break
			}
			s = s[1:]
			continue
		}
		r, n := utf8.DecodeRune(s)
		if !isSpaceRune(r) {
			break
		}
		s = s[n:]
	}
	for len(s) > 0 && spaceLast[s[len(s)-1]] {
		if c := s[len(s)-1]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			s = s[:len(s)-1]
			continue
		}
		n := spaceSuffix(s)
		if n == 0 {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

// spaceSuffix is the length of the white space character past ASCII that
// s ends with, or 0: what utf8.DecodeLastRune and isSpaceRune tell, told
// from the bytes, as each such character has one encoding (U+0085,
// U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
// U+3000: see spaceLast). Most texts that end past ASCII end with a
// continuation byte that spaceLast holds (CJK's "。" ends with 0x82),
// and the decoding cost more than the look.
func spaceSuffix(s []byte) int {
	n := len(s)
	if n >= 2 && s[n-2] == 0xc2 && (s[n-1] == 0x85 || s[n-1] == 0xa0) {
		return 2
	}
	if n >= 3 {
		switch a, b, c := s[n-3], s[n-2], s[n-1]; {
		case a == 0xe1 && b == 0x9a && c == 0x80, // U+1680
			a == 0xe2 && b == 0x80 && (0x80 <= c && c <= 0x8a || c == 0xa8 || c == 0xa9 || c == 0xaf), // U+2000-U+200A, U+2028, U+2029, U+202F
			a == 0xe2 && b == 0x81 && c == 0x9f, // U+205F
			a == 0xe3 && b == 0x80 && c == 0x80: // U+3000
			return 3
		}
	}
	return 0
}

// spaceLast marks the last bytes of Unicode's White_Space characters
// (unicode.IsSpace; TestWidgetFastPaths checks every rune; spaceLead
// marks their first): ASCII spaces, U+0085 and U+00A0 (0xC2 0x85, 0xC2
// 0xA0), U+1680 (0xE1 0x9A 0x80), U+2000-U+200A, U+2028, U+2029, U+202F,
// U+205F (0xE2 0x80 0x80-0x8A, 0xA8, 0xA9, 0xAF; 0xE2 0x81 0x9F) and
// U+3000 (0xE3 0x80 0x80).
var spaceLast = func() (last [256]bool) {
	for _, c := range []byte(" \t\n\v\f\r") {
		last[c] = true
	}
	for _, c := range []byte{0x85, 0xa0, 0x9f, 0xa8, 0xa9, 0xaf} {
		last[c] = true
	}
	for c := 0x80; c <= 0x8a; c++ {
		last[c] = true
	}
	return last
}()

func (g *endGate) add(p string) {
	p = strings.TrimRight(strings.TrimSpace(p), ":：.。!！…")
	if p == "" {
		return
	}
	if openPattern(p) {
		g.open = true
		addLast(&g.openLast, &g.anyOpenLast, p)
		return
	}
	switch {
	case strings.HasPrefix(p, "{n}"):
		for d := '0'; d <= '9'; d++ {
			g.first.set(d)
		}
	default:
		r, _ := utf8.DecodeRuneInString(p)
		g.first.setFold(r)
	}
	addLast(&g.last, &g.anyLast, p)
}

// addLast adds the last character of pattern p (closers cut) to last, or
// sets any when p ends with a hole that may end with anything.
func addLast(last *runeSet, any *bool, p string) {
	switch {
	case strings.HasSuffix(p, "{*}"), strings.HasSuffix(p, "{t}"):
		*any = true
	case strings.HasSuffix(p, "{n}"):
		for _, r := range "0123456789kmw万千+" {
			last.set(r)
		}
	default:
		r, _ := utf8.DecodeLastRuneInString(p)
		last.setFold(r)
	}
}

// rawMay looks at the ends of element i's inner bytes, where they are
// text (not a tag or an entity): a paragraph whose first or last
// character no pattern has is no label, told without reading its text
// (may false). A pattern that starts with a hole may still match it by
// its end, which is then read, or told by its last text token (tailNo):
// noLabel, none matches, so it is no label and not empty, as reading it
// would find; openNo, no pattern that starts with a hole matches its
// text, for leadNoLabel.
func (b *bodyCleaner) rawMay(i int) (may, noLabel, openNo bool) {
	g := &b.tables.widgets.ends
	e := &b.d.elems[i]
	if e.closeStart < e.openEnd {
		return true, false, !g.open
	}
	raw := b.d.src[e.openEnd:e.closeStart]
	inner := trimSpace(raw)
	if len(inner) == 0 {
		return true, false, !g.open
	}
	// firstNo, lastNo: no pattern with a literal start starts or ends
	// so; openNo: none of those that start with a hole ends so.
	firstNo, lastNo := false, false
	openNo = !g.open
	if c := inner[0]; c != '<' && c != '&' {
		r, _ := utf8.DecodeRune(inner)
		if firstNo = !g.first.has(r); firstNo && openNo {
			return false, false, openNo
		}
	}
	if g.anyLast && (!g.open || g.anyOpenLast) {
		return true, false, openNo
	}
	if r, ok := rawLast(inner); ok {
		lastNo = !g.anyLast && !g.last.has(r)
		openNo = openNo || !g.anyOpenLast && !g.openLast.has(r)
	}
	if !openNo && !g.anyOpenLast && (firstNo || lastNo || inner[0] == '<' || inner[0] == '&') && b.tailNo(e) {
		// Its text may end as one of them does, but its last bytes go on
		// as none does (leadNoLabel reads the start of one that starts
		// with markup).
		return true, firstNo || lastNo, true
	}
	return !(firstNo || lastNo) || !openNo, false, openNo
}

// tailNo reports that element e's text is not empty and matches none
// of the patterns that start with a hole, told by the raw bytes of its
// last text token that holds more than ASCII white space, where the
// text ends (tokensText: tags add none), read back by rawTailNo. Unsure
// (false) when a <script> or <style> tag, a stray end tag too, may hide
// a text token (rawTextDepth).
func (b *bodyCleaner) tailNo(e *element) bool {
	for k := e.lastTok - 1; k > e.firstTok; k-- {
		t := &b.d.toks[k]
		if t.kind != html.TextToken {
			if t.tag == atom.Script || t.tag == atom.Style {
				return false
			}
			continue
		}
		raw := b.d.src[t.start:t.end]
		i := len(raw)
		for i > 0 && raw[i-1] < utf8.RuneSelf && asciiSpace[raw[i-1]] {
			i--
		}
		if i == 0 {
			continue // a space at most, which mayTail passes over
		}
		if !b.tables.widgets.starts.rawTailNo(raw) {
			return false
		}
		for k--; k > e.firstTok; k-- {
			if t := &b.d.toks[k]; t.tag == atom.Script || t.tag == atom.Style {
				return false
			}
		}
		return true
	}
	return false
}

// rawLast is the last character of an element's inner bytes (trimmed),
// past the closers a label's text may end with and white space among
// them, when it is text (not a tag, an entity or an attribute list): the
// last character of its text. It cuts ASCII closers and white space and
// the closers past ASCII ("：", "。", "！", "…") as trimLabelClosers and
// trimSpace do, without their calls; at white space past ASCII or a byte
// that is no rune it asks rawLastSlow, which cuts them in turns.
func rawLast(inner []byte) (rune, bool) {
	for i := len(inner); i > 0; {
		switch c := inner[i-1]; {
		case c >= utf8.RuneSelf:
			if i >= 3 {
				switch bytesView(inner[i-3 : i]) {
				case "：", "。", "！", "…":
					i -= 3
					continue
				}
			}
			r, n := utf8.DecodeLastRune(inner[:i])
			if r == utf8.RuneError && n == 1 || isSpaceRune(r) {
				return rawLastSlow(inner)
			}
			return r, true
		case c == '>' || c == ';' || c == '}':
			return 0, false
		case c != ':' && c != '.' && c != '!' && !asciiSpace[c]:
			return rune(c), true
		}
		i--
	}
	return 0, false
}

// rawLastSlow is rawLast, which cuts closers (trimLabelClosers) and
// white space (trimSpace) in turns until neither cuts.
func rawLastSlow(inner []byte) (rune, bool) {
	for len(inner) > 0 {
		c := inner[len(inner)-1]
		if c == '>' || c == ';' || c == '}' {
			return 0, false
		}
		if !mayClose(c) {
			break
		}
		n := len(inner)
		inner = inner[:len(trimLabelClosers(bytesView(inner)))] // bytes.TrimRight(inner, labelClosers)
		if inner = trimSpace(inner); len(inner) == n {
			break
		}
	}
	if len(inner) == 0 {
		return 0, false
	}
	r, _ := utf8.DecodeLastRune(inner)
	return r, true
}

// leadNoLabel is rawMay's look at the start for an element whose inner
// bytes start with markup (rawMay cannot tell those): it reports whether
// its visible text (tokensText) is not empty and starts with a character
// no pattern starts with (endGate.may is then false: trimAttrs and
// trimLabelClosers cut only the text's end, or all of it; or, when it
// ends as a pattern that starts with a hole does, it matches none of
// those, by openNo, nor the others, by its start), told from the
// first text token that has a character appendCollapsed keeps, without
// reading the text. It says false (read it) when unsure: an entity ('&')
// or a byte that is no valid rune comes first.
//
// A pattern that starts with a hole may match a text that starts with
// anything: openNo (rawMay's) says none does, or the text is read.
func (b *bodyCleaner) leadNoLabel(i int, openNo bool) bool {
	if !openNo {
		return false
	}
	g := &b.tables.widgets.ends
	e := &b.d.elems[i]
	if k := e.firstTok + 1; k < e.lastTok {
		// Text that starts with no space comes first: rawMay judged its
		// first character (most paragraphs), no need to look again.
		if t := &b.d.toks[k]; t.kind == html.TextToken && t.end > t.start && !spaceLead[b.d.src[t.start]] {
			return false
		}
	}
	skip := 0
	for k := e.firstTok + 1; k < e.lastTok; k++ {
		t := b.d.toks[k]
		skip = rawTextDepth(t, skip)
		if t.kind != html.TextToken || skip != 0 {
			continue
		}
		raw := b.d.src[t.start:t.end]
		for j := 0; j < len(raw); {
			c := raw[j]
			if c < utf8.RuneSelf {
				switch {
				case c == '&':
					return false
				case spaceLead[c]: // ASCII white space: dropped at the start
					j++
					continue
				}
				return !g.first.has(rune(c))
			}
			r, n := utf8.DecodeRune(raw[j:])
			switch {
			case r == utf8.RuneError:
				return false
			case r == 0xA0 || r == 0x3000 || r >= 0x2000 && r <= 0x200A || r == 0x85:
				j += n // folded to a space: dropped at the start
				continue
			}
			return !g.first.has(r)
		}
	}
	return false // no text
}

// mdMay is rawMay for a Markdown block: a paragraph, heading or list
// item text whose content (past a list marker, a heading's marks, a
// quote's, the indentation) starts with literal text (mdLiteral: no
// inline markup starts with it, the parse has no extension, and mdText
// copies it) starts its text with it, so it is no label when no pattern
// starts with its first character (endGate), or as its first line does
// (startGate.mayMarkdown); nor share buttons, without links that all go
// to share endpoints (mdShareOnly). The text of one that starts with
// opening markup (a link's '[', emphasis, a code span's '`') starts with
// that markup or with what follows it, and no pattern starts with the
// markup (skipOpeners).
func (b *bodyCleaner) mdMay(bl *block) bool {
	w := &b.tables.widgets
	g := &w.ends
	if bl.md < 0 {
		return true
	}
	src := b.d.src
	line := b.d.md.blocks[bl.md].node.Lines().At(0)
	start, end := line.Start, min(line.Stop, bl.end)
	if start < bl.start || start >= end {
		return true
	}
	if w.openers {
		for start < end && mdOpenerOrSpace[src[start]] {
			start++
		}
		if start == end {
			return true
		}
	}
	// Its text starts with r, or with opening markup: it has text.
	// (mdLiteral, its ASCII case without the call.)
	r, n := rune(src[start]), 1
	if r < utf8.RuneSelf {
		if !mdLiteralASCII[r] {
			return true
		}
	} else if r, n = mdLiteral(src[start:end]); n == 0 {
		return true
	}
	if g.first.has(r) && w.starts.mayMarkdown(src[start:end]) || g.open && b.mdMayTail(bl) {
		return true
	}
	// Two links before the look for one in the bytes: most blocks hold
	// none, told by a search of the links (shareLinks needs two).
	seg := src[bl.start:bl.end]
	_, two := b.twoLinks(bl)
	return two && bytes.Contains(seg, []byte("](")) && b.shareLinks(bl) && mayShareShape(seg)
}

// mdMayTail is mdMay's look at a Markdown block's end for the patterns
// that start with a hole (startGate.mayMarkdownTail): its last line, up
// to the block's end, past the line's end.
func (b *bodyCleaner) mdMayTail(bl *block) bool {
	lines := b.d.md.blocks[bl.md].node.Lines()
	if lines.Len() == 0 {
		return true
	}
	src := b.d.src
	line := lines.At(lines.Len() - 1)
	start, end := line.Start, line.Stop
	if start < bl.start || start >= end || end > len(src) {
		return true
	}
	for end > start && (src[end-1] == '\n' || src[end-1] == '\r' || src[end-1] == ' ' || src[end-1] == '\t') {
		end--
	}
	if end > bl.end || end == start {
		return true
	}
	return b.tables.widgets.starts.mayMarkdownTail(src[start:end])
}

// trimAttrs cuts a trailing attribute list of pandoc's and kramdown's
// Markdown ("{#id .class}", "{.skip-link}"): markup, not text.
func trimAttrs(text string) string {
	if n := len(text); n == 0 || !isSpaceByte(text[n-1]) && text[n-1] != '}' {
		return text // the common case, told without trimming
	}
	t := strings.TrimRight(text, " \t\r\n")
	if !strings.HasSuffix(t, "}") {
		return text
	}
	i := strings.LastIndexByte(t, '{')
	if i < 0 || i+1 >= len(t) || (t[i+1] != '#' && t[i+1] != '.') || strings.ContainsAny(t[i+1:len(t)-1], "{}") {
		return text
	}
	return t[:i]
}

// may reports whether text can be one of the patterns by its ends.
func (g *endGate) may(text string) bool {
	text = trimLabelClosers(trimAttrs(text))
	if text == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	if g.open && (g.anyOpenLast || g.openLast.has(last)) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text)
	if !g.first.has(r) {
		return false
	}
	return g.anyLast || g.last.has(last)
}

func compileWidgets(c *Config) widgetTables {
	w := widgetTables{classes: map[string]bool{}, ends: endGate{first: newRuneSet(), last: newRuneSet(), openLast: newRuneSet()}}
	for _, cl := range c.Widgets.Classes {
		if p, ok := strings.CutSuffix(cl, "*"); ok {
			w.prefixes = append(w.prefixes, p)
			for c := range w.prefixFirst {
				if p == "" || p[0] == byte(c) { // "*": every token
					w.prefixFirst[c] = true
				}
			}
		} else {
			w.classes[cl] = true
			if cl != "" { // no token is empty
				k := classKey([]byte(cl))
				w.classGate[k>>6] |= 1 << (k & 63)
			}
		}
	}
	w.labels = newLazyText(c.Widgets.Labels)
	var ph []string
	for _, l := range c.Widgets.Labels {
		if t := strings.TrimSpace(l); strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…") {
			ph = append(ph, t)
		}
	}
	w.placeholders = newLazyText(ph)
	var gated, open []string
	for _, p := range c.Widgets.Edges {
		if t := strings.TrimSpace(p); strings.HasPrefix(t, "{t}") || strings.HasPrefix(t, "{*}") {
			open = append(open, p)
			o := newOpenEnd(p)
			w.openGate = append(w.openGate, o)
		} else {
			gated = append(gated, p)
		}
	}
	w.edges = newLazyText(gated)
	w.openEdges = newLazyText(open)
	w.copyCode = newLazyText(c.Widgets.CopyCode)
	w.related = newLazyText(c.Widgets.Related)
	w.boilerplate = newLazyText(c.Boilerplate)
	for _, list := range [][]string{c.Widgets.Labels, gated, c.Widgets.CopyCode, c.Widgets.Related, c.Boilerplate} {
		for _, p := range list {
			w.ends.add(p)
			w.starts.add(p)
		}
	}
	w.openers = w.starts.skipOpeners()
	addAnchors(&w.anchors, c)
	slices.SortStableFunc(w.anchors.long, func(x, y phrase) int { return int(x.hash) - int(y.hash) })
	w.shareWords = true
	for _, h := range c.Widgets.ShareHosts {
		if !hasShareWord([]byte(h)) {
			w.shareWords = false // a user's endpoint without one: look at each
		}
	}
	return w
}

// addAnchors adds to s the longest literal word of every widget pattern,
// as written, lower-cased, capitalised and in capitals, under its list's
// class: a text that holds none of a list's words is not matched against
// its regexp (regexps cost).
func addAnchors(s *phraseSet, c *Config) {
	for _, l := range []struct {
		pats  []string
		class phraseClass
	}{{c.Widgets.Labels, anchorLabels}, {c.Widgets.Edges, anchorEdges}, {c.Widgets.CopyCode, anchorCopy}, {c.Widgets.Related, anchorRelated},
		{c.Boilerplate, anchorBoilerplate}} {
		for _, p := range l.pats {
			w := anchorWord(p)
			lower := asciiLower(w)
			s.add(uniq(w, lower, capitalize(lower), strings.ToUpper(lower)), l.class)
		}
	}
}

func capitalize(s string) string {
	if s != "" && 'a' <= s[0] && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

func uniq(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// anchorWord is the longest literal word of a pattern: every text the
// pattern matches holds it (in some case).
func anchorWord(p string) string {
	p = strings.TrimRight(strings.TrimSpace(p), ":：.。")
	best := ""
	for _, piece := range strings.FieldsFunc(p, func(r rune) bool { return r == ' ' || r == '\t' }) {
		for _, w := range strings.Split(strings.ReplaceAll(strings.ReplaceAll(piece, "{n}", "{*}"), "{t}", "{*}"), "{*}") {
			if len(w) > len(best) {
				best = w
			}
		}
	}
	return best
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// candidates returns the lists whose regexps may match a block's text:
// those with an anchor word in it.
func (b *bodyCleaner) candidates(text string) phraseClass {
	return b.tables.widgets.anchors.classes(text)
}

// wholeText compiles patterns into one regexp that matches a block's
// whole text: case and runs of white space ignored, a closing colon or
// full stop optional; {n} is a number (1,234, 2.5k, 3万), {*} a short run
// of any text, {t} any text (a title: as long as a label may be).
func wholeText(patterns []string) *regexp.Regexp {
	src := wholeTextSource(patterns)
	if src == "" {
		return nil
	}
	return regexp.MustCompile(src)
}

// wholeTextSource is wholeText's regexp, as text; "" for no patterns.
// Config patterns are bounded (checkPatterns), so it always compiles.
func wholeTextSource(patterns []string) string {
	var alts []string
	for _, p := range patterns {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		q := regexp.QuoteMeta(strings.TrimRight(p, ":：.。"))
		q = strings.ReplaceAll(q, `\{n\}`, `[0-9][0-9,.]*\s*[kKmMwW万千]?\+?`)
		q = strings.ReplaceAll(q, `\{\*\}`, `.{0,60}?`)
		q = strings.ReplaceAll(q, `\{t\}`, `.*?`) // no bound of its own: a label text is at most maxLabelText long
		q = spaceRun.ReplaceAllString(q, `\s*`)
		alts = append(alts, q)
	}
	if len(alts) == 0 {
		return ""
	}
	return `(?is)^\s*(?:` + strings.Join(alts, "|") + `)\s*[:：.。!！…]*\s*(?:\{[#.][^{}]*\}\s*)?$`
}

var spaceRun = regexp.MustCompile(`\s+`)

// maxLabelText is the longest text a widget label block holds, in bytes:
// a block longer than that is not read for labels.
const maxLabelText = 240

func matchLabel(l *lazyText, text string) bool {
	return l != nil && len(text) <= maxLabelText && l.match(text)
}

// lazyText is a list of patterns, each matched (by its wholePat, the
// language of its wholeText regexp) against a text that holds its anchor
// word: one regexp of the whole translated vocabulary was too large for
// Go's backtracker (its NFA was a one-post run's largest cost), and a
// regexp of each ran a backtracker over each text. (A pattern that is no
// UTF-8 is compiled, by wholeText, when first matched.)
type lazyText struct {
	pats    []string
	anchors []string // lower-cased anchorWord of each pattern
	first   []rune   // lower-cased first character of each pattern; -1 for a hole ({n}, {*}, {t})
	once    []sync.Once
	res     []*regexp.Regexp
	// byFirst indexes the patterns by first character (asciiFirst, an
	// ASCII one), holes lists those that start with a hole: match tries
	// only the patterns that can match a text's first character (edges
	// has 153, for every block).
	byFirst    map[rune][]int
	asciiFirst [utf8.RuneSelf][]int
	holes      []int
	// grams are the bigram hashes of the first and last two bytes of
	// each anchor of two bytes or more (see gramSet): a text without
	// them does not hold the anchor, told without searching for it.
	grams [][2]uint16
	// whole is each pattern as a matcher of its own (wholePat: the
	// regexp's language, read without a regexp), nil for one that is no
	// UTF-8.
	whole []*wholePat
}

// gramSet marks the hashed bigrams (pairs of adjacent bytes) of a text:
// a word the text holds has all its bigrams marked, so an unmarked one
// says "not there" at the cost of one probe instead of a substring
// search (lazyText.match tries dozens of anchors per text). Collisions
// only mark more; they never hide a word.
type gramSet [1 << 12 / 64]uint64

func gramHash(a, b byte) uint16 {
	return (uint16(a)<<5 ^ uint16(b)) & (1<<12 - 1)
}

func (g *gramSet) fill(s string) {
	for i := 0; i+1 < len(s); i++ {
		h := gramHash(s[i], s[i+1])
		g[h>>6] |= 1 << (h & 63)
	}
}

func (g *gramSet) has(h uint16) bool {
	return g[h>>6]&(1<<(h&63)) != 0
}

// newLazyText returns nil for a list without a pattern.
func newLazyText(pats []string) *lazyText {
	l := &lazyText{}
	for _, p := range pats {
		if strings.TrimSpace(p) == "" {
			continue
		}
		l.pats = append(l.pats, p)
		l.anchors = append(l.anchors, strings.ToLower(anchorWord(p)))
		f := rune(-1)
		if t := strings.TrimSpace(p); !strings.HasPrefix(t, "{") {
			r, _ := utf8.DecodeRuneInString(t)
			f = unicode.ToLower(r)
		}
		l.first = append(l.first, f)
	}
	if len(l.pats) == 0 {
		return nil
	}
	l.once = make([]sync.Once, len(l.pats))
	l.res = make([]*regexp.Regexp, len(l.pats))
	l.whole = make([]*wholePat, len(l.pats))
	for i, p := range l.pats {
		l.whole[i] = newWholePat(p)
	}
	l.grams = make([][2]uint16, len(l.pats))
	for i, a := range l.anchors {
		if len(a) >= 2 {
			l.grams[i] = [2]uint16{gramHash(a[0], a[1]), gramHash(a[len(a)-2], a[len(a)-1])}
		}
	}
	l.byFirst = map[rune][]int{}
	for i, f := range l.first {
		if f < 0 {
			l.holes = append(l.holes, i)
		} else {
			l.byFirst[f] = append(l.byFirst[f], i)
			if f < utf8.RuneSelf {
				l.asciiFirst[f] = l.byFirst[f]
			}
		}
	}
	return l
}

func (l *lazyText) match(text string) bool {
	t := text // strings.TrimLeft(text, " \t\r\n"), without its cut set's table
	for len(t) > 0 && (t[0] == ' ' || t[0] == '\t' || t[0] == '\r' || t[0] == '\n') {
		t = t[1:]
	}
	r, _ := utf8.DecodeRuneInString(t)
	r = lowerRune(r)
	// lower is text lower-cased, in buf (a label's text is short: it
	// is dropped after the match).
	lower := ""
	var buf [2*maxLabelText + 8]byte
	// The patterns that start with r or with a hole, in their order.
	var same []int
	if r < utf8.RuneSelf {
		same = l.asciiFirst[r]
	} else {
		same = l.byFirst[r]
	}
	holes := l.holes
	// Marking the bigrams costs some 8 instructions a byte, a search
	// some 80 an anchor: they are marked only for many anchors.
	grams := 10*(len(same)+len(holes)) > len(text)
	var seen *gramSet // lower's bigrams, once it holds two bytes
	if grams {
		seen = &gramSet{}
	}
	for len(same) > 0 || len(holes) > 0 {
		var i int
		if len(holes) == 0 || len(same) > 0 && same[0] < holes[0] {
			i, same = same[0], same[1:]
		} else {
			i, holes = holes[0], holes[1:]
		}
		a := l.anchors[i]
		if lower == "" {
			lower = lowerTextBuf(text, buf[:0])
			if grams {
				seen.fill(lower)
			}
		}
		if grams && len(a) >= 2 && (!seen.has(l.grams[i][0]) || !seen.has(l.grams[i][1])) {
			continue // a bigram of a missing from lower: a is not in it
		}
		if a != "" && !strings.Contains(lower, a) {
			continue
		}
		if w := l.whole[i]; w != nil {
			if w.match(text) {
				return true
			}
			continue
		}
		// A pattern that is no UTF-8: its regexp (which does not compile).
		l.once[i].Do(func() { l.res[i] = wholeText(l.pats[i : i+1]) })
		if l.res[i].MatchString(text) {
			return true
		}
	}
	return false
}

// widgetClass returns the class or id token that names a widget, or "".
func (b *bodyCleaner) widgetClass(as []attr) (attr, value string) {
	w := &b.tables.widgets
	if len(as) == 0 || len(w.classes) == 0 && len(w.prefixes) == 0 {
		return "", ""
	}
	for _, a := range as {
		var name string
		// bytes.EqualFold with "class" and "id", ASCII: a name of as
		// many bytes that holds a character past ASCII has fewer
		// characters, and '|0x20' lower-cases only the letters'
		// capitals to them.
		switch n := a.name; {
		case len(n) == 5 && n[0]|0x20 == 'c' && n[1]|0x20 == 'l' && n[2]|0x20 == 'a' && n[3]|0x20 == 's' && n[4]|0x20 == 's':
			name = "class"
		case len(n) == 2 && n[0]|0x20 == 'i' && n[1]|0x20 == 'd':
			name = "id"
		default:
			continue
		}
		for raw := a.val; len(raw) > 0; {
			i := 0
			for i < len(raw) && !isSpaceByte(raw[i]) {
				i++
			}
			if tok := raw[:i]; len(tok) > 0 {
				if k := classKey(tok); w.classGate[k>>6]&(1<<(k&63)) != 0 && w.classes[string(tok)] { // no allocation: map lookup by a converted key
					return name, string(tok)
				}
				if w.prefixFirst[tok[0]] {
					for _, p := range w.prefixes {
						if bytes.HasPrefix(tok, []byte(p)) {
							return name, string(tok)
						}
					}
				}
			}
			for i < len(raw) && isSpaceByte(raw[i]) {
				i++
			}
			raw = raw[i:]
		}
	}
	return "", ""
}

// classKey hashes a class token's length and its first and last bytes
// (widgetTables.classGate).
func classKey(tok []byte) uint16 {
	return uint16(len(tok)*0x9e3+int(tok[0])*0x3b+int(tok[len(tok)-1])) & (1<<12 - 1)
}

// widgetKind says why element i is a widget ("" if it is not): a widget
// class or id, an embedded button, or a container of share links only.
func (b *bodyCleaner) widgetKind(i int) string {
	e := &b.d.elems[i]
	if !e.closed() || e.code {
		return ""
	}
	return b.widgetKindAttrs(i, b.attrs(b.d.src[e.start:e.openEnd]))
}

// widgetKindAttrs is widgetKind with the element's attributes parsed.
func (b *bodyCleaner) widgetKindAttrs(i int, as []attr) string {
	e := &b.d.elems[i]
	switch e.tag {
	case atom.Iframe, atom.Script:
		if src := attrRaw(as, "src"); len(src) > 0 && b.mayEmbed(src) {
			if s := html.UnescapeString(string(src)); hostMatch(s, b.cfg.Widgets.EmbedHosts) {
				return "embedded widget " + hostOf(s)
			}
		}
		return ""
	case atom.A, atom.Span, atom.Img, atom.Br, atom.Strong, atom.Em, atom.B, atom.I:
		return "" // inline: a share link inside a sentence is the author's
	}
	if name, v := b.widgetClass(as); name != "" {
		return "widget " + name + `="` + v + `"`
	}
	if blockTags(e.tag) && !e.blockKids && b.shareLinksOnly(e.firstTok, e.lastTok) {
		return "share buttons"
	}
	return ""
}

// shareLinksOnly reports whether the tokens strictly between first and
// last hold at least one link, every link goes to a share endpoint, and
// the text outside links is only punctuation or labels.
func (b *bodyCleaner) shareLinksOnly(first, last int) bool {
	// Text first, without parsing a tag: an article paragraph has more
	// than labels outside its links, and is done with here.
	links, inLink := 0, 0
	for k := first + 1; k < last; k++ {
		t := &b.d.toks[k]
		switch {
		case t.kind == html.StartTagToken && t.tag == atom.A:
			links++
			inLink++
		case t.kind == html.EndTagToken && t.tag == atom.A && inLink > 0:
			inLink--
		case t.kind == html.TextToken && inLink == 0:
			if raw := b.d.src[t.start:t.end]; len(raw) > 24 && runesOver(trimSpace(raw), 24) {
				return false
			}
		}
	}
	if links == 0 {
		return false
	}
	for k := first + 1; k < last; k++ {
		if t := b.d.toks[k]; t.kind == html.StartTagToken && t.tag == atom.A {
			href := attrRaw(b.attrs(b.d.src[t.start:t.end]), "href")
			known := b.mayShare(href) && hostMatch(html.UnescapeString(string(href)), b.cfg.Widgets.ShareHosts)
			if !known && !shareShape(href) {
				return false
			}
		}
	}
	return true
}

// mayShare is a quick no for a link that names no share endpoint's path
// (an entry without a path needs the full check): no URL is parsed for
// the links of ordinary paragraphs.
func (b *bodyCleaner) mayShare(href []byte) bool {
	if b.tables.widgets.shareWords && !hasShareWord(href) {
		return false
	}
	return mayName(href, b.cfg.Widgets.ShareHosts)
}

// shareWords name what a share endpoint does; every default endpoint's
// path holds one, so a link without any is no share link (the links of
// ordinary paragraphs), told without looking at each endpoint.
var shareWords = [][]byte{[]byte("shar"), []byte("intent"), []byte("submit"), []byte("send"), []byte("save"),
	[]byte("pin/"), []byte("bookmarklet"), []byte("compose"), []byte("dialog")}

func hasShareWord(b []byte) bool {
	for _, w := range shareWords {
		if bytes.Contains(b, w) {
			return true
		}
	}
	return false
}

func (b *bodyCleaner) mayEmbed(src []byte) bool { return mayName(src, b.cfg.Widgets.EmbedHosts) }

// mayName reports whether u may point at one of hosts: it holds the
// entry's host (or path) as bytes. A quick no before a URL is parsed.
func mayName(u []byte, hosts []string) bool {
	for _, h := range hosts {
		host, path, ok := strings.Cut(h, "/")
		if ok && bytes.Contains(u, []byte(path)) || !ok && bytes.Contains(u, []byte(host)) {
			return true
		}
	}
	return false
}

// labelsOnly reports whether element i holds only what a widget holds:
// short labels ("Share this:", "Twitter", "Like"), links and buttons, no
// sentence of the article and no media but icons.
func (b *bodyCleaner) labelsOnly(i int) bool {
	e := &b.d.elems[i]
	total := 0
	skip := 0
	for k := e.firstTok + 1; k < e.lastTok; k++ {
		t := b.d.toks[k]
		skip = rawTextDepth(t, skip)
		switch t.kind {
		case html.StartTagToken, html.SelfClosingTagToken:
			switch t.tag {
			case atom.Video, atom.Audio, atom.Picture, atom.Object, atom.Embed:
				return false
			}
		case html.TextToken:
			if skip != 0 {
				continue
			}
			text := trimSpace(b.d.src[t.start:t.end])
			n := utf8.RuneCount(text)
			if n > 48 {
				return false
			}
			if n >= 20 && bytes.ContainsAny(text[len(text)-1:], ".!?") || bytes.HasSuffix(text, []byte("。")) && n >= 12 {
				return false // a sentence
			}
			if total += n; total > 200 {
				return false
			}
		}
	}
	return true
}

// nothingAfter reports whether no article text follows offset end: only
// white space, markup without text, and other widgets and tracking
// markup. A widget there ends the post.
func (b *bodyCleaner) nothingAfter(end int) bool {
	for k := b.tokenAt(end); k < len(b.d.toks); k++ {
		t := b.d.toks[k]
		switch t.kind {
		case html.StartTagToken:
			if t.elem >= 0 {
				e := &b.d.elems[t.elem]
				if e.closed() && (e.tag == atom.Script || e.tag == atom.Style || b.widgetKind(int(t.elem)) != "" || b.trackingKind(int(t.elem)).what != "") {
					k = e.lastTok
				}
			}
		case html.TextToken:
			if !blank(b.d.src[t.start:t.end]) {
				return false
			}
		}
	}
	return true
}

// tokenAt returns the index of the first token starting at or after off.
func (b *bodyCleaner) tokenAt(off int) int {
	lo, hi := 0, len(b.d.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if b.d.toks[m].start < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// widgetElement removes element i (closed, not code, not covered) when
// it is a widget that holds only labels or ends the post, and reports
// whether it did (the widgets rule's element hook).
func (b *bodyCleaner) widgetElement(i int, as []attr) bool {
	e := &b.d.elems[i]
	if e.tag == atom.A || e.tag == atom.Span || e.tag == atom.Img || e.tag == atom.P && !e.hasText {
		return false
	}
	why := b.widgetKindAttrs(i, as)
	if why == "" {
		return false
	}
	b.unsettled = true // removed or not by what follows it (see settled)
	if strings.HasPrefix(why, "embedded") || b.labelsOnly(i) || b.nothingAfter(e.end) {
		b.add(RuleWidgets, e.start, e.end, nil, "removed "+why)
		return true
	}
	if b.nKept < len(b.keptWidgets) {
		b.keptWidgets[b.nKept] = i // article text follows it: asked again at a cut (cutSettled)
	}
	b.nKept++
	return false
}

// labelKind is what a block's whole text says it is.
type labelKind int

const (
	labelNone        labelKind = iota
	labelAny                   // a widget's label: removed wherever it stands alone
	labelEdge                  // a counter or feed line: at the start or end only
	labelCopy                  // a copy-code button: next to code only
	labelRelated               // a related-posts heading: with its list, at the end
	labelBoilerplate           // the site's own, from the config's boilerplate: table
	labelShare                 // Markdown links that all go to share endpoints: the links are the evidence
)

// widgetBlocks removes the blocks whose whole text is a widget's.
func (b *bodyCleaner) widgetBlocks() {
	w := &b.tables.widgets
	widgets, boiler := b.on(RuleWidgets), b.on(RuleBoilerplate) && w.boilerplate != nil
	if !widgets && !boiler {
		return
	}
	if widgets && b.d.markdownBody {
		// Pandoc's fenced divs go whole, in a pass of their own before the
		// labels are read (fenceddiv.go).
		b.divRules()
		b.pass()
	}
	bs := b.blocks()
	// runes: of the text: -1 too long to read, -2 not counted yet, -3 not
	// read yet (mdMay): the text's length when short, as if it were.
	// gone: removed by another rule: widget furniture.
	n, mem := len(bs), &b.labelMem
	mem.kinds, mem.runes, mem.bools = grow(mem.kinds[:0], n)[:n], grow(mem.runes[:0], n)[:n], grow(mem.bools[:0], 2*n)[:2*n]
	clear(mem.kinds)
	clear(mem.runes)
	clear(mem.bools)
	b.labels = labelState{b: b, bs: bs, widgets: widgets, kinds: mem.kinds, runes: mem.runes, empty: mem.bools[:n:n], gone: mem.bools[n:]}
	st := &b.labels
	kinds, runes, empty, gone := st.kinds, st.runes, st.empty, st.gone
	// A text longer than this is no label and not short (runes): an
	// element's text is read only this far (roughTextUpTo).
	longLabel := max(maxLabelText, 2*b.cfg.Tail.MaxHeadlineChars)
	for k := range bs {
		bl := &bs[k]
		runes[k] = -1
		if bl.end-bl.start > 2*maxLabelText {
			continue
		}
		if bl.elem == -1 {
			// Loose text (between <br>s, after a block): only the site's
			// own boilerplate may go here, and only a run that closes
			// every element it opens (a feed's footer line at the end:
			// see looseEdge).
			if boiler && b.balanced(bl.start, bl.end) {
				if text, _ := b.peekText(bl); len(text) <= maxLabelText && w.ends.may(text) && w.starts.may(text) &&
					b.candidates(text)&anchorBoilerplate != 0 && matchLabel(w.boilerplate, text) {
					kinds[k] = labelBoilerplate
				}
			}
			continue
		}
		if b.covered(bl.start, bl.end) {
			empty[k] = true // already removed (the tail rule's run): nothing to decide
			gone[k] = b.removed(bl.start, bl.end)
			continue
		}
		var text string
		// rough: media counts every image, beacons too (roughText).
		var media, rough bool
		if bl.textRead { // read by the tail rule: its text and media are known
			// A block with media is no label, whoever read it first: an
			// image over "Like this:" stays, in the first run and in a
			// second one whose tail rule read the block.
			text, media = bl.text, bl.media
			if bl.end-bl.start > longBlock {
				continue
			}
		} else {
			// An image is asked whether it is a beacon (trackingKind:
			// the cost of reading a figure) only when the answer counts:
			// media decides nothing more for a text too long or with the
			// wrong ends for a label, and for a block without text it
			// decides only whether the block is empty (see settle).
			switch {
			case bl.elem >= 0:
				may, noLabel, openNo := b.rawMay(bl.elem)
				if !may {
					continue // its text cannot be a label: not read
				}
				if noLabel || b.leadNoLabel(bl.elem, openNo) {
					runes[k] = -3 // not empty, and no label: not read
					continue
				}
				if bl.end-bl.start > longLabel {
					var long bool
					if text, media, long = b.roughTextUpTo(bl.elem, longLabel); long {
						runes[k] = -2 // as the whole text's read says: longer than longLabel
						continue
					}
				} else {
					text, media = b.roughText(bl)
				}
			case bl.elem == mdLeaf && !b.mdMay(bl):
				runes[k] = -3 // not empty, and no label: not read
				continue
			default:
				text, media = b.roughText(bl)
			}
			rough = media
			if media && text != "" && len(text) <= maxLabelText && w.ends.may(text) {
				text, media = b.peekText(bl)
				rough = false
			}
		}
		runes[k] = -2 // counted when a rule asks (few do)
		if len(text) <= 2*b.cfg.Tail.MaxHeadlineChars {
			runes[k] = len(text) // an upper bound, enough to say "short"
		}
		if text == "" && rough {
			if st.unsure == nil {
				st.unsure = make([]bool, len(bs))
			}
			st.unsure[k] = true // empty unless an image is no beacon: asked when read
			continue
		}
		if text == "" && !media {
			empty[k] = true
			continue
		}
		if widgets && bl.elem == mdLeaf && len(text) <= maxLabelText && b.mdShareOnly(bl, text) {
			kinds[k] = labelShare // share buttons as Markdown links
			continue
		}
		if media || len(text) > maxLabelText || !w.ends.may(text) || !w.starts.may(text) {
			continue
		}
		kinds[k] = b.textLabel(text, widgets, boiler)
	}
	b.labelEnds(st)
	if widgets && b.d.markdownBody {
		// In a pass of its own: it cuts inside paragraphs the walk read.
		b.pass()
		b.moreLinks(bs)
		b.tipLine(bs)
	}
}

// textLabel is the label kind a block's text names by the widget tables
// (labelNone if none), the tables asked in this order; widgets and boiler
// say whether the widgets and boilerplate rules are on.
func (b *bodyCleaner) textLabel(text string, widgets, boiler bool) labelKind {
	w := &b.tables.widgets
	can := b.candidates(text)
	if !widgets {
		can &= anchorBoilerplate
	}
	if !boiler {
		can &^= anchorBoilerplate
	}
	switch {
	case can&anchorBoilerplate != 0 && matchLabel(w.boilerplate, text):
		return labelBoilerplate
	case can&anchorLabels != 0 && matchLabel(w.labels, text):
		return labelAny
	case can&anchorCopy != 0 && matchLabel(w.copyCode, text):
		return labelCopy
	case can&anchorEdges != 0 && matchLabel(w.edges, text):
		return labelEdge
	case can&anchorRelated != 0 && matchLabel(w.related, text):
		return labelRelated
	}
	return labelNone
}

// labelState is widgetBlocks' reading of the blocks: what each block's
// own text says it is (kinds, before the walk from the end marks edge
// lines), whether it is empty, and its length. None of it depends on
// where a block stands, only on its bytes and on what earlier rules
// removed (gone), so cutSettled reads the blocks before a cut again with
// it, as a second round would, without reading their texts again.
type labelState struct {
	b       *bodyCleaner
	bs      []block
	widgets bool
	kinds   []labelKind
	runes   []int
	empty   []bool
	gone    []bool
	// unsure: the blocks without text whose images were not asked
	// whether they are beacons (roughText); settle asks, before empty[k]
	// is read, so that every read sees what peekText would have said.
	// Most are read by no rule: the walks read the post's end, and the
	// rest only when a block is a label.
	unsure []bool
	// read: kinds as the blocks' texts say, before labelEnds marked the
	// edge lines at the end (nil when it marked none: kinds).
	read []labelKind
}

func (st *labelState) settle(k int) bool {
	if st.unsure != nil && st.unsure[k] {
		st.unsure[k] = false
		_, media := st.b.peekText(&st.bs[k])
		st.empty[k] = !media
	}
	return st.empty[k]
}

func (st *labelState) runeCount(k int) int {
	runes, b := st.runes, st.b
	if runes[k] == -3 {
		runes[k] = -2
		if text, _ := b.peekText(&st.bs[k]); len(text) <= 2*b.cfg.Tail.MaxHeadlineChars {
			runes[k] = len(text)
		}
	}
	if runes[k] == -2 {
		if bl := &st.bs[k]; bl.textRead {
			runes[k] = utf8.RuneCountInString(bl.text)
		} else {
			runes[k] = utf8.RuneCountInString(b.textFor(bl))
		}
	}
	return runes[k]
}

// labelEnds decides, from the labels widgetBlocks read, what goes: the
// labels at the post's edges, with evidence, related-posts lists.
func (b *bodyCleaner) labelEnds(st *labelState) {
	bs, kinds, runes, empty, gone, widgets := st.bs, st.kinds, st.runes, st.empty, st.gone, st.widgets
	settle, runeCount := st.settle, st.runeCount
	// The post's edges: the blocks before the first and after the last
	// block of the article (text that is no label); at the start, also the
	// first three blocks when they are short (a title, a byline, "5 min
	// read").
	// (Worked out only when some block is a label: most posts hold none.)
	// lastLine and endsInCard read the empty blocks at the end, up to the
	// last that is not.
	for k := len(bs) - 1; k >= 0 && settle(k); k-- {
	}
	if widgets {
		b.lastLine(bs, empty)
		// The loose lines at the end, read from the end back only as
		// far as labels and empty blocks go: a feed item's footer
		// between <br>s (the Yoast line, "Discuss this article").
		// So are the edge lines that start with any text.
		for k := len(bs) - 1; k >= 0 && (settle(k) || kinds[k] != labelNone || b.endEdge(&bs[k])); k-- {
			if kinds[k] == labelNone && !empty[k] {
				if st.read == nil {
					st.read = slices.Clone(kinds)
				}
				kinds[k] = labelEdge
			}
		}
	}
	if !slices.ContainsFunc(kinds, func(k labelKind) bool { return k != labelNone }) && !b.endsInCard(bs, empty) {
		return
	}
	for k := range bs {
		settle(k) // the rest reads any block's
	}
	b.unsettled = true // labels decided by where they stand (see settled)
	first, seen := 0, 0
	for first < len(bs) && seen < 3 && (empty[first] || kinds[first] != labelNone ||
		runes[first] != -1 && runeCount(first) <= b.cfg.Tail.MaxHeadlineChars) {
		if !empty[first] {
			seen++
		}
		first++
	}
	// A related-posts heading followed by nothing but links to the end.
	relatedFrom := -1
	hasRelated := slices.Contains(kinds, labelRelated)
	// The site's own boilerplate after the list (a learned footer) goes in
	// this run too: it does not end the list, or a second run would find it.
	skip := empty
	if hasRelated && slices.Contains(kinds, labelBoilerplate) {
		skip = slices.Clone(empty)
		for k := range kinds {
			skip[k] = skip[k] || kinds[k] == labelBoilerplate
		}
	}
	// Credit lines after the list (the reporter, the editor, the
	// photographer) are the article's and stay; the list before them ends
	// the article's text all the same (relatedcredits.go).
	relEnd := len(bs)
	if hasRelated {
		relEnd = b.creditsFrom(bs, skip)
	}
	for k := relEnd - 1; hasRelated && k >= 0; k-- {
		if kinds[k] == labelRelated && b.linksOnlyAfter(bs, k+1, relEnd, runeCount, skip) {
			relatedFrom = k
			break
		}
		if !skip[k] && !b.groupLabel(&bs[k]) && (runes[k] == -1 || !b.hasLink(&bs[k]) || !b.relatedItem(&bs[k], runeCount(k))) {
			break
		}
	}
	if relatedFrom < 0 {
		relEnd = len(bs)
	}
	chrome, tagList := false, false
	if relatedFrom < 0 && (hasRelated || b.endsInCard(bs, empty)) {
		relatedFrom, tagList = b.chromeFrom(bs, kinds, runes, empty)
		chrome = relatedFrom >= 0
	}
	last := len(bs)
	if relatedFrom >= 0 {
		last = relatedFrom
	}
	for last > 0 && (empty[last-1] || kinds[last-1] != labelNone && kinds[last-1] != labelRelated || b.looseBreak(&bs[last-1])) {
		last--
	}
	for k := range bs {
		bl := &bs[k]
		var why string
		switch {
		case relatedFrom >= 0 && k == relatedFrom:
			if end, ok := b.sectionEnd(bs, k, relEnd); ok {
				n := 0
				for j := k + 1; j < relEnd; j++ {
					if !empty[j] {
						n++
					}
				}
				what := "removed a related-posts list at the end: "
				if relEnd < len(bs) {
					what = "removed a related-posts list before the credit lines that end the post (they stay): "
				}
				if chrome {
					what = "removed related-posts lists and the site's furniture after them at the end: "
				}
				if tagList {
					what = "removed the tag list at the end (links to tag archives, one naming its tag): "
				}
				msg := what + strconvQuote(b.textFor(bl)) + " and " + plural(n, "entry", "entries")
				if tagList {
					msg = what + plural(n+1, "tag", "tags") + ", the first " + strconvQuote(strings.TrimRight(b.textFor(bl), ` \`))
				}
				if chrome {
					b.addAround(bl.start, end, msg)
				} else {
					b.addBlock(bl.start, end, msg)
				}
			}
			continue
		case kinds[k] == labelBoilerplate:
			if !b.covered(bl.start, bl.end) {
				b.add(RuleBoilerplate, bl.start, bl.end, nil, "removed the site's boilerplate "+strconvQuote(b.textFor(bl)))
			}
			continue
		case kinds[k] == labelShare:
			why = "share buttons (every link goes to a share endpoint)"
		case kinds[k] == labelAny:
			ev := b.labelEvidence(bs, k, kinds, empty, gone, first, last)
			if ev == "" {
				continue
			}
			why = "widget label (" + ev + ")"
		case kinds[k] == labelCopy && b.nextToCode(bl):
			why = "copy-code button"
		case kinds[k] == labelEdge && (k < first || k >= last):
			why = "counter or feed line at the post's edge"
		case k > last && b.looseBreak(bl) && slices.Contains(kinds[last:k], labelEdge):
			// A rule between edge lines goes with them: the run then
			// ends the post, and no line is joined onto a rule.
			why = "thematic break between edge lines"
		default:
			continue
		}
		b.addBlock(bl.start, bl.end, "removed "+why+" "+strconvQuote(b.textFor(bl)))
	}
}

// labelEvidence says why the label block k is a widget's and not the
// article's, or "" when nothing does. "Like this:", "Loading…" and "Share
// this:" are also prose: a line that introduces code, a sentence of a
// transcript, a heading of a tutorial (see widgets-label-prose-stay). A
// label goes only inside a widget container, next to other widget
// furniture, at the post's edges, or when its text is a widget's whole
// sentence (four words or more), and never as part of a block quote, a
// list item or a longer paragraph, nor right before code.
func (b *bodyCleaner) labelEvidence(bs []block, k int, kinds []labelKind, empty, gone []bool, first, last int) string {
	bl := &bs[k]
	if !b.wholeMarkdownBlock(bl) || b.codeFollows(bl.end) {
		return ""
	}
	if c := b.widgetAncestor(bl); c != "" {
		return "inside " + c
	}
	text, _ := b.peekText(bl)
	whole := len(strings.Fields(text)) >= 4 || !strings.ContainsRune(text, ' ') && utf8.RuneCountInString(text) >= 4 && text[0] >= utf8.RuneSelf
	if !whole && closesSentence(text) {
		return "" // "Like this." closes a sentence of the article
	}
	furniture := func(j int) bool {
		return gone[j] || kinds[j] == labelAny || kinds[j] == labelShare || kinds[j] == labelEdge
	}
	prev, next := k-1, k+1
	for prev >= 0 && empty[prev] && !gone[prev] {
		prev--
	}
	for next < len(bs) && empty[next] && !gone[next] {
		next++
	}
	switch {
	case prev >= 0 && furniture(prev) || next < len(bs) && furniture(next):
		return "next to other widget furniture"
	case k >= last:
		return "at the post's end"
	}
	if isHeadingTag(bl.tag) {
		return "" // a heading is the article's, but among widgets
	}
	switch {
	case k < first:
		return "at the post's start"
	case whole:
		return "a widget's whole sentence"
	case (strings.HasSuffix(text, "...") || strings.HasSuffix(text, "…")) && matchLabel(b.tables.widgets.placeholders, text):
		return "a loading placeholder"
	}
	return ""
}

// closesSentence reports whether text ends with a full stop or an
// exclamation mark (not an ellipsis): a sentence, not a label.
func closesSentence(text string) bool {
	t := strings.TrimSpace(text)
	switch {
	case strings.HasSuffix(t, "..") || strings.HasSuffix(t, "…"):
		return false
	case strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "。") || strings.HasSuffix(t, "！"):
		return true
	}
	return false
}

// removed reports whether an earlier edit deleted all of [start, end):
// a block another rule took away as junk (an edit inside it, such as a
// link's stripped parameters, is no evidence).
func (b *bodyCleaner) removed(start, end int) bool {
	start, end = b.base+start, b.base+end
	for i := 0; i <= len(b.passes); i++ {
		lo, hi := b.passStart, len(b.edits)
		if i < len(b.passes) {
			lo, hi = b.passes[i], b.passStart
			if i+1 < len(b.passes) {
				hi = b.passes[i+1]
			}
		}
		seg := b.edits[lo:hi]
		k := sort.Search(len(seg), func(j int) bool { return seg[j].End > start })
		if k < len(seg) && seg[k].Start <= start && seg[k].End >= end && len(seg[k].New) == 0 {
			return true
		}
	}
	return false
}

func isHeadingTag(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// widgetAncestor is the widget class or id of an element around a block,
// or "".
func (b *bodyCleaner) widgetAncestor(bl *block) string {
	e := bl.parent
	if bl.elem >= 0 {
		e = b.d.elems[bl.elem].parent
	}
	for ; e >= 0; e = b.d.elems[e].parent {
		el := &b.d.elems[e]
		if name, v := b.widgetClass(b.attrs(b.d.src[el.start:el.openEnd])); name != "" {
			return name + `="` + v + `"`
		}
	}
	return ""
}

// wholeMarkdownBlock reports whether a block of a Markdown body is a
// whole block of its own: not an element inside a longer paragraph
// ("Received: <div>Loading…</div>"), not in a block quote or a list item
// (quoted output, a list of steps).
func (b *bodyCleaner) wholeMarkdownBlock(bl *block) bool {
	mb := b.d.md.blocks
	if mb == nil {
		return true
	}
	var m *mdBlock
	if bl.elem == mdLeaf {
		if bl.md < 0 {
			return true
		}
		m = &mb[bl.md]
	} else {
		i := sort.Search(len(mb), func(i int) bool { return mb[i].end > bl.start })
		if i == len(mb) || mb[i].start > bl.start {
			return true // not inside Markdown text: an HTML block
		}
		m = &mb[i]
		src := b.d.src
		if !blank(src[m.start:bl.start]) || !blank(src[bl.end:max(m.end, bl.end)]) {
			return false
		}
	}
	if m.tag == atom.Li {
		return false
	}
	for p := m.node.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Blockquote); ok {
			return false
		}
	}
	return true
}

// codeFollows reports whether a code block starts after offset end, with
// only white space between.
func (b *bodyCleaner) codeFollows(end int) bool {
	src := b.d.src
	for end < len(src) && isSpaceByte(src[end]) {
		end++
	}
	return b.d.md.inCode(end) && !b.d.md.inCode(max(end-1, 0)) || codeStart(src[end:])
}

func (b *bodyCleaner) addBlock(start, end int, msg string) {
	if b.covered(start, end) || b.d.md.overlapsCode(start, end) {
		return
	}
	b.add(RuleWidgets, start, end, nil, msg)
}

// balanced reports whether the tokens in [start, end) close every element
// they open and open every element they close: a run of inline markup
// that can go without leaving a tag unmatched.
func (b *bodyCleaner) balanced(start, end int) bool {
	for k := b.tokenAt(start); k < len(b.d.toks) && b.d.toks[k].start < end; k++ {
		t := b.d.toks[k]
		if t.elem < 0 || t.kind == html.TextToken {
			continue
		}
		e := &b.d.elems[t.elem]
		if e.start < start || !e.closed() || e.end > end {
			return false
		}
	}
	return true
}

// relatedItem reports whether a block is an entry of a related-posts
// list: a list item or a short block that holds a link.
func (b *bodyCleaner) relatedItem(bl *block, runes int) bool {
	if bl.elem == -1 || runes < 0 || runes > 2*b.cfg.Tail.MaxHeadlineChars {
		return false
	}
	if bl.tag == atom.Li || bl.elem >= 0 && bl.parent >= 0 && b.d.elems[bl.parent].tag == atom.Li {
		return true
	}
	seg := b.d.src[bl.start:bl.end]
	return bytes.Contains(seg, []byte("<a ")) || bytes.Contains(seg, []byte("](")) || bytes.Contains(seg, []byte("<http"))
}

// hasLink is a quick look for a link in a block's bytes, or a list item.
func (b *bodyCleaner) hasLink(bl *block) bool {
	if bl.tag == atom.Li || bl.elem >= 0 && bl.parent >= 0 && b.d.elems[bl.parent].tag == atom.Li {
		return true
	}
	seg := b.d.src[bl.start:bl.end]
	return bytes.Contains(seg, []byte("<a ")) || bytes.Contains(seg, []byte("](")) || bytes.Contains(seg, []byte("<http"))
}

// linksOnlyAfter reports whether blocks from..to are all related-post
// entries (or empty).
func (b *bodyCleaner) linksOnlyAfter(bs []block, from, to int, runes func(int) int, empty []bool) bool {
	for j := from; j < to; j++ {
		if !empty[j] && !b.relatedItem(&bs[j], runes(j)) && !b.groupLabel(&bs[j]) {
			return false
		}
	}
	return true
}

// peekText is a block's text in the scratch buffer: valid until the next
// call, copied nowhere (most blocks are read and dropped).
func (b *bodyCleaner) peekText(bl *block) (string, bool) {
	keep := b.noKeep
	b.noKeep = true
	defer func() { b.noKeep = keep }()
	return b.textOf(bl)
}

// roughText is peekText with every image counted as media, beacons too:
// the same text, and media whenever peekText's is (an upper bound),
// without asking about each image.
func (b *bodyCleaner) roughText(bl *block) (string, bool) {
	anyImage := b.anyImage
	b.anyImage = true
	defer func() { b.anyImage = anyImage }()
	return b.peekText(bl)
}

// roughTextUpTo is roughText of element i, or long (and no text) when
// its first bytes show it longer than limit bytes: the rest is not read. The widget
// walk needs no more of such a text: it is no label, not short, not
// empty. partText reads the text tokensText does (whole, when it does not
// stop; when it stops, more than limit+1 bytes of its start, the last
// space dropped, which the whole text holds), and media is tokensText's
// with every image counted (anyImage), told from the tags alone.
func (b *bodyCleaner) roughTextUpTo(i, limit int) (text string, media, long bool) {
	e := &b.d.elems[i]
	buf, stopped := b.partText(e.firstTok, e.lastTok, 0, len(b.d.src), 0, limit+1, -1)
	if stopped {
		return "", false, true
	}
	for k := e.firstTok + 1; k < e.lastTok && !media; k++ {
		if t := &b.d.toks[k]; t.kind == html.StartTagToken || t.kind == html.SelfClosingTagToken {
			switch t.tag {
			case atom.Img, atom.Video, atom.Iframe, atom.Picture, atom.Svg, atom.Audio, atom.Object, atom.Embed:
				media = true
			}
		}
	}
	if len(buf) > 0 {
		text = unsafe.String(&buf[0], len(buf)) // in the scratch buffer, as peekText's
	}
	return text, media, false
}

// textFor is a block's text for a message or a count: peekText's, in
// the scratch buffer, not copied into the text arena. Every caller reads
// it before the next text is read (strconvQuote and strings.ToLower copy
// what they keep).
func (b *bodyCleaner) textFor(bl *block) string {
	text, _ := b.peekText(bl)
	return text
}

// sectionEnd is where a related-posts section that starts at block k and
// runs to block last-1 ends, as a cut that closes what it opens: the end of
// the ancestor of its last entry that is a sibling of the heading.
func (b *bodyCleaner) sectionEnd(bs []block, k, last int) (int, bool) {
	head := &bs[k]
	if last <= k+1 {
		return head.end, true
	}
	tail := &bs[last-1]
	if tail.elem < 0 {
		if head.elem < 0 && tail.parent == head.parent {
			return tail.end, true // Markdown: no end tags to close
		}
		return 0, false
	}
	for e := tail.elem; e >= 0; e = b.d.elems[e].parent {
		if b.d.elems[e].parent == head.parent {
			if !b.d.elems[e].closed() {
				return 0, false // no end tag found: not removed (a fuzz finding)
			}
			return b.d.elems[e].end, true
		}
	}
	return 0, false
}

// nextToCode reports whether a block stands next to a code block: only
// white space (and other copy-code labels) between them.
func (b *bodyCleaner) nextToCode(bl *block) bool {
	src := b.d.src
	after := bl.end
	for after < len(src) && isSpaceByte(src[after]) {
		after++
	}
	if b.d.md.inCode(after) && !b.d.md.inCode(max(after-1, 0)) || codeStart(src[after:]) {
		return true
	}
	if w := b.tables.widgets.copyCode; w != nil {
		// "代码解读" then "复制代码" then the code: look one more block on.
		if j := bytes.IndexByte(src[after:], '\n'); j > 0 && matchLabel(w, strings.TrimSpace(stripTags(src[after:after+j]))) {
			next := after + j
			for next < len(src) && isSpaceByte(src[next]) {
				next++
			}
			if b.d.md.inCode(next) || codeStart(src[next:]) {
				return true
			}
		}
	}
	before := bl.start
	for before > 0 && isSpaceByte(src[before-1]) {
		before--
	}
	if before > 0 && (b.d.md.inCode(before-1) && !b.d.md.inCode(before)) || codeEnd(src[:before]) {
		return true
	}
	if w := b.tables.widgets.copyCode; w != nil && before > 0 {
		// The code, then "Copy", then "复制" (a bilingual page's pair):
		// look one block back, so that one run removes both.
		j := bytes.LastIndexByte(src[:before], '\n') + 1
		if matchLabel(w, strings.TrimSpace(stripTags(src[j:before]))) {
			prev := j
			for prev > 0 && isSpaceByte(src[prev-1]) {
				prev--
			}
			return prev > 0 && b.d.md.inCode(prev-1) && !b.d.md.inCode(prev) || codeEnd(src[:prev])
		}
	}
	return false
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func codeStart(b []byte) bool {
	for _, p := range []string{"<pre", "<code", `<figure class="highlight`, `<div class="highlight`, "```", "~~~"} {
		if len(b) >= len(p) && strings.EqualFold(string(b[:len(p)]), p) {
			return true
		}
	}
	return false
}

func codeEnd(b []byte) bool {
	for _, p := range []string{"</pre>", "</code>", "</figure>", "```", "~~~"} {
		if len(b) >= len(p) && strings.EqualFold(string(b[len(b)-len(p):]), p) {
			return true
		}
	}
	return false
}

// stripTags drops the tags of a short piece of markup, for a quick look
// at its text.
func stripTags(b []byte) string {
	var out []byte
	in := false
	for _, c := range b {
		switch {
		case c == '<':
			in = true
		case c == '>':
			in = false
		case !in:
			out = append(out, c)
		}
	}
	return string(out)
}

// strconvQuote is strconv.Quote of s cut to 60 bytes (truncate), for a
// message. A text that Quote copies as it is (quotePlain) is put between
// quotes without Quote's look at each rune (a binary search of its
// tables for each character of a CJK label).
func strconvQuote(s string) string {
	s = truncate(s, 60)
	if quotePlain(s) {
		return `"` + s + `"`
	}
	return strconv.Quote(s)
}

// quotePlain reports whether strconv.Quote(s) is s between double quotes:
// s is UTF-8 and holds no '"', no backslash and no rune strconv.IsPrint
// refuses. A CJK unified ideograph (U+4E00-U+9FFF, every one assigned
// and printable: TestQuotePlain) is told without IsPrint.
func quotePlain(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7F || c == '"' || c == '\\' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || (r < 0x4E00 || r > 0x9FFF) && !strconv.IsPrint(r) {
			return false
		}
		i += n
	}
	return true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func hostOf(u string) string {
	if p, err := url.Parse(strings.TrimSpace(u)); err == nil && p.Host != "" {
		return p.Host
	}
	return truncate(u, 40)
}

// runesOver reports whether b holds more than n characters (bytes that
// are not a continuation byte), counted eight bytes at a time: a
// continuation byte has bit 7 set and bit 6 clear.
func runesOver(b []byte, n int) bool {
	if len(b) <= n {
		return false
	}
	c := 0
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		c += 8 - bits.OnesCount64(x&^(x<<1)&0x8080808080808080)
		if c > n {
			return true
		}
		b = b[8:]
	}
	for _, x := range b {
		if x&0xC0 != 0x80 {
			if c++; c > n {
				return true
			}
		}
	}
	return false
}

// looseBreak reports that bl is loose text between Markdown blocks that
// is a thematic break ("****", "- - -"): no text of the article, so the
// edge lines around it stay the post's edge (a page's dialogs, each
// after a rule). The break itself stays.
func (b *bodyCleaner) looseBreak(bl *block) bool {
	if bl.elem != -1 || bl.end-bl.start > 64 {
		return false
	}
	line := strings.TrimSpace(string(b.d.src[bl.start:bl.end]))
	if strings.ContainsRune(line, '\n') || len(line) < 3 {
		return false
	}
	var mark byte
	n := 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case ' ', '\t':
		case '*', '-', '_':
			if mark != 0 && c != mark {
				return false
			}
			mark = c
			n++
		default:
			return false
		}
	}
	return n >= 3
}
