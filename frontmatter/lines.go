package frontmatter

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/mdclean/mdclean/edit"
	"go.yaml.in/yaml/v3"
)

type span struct{ start, end, next int }

// entry is a top-level "key: value" of the block and its continuation lines.
type entry struct {
	line     int // index into lines
	last     int // last line of the entry (continuation lines included)
	key      string
	valStart int // offset of the value within the line text
}

type repairer struct {
	src      []byte
	b        Block
	opt      Options
	lines    []span
	text     [][]byte // current text of changed lines (nil: unchanged)
	deleted  []bool
	baseLine int // document line of the first content line
	entries  []entry
	changes  []edit.Change
	ev       *Evidence
	undo     []undoEntry // line states before changes, to undo them
	// unclosed[qi(q)]-1 is the first line from which a quote q was found never
	// to close: values on later lines need not scan the rest of the block
	// again (that was quadratic), earlier ones still do (an earlier cache
	// of "never closes" hid a closed quote above it; see testdata/fuzz).
	unclosed [2]int
	// aliased holds the nodes an alias uses: rewriting or removing them
	// would change the alias too.
	aliased map[*yaml.Node]bool
	// edited holds the lines whose value a rule rewrote, and whether
	// the rewrite keeps the value's comment (see verify).
	edited map[int]bool
	pairs0 []pair // the pairs as parsed, before repairs
	// trusted: the block as repaired is known to parse into a tree that
	// decodes and holds no local tag (run; unreadable).
	trusted bool
	// ns holds the parsed trees of a block of up to pooledLines lines;
	// nil for a larger one, each of whose parses has memory of its own.
	ns *nodes
	// small is the pooled memory r lives in, or nil (see release).
	small *smallRepairer
	// cand is the memory of the block as repaired (candidate).
	cand []byte
}

// qi is the slot of quote q (' or ") in repairer.unclosed.
func qi(q byte) int {
	if q == '"' {
		return 1
	}
	return 0
}

// smallLines is the most lines a block may have for newRepairer to put
// its per-line slices in the repairer's own allocation (smallRepairer).
const smallLines = 16

// smallRepairer is a repairer with room for the lines of a small block
// (most front matters have fewer than ten lines): one allocation instead
// of five (the repairer, lines, text, deleted, entries). The slices are
// the same length, start as zeroed as make's, and grow by append as
// make's would, so the repairer reads and writes them the same way
// (TestSmallRepairer holds it to the general path). It is pooled, with
// the memory of the block's parsed trees (ns) and room for its top-level
// pairs (most blocks have a pair a line at most): Repair gives it back
// when it returns (release), and a batch's next post reuses it rather
// than allocating the same few KB again.
type smallRepairer struct {
	r       repairer
	lines   [smallLines]span
	text    [smallLines][]byte
	deleted [smallLines]bool
	entries [smallLines]entry
	pairs   [smallLines]pair
	ns      nodes
}

var smallPool = sync.Pool{New: func() any { return new(smallRepairer) }}

// maxPooledCand bounds the candidate memory a small repairer keeps.
const maxPooledCand = 16 << 10

// pooledLines is the most lines a block may have for its repairer to
// take the memory of its parsed trees from a pool (see nodes): a few KB
// a parse that the next post reuses. A small block's come with its
// smallRepairer, a larger one's from nodesPool. A block of more lines
// has memory of its own for each parse, so that an earlier tree's goes
// before the next is made.
const pooledLines = 256

var nodesPool = sync.Pool{New: func() any { return new(nodes) }}

// release gives a repairer's pooled memory back: r and its trees must
// not be read after it. What Repair returns does not point into it: the
// edits' new bytes and the changes are allocated apart, and the nodes'
// strings are slices of each parse's own copy of the block.
func (r *repairer) release() {
	if s := r.small; s != nil {
		ns, cand := s.ns, r.cand
		ns.reset()
		*s = smallRepairer{} // zeroed, as new's (in place: no copy of a literal)
		s.ns = ns
		if cap(cand) <= maxPooledCand {
			s.r.cand = cand[:0] // bytes only, rewritten before they are read
		}
		smallPool.Put(s)
	} else if ns := r.ns; ns != nil {
		r.ns = nil
		ns.reset()
		nodesPool.Put(ns)
	}
}

