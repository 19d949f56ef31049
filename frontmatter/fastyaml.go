package frontmatter

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastParse builds the yaml.Node that yaml.Unmarshal builds from b, for
// the plainest shapes of front matter only: a block mapping at column 0
// of simple keys, each with a scalar (plain, or quoted, double quotes
// with yaml.v3's escapes, on one line or folded over indented ones; or
// a literal "|" or "|-" block), no value, a one-line flow list of
// scalars, or a block list of one-line scalars or of small mappings of
// them. Anything else (comments, anchors, tags, folded ">" scalars,
// deeper nesting, tabs, lone CRs, control and special Unicode
// characters, a second document) answers ok == false, and the caller
// asks yaml.v3. Most posts' front matter has these shapes (all but 62
// of the 46,149 blocks of the real trees), and yaml.v3 costs ~150k
// instructions to parse ten such lines. valid says b is known to be
// valid UTF-8 (Repair checks the block before anything; an edited block
// is checked here).
// TestFastParseMatchesYAML and FuzzFastParse hold it to yaml.Unmarshal
// (every field of every node) wherever it answers.
func fastParse(b []byte, valid bool) (doc *yaml.Node, ok bool) {
	doc, ok, _ = fastParseBad(b, valid, nil)
	return doc, ok
}

// fastParseBad is fastParse that also says, with bad, when it knows
// yaml.v3 refuses b: where the mapping wants its next key, a line at
// column 0 is a plain scalar with no ":" after it (plainKeyless), as a
// scraper's selfDefined:"likes:3,views:10" line is. yaml.v3 reads such a
// line as a key that must be followed by ":" on the same line (a
// "required simple key") and fails with "could not find expected ':'"
// when the line ends, whatever comes after. What fastParse takes before
// that line ends at column 0, where yaml.v3's mapping wants a key too.
// A caller that needs yaml.v3's message asks it; one that needs only to
// know that the block does not parse is spared a parse (a failed one
// costs ~200k instructions). The tests that hold fastParse to yaml.v3
// (checkFastParse, fastParseDiff) hold bad to its error.
// The tree's nodes come from ns when it is not nil (a repair's pooled
// memory, see nodes.reset), else from memory of its own.
func fastParseBad(b []byte, valid bool, ns *nodes) (doc *yaml.Node, ok, bad bool) {
	if !fastBytes(b) || !valid && !utf8.Valid(b) {
		return nil, false, false
	}
	lines := bytes.Count(b, []byte{'\n'}) + 1
	if ns == nil {
		ns = new(nodes)
	}
	// About two nodes a line; the root's entries take two pointers a
	// line at most, the sequences' items (one or two a line) and the
	// document's root the rest of ptrs.
	ns.room(2*lines+2, 3*lines+1)
	ns.text = string(b)
	root := ns.node(yaml.MappingNode, "!!map", 0, 0)
	root.Content = ns.ptrs[: 0 : 2*lines]
	ns.ptrs = ns.ptrs[2*lines:]
	line := 0 // 1-based number of the line at b[i:]
	for i := 0; i < len(b); {
		line++
		eol := indexNL(b, i)
		l := trimCR(b[i:eol])
		next := eol + 1
		if len(l) == 0 || l[0] == ' ' && allSpace(l) {
			i = next // a blank line, empty or of spaces
			continue
		}
		// A key at column 0.
		k := 0
		for k < len(l) && keyByte(l[k]) {
			k++
		}
		// c is the ":" (after spaces: "title : x" is the key "title").
		c := k
		for c < len(l) && l[c] == ' ' {
			c++
		}
		if k == 0 || c > 1000 || !keyStart(l[0]) || c >= len(l) || l[c] != ':' {
			return nil, false, len(root.Content) > 0 && plainKeyless(l)
		}
		key := ns.node(yaml.ScalarNode, "", line, 1)
		key.Value = ns.text[i : i+k]
		key.Tag = plainTag(key)
		if len(root.Content) == 0 {
			root.Line, root.Column = line, 1
		}
		rest := l[c+1:]
		if len(rest) > 0 && rest[0] != ' ' {
			return nil, false, len(root.Content) > 0 && plainKeyless(l) // "a:b" is a plain scalar, not a key
		}
		v := 0
		for v < len(rest) && rest[v] == ' ' {
			v++
		}
		var val *yaml.Node
		if v == len(rest) {
			// No value on the line: a block sequence follows, or the
			// value is null.
			if seq, end, line2, ok := fastSeq(ns, b, next, line); !ok {
				return nil, false, false
			} else if seq != nil {
				val, next, line = seq, end, line2
			} else {
				// yaml.v3 puts an empty value just after the ":".
				val = ns.node(yaml.ScalarNode, "!!null", line, c+2)
			}
		} else if ind := literalHead(rest[v:]); ind > 0 {
			// A literal block scalar: "|" (clip) or "|-" (strip).
			var n int
			if val, next, n, ok = fastLiteral(ns, b, next, ind == 2, line, c+2+v); !ok {
				return nil, false, false
			}
			line += n
		} else {
			// Indented lines after a scalar continue it, and so do
			// blank lines (empty, or of spaces) between such lines: an
			// empty piece in more.
			var more [][]byte
			blanks := 0 // blank lines not yet known to be inside
			for at := next; at < len(b); {
				e := indexNL(b, at)
				l := trimCR(b[at:e])
				j := 0
				for j < len(l) && l[j] == ' ' {
					j++
				}
				if j == len(l) {
					blanks++
					at = e + 1
					continue
				}
				if j == 0 {
					break
				}
				for ; blanks > 0; blanks-- {
					more = append(more, nil)
				}
				more = append(more, l[j:])
				at = e + 1
				next = at
			}
			off := -1 // continuation lines: a value of its own
			if more == nil {
				off = i + c + 1 + v
			}
			val, ok = fastScalar(ns, rest[v:], off, more, line, c+2+v)
			if !ok {
				return nil, false, false
			}
			line += len(more)
		}
		root.Content = append(root.Content, key, val)
		i = next
	}
	if len(root.Content) == 0 {
		return nil, false, false
	}
	doc = ns.node(yaml.DocumentNode, "", root.Line, 1)
	doc.Content = ns.carve([]*yaml.Node{root})
	return doc, true, false
}

