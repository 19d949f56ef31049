package clean

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// startGate is a trie of the literal starts of whole-text patterns (the
// widget lists' labels, as wholeText compiles them): the characters of
// each pattern up to its first hole ({n}, {*}, {t}), white space left
// out and case folded. A text whose start leaves the trie matches none
// of the patterns, told from its first few characters instead of a
// search of the whole text for anchors (phraseSet.classes) and the
// lists' regexps. The end of endGate's first character, taken further.
//
// It holds to the regexps (TestStartGateHoldsToRegexps): wholeText's
// regexp is `(?is)^\s*(?:p)\s*[:：.。!！…]*\s*(?:\{[#.][^{}]*\}\s*)?$`
// with each run of white space in p as `\s*`, so a text it matches,
// without its ASCII white space ([\t\n\f\r ], Go's \s), starts with p's
// literal start without its white space, character for character, each
// of the text's in the case-folding orbit (unicode.SimpleFold) of the
// pattern's, as (?i) compares them; then a hole follows ({n}: a digit;
// {*} and {t}: anything), or, for a pattern without one, the text ends
// or goes on with a closer or an attribute list's '{'.
//
// A pattern that starts with a hole ("{*} is a reader-supported
// publication…", Substack's subscribe box naming the publication) has no
// literal start: it goes to tail, a trie of its literal end read
// backwards (see mayTail), and the other patterns' texts are still told
// by their starts.
type startGate struct {
	nodes []gateNode
	// root is the root's children by ASCII key (0 for none: the root is
	// no node's child), looked up without a search.
	root [utf8.RuneSelf]int32
	// tail holds the literal ends of the patterns that start with a hole,
	// each read from its end: its characters after the pattern's last
	// hole, white space and closers left out, case folded, the node after
	// the last (the hole) marked any. nil when no pattern starts with one.
	tail *startGate
}

// gateNode is a node of a startGate: the patterns whose literal start
// begins with the characters on the path to it.
type gateNode struct {
	keys []rune  // the next characters, folded (foldRune), in order
	kids []int32 // the node after each
	// end: a pattern without a hole ends here; digit: one whose next hole
	// is {n}; any: one whose next hole is {*} or {t}.
	end, digit, any bool
}

// holes are a pattern's holes, as wholeTextSource replaces them.
var holes = []string{"{n}", "{*}", "{t}"}

// openPattern reports whether pattern p, trimmed, starts with a hole
// that may match any text ({*}, {t}): it has no literal start.
func openPattern(p string) bool {
	p = strings.TrimSpace(p)
	return strings.HasPrefix(p, "{*}") || strings.HasPrefix(p, "{t}")
}

// add adds pattern p, as wholeTextSource reads it.
func (g *startGate) add(p string) {
	p = strings.TrimSpace(p)
	if p == "" {
		return // no regexp
	}
	if openPattern(p) {
		g.addTail(p)
		return
	}
	if len(g.nodes) == 0 {
		g.nodes = []gateNode{{}}
	}
	lit := strings.TrimRight(p, ":：.。")
	hole := -1
	for _, h := range holes {
		if i := strings.Index(lit, h); i >= 0 && (hole < 0 || i < hole) {
			hole = i
		}
	}
	rest := lit
	if hole >= 0 {
		rest = lit[:hole]
	}
	n := 0
	for _, r := range rest {
		if !isRegexpSpace(r) {
			n = g.child(n, foldRune(r))
		}
	}
	switch {
	case hole < 0:
		g.nodes[n].end = true
	case lit[hole+1] == 'n':
		g.nodes[n].digit = true
	default:
		g.nodes[n].any = true
	}
}

// child is the node after n for folded rune r, added if new.
func (g *startGate) child(n int, r rune) int {
	nd := &g.nodes[n]
	k, ok := slices.BinarySearch(nd.keys, r)
	if !ok {
		nd.keys = slices.Insert(nd.keys, k, r)
		nd.kids = slices.Insert(nd.kids, k, int32(len(g.nodes)))
		if n == 0 && r < utf8.RuneSelf {
			g.root[r] = int32(len(g.nodes))
		}
		g.nodes = append(g.nodes, gateNode{})
		nd = &g.nodes[n]
	}
	return int(nd.kids[k])
}