func newRepairer(src []byte, b Block, opt Options) *repairer {
	n := bytes.Count(src[b.Start:b.End], []byte{'\n'}) + 1 // at least the lines
	return newRepairerIn(src, b, opt, n, n <= smallLines)
}

// newRepairerIn is newRepairer for a block of about n lines (its line
// feeds and one), in a smallRepairer when small is true.
func newRepairerIn(src []byte, b Block, opt Options, n int, small bool) *repairer {
	var r *repairer
	var s *smallRepairer
	if small {
		s = smallPool.Get().(*smallRepairer)
		r = &s.r
		r.lines, r.entries = s.lines[:0], s.entries[:0]
		r.small, r.ns = s, &s.ns
	} else {
		r = &repairer{}
		r.lines = make([]span, 0, n)
	}
	r.src, r.b, r.opt, r.baseLine = src, b, opt, lineNumber(src, b.Start)
	// Lines end at LF, CRLF or a lone CR, as YAML counts them: the line
	// numbers of yaml.v3's nodes must be ours (a lone CR once shifted them
	// and made a duplicate key unremovable; see testdata/fuzz).
	// A block without CR (most are) is not searched for one line by line.
	hasCR := bytes.IndexByte(src[b.Start:b.End], '\r') >= 0
	for pos := b.Start; pos < b.End; {
		end := b.End
		if i := bytes.IndexByte(src[pos:b.End], '\n'); i >= 0 {
			end = pos + i
		}
		if hasCR {
			if i := bytes.IndexByte(src[pos:end], '\r'); i >= 0 {
				end = pos + i // CRLF, or a lone CR ending the line
			}
		}
		next := end
		switch {
		case end < b.End && src[end] == '\r' && end+1 < b.End && src[end+1] == '\n':
			next = end + 2
		case end < b.End:
			next = end + 1
		}
		r.lines = append(r.lines, span{pos, end, next})
		pos = next
	}
	// A lone CR ends a line too: such a block may have more lines than
	// line feeds, and more than s has room for.
	if s != nil && len(r.lines) <= smallLines {
		r.text, r.deleted = s.text[:len(r.lines)], s.deleted[:len(r.lines)]
	} else {
		r.text = make([][]byte, len(r.lines))
		r.deleted = make([]bool, len(r.lines))
	}
	if r.ns == nil && len(r.lines) <= pooledLines {
		r.ns = nodesPool.Get().(*nodes)
	}
	r.indexEntries()
	return r
}

func (r *repairer) line(i int) []byte {
	if r.text[i] != nil {
		return r.text[i]
	}
	s := r.lines[i]
	return r.src[s.start:s.end]
}

func (r *repairer) set(i int, text []byte, c edit.Change) {
	c.Offset = r.lines[i].start
	if c.Before == "" {
		c.Before = string(r.line(i))
	}
	if text != nil {
		c.After = string(text)
	}
	r.logUndo(i)
	r.text[i] = text
	r.changes = append(r.changes, c)
}

func (r *repairer) remove(first, last int, c edit.Change) {
	c.Offset = r.lines[first].start
	var before []string
	for i := first; i <= last; i++ {
		before = append(before, string(r.line(i)))
		r.logUndo(i)
		r.deleted[i] = true
	}
	c.Before = strings.Join(before, "\n")
	r.changes = append(r.changes, c)
}

// candidate is the block as repaired so far; removed lines stay as empty
// lines so that yaml.v3's line numbers still match the source. It is
// valid until the next call: its one reader, parse, keeps none of it
// (fastParse's tree holds a string copy, yaml.v3's its own strings), so
// every candidate of a repair is built in the same memory (cand), which
// a small repairer keeps for the next block.
func (r *repairer) candidate() []byte {
	if !r.changed() {
		return r.src[r.b.Start:r.b.End] // nothing repaired yet: the block itself
	}
	buf := r.cand[:0]
	if buf == nil {
		buf = make([]byte, 0, r.b.End-r.b.Start+64) // repairs add a few bytes
	}
	for i := range r.lines {
		if !r.deleted[i] {
			buf = append(buf, r.line(i)...)
		}
		buf = append(buf, '\n')
	}
	r.cand = buf
	return buf
}