// nodes hands out the nodes of one block's tree from one allocation
// (about two a line), not one allocation each, the Content of its
// collections from another, and their keys and values that are the
// block's own bytes as slices of one string, the block's text, not a
// string allocated for each. A repair of a small block keeps one nodes
// for all its parses, and the next repair reuses its memory (reset):
// most front matters are parsed once or twice, each time into a few KB.
type nodes struct {
	buf  []yaml.Node  // handed out: buf[:len(buf)]
	ptrs []*yaml.Node // what carve has not handed out
	pbuf []*yaml.Node // the allocation ptrs is the rest of
	text string
}

// room makes sure that n nodes and p pointers can be handed out from
// the current allocations. A new one replaces the old for what comes
// next: the trees already built keep theirs.
func (s *nodes) room(n, p int) {
	if cap(s.buf)-len(s.buf) < n {
		s.buf = make([]yaml.Node, 0, max(n, 2*cap(s.buf)))
	}
	if len(s.ptrs) < p {
		s.pbuf = make([]*yaml.Node, max(p, 2*len(s.pbuf)))
		s.ptrs = s.pbuf
	}
}

// maxPooledNodes bounds the nodes reset keeps for the next repair (about
// 150 bytes each): a huge block must not pin its memory for a batch.
const maxPooledNodes = 512

// reset makes the memory of the trees handed out so far, which nothing
// may read any more, ready for the next block's (zeroed, as make's), or
// drops it when it is large. The current allocations only are kept: the
// earlier ones (a tree that outgrew them) go with their trees.
func (s *nodes) reset() {
	if cap(s.buf) > maxPooledNodes || len(s.pbuf) > 3*maxPooledNodes {
		*s = nodes{}
		return
	}
	clear(s.buf)
	s.buf = s.buf[:0]
	clear(s.pbuf[:len(s.pbuf)-len(s.ptrs)])
	s.ptrs, s.text = s.pbuf, ""
}

// node returns a new node with the given fields, the others zero. It
// is made in place (buf is zeroed by make, or by reset before it is
// reused), not copied in: a yaml.Node is 19 words.
func (s *nodes) node(kind yaml.Kind, tag string, line, col int) *yaml.Node {
	if len(s.buf) == cap(s.buf) {
		s.buf = make([]yaml.Node, 0, max(2*cap(s.buf), 8))
	}
	s.buf = s.buf[:len(s.buf)+1]
	n := &s.buf[len(s.buf)-1]
	n.Kind, n.Tag, n.Line, n.Column = kind, tag, line, col
	return n
}

// carve returns a copy of items, a collection's Content gathered by its
// reader, from ptrs; nil for none, as yaml.v3 leaves an empty one.
func (s *nodes) carve(items []*yaml.Node) []*yaml.Node {
	if len(items) == 0 {
		return nil
	}
	if len(items) > len(s.ptrs) {
		s.pbuf = make([]*yaml.Node, max(len(items), 16))
		s.ptrs = s.pbuf
	}
	c := s.ptrs[:len(items):len(items)]
	copy(c, items)
	s.ptrs = s.ptrs[len(items):]
	return c
}

// str is x[i:j] as a string: the block's text, where x is the block's
// own bytes from offset off, or a copy when off is -1 (x was built).
func (s *nodes) str(x []byte, off, i, j int) string {
	if off < 0 {
		return string(x[i:j])
	}
	return s.text[off+i : off+j]
}