// addTail adds pattern p, which starts with a hole, to the tail trie:
// a text its regexp matches ends, past white space, closers and an
// attribute list, with the pattern's characters after its last hole,
// white space and closers cut from their end too (a closer the pattern
// ends with, "Copied!", is one the regexp's closers could match, and
// the text's are all cut), each of the text's in the case-folding orbit
// of the pattern's; before them the hole matches anything.
func (g *startGate) addTail(p string) {
	if g.tail == nil {
		g.tail = &startGate{nodes: []gateNode{{}}}
	}
	t := g.tail
	lit := strings.TrimRightFunc(p, isTailSkip)
	last := 0 // the end of the last hole
	for _, h := range holes {
		if i := strings.LastIndex(lit, h); i >= 0 {
			last = max(last, i+len(h))
		}
	}
	n := 0
	for rest := lit[last:]; rest != ""; {
		r, size := utf8.DecodeLastRuneInString(rest)
		rest = rest[:len(rest)-size]
		if !isRegexpSpace(r) {
			n = t.child(n, foldRune(r))
		}
	}
	t.nodes[n].any = true
}

// isTailSkip reports whether r is white space or a closer: what the
// regexp may match after a label's text, cut from the ends of texts and
// open patterns alike (see addTail).
func isTailSkip(r rune) bool {
	return isRegexpSpace(r) || r != '{' && isLabelTail(r)
}

// mayTail reports whether text may match one of the patterns that start
// with a hole: false when it matches none.
func (g *startGate) mayTail(text string) bool {
	t := g.tail
	if t == nil {
		return false
	}
	i := len(text)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if r == '}' {
			return true // an attribute list may end it
		}
		if !isTailSkip(r) {
			break
		}
		i -= size
	}
	for n := 0; ; {
		if t.nodes[n].any {
			return true
		}
		for i > 0 && isRegexpSpace(rune(text[i-1])) {
			i--
		}
		if i == 0 {
			return false
		}
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if n = t.next(n, foldRune(r)); n < 0 {
			return false
		}
		i -= size
	}
}

// rawTailNo is mayTail's false told from raw, the raw bytes of the text
// token that ends a text, read back from their end: it reports that the
// text ends with none of the tail's literal ends. Read back up to the
// first character the trie refuses, the characters it reads
// (rawTailRune) are in the text as in the token, ASCII white space
// collapsed, which mayTail passes over; anything else (markup, a
// character appendCollapsed folds, the token's start, where the text
// may go on) leaves it unsure, and it says false, as when no pattern
// starts with a hole. True says the text holds the character refused.
func (g *startGate) rawTailNo(raw []byte) bool {
	t := g.tail
	if t == nil {
		return false
	}
	i := len(raw)
	for i > 0 {
		r, size := rawTailRune(raw[:i])
		if size == 0 {
			return false
		}
		if !isTailSkip(r) {
			break
		}
		i -= size
	}
	for n := 0; ; {
		if t.nodes[n].any {
			return false
		}
		for i > 0 && isRegexpSpace(rune(raw[i-1])) {
			i--
		}
		if i == 0 {
			return false
		}
		r, size := rawTailRune(raw[:i])
		if size == 0 {
			return false
		}
		if n = t.next(n, foldRune(r)); n < 0 {
			return true
		}
		i -= size
	}
}

// rawTailRune is the last character of raw, part of a text token, and
// its size, when the token's text (tokensText) holds it as it is, or is
// white space where the text has a space: an ASCII byte of rawTailText
// or regexp white space, or a rune past ASCII but appendCollapsed's
// white space; else size 0.
func rawTailRune(raw []byte) (rune, int) {
	if c := raw[len(raw)-1]; c < utf8.RuneSelf {
		if rawTailText[c] || isRegexpSpace(rune(c)) {
			return rune(c), 1
		}
		return 0, 0
	}
	r, n := utf8.DecodeLastRune(raw)
	if r == utf8.RuneError || r == 0xA0 || r == 0x3000 || r >= 0x2000 && r <= 0x200A || r == 0x85 {
		return 0, 0
	}
	return r, n
}

