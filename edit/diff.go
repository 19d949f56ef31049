package edit

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mdclean/mdclean/internal/english"
	"github.com/rogpeppe/go-internal/diff"
)

// The shape of -d. A scraped post's body is often one line of several KB:
// a line diff of it is two walls of text. So -d is a unified diff (diff -u,
// gofmt -d) of the lines a change touches, except that a changed line
// longer than longLine is shown by its changed spans only, each with
// spanContext bytes of context, marked as git diff --word-diff marks them:
// [-removed-]{+added+}.
const (
	diffContext   = 3   // unchanged lines around a hunk, as diff -u
	longLine      = 200 // bytes; a longer changed line is shown by its spans
	spanContext   = 40  // bytes of context either side of a changed span
	maxSpanShown  = 480 // a longer removed or added span is shown by its ends
	spanEndsShown = maxSpanShown / 2
)

// DiffOptions says how Diff shows a change.
type DiffOptions struct {
	// Unified drops the two shortcuts (spans, shortened context): every
	// line is whole, so patch(1) and git apply take the diff, however long
	// its lines.
	Unified bool
	// Marks, when set, are put around the headers, the hunk ranges and the
	// removed and added text (ANSI colours on a terminal, HTML elements on
	// a page); the text itself is not escaped. Without them, the changed
	// spans of a long line are bracketed as git diff --word-diff brackets
	// them: [-removed-]{+added+}.
	Marks *DiffMarks
}

// DiffMarks are the marks Diff puts around each kind of text.
type DiffMarks struct {
	Header, Hunk, Removed, Added Mark
}

// Mark is what is written before and after a marked text.
type Mark struct {
	Open, Close string
}

// Diff shows what the edits change in src (out is src with them applied),
// as a unified diff between name+".orig" and name: hunks of whole lines,
// long lines by their changed spans, and nothing far from a change. When
// the edits do not give out, it falls back to a plain line diff.
func Diff(name string, src, out []byte, edits []Edit, opts DiffOptions) []byte {
	color := opts.Marks != nil
	var marks DiffMarks
	if color {
		marks = *opts.Marks
	}
	unified := opts.Unified
	starts := lineStarts(src)
	if len(edits) == 0 || len(starts) == 0 {
		return colorUnified(diff.Diff(name+".orig", src, name, out), color, marks)
	}
	if applied, err := Apply(src, edits); err != nil || !bytes.Equal(applied, out) {
		return colorUnified(diff.Diff(name+".orig", src, name, out), color, marks)
	}
	d := &differ{src: src, starts: starts, color: color, marks: marks, unified: unified}
	blocks := d.blocks(edits)
	var b bytes.Buffer
	b.WriteString(paint(color, marks.Header, "--- "+name+".orig") + "\n")
	b.WriteString(paint(color, marks.Header, "+++ "+name) + "\n")
	delta := 0 // lines added minus removed by the hunks printed so far
	for i := 0; i < len(blocks); {
		j := i + 1
		for j < len(blocks) && blocks[j].first-blocks[j-1].last-1 <= 2*diffContext {
			j++
		}
		delta = d.hunk(&b, blocks[i:j], delta)
		i = j
	}
	return b.Bytes()
}

type differ struct {
	src     []byte
	starts  []int // the offset of each line
	color   bool
	marks   DiffMarks
	unified bool // whole lines only (see DiffOptions)
}

// block is a run of changed lines: lines first..last of src, and what the
// edits make of them.
type block struct {
	first, last int
	edits       []Edit
	new         []byte
}