// offAt is the offset of x[d:] for an x at off, or -1 when x's is.
func offAt(off, d int) int {
	if off < 0 {
		return -1
	}
	return off + d
}

// fastSeq reads a block sequence of one-line scalars starting on the
// line at b[i:] (number line+1), its "-" at the same column on every
// line. It returns a nil node when the next line holds no item, and
// where the lines after the sequence begin.
func fastSeq(ns *nodes, b []byte, i, line int) (seq *yaml.Node, next, lastLine int, ok bool) {
	indent := -1
	var buf [16]*yaml.Node
	items := buf[:0] // seq's Content, carved at the end
	for i < len(b) {
		eol := indexNL(b, i)
		l, lo := trimCR(b[i:eol]), i
		n := 0
		for n < len(l) && l[n] == ' ' {
			n++
		}
		if n == len(l) || l[n] != '-' {
			if n > 0 {
				return nil, 0, 0, false // an indented line that is no item
			}
			break // the next key, or a blank line
		}
		if indent < 0 {
			indent = n
		} else if n != indent {
			return nil, 0, 0, false
		}
		line++
		if n+1 >= len(l) || l[n+1] != ' ' {
			return nil, 0, 0, false // "-" alone, or "-x"
		}
		v := n + 1
		for v < len(l) && l[v] == ' ' {
			v++
		}
		if v == len(l) {
			return nil, 0, 0, false
		}
		if seq == nil {
			seq = ns.node(yaml.SequenceNode, "!!seq", line, n+1)
		}
		i = eol + 1
		if k, v2, ok := fastPair(ns, l, lo, v, line); ok {
			// A mapping ("- name: x" and "  slug: y" below, its keys
			// at the first one's column).
			m := ns.node(yaml.MappingNode, "!!map", line, v+1)
			var mbuf [16]*yaml.Node
			pairs := append(mbuf[:0], k, v2)
			for i < len(b) {
				eol := indexNL(b, i)
				l := trimCR(b[i:eol])
				if len(l) <= v || !keyStart(l[v]) || !allSpace(l[:v]) {
					break
				}
				k, v2, ok := fastPair(ns, l, i, v, line+1)
				if !ok {
					return nil, 0, 0, false
				}
				pairs = append(pairs, k, v2)
				line++
				i = eol + 1
			}
			m.Content = ns.carve(pairs)
			items = append(items, m)
			continue
		} else if k != nil {
			return nil, 0, 0, false // a key fastPair does not take
		}
		item, ok := fastScalar(ns, l[v:], lo+v, nil, line, v+1)
		if !ok {
			return nil, 0, 0, false
		}
		items = append(items, item)
	}
	if seq != nil {
		seq.Content = ns.carve(items)
	}
	return seq, i, line, true
}

// fastPair reads "key: value" from l (at offset lo in the block) at
// offset at: a simple key and a one-line scalar. A line that opens with a key and a ":" but is no such
// pair gives a non-nil key and ok == false; a line that is no pair at
// all (a plain scalar) gives a nil key.
func fastPair(ns *nodes, l []byte, lo, at, line int) (key, val *yaml.Node, ok bool) {
	k := at
	for k < len(l) && keyByte(l[k]) {
		k++
	}
	if k == at || !keyStart(l[at]) || k >= len(l) || l[k] != ':' || k+1 < len(l) && l[k+1] != ' ' {
		return nil, nil, false // "a", "a b", "a:b": a scalar
	}
	key = ns.node(yaml.ScalarNode, "", line, at+1)
	key.Value = ns.str(l, lo, at, k)
	v := k + 1
	for v < len(l) && l[v] == ' ' {
		v++
	}
	if v == len(l) || k-at > 1000 {
		return key, nil, false // no value on the line: nested, or null
	}
	key.Tag = plainTag(key)
	val, ok = fastScalar(ns, l[v:], lo+v, nil, line, v+1)
	return key, val, ok
}

func allSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' {
			return false
		}
	}
	return true
}