func (r *repairer) changed() bool {
	if len(r.undo) == 0 {
		// Every change of a line is logged before it is made
		// (logUndo), and restore unlogs what it undoes: with nothing
		// logged, no line has changed, and the lines need no look.
		// (TestChangedUnlogged holds it to the look.)
		if checkUnlogged && r.changedLines() {
			panic("frontmatter: a line changed with nothing logged")
		}
		return false
	}
	return r.changedLines()
}

// checkUnlogged makes changed check its quick answer; set by tests only.
var checkUnlogged bool

// changedLines reports whether a line is changed or removed.
func (r *repairer) changedLines() bool {
	for i := range r.lines {
		if r.deleted[i] || r.text[i] != nil {
			return true
		}
	}
	return false
}

func isBlankOrComment(l []byte) bool {
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return i == len(l) || l[i] == '#'
}

func (r *repairer) indexEntries() {
	if r.entries == nil {
		r.entries = make([]entry, 0, len(r.lines))
	}
	r.entries = r.entries[:0]
	// The keys are copied back to back into one string, which each
	// entry's key slices, rather than a string allocated for each.
	buf, ends := make([]byte, 0, 256), make([]int, 0, 32)
	for i := 0; i < len(r.lines); i++ {
		l := r.line(i)
		if len(l) == 0 || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || l[0] == '-' || l[0] == '"' || l[0] == '\'' {
			continue
		}
		k := bytes.IndexByte(l, ':')
		if k <= 0 || (k+1 < len(l) && l[k+1] != ' ' && l[k+1] != '\t') {
			continue
		}
		kend := k
		for kend > 0 && (l[kend-1] == ' ' || l[kend-1] == '\t') {
			kend--
		}
		buf = append(buf, l[:kend]...)
		ends = append(ends, len(buf))
		e := entry{line: i, last: i}
		v := k + 1
		for v < len(l) && (l[v] == ' ' || l[v] == '\t') {
			v++
		}
		e.valStart = v
		if v < len(l) && (l[v] == '\'' || l[v] == '"') {
			if end := r.quotedEnd(i, v); end > i {
				e.last = end
				r.entries = append(r.entries, e)
				i = end
				continue
			}
		}
		noValue := v == len(l) || l[v] == '#' // "key:" or "key: # comment"
		for j := i + 1; j < len(r.lines); j++ {
			lj := r.line(j)
			if isBlankOrComment(lj) {
				continue // comments and blank lines do not end an entry
			}
			if lj[0] != ' ' && lj[0] != '\t' {
				// A "- item" at column 0 still belongs to a key with no value.
				if lj[0] == '-' && noValue {
					e.last = j
					continue
				}
				break
			}
			e.last = j
		}
		r.entries = append(r.entries, e)
	}
	keys, start := string(buf), 0
	for i, end := range ends {
		r.entries[i].key, start = keys[start:end], end
	}
}

// quotedEnd returns the line on which the quoted scalar starting at
// line i, offset v closes, or -1 if it does not close in the block.
func (r *repairer) quotedEnd(i, v int) int {
	q := r.line(i)[v]
	if u := r.unclosed[qi(q)]; u > 0 && i >= u-1 {
		return -1 // a scan from line u-1 found no closing q: none after i either
	}
	for j := i; j < len(r.lines); j++ {
		k := 0
		if j == i {
			k = v + 1
		}
		if closesIn(r.line(j), k, q) {
			return j
		}
	}
	if u := r.unclosed[qi(q)]; u == 0 || i < u-1 {
		r.unclosed[qi(q)] = i + 1
	}
	return -1
}

// closesIn reports whether l, read from k, holds the quote q that
// closes a quoted scalar: in single quotes a doubled quote is one, in double
// quotes a backslash escapes the next byte. It jumps from quote to quote
// with bytes.IndexByte (a byte-by-byte loop was a tenth of Repair's own
// cost): a double quote is escaped when an odd run of backslashes read
// from k precedes it, as a left-to-right reading pairs them.
func closesIn(l []byte, k int, q byte) bool {
	from := k
	for k < len(l) {
		p := bytes.IndexByte(l[k:], q)
		if p < 0 {
			return false
		}
		p += k
		k = p + 1
		switch {
		case q == '\'':
			if p+1 < len(l) && l[p+1] == '\'' {
				k = p + 2 // '' is a quote inside the scalar
				continue
			}
		case q == '"':
			n := 0
			for b := p - 1; b >= from && l[b] == '\\'; b-- {
				n++
			}
			if n%2 == 1 {
				continue // \" is an escaped quote
			}
		}
		return true
	}
	return false
}