func lineStarts(src []byte) []int {
	if len(src) == 0 {
		return nil
	}
	starts := []int{0}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf returns the line holding offset off (the last line for the end).
func (d *differ) lineOf(off int) int {
	return sort.Search(len(d.starts), func(i int) bool { return d.starts[i] > off }) - 1
}

// lineEnd is the offset just past line l and its line ending.
func (d *differ) lineEnd(l int) int {
	if l+1 < len(d.starts) {
		return d.starts[l+1]
	}
	return len(d.src)
}

// blocks groups the edits (sorted, as clean.Result holds them) into runs
// of changed lines. A run whose new text does not end a line takes in the
// next line, which the edit joined to it.
func (d *differ) blocks(edits []Edit) []block {
	var bs []block
	for _, e := range edits {
		first := d.lineOf(e.Start)
		last := d.lineOf(max(e.Start, e.End-1))
		if n := len(bs); n > 0 && first <= bs[n-1].last+1 {
			bs[n-1].last = max(bs[n-1].last, last)
			bs[n-1].edits = append(bs[n-1].edits, e)
			continue
		}
		bs = append(bs, block{first: first, last: last, edits: []Edit{e}})
	}
	var merged []block
	for _, b := range bs {
		if n := len(merged); n > 0 && b.first <= merged[n-1].last+1 {
			merged[n-1].last = max(merged[n-1].last, b.last)
			merged[n-1].edits = append(merged[n-1].edits, b.edits...)
		} else {
			merged = append(merged, b)
		}
		m := &merged[len(merged)-1]
		for {
			m.new = d.apply(m)
			if len(m.new) == 0 || m.new[len(m.new)-1] == '\n' || m.last == len(d.starts)-1 {
				break
			}
			m.last++
		}
	}
	// Taking in a joined line can reach the next block: merge again.
	out := merged[:0]
	for _, b := range merged {
		if n := len(out); n > 0 && b.first <= out[n-1].last {
			p := &out[n-1]
			p.last = max(p.last, b.last)
			p.edits = append(p.edits, b.edits...)
			p.new = d.apply(p)
			continue
		}
		out = append(out, b)
	}
	return out
}

// apply returns lines first..last of b with its edits applied.
func (d *differ) apply(b *block) []byte {
	lo, hi := d.starts[b.first], d.lineEnd(b.last)
	var out []byte
	pos := lo
	for _, e := range b.edits {
		out = append(out, d.src[pos:e.Start]...)
		out = append(out, e.New...)
		pos = e.End
	}
	return append(out, d.src[pos:hi]...)
}

func countLines(b []byte) int {
	n := bytes.Count(b, []byte{'\n'})
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}

// hunk prints one hunk: the blocks, the unchanged lines between them and
// diffContext lines around. It returns delta updated by the hunk.
func (d *differ) hunk(w *bytes.Buffer, bs []block, delta int) int {
	a := max(bs[0].first-diffContext, 0)
	z := min(bs[len(bs)-1].last+diffContext, len(d.starts)-1)
	oldN := z - a + 1
	newN := oldN
	for _, b := range bs {
		newN += countLines(b.new) - (b.last - b.first + 1)
	}
	oldStart, newStart := a+1, a+1+delta
	if newN == 0 {
		newStart--
	}
	header := "@@ -" + hunkRange(oldStart, oldN) + " +" + hunkRange(newStart, newN) + " @@"
	w.WriteString(paint(d.color, d.marks.Hunk, header) + "\n")
	l := a
	for _, b := range bs {
		for ; l < b.first; l++ {
			d.line(w, " ", d.src[d.starts[l]:d.lineEnd(l)], nil)
		}
		if d.isLong(b) {
			d.spans(w, b)
		} else {
			for k := b.first; k <= b.last; k++ {
				d.line(w, "-", d.src[d.starts[k]:d.lineEnd(k)], &d.marks.Removed)
			}
			for _, nl := range bytes.SplitAfter(b.new, []byte{'\n'}) {
				if len(nl) > 0 {
					d.line(w, "+", nl, &d.marks.Added)
				}
			}
		}
		l = b.last + 1
	}
	for ; l <= z; l++ {
		d.line(w, " ", d.src[d.starts[l]:d.lineEnd(l)], nil)
	}
	return delta + newN - oldN
}

func hunkRange(start, n int) string {
	if n == 1 {
		return strconv.Itoa(start)
	}
	return strconv.Itoa(start) + "," + strconv.Itoa(n)
}

// line prints one diff line; a last line without a line ending is marked
// as diff marks it.
func (d *differ) line(w *bytes.Buffer, prefix string, text []byte, mark *Mark) {
	body := strings.TrimSuffix(prefix+string(text), "\n")
	if prefix == " " && len(text) > longLine && !d.unified {
		// Long unchanged context: its start is enough to place the hunk.
		cut := runeStart(text, 2*spanContext)
		body = fmt.Sprintf(" %s… (%s bytes unchanged)", text[:cut], english.Thousands(len(text)))
	}
	if mark != nil {
		body = paint(d.color, *mark, body)
	}
	w.WriteString(body)
	w.WriteByte('\n')
	if len(text) == 0 || text[len(text)-1] != '\n' {
		w.WriteString("\\ No newline at end of file\n")
	}
}

// isLong reports whether a block holds a line too long to read whole.
func (d *differ) isLong(b block) bool {
	if d.unified {
		return false
	}
	for k := b.first; k <= b.last; k++ {
		if d.lineEnd(k)-d.starts[k] > longLine {
			return true
		}
	}
	for _, nl := range bytes.Split(b.new, []byte{'\n'}) {
		if len(nl) > longLine {
			return true
		}
	}
	return false
}

// spans prints a long block by its changed spans: a line "~" per group of
// nearby edits, with context either side.
func (d *differ) spans(w *bytes.Buffer, b block) {
	lo, hi := d.starts[b.first], d.lineEnd(b.last)
	what := fmt.Sprintf("line %d", b.first+1)
	if b.last > b.first {
		what = fmt.Sprintf("lines %d-%d", b.first+1, b.last+1)
	}
	fmt.Fprintf(w, "~ %s, %s bytes: %s shown with %d bytes of context\n", what, english.Thousands(hi-lo), english.Plural(len(b.edits), "change"), spanContext)
	for i := 0; i < len(b.edits); {
		j := i + 1
		for j < len(b.edits) && b.edits[j].Start-b.edits[j-1].End <= 2*spanContext {
			j++
		}
		from := runeStart(d.src, max(b.edits[i].Start-spanContext, lo))
		to := runeStart(d.src, min(b.edits[j-1].End+spanContext, hi))
		var line strings.Builder
		line.WriteString("~ ")
		if from > lo {
			line.WriteString("…")
		}
		pos := from
		for _, e := range b.edits[i:j] {
			line.WriteString(visible(d.src[pos:e.Start]))
			if e.End > e.Start {
				line.WriteString(d.mark(d.marks.Removed, "[-", "-]", d.src[e.Start:e.End]))
			}
			if len(e.New) > 0 {
				line.WriteString(d.mark(d.marks.Added, "{+", "+}", e.New))
			}
			pos = e.End
		}
		line.WriteString(visible(d.src[pos:to]))
		if to < hi && !(to == hi-1 && d.src[to] == '\n') {
			line.WriteString("…")
		}
		w.WriteString(line.String())
		w.WriteByte('\n')
		i = j
	}
}

// mark shows a removed or added span: between the marks when there are
// some, between git's word-diff brackets otherwise; a very long span by
// its two ends.
func (d *differ) mark(m Mark, open, close string, span []byte) string {
	s := ""
	if len(span) > maxSpanShown {
		head := runeStart(span, spanEndsShown)
		tail := runeStart(span, len(span)-spanEndsShown)
		s = visible(span[:head]) + fmt.Sprintf(" …%s bytes… ", english.Thousands(tail-head)) + visible(span[tail:])
	} else {
		s = visible(span)
	}
	if d.color {
		return paint(true, m, s)
	}
	return open + s + close
}

// visible shows line endings inside a span as ⏎, so that one span is one
// line of output.
func visible(b []byte) string {
	s := string(b)
	s = strings.ReplaceAll(s, "\r\n", "⏎")
	return strings.ReplaceAll(s, "\n", "⏎")
}

// runeStart moves i back to the start of the UTF-8 sequence holding it.
func runeStart(b []byte, i int) int {
	for i > 0 && i < len(b) && !utf8.RuneStart(b[i]) {
		i--
	}
	return i
}

// colorUnified marks a plain unified diff: headers only at the top, so
// that a removed line starting "--" is not taken for one.
func colorUnified(d []byte, color bool, marks DiffMarks) []byte {
	if !color {
		return d
	}
	var out bytes.Buffer
	for i, line := range bytes.SplitAfter(d, []byte("\n")) {
		text := string(bytes.TrimSuffix(line, []byte("\n")))
		switch {
		case len(line) == 0:
			continue
		case i < 2 && (strings.HasPrefix(text, "--- ") || strings.HasPrefix(text, "+++ ")):
			text = paint(true, marks.Header, text)
		case strings.HasPrefix(text, "@@"):
			text = paint(true, marks.Hunk, text)
		case strings.HasPrefix(text, "+"):
			text = paint(true, marks.Added, text)
		case strings.HasPrefix(text, "-"):
			text = paint(true, marks.Removed, text)
		}
		out.WriteString(text)
		if bytes.HasSuffix(line, []byte("\n")) {
			out.WriteByte('\n')
		}
	}
	return out.Bytes()
}

// paint puts s between m's ends when on.
func paint(on bool, m Mark, s string) string {
	if !on || s == "" {
		return s
	}
	return m.Open + s + m.Close
}