// fastScalar reads a scalar that fills the rest of a line (s, trailing
// spaces included) and the lines in more (continuation lines, their
// indentation cut), starting at the given line and column. Lines fold
// as YAML folds them: each one's trailing spaces cut, one space between.
func fastScalar(ns *nodes, s []byte, off int, more [][]byte, line, col int) (*yaml.Node, bool) {
	if more != nil {
		off = -1 // the value is built from the lines
	}
	n := ns.node(yaml.ScalarNode, "", line, col)
	switch s[0] {
	case '\'', '"':
		q := s[0]
		if more != nil {
			// The lines, joined by "\n", which the loop below folds.
			var all []byte
			all = append(all, s...)
			for _, m := range more {
				all = append(append(all, '\n'), m...)
			}
			s = all
		}
		// Copy the value out only where it differs from its bytes.
		j := 1
		var val []byte
		from := 1
		keep := 0 // val up to here is no line's trailing spaces (escapes)
		for {
			k := j + quoteStop(s[j:], q, more != nil)
			if k >= len(s) {
				return nil, false // no closing quote
			}
			if s[k] == '\\' { // in double quotes: an escape
				val = append(val, s[from:k]...)
				if val == nil {
					// Copied from here on, even where nothing was
					// (an escaped line break right after the quote).
					val = []byte{}
				}
				if k+1 < len(s) && s[k+1] == '\n' {
					// An escaped line break (as yaml.v3's and PyYAML's
					// encoders fold a long value): the break and the
					// next line's indentation go, the spaces before it
					// stay, and each empty line after it is a line feed.
					for k++; k+1 < len(s) && s[k+1] == '\n'; k++ {
						val = append(val, '\n')
					}
					j = k + 1
				} else {
					var ok bool
					if val, j, ok = dqEscape(val, s, k); !ok {
						return nil, false
					}
				}
				from, keep = j, len(val)
				continue
			}
			if s[k] == '\n' {
				val = append(val, s[from:k]...)
				for len(val) > keep && val[len(val)-1] == ' ' {
					val = val[:len(val)-1]
				}
				val, k = fold(val, s, k)
				j, from = k+1, k+1
				continue
			}
			if q == '\'' && k+1 < len(s) && s[k+1] == '\'' {
				val = append(val, s[from:k+1]...) // "''" is one quote
				j, from = k+2, k+2
				continue
			}
			j = k
			break
		}
		for _, c := range s[j+1:] {
			if c != ' ' {
				return nil, false
			}
		}
		if val == nil {
			n.Value = ns.str(s, off, 1, j)
		} else {
			n.Value = string(append(val, s[from:j]...))
		}
		n.Tag = "!!str"
		n.Style = yaml.SingleQuotedStyle
		if q == '"' {
			n.Style = yaml.DoubleQuotedStyle
		}
		return n, true
	}
	if s[0] == '[' {
		if more != nil {
			return nil, false
		}
		return fastFlowSeq(ns, s, off, line, col)
	}
	if plainStartBad[s[0]] {
		return nil, false
	}
	s, ok := plainLine(s)
	if !ok {
		return nil, false
	}
	if more != nil {
		all := append([]byte(nil), s...)
		empty := 0
		for _, m := range more {
			if len(m) == 0 {
				empty++
				continue
			}
			if plainStartBad[m[0]] {
				return nil, false
			}
			m, ok := plainLine(m)
			if !ok {
				return nil, false
			}
			if empty == 0 {
				all = append(all, ' ')
			}
			for ; empty > 0; empty-- {
				all = append(all, '\n')
			}
			all = append(all, m...)
		}
		s = all
	}
	if n.Value = ns.str(s, off, 0, len(s)); n.Value == "<<" {
		return nil, false // a merge key's tag, even as a value
	}
	n.Tag = plainTag(n)
	return n, true
}

// quoteStop is the offset in s of the first byte a quoted scalar's
// reading stops at: the quote q, a backslash in double quotes (an
// escape; in single quotes it is text), a line feed when the value has
// more lines; or len(s). bytes.IndexByte finds each in a few
// instructions for 16 bytes, where a loop testing every byte for all
// three took five a byte, most of fastParse's cost on long titles.
func quoteStop(s []byte, q byte, lines bool) int {
	k := bytes.IndexByte(s, q)
	if k < 0 {
		k = len(s)
	}
	if q == '"' {
		if b := bytes.IndexByte(s[:k], '\\'); b >= 0 {
			k = b
		}
	}
	if lines {
		if n := bytes.IndexByte(s[:k], '\n'); n >= 0 {
			k = n
		}
	}
	return k
}