// undoValueChanges checks the repairs made to let a block parse: an
// entry that parsed on its own before them must parse to the same value
// after them (a tab inside a code sample is content, not indentation),
// else its repairs are undone, with a note. It reports whether it undid
// any.
func (r *repairer) undoValueChanges() bool {
	undone := false
	for _, e := range r.entries {
		changed := false
		for i := e.line; i <= e.last; i++ {
			changed = changed || r.text[i] != nil
		}
		if !changed {
			continue
		}
		before, ok := entryValue(r.src[r.lines[e.line].start:r.lines[e.last].end], r.ns)
		if !ok {
			continue // it did not parse: repairing it is the point
		}
		var buf bytes.Buffer
		for i := e.line; i <= e.last; i++ {
			buf.Write(r.line(i))
			buf.WriteByte('\n')
		}
		if after, ok := entryValue(buf.Bytes(), r.ns); ok && after == before {
			continue
		}
		keep := r.changes[:0]
		for _, c := range r.changes {
			if c.Note || c.Offset < r.lines[e.line].start || c.Offset > r.lines[e.last].start {
				keep = append(keep, c)
			}
		}
		r.changes = keep
		for i := e.line; i <= e.last; i++ {
			r.logUndo(i)
			r.text[i] = nil
		}
		r.changes = append(r.changes, edit.Change{Rule: RuleYAMLSyntax, Offset: r.lines[e.line].start, Note: true,
			Message: fmt.Sprintf("%s: a repair would change a value that already parsed: left as it is", e.key)})
		undone = true
	}
	return undone
}

// entryValue parses one top-level entry on its own and sums its value.
// Its tree, read only here, is made in ns when it is not nil (the
// repairer's).
func entryValue(text []byte, ns *nodes) (uint64, bool) {
	n, ok := (*yaml.Node)(nil), false
	if !fastParseOff {
		n, ok, _ = fastParseBad(text, false, ns)
		if !ok && fastBytes(text) && plainKeyless(text) {
			return 0, false // one line, one plain scalar: no entry (lineIsMapping)
		}
	}
	if !ok {
		n = new(yaml.Node)
		if yaml.Unmarshal(text, n) != nil {
			return 0, false
		}
	}
	root := mappingRoot(n)
	if root == nil || len(root.Content) != 2 {
		return 0, false
	}
	var d digester
	return d.sum(root.Content[1]), true
}

// snapshot marks a point in the undo log: what came after can be undone.
type snapshot struct {
	undo, changes int
}

// undoEntry is a line's state before a change.
type undoEntry struct {
	line    int
	text    []byte
	deleted bool
}

func (r *repairer) logUndo(i int) {
	r.undo = append(r.undo, undoEntry{i, r.text[i], r.deleted[i]})
}

func (r *repairer) save() snapshot { return snapshot{len(r.undo), len(r.changes)} }

func (r *repairer) restore(s snapshot) {
	for k := len(r.undo) - 1; k >= s.undo; k-- {
		u := r.undo[k]
		r.text[u.line], r.deleted[u.line] = u.text, u.deleted
	}
	r.undo = r.undo[:s.undo]
	r.changes = r.changes[:s.changes]
}

// markEdited records that a rule rewrote the value on line i, keeping its
// comment or not (see verify).
func (r *repairer) markEdited(i int, keepComment bool) {
	if r.edited == nil {
		r.edited = map[int]bool{}
	}
	r.edited[i] = keepComment
}

// result turns the line changes into byte edits on the source.
func (r *repairer) result() ([]edit.Edit, []edit.Change) {
	var edits []edit.Edit
	for i, s := range r.lines {
		switch {
		case r.deleted[i]:
			edits = append(edits, edit.Edit{Start: s.start, End: s.next})
		case r.text[i] != nil && !bytes.Equal(r.text[i], r.src[s.start:s.end]):
			edits = append(edits, edit.Edit{Start: s.start, End: s.end, New: r.text[i]})
		}
	}
	return edits, r.changes
}