// rawTailText marks the ASCII bytes a text token's text holds as they
// are, but for ';', '{' and '}' (the end of an entity, of an attribute
// list), which rawTailNo does not read.
var rawTailText = func() (t [utf8.RuneSelf]bool) {
	for c := '!'; c <= '~'; c++ {
		t[c] = c != '<' && c != '>' && c != '&' && c != ';' && c != '{' && c != '}'
	}
	return t
}()

// mayMarkdownTail is mayTail for the text of a Markdown block whose last
// line's content is line, read back from its end up to its first
// character that is not literal text there (mdLiteralBack), where the
// answer is true, as at the line's start (the text goes on before it).
func (g *startGate) mayMarkdownTail(line []byte) bool {
	t := g.tail
	if t == nil {
		return false
	}
	i := len(line)
	for i > 0 {
		r, size := mdLiteralBack(line[:i])
		if size == 0 || r == '}' {
			return true
		}
		if !isTailSkip(r) {
			break
		}
		i -= size
	}
	for n := 0; ; {
		if t.nodes[n].any {
			return true
		}
		for i > 0 && (line[i-1] == ' ' || line[i-1] == '\t') {
			i--
		}
		if i == 0 {
			return true
		}
		r, size := mdLiteralBack(line[:i])
		if size == 0 {
			return true
		}
		if n = t.next(n, foldRune(r)); n < 0 {
			return false
		}
		i -= size
	}
}

// mdLiteralBack is mdLiteral for the last rune of b, read backwards: a
// character mdLiteral calls literal is also the text's only when no
// markup it cannot see from this side ends with it: an entity's ';', a
// link's ')' and an ATX heading's closing '#' are not literal here, nor
// white space (a line's end: a hard break's spaces, or none).
func mdLiteralBack(b []byte) (rune, int) {
	c := b[len(b)-1]
	if c < utf8.RuneSelf {
		if mdLiteralASCII[c] && c != ';' && c != ')' && c != '#' {
			return rune(c), 1
		}
		return 0, 0
	}
	r, n := utf8.DecodeLastRune(b)
	if r == utf8.RuneError && n == 1 || isSpaceRune(r) {
		return 0, 0
	}
	return r, n
}

// isRegexpSpace reports whether r is white space to Go's regexp (\s).
func isRegexpSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// next is the node after n for folded rune r, or -1.
func (g *startGate) next(n int, r rune) int {
	if n == 0 && r < utf8.RuneSelf {
		if k := g.root[r]; k > 0 {
			return int(k)
		}
		return -1
	}
	keys := g.nodes[n].keys
	if len(keys) > 8 {
		if k, ok := slices.BinarySearch(keys, r); ok {
			return int(g.nodes[n].kids[k])
		}
		return -1
	}
	for k, key := range keys {
		if key == r {
			return int(g.nodes[n].kids[k])
		}
	}
	return -1
}

// may reports whether text may match one of the patterns: false when
// it matches none.
func (g *startGate) may(text string) bool {
	return g.mayStart(text) || g.tail != nil && g.mayTail(text)
}