// dqEscape reads the escape at s[k] ("\\" and what follows) in a
// double-quoted scalar as yaml.v3's scanner reads it
// (yaml_parser_scan_flow_scalar), appending what it stands for to val,
// and returns the offset after it. An escape yaml.v3 refuses (an unknown
// one, "\\/" among them; too few hex digits; a surrogate or a code past
// U+10FFFF) answers ok == false, and so does a line break, which
// fastScalar reads itself.
func dqEscape(val, s []byte, k int) (_ []byte, next int, ok bool) {
	if k+1 >= len(s) {
		return val, 0, false // at the end of the line: a line break
	}
	n := 0 // hex digits
	switch c := s[k+1]; c {
	case '0':
		val = append(val, 0)
	case 'a':
		val = append(val, '\a')
	case 'b':
		val = append(val, '\b')
	case 't':
		val = append(val, '\t')
	case 'n':
		val = append(val, '\n')
	case 'v':
		val = append(val, '\v')
	case 'f':
		val = append(val, '\f')
	case 'r':
		val = append(val, '\r')
	case 'e':
		val = append(val, 0x1b)
	case ' ', '"', '\'', '\\':
		val = append(val, c)
	case 'N':
		val = append(val, "\u0085"...)
	case '_':
		val = append(val, "\u00a0"...)
	case 'L':
		val = append(val, "\u2028"...)
	case 'P':
		val = append(val, "\u2029"...)
	case 'x':
		n = 2
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return val, 0, false
	}
	next = k + 2 + n
	if n == 0 {
		return val, next, true
	}
	if next > len(s) {
		return val, 0, false
	}
	r := 0
	for _, c := range s[k+2 : next] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | int(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | int(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | int(c-'A'+10)
		default:
			return val, 0, false
		}
	}
	if 0xd800 <= r && r <= 0xdfff || r > 0x10ffff {
		return val, 0, false
	}
	return utf8.AppendRune(val, rune(r)), next, true
}

// literalHead is the length of the indicator of a literal block scalar,
// "|" (1) or "|-" (2), when the value s (trailing spaces included, no
// leading one) is one, else 0. A value that does not open with '|' is
// none, and is not trimmed (bytes.TrimRight builds its cutset's table
// on each call); TestLiteralHead holds it to the trim.
func literalHead(s []byte) int {
	if len(s) == 0 || s[0] != '|' {
		return 0
	}
	if ind := bytes.TrimRight(s, " "); len(ind) == 1 || len(ind) == 2 && ind[1] == '-' {
		return len(ind)
	}
	return 0
}

// fastLiteral reads the lines of a literal block scalar from b[i:], its
// indicator ("|", or "|-" with strip) at the given line and column. The
// indentation is the first line's; empty lines inside are kept, and the
// value ends with one line feed (clip: the last line's, if it has one)
// or none (strip); a line of spaces more indented than the first is
// content. A first line that is empty or of spaces goes to yaml.v3. It
// returns where the lines after it begin and how many lines it read.
func fastLiteral(ns *nodes, b []byte, i int, strip bool, line, col int) (n *yaml.Node, next, lines int, ok bool) {
	var val []byte
	indent, empty := 0, 0
	lastNL := false // the last content line ends in a line break
	next = i
	for at := i; at < len(b); {
		e := indexNL(b, at)
		l := trimCR(b[at:e])
		j := 0
		for j < len(l) && l[j] == ' ' {
			j++
		}
		if j == len(l) && (indent == 0 || j <= indent) {
			// An empty line, or one of spaces within the indentation
			// (yaml.v3 eats the indentation, then finds the line
			// break). Before the first content line, either would
			// count towards the indentation: left to yaml.v3.
			if indent == 0 {
				return nil, 0, 0, false
			}
			empty++
			at = e + 1
			continue
		}
		if indent == 0 {
			if j == 0 {
				return nil, 0, 0, false // an empty block scalar
			}
			indent = j
		}
		if j < indent {
			if j > 0 {
				return nil, 0, 0, false // less indented, but not a key
			}
			break
		}
		if val != nil || empty > 0 {
			val = append(val, '\n')
		}
		for ; empty > 0; empty-- {
			val = append(val, '\n')
		}
		if val == nil {
			val = []byte{}
		}
		val = append(val, l[indent:]...)
		lastNL = e < len(b)
		at = e + 1
		next = at
	}
	if indent == 0 {
		return nil, 0, 0, false
	}
	// The empty lines read after the last content line are the next
	// entry's: the lines read are those up to the last content line.
	lines = countLines(b[i:min(next, len(b))])
	if !strip && lastNL {
		val = append(val, '\n')
	}
	n = ns.node(yaml.ScalarNode, "!!str", line, col)
	n.Style, n.Value = yaml.LiteralStyle, string(val)
	return n, next, lines, true
}

// countLines is the number of line feeds in b.
func countLines(b []byte) int { return bytes.Count(b, []byte{'\n'}) }

// fold appends to val what the line break at s[k] and the empty lines
// right after it read as in a folded scalar: a space for the break
// alone, else a line feed for each empty line. It returns the offset of
// the last line feed it read.
func fold(val, s []byte, k int) ([]byte, int) {
	if k+1 >= len(s) || s[k+1] != '\n' {
		return append(val, ' '), k
	}
	for k+1 < len(s) && s[k+1] == '\n' {
		val = append(val, '\n')
		k++
	}
	return val, k
}

// plainKeyless reports whether l (of the bytes fastBytes lets through)
// is one line and one plain scalar that YAML reads to the end of the
// line and never as a key: it begins with a letter or "_" (no
// indicator), holds no line feed and, as plainLine checks, no ":"
// before a space or at its end and no " #". (In block context "[", "{",
// ",", quotes and a ":" before anything else are plain text.)
func plainKeyless(l []byte) bool {
	if len(l) == 0 || !keyStart(l[0]) || bytes.IndexByte(l, '\n') >= 0 {
		return false
	}
	_, ok := plainLine(l)
	return ok
}

// plainLine is one line of a plain scalar, trailing spaces cut, if it
// holds no ": ", no final ":" (a key, or a nested mapping's) and no " #"
// (a comment).
//
// A long line is read from ':' to ':' and from '#' to '#' with
// bytes.IndexByte, not byte by byte (five instructions a byte, on a
// title): it is refused if either search finds such a byte, whichever
// comes first, as the byte loop refuses it. TestPlainLine holds the two
// ways to each other.
func plainLine(s []byte) ([]byte, bool) {
	end := len(s)
	for end > 0 && s[end-1] == ' ' {
		end--
	}
	s = s[:end]
	if end < 32 {
		for j := 0; j < end; j++ {
			if s[j] == ':' && (j+1 == end || s[j+1] == ' ') || s[j] == '#' && j > 0 && s[j-1] == ' ' {
				return nil, false
			}
		}
		return s, true
	}
	for j := 0; ; j++ {
		k := bytes.IndexByte(s[j:], ':')
		if k < 0 {
			break
		}
		if j += k; j+1 == end || s[j+1] == ' ' {
			return nil, false
		}
	}
	for j := 1; j < end; j++ {
		k := bytes.IndexByte(s[j:], '#')
		if k < 0 {
			break
		}
		if j += k; s[j-1] == ' ' {
			return nil, false
		}
	}
	return s, true
}

// trimCR cuts the CR of a CRLF line ending.
func trimCR(l []byte) []byte {
	if len(l) > 0 && l[len(l)-1] == '\r' {
		return l[:len(l)-1]
	}
	return l
}

// fastFlowSeq reads a flow sequence on one line ("[a, 'b', c]", "[]") of
// plain or quoted scalars, s being the rest of the line from its "[".
func fastFlowSeq(ns *nodes, s []byte, off, line, col int) (*yaml.Node, bool) {
	seq := ns.node(yaml.SequenceNode, "!!seq", line, col)
	seq.Style = yaml.FlowStyle
	var buf [16]*yaml.Node
	items := buf[:0] // seq's Content, carved at the end
	j := 1
	// yaml.v3 counts columns in characters, not bytes: itemCol is the
	// column of s[at], counted on from item to item.
	at, itemCol := 0, col
	for {
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j < len(s) && s[j] == ']' && len(items) == 0 {
			j++
			break // "[]"
		}
		// An item runs to the next "," or "]"; a quoted one may hold
		// them, but not a quote of its own kind (no escapes here).
		k := j
		if j < len(s) && (s[j] == '\'' || s[j] == '"') {
			q := bytes.IndexByte(s[j+1:], s[j])
			if q < 0 {
				return nil, false
			}
			k = j + 1 + q + 1
			if k < len(s) && s[k] == s[j] {
				return nil, false // "''" inside: an escape
			}
		}
		for k < len(s) && s[k] != ',' && s[k] != ']' {
			k++
		}
		if k == len(s) {
			return nil, false // continued on the next line, or unclosed
		}
		item := s[j:k]
		for len(item) > 0 && item[len(item)-1] == ' ' {
			item = item[:len(item)-1]
		}
		if len(item) == 0 {
			return nil, false // "[a, ]", "[,]"
		}
		itemCol += utf8.RuneCount(s[at:j])
		at = j
		var n *yaml.Node
		if item[0] == '\'' || item[0] == '"' {
			if item[len(item)-1] != item[0] || len(item) < 2 {
				return nil, false
			}
			var ok bool
			if n, ok = fastScalar(ns, item, offAt(off, j), nil, line, itemCol); !ok {
				return nil, false
			}
		} else {
			if plainStartBad[item[0]] || bytes.ContainsAny(item, "?[]{}:#") {
				return nil, false
			}
			n = ns.node(yaml.ScalarNode, "", line, itemCol)
			n.Value = ns.str(s, off, j, j+len(item))
			n.Tag = plainTag(n)
		}
		items = append(items, n)
		j = k + 1
		if s[k] == ']' {
			break
		}
	}
	for _, c := range s[j:] {
		if c != ' ' {
			return nil, false
		}
	}
	seq.Content = ns.carve(items)
	return seq, true
}