// mayStart is may for the patterns that start with literal text.
func (g *startGate) mayStart(text string) bool {
	if len(g.nodes) == 0 {
		return false // no pattern
	}
	n := 0
	for i := 0; ; {
		for i < len(text) && isRegexpSpace(rune(text[i])) {
			i++
		}
		nd := &g.nodes[n]
		if nd.any {
			return true
		}
		if i == len(text) {
			return nd.end
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if nd.digit && '0' <= r && r <= '9' || nd.end && isLabelTail(r) {
			return true
		}
		f := r // foldRune(r), for ASCII without its call
		if r >= utf8.RuneSelf {
			f = foldRune(r)
		} else if 'a' <= r && r <= 'z' {
			f -= 'a' - 'A'
		}
		if n == 0 && f < utf8.RuneSelf { // next's first step, without its call
			if n = int(g.root[f]); n == 0 {
				return false
			}
		} else if n = g.next(n, f); n < 0 {
			return false
		}
		i += size
	}
}

// isLabelTail reports whether r may follow a whole label in a text its
// regexp matches: a closer ([:：.。!！…]) or an attribute list's '{'.
func isLabelTail(r rune) bool {
	switch r {
	case ':', '：', '.', '。', '!', '！', '…', '{':
		return true
	}
	return false
}

// mayMarkdown is may for the text of a Markdown block whose first line's
// content is line, read up to its first character that is not literal
// text (mdLiteral), where the text is no longer known and the answer is
// true, as at the line's end: its literal characters start the text as
// they are, its spaces and tabs are white space there.
func (g *startGate) mayMarkdown(line []byte) bool {
	if len(g.nodes) == 0 {
		return false
	}
	n := 0
	for i := 0; ; {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		nd := &g.nodes[n]
		if nd.any || i == len(line) {
			return true
		}
		var r, f rune
		size := 1
		if c := line[i]; c < utf8.RuneSelf { // mdLiteral and foldRune, for ASCII
			if !mdLiteralASCII[c] {
				return true
			}
			r, f = rune(c), rune(c)
			if 'a' <= c && c <= 'z' {
				f -= 'a' - 'A'
			}
		} else {
			if r, size = mdLiteral(line[i:]); size == 0 {
				return true
			}
			f = foldRune(r)
		}
		if nd.digit && '0' <= r && r <= '9' || nd.end && isLabelTail(r) {
			return true
		}
		if n == 0 && f < utf8.RuneSelf { // next's first step, without its call
			if n = int(g.root[f]); n == 0 {
				return false
			}
		} else if n = g.next(n, f); n < 0 {
			return false
		}
		i += size
	}
}

// mdLiteral returns the first rune of b and its size when it is literal
// text of a Markdown paragraph or heading, which mdText copies as it is:
// a letter, a digit, ASCII punctuation that no inline markup of the
// parse (it has no extension) starts or is (not one of \`*_[]!<>&), or
// a valid rune past ASCII that is no white space; size 0 otherwise.
func mdLiteral(b []byte) (rune, int) {
	c := b[0]
	if c < utf8.RuneSelf {
		if mdLiteralASCII[c] {
			return rune(c), 1
		}
		return 0, 0
	}
	r, n := utf8.DecodeRune(b)
	if r == utf8.RuneError && n == 1 || isSpaceRune(r) {
		return 0, 0
	}
	return r, n
}

var mdLiteralASCII = func() (lit [utf8.RuneSelf]bool) {
	for c := '0'; c <= 'z'; c++ {
		lit[c] = unicode.IsLetter(c) || unicode.IsDigit(c)
	}
	for _, c := range `"#$%'()+,-./:;=?@^{|}~` {
		lit[c] = true
	}
	return lit
}()

// mdOpeners are the characters of inline markup that a Markdown block's
// text may start with (a link, emphasis, a code span): gone from the
// text, or there as they are.
const mdOpeners = "[*_`"

// mdOpenerOrSpace marks mdOpeners, spaces and tabs: what mdMay skips at
// a line's start.
var mdOpenerOrSpace = func() (m [256]bool) {
	for _, c := range []byte(mdOpeners + " \t") {
		m[c] = true
	}
	return m
}()

// skipOpeners reports whether mayMarkdown may be asked past a line's
// opening markup (mdOpeners): no pattern's literal start begins with one
// of them, so a text that still starts with one matches none.
func (g *startGate) skipOpeners() bool {
	if len(g.nodes) == 0 {
		return true
	}
	root := &g.nodes[0]
	if root.any {
		return false
	}
	for _, c := range mdOpeners {
		if g.next(0, c) >= 0 {
			return false
		}
	}
	return true
}

// foldRune is the least rune of r's case-folding orbit (the runes
// unicode.SimpleFold cycles through from r): two runes match each other
// under (?i) when they fold alike ('k', 'K' and the Kelvin sign fold to
// 'K'). CJK, kana, Hangul and general punctuation have no case
// (TestFoldRune checks every rune).
func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'a' <= r && r <= 'z' {
			return r - ('a' - 'A')
		}
		return r
	case 0x2000 <= r && r <= 0x206f, 0x3000 <= r && r <= 0x30ff, 0x3400 <= r && r <= 0x4dbf, 0x4e00 <= r && r <= 0x9fff,
		0xac00 <= r && r <= 0xd7a3:
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}