// plainTag is n.ShortTag() for a plain scalar n: the tag yaml.v3
// resolves its value to. yaml.v3's resolve looks at the first byte
// (its resolveTable, copied in resolveHint): a value that no sign,
// digit or "." begins is a string unless it is one of the words of
// resolveMap (true, Null, ~, ...), so only those that may be numbers or
// dates go to yaml.v3, whose resolve costs ~700 instructions a call
// (a deferred closure, an interface conversion) where most values and
// nearly every key are plain words. Of those, a value that opens as a
// date does is dateTag's. TestPlainTag and TestDateTag hold it to
// ShortTag.
func plainTag(n *yaml.Node) string {
	v := n.Value
	if v == "" {
		return n.ShortTag()
	}
	switch resolveHint[v[0]] {
	case 0:
		return "!!str"
	case 'M':
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		case "~", "null", "Null", "NULL":
			return "!!null"
		case "<<":
			return "!!merge"
		}
		return "!!str"
	case 'D':
		if len(v) >= 5 && v[4] == '-' && isDigit(v[1]) && isDigit(v[2]) && isDigit(v[3]) {
			return dateTag(v)
		}
	}
	return n.ShortTag()
}

// yamlDateLayouts are yaml.v3's allowedTimestampFormats (resolve.go), by
// the byte that follows the day: 'T', 't', a space, or none.
var yamlDateLayouts = [...]string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// dateTag is ShortTag for a plain value v that opens with four digits and
// "-", as a date does: "!!timestamp" if one of yaml.v3's timestamp layouts
// parses it, else "!!str". (Such a value is never an int or a float: the
// "-" after digits rules out strconv's syntax, yamlStyleFloat and the
// 0b and 0o prefixes, which resolve tries after the timestamp.) yaml.v3
// tries the four layouts in turn with time.Parse, each failure
// allocating an error, ~3,500 instructions for a date-only value. But the
// layouts share their date, "2006-1-2", which time.Parse reads alike in
// each (four digits, "-", a month of one or two digits, as many as there
// are, "-", a day likewise), and differ in the byte after it: 'T', 't' or
// a space (one or more) before the time, or none. Only the layout of that
// byte can parse v; the others fail, whatever else v holds. A date alone
// is a timestamp when its month and day exist, which is all time.Parse
// checks of it; a time with a 'T' must name its zone ("Z", or a signed
// offset), else that layout fails too. TestDateTag holds dateTag to
// ShortTag on generated values.
func dateTag(v string) string {
	i := 5
	mo, i := num2(v, i)
	if mo < 0 || i >= len(v) || v[i] != '-' {
		return "!!str"
	}
	day, i := num2(v, i+1)
	if day < 0 {
		return "!!str"
	}
	if i == len(v) {
		year := int(v[0]-'0')*1000 + int(v[1]-'0')*100 + int(v[2]-'0')*10 + int(v[3]-'0')
		if 1 <= mo && mo <= 12 && 1 <= day && day <= daysIn(mo, year) {
			return "!!timestamp"
		}
		return "!!str"
	}
	var layout string
	switch v[i] {
	case 'T', 't':
		if !strings.ContainsAny(v[i:], "Z+-") {
			return "!!str" // no zone
		}
		layout = yamlDateLayouts[0]
		if v[i] == 't' {
			layout = yamlDateLayouts[1]
		}
	case ' ':
		layout = yamlDateLayouts[2]
	default:
		return "!!str"
	}
	if _, err := time.Parse(layout, v); err != nil {
		return "!!str"
	}
	return "!!timestamp"
}

// num2 reads a number of one or two digits at v[i:], as time.Parse reads
// a month or a day with no leading zero required: -1 if there is none.
func num2(v string, i int) (n, next int) {
	if i >= len(v) || !isDigit(v[i]) {
		return -1, i
	}
	n, i = int(v[i]-'0'), i+1
	if i < len(v) && isDigit(v[i]) {
		n, i = n*10+int(v[i]-'0'), i+1
	}
	return n, i
}

// daysIn is the number of days of month mo of year (proleptic Gregorian,
// as time.Parse counts them: year 0 is a leap year).
func daysIn(mo, year int) int {
	switch mo {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// resolveHint is yaml.v3's resolveTable (resolve.go): 'S' a sign, 'D' a
// digit, '.' a dot, 'M' the first bytes of resolveMap's words.
var resolveHint = func() (t [256]byte) {
	t['+'], t['-'] = 'S', 'S'
	for c := byte('0'); c <= '9'; c++ {
		t[c] = 'D'
	}
	for _, c := range []byte("yYnNtTfFoO~<") {
		t[c] = 'M'
	}
	t['.'] = '.'
	return t
}()

// plainStartBad are the bytes that may not begin a plain scalar here: the
// YAML indicators (some of which could, before a non-space: left to
// yaml.v3) and the quotes, which fastScalar handles first.
var plainStartBad = func() (t [256]bool) {
	for _, c := range []byte("-?:,[]{}#&*!|>'\"%@` ") {
		t[c] = true
	}
	return t
}()

func keyStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

func keyByte(c byte) bool {
	return keyStart(c) || '0' <= c && c <= '9' || c == '-'
}

// indexNL is the index of the line feed that ends the line at b[i:], or
// len(b).
func indexNL(b []byte, i int) int {
	if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(b)
}

// fastBytes reports whether b holds only bytes the fast path reads the
// way yaml.v3 does: no tab, CR but in CRLF, or other control
// character, no DEL, no C1 control (NEL is a line break to yaml.v3), no
// line or paragraph separator, no byte order mark, no non-character
// U+FFFE or U+FFFF, no "---" or "..." opening a line (document markers).
// (Invalid UTF-8, which yaml.v3 refuses, is fastParse's to check.)
//
// It reads eight bytes at once for the controls (ctl8), sixteen a
// turn, and looks at each it finds (most are line feeds) alone; the lead bytes of the
// characters it refuses (0xc2, 0xe2, 0xef) it finds with
// bytes.IndexByte. A byte loop testing fastLook took five instructions
// a byte on the words that hold a line feed or a script other than
// Latin, most of those of a post's front matter. TestFastBytes holds it
// to the byte loop.
func fastBytes(b []byte) bool {
	// Sixteen bytes a turn, then eight, then one by one.
	i, p := 0, b
	for ; len(p) >= 16; p = p[16:] {
		m0, m1 := ctl8(binary.LittleEndian.Uint64(p)), ctl8(binary.LittleEndian.Uint64(p[8:]))
		if m0|m1 != 0 {
			for ; m0 != 0; m0 &= m0 - 1 {
				// A control, most often a line feed: looked at alone.
				if !fastByte(b, i+bits.TrailingZeros64(m0)>>3) {
					return false
				}
			}
			for ; m1 != 0; m1 &= m1 - 1 {
				if !fastByte(b, i+8+bits.TrailingZeros64(m1)>>3) {
					return false
				}
			}
		}
		i += 16
	}
	if len(p) >= 8 {
		for m := ctl8(binary.LittleEndian.Uint64(p)); m != 0; m &= m - 1 {
			if !fastByte(b, i+bits.TrailingZeros64(m)>>3) {
				return false
			}
		}
		i += 8
	}
	for ; i < len(b); i++ {
		if fastLook[b[i]] && b[i] < 0x80 && !fastByte(b, i) {
			return false
		}
	}
	for _, c := range [...]byte{0xc2, 0xe2, 0xef} {
		for j := 0; ; j++ {
			k := bytes.IndexByte(b[j:], c)
			if k < 0 {
				break
			}
			if j += k; !fastByte(b, j) {
				return false
			}
		}
	}
	if len(b) >= 3 && (b[0] == '-' && b[1] == '-' && b[2] == '-' || b[0] == '.' && b[1] == '.' && b[2] == '.') {
		return false
	}
	return true
}

// ctl8 marks the controls (below 0x20: their low seven bits plus 0x60
// stay below 0x80) and DEL (0x7f: plus 1 it reaches 0x80) of the eight
// bytes of w, with the high bit of each, and no other bit. The mask is
// exact byte by byte: no sum carries from one byte into the next (each
// adds at most 0x60 to a byte's low seven bits), and a byte with its high
// bit set is no control. TestCtl8 holds it to fastLook.
func ctl8(w uint64) uint64 {
	const ones, highs, lows = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	lo := w & lows
	return (^(lo + 0x60*ones) | (lo + ones)) &^ w & highs
}

// fastByte reports whether b[i], a byte fastLook marks, is one
// fastBytes lets through.
func fastByte(b []byte, i int) bool {
	c := b[i]
	switch {
	case c == '\n':
		if i+3 < len(b) && (b[i+1] == '-' && b[i+2] == '-' && b[i+3] == '-' || b[i+1] == '.' && b[i+2] == '.' && b[i+3] == '.') {
			return false
		}
	case c == '\r':
		if i+1 >= len(b) || b[i+1] != '\n' {
			return false // a lone CR breaks a line too
		}
	case c < 0x20 || c == 0x7f:
		return false
	case c == 0xc2:
		if i+1 < len(b) && b[i+1] < 0xa0 {
			return false
		}
	case c == 0xe2:
		if i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xa8 || b[i+2] == 0xa9) {
			return false
		}
	case c == 0xef:
		if i+2 < len(b) && (b[i+1] == 0xbb && b[i+2] == 0xbf || b[i+1] == 0xbf && (b[i+2] == 0xbe || b[i+2] == 0xbf)) {
			return false
		}
	}
	return true
}

// fastLook marks the bytes fastBytes looks at twice: controls, DEL and
// the lead bytes of the characters it refuses.
var fastLook = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t[0x7f], t[0xc2], t[0xe2], t[0xef] = true, true, true, true
	return t
}()
