package frontmatter

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mdclean/mdclean/edit"
	"go.yaml.in/yaml/v3"
)

// Rule ids of this package.
const (
	RuleLeadingBlank   = "leading-blank"
	RuleYAMLSyntax     = "yaml-syntax"
	RuleInvalidDate    = "invalid-date"
	RuleNormalizeDates = "normalize-dates"
	RulePortableDate   = "portable-date"
)

// Unknown-date policies: what invalid-date does when nothing proves a date.
const (
	UnknownDrop  = "drop"
	UnknownKeep  = "keep"
	UnknownError = "error"
)

// TextKeys are the keys whose plain values are prose, where an unquoted
// " #" is part of the title rather than a comment ("C# #1 tips").
var TextKeys = []string{"title", "subtitle", "description", "summary", "excerpt", "linkTitle"}

// Options controls Repair.
type Options struct {
	// Path is where the document came from ("" if unknown); a date in the
	// file name is evidence.
	Path string
	// On reports whether a rule is switched on.
	On func(rule string) bool
	// DateFormat is the format for dates mdclean writes (see FormatDate).
	DateFormat string
	// UnknownDate is the policy when an invalid date has no evidence:
	// UnknownDrop (default), UnknownKeep or UnknownError.
	UnknownDate string
	// Fallback is a weaker date the caller found outside the document
	// (file mtime, git history) when the user asked for one.
	Fallback *Date
	// Now bounds plausible id times; zero means time.Now().
	Now time.Time
}

func (o Options) on(rule string) bool {
	if o.On == nil {
		return rule != RuleNormalizeDates
	}
	return o.On(rule)
}

// Repair returns the edits that repair the front matter block b of src,
// and a Change for each. Edits are line-targeted: bytes of lines no rule
// touches are never rewritten. A block it cannot repair is an *Error.
func Repair(src []byte, b Block, opt Options) ([]edit.Edit, []edit.Change, error) {
	var edits []edit.Edit
	var changes []edit.Change
	if !b.Found {
		return nil, nil, nil
	}
	if i := templateAt(src[b.Start:b.End]); i >= 0 {
		// A Hugo archetype or a Hexo scaffold: its values are Go or
		// Nunjucks templates (title: "{{ replace .Name "-" " " | title }}",
		// date: {{ .Date }}), not broken YAML or dates. Escaping a quote
		// or removing the date breaks "hugo new"; leave it all alone.
		return nil, []edit.Change{{Rule: RuleYAMLSyntax, Offset: b.Start + i, Note: true,
			Message: "front matter holds template syntax ({{ … }} or {% … %}): a template (Hugo archetype, Hexo scaffold) is left as it is"}}, nil
	}
	if b.Format != FormatJSON {
		if need, budget := parseCost(src[b.Start:b.End]), memoryBudget(len(src)); need > budget {
			return nil, nil, &Error{Line: lineNumber(src, b.Open), Msg: fmt.Sprintf(
				"front matter too large to repair within the memory bound: %d KB of values and lines would take about %d MB to parse and repair, more than 4x the input plus %d MB; nothing written",
				(b.End-b.Start)>>10, need>>20, memoryConstant>>20)}
		}
	}
	switch b.Format {
	case FormatTOML:
		e, c := repairTOML(src, b, opt)
		return e, c, nil
	case FormatJSON:
		return nil, []edit.Change{{Rule: RuleYAMLSyntax, Offset: b.Start, Note: true,
			Message: "JSON front matter: left as it is (mdclean repairs YAML and TOML front matter)"}}, nil
	}
	if b.Open > b.Lead && opt.on(RuleLeadingBlank) {
		edits = append(edits, edit.Edit{Start: b.Lead, End: b.Open})
		changes = append(changes, edit.Change{Rule: RuleLeadingBlank, Offset: b.Lead,
			Message: fmt.Sprintf("removed %d bytes of blank lines and whitespace before the opening \"---\" (gray-matter finds no front matter after a blank line)", b.Open-b.Lead),
			Before:  string(src[b.Lead:b.Open])})
	}
	if i := loneCR(src[b.Start:b.End]); i >= 0 {
		// A lone CR is a line break to YAML but not to the clients that
		// find the block, so a line edit could move the closing "---" off
		// its line (found by FuzzRepair). Unsure, leave the block alone.
		changes = append(changes, edit.Change{Rule: RuleYAMLSyntax, Offset: b.Start + i, Note: true,
			Message: "front matter holds a lone CR (not CRLF): left as it is"})
		return edits, changes, nil
	}
	r := newRepairer(src, b, opt)
	if err := r.run(); err != nil {
		return nil, nil, err
	}
	e, c := r.result()
	return append(edits, e...), append(changes, c...), nil
}

// Peak memory is bounded for any input, as for the body (see clean's
// memoryBudget): at most 4x the document plus memoryConstant, the input
// and the output taking two of the four. A parsed front matter costs per
// value, not per byte (yaml.v3 keeps about 170 bytes per node, and
// allocates 250 while parsing): a block whose values would need more
// than the rest of the bound is refused before it is parsed, with an
// error, never cleaned half (a 1.7 MB flow list of one-letter items needs
// over 300 MB). Measured by TestFrontMatterMemory.
const (
	memoryConstant = 128 << 20
	costPerNode    = 400 // node, parser garbage, lines, entries, GC headroom
	costPerChange  = 400 // an edit and its change, with their texts
)

func memoryBudget(n int) int { return 2*n + memoryConstant }

// parseCost bounds what parsing and repairing block takes: a YAML or
// TOML value needs a separator or a line of its own, and in a flow
// mapping an entry with no ':' (a, b in {a, b}) makes two nodes.
func parseCost(block []byte) int {
	n, commas, brace := 2, 0, false
	for _, c := range block {
		switch c {
		case ',':
			commas++
		case '{':
			brace = true
			n++
		case '[', ':', '=', '-', '?', '\n':
			n++
		}
	}
	n += commas
	if brace {
		n += commas
	}
	// Each line may be repaired or removed, with a change to report.
	return n*costPerNode + bytes.Count(block, []byte{'\n'})*costPerChange
}

// templateAt returns the offset of the first line of block that holds a
// template action, "{{ … }}" or "{% … %}" (Go templates, Hugo's
// archetypes; Nunjucks and Liquid, Hexo's scaffolds), or -1.
func templateAt(block []byte) int {
	for _, open := range [][]byte{[]byte("{{"), []byte("{%")} {
		if !bytes.Contains(block, open) {
			continue
		}
		closer := []byte("}}")
		if open[1] == '%' {
			closer = []byte("%}")
		}
		for pos := 0; pos < len(block); {
			end := bytes.IndexByte(block[pos:], '\n')
			if end < 0 {
				end = len(block)
			} else {
				end += pos
			}
			l := block[pos:end]
			if i := bytes.Index(l, open); i >= 0 && bytes.Contains(l[i+2:], closer) {
				return pos
			}
			pos = end + 1
		}
	}
	return -1
}

// loneCR returns the offset of the first CR not followed by LF, or -1.
func loneCR(b []byte) int {
	for i := bytes.IndexByte(b, '\r'); i >= 0; {
		if i+1 >= len(b) || b[i+1] != '\n' {
			return i
		}
		j := bytes.IndexByte(b[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return -1
}

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
}

// qi is the slot of quote q (' or ") in repairer.unclosed.
func qi(q byte) int {
	if q == '"' {
		return 1
	}
	return 0
}

func newRepairer(src []byte, b Block, opt Options) *repairer {
	r := &repairer{src: src, b: b, opt: opt, baseLine: lineNumber(src, b.Start)}
	r.lines = make([]span, 0, bytes.Count(src[b.Start:b.End], []byte{'\n'})+1)
	// Lines end at LF, CRLF or a lone CR, as YAML counts them: the line
	// numbers of yaml.v3's nodes must be ours (a lone CR once shifted them
	// and made a duplicate key unremovable; see testdata/fuzz).
	for pos := b.Start; pos < b.End; {
		end := b.End
		if i := bytes.IndexByte(src[pos:b.End], '\n'); i >= 0 {
			end = pos + i
		}
		if i := bytes.IndexByte(src[pos:end], '\r'); i >= 0 {
			end = pos + i // CRLF, or a lone CR ending the line
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
	r.text = make([][]byte, len(r.lines))
	r.deleted = make([]bool, len(r.lines))
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
// lines so that yaml.v3's line numbers still match the source.
func (r *repairer) candidate() []byte {
	if !r.changed() {
		return r.src[r.b.Start:r.b.End] // nothing repaired yet: the block itself
	}
	var buf bytes.Buffer
	for i := range r.lines {
		if !r.deleted[i] {
			buf.Write(r.line(i))
		}
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

func (r *repairer) changed() bool {
	for i := range r.lines {
		if r.deleted[i] || r.text[i] != nil {
			return true
		}
	}
	return false
}

func isBlankOrComment(l []byte) bool {
	t := bytes.TrimLeft(l, " \t")
	return len(t) == 0 || t[0] == '#'
}

func (r *repairer) indexEntries() {
	if r.entries == nil {
		r.entries = make([]entry, 0, len(r.lines))
	}
	r.entries = r.entries[:0]
	for i := 0; i < len(r.lines); i++ {
		l := r.line(i)
		if len(l) == 0 || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || l[0] == '-' || l[0] == '"' || l[0] == '\'' {
			continue
		}
		k := bytes.IndexByte(l, ':')
		if k <= 0 || (k+1 < len(l) && l[k+1] != ' ' && l[k+1] != '\t') {
			continue
		}
		e := entry{line: i, last: i, key: string(bytes.TrimRight(l[:k], " \t"))}
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
}

// quotedEnd returns the line on which the quoted scalar starting at
// line i, offset v closes, or -1 if it does not close in the block.
func (r *repairer) quotedEnd(i, v int) int {
	q := r.line(i)[v]
	if u := r.unclosed[qi(q)]; u > 0 && i >= u-1 {
		return -1 // a scan from line u-1 found no closing q: none after i either
	}
	for j := i; j < len(r.lines); j++ {
		l := r.line(j)
		k := 0
		if j == i {
			k = v + 1
		}
		for ; k < len(l); k++ {
			switch {
			case q == '"' && l[k] == '\\':
				k++
			case l[k] == q && q == '\'' && k+1 < len(l) && l[k+1] == '\'':
				k++
			case l[k] == q:
				return j
			}
		}
	}
	if u := r.unclosed[qi(q)]; u == 0 || i < u-1 {
		r.unclosed[qi(q)] = i + 1
	}
	return -1
}

// fixContinuations indents, by one space, the column-0 continuation lines
// of a multi-line quoted value: YAML requires them indented (the yaml
// package Hexo uses rejects them) and folding drops the space again, so
// the value is unchanged.
func (r *repairer) fixContinuations(node *yaml.Node) bool {
	// Only where yaml.v3 agrees: a key at column 1 on the entry's line
	// whose value is a quoted scalar on more than one line. (The lexical
	// entries alone once took a continuation line for a key; see
	// testdata/fuzz.)
	candidate := false
	for _, e := range r.entries {
		if e.last > e.line && e.valStart < len(r.line(e.line)) {
			candidate = true
			break
		}
	}
	if !candidate {
		return false
	}
	confirmed := map[int]bool{}
	if root := mappingRoot(node); root != nil {
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			if k.Column == 1 && v.Kind == yaml.ScalarNode && v.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
				confirmed[k.Line-1] = true
			}
		}
	}
	changed := false
	for _, e := range r.entries {
		if e.last == e.line || e.valStart >= len(r.line(e.line)) || !confirmed[e.line] {
			continue
		}
		if q := r.line(e.line)[e.valStart]; q != '\'' && q != '"' {
			continue
		}
		for j := e.line + 1; j <= e.last; j++ {
			l := r.line(j)
			if len(l) > 0 && l[0] != ' ' && l[0] != '\t' {
				r.set(j, append([]byte{' '}, l...), edit.Change{Rule: RuleYAMLSyntax,
					Message: fmt.Sprintf("%s: continuation line of a multi-line quoted value at column 0 -> indented (YAML requires it; Hexo rejects it)", e.key)})
				changed = true
			}
		}
	}
	return changed
}

// mappingRoot returns the block's top-level mapping, or nil.
func mappingRoot(node *yaml.Node) *yaml.Node {
	if node.Kind == yaml.DocumentNode && len(node.Content) > 0 {
		node = node.Content[0]
	}
	if node.Kind != yaml.MappingNode {
		return nil
	}
	return node
}

// yamlLineRE finds the line in a yaml.v3 error; compiled on the first
// error, never at start-up.
var yamlLineRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+):`) })

func (r *repairer) parse() (*yaml.Node, error) {
	var n yaml.Node
	err := yaml.Unmarshal(r.candidate(), &n)
	return &n, err
}

func (r *repairer) run() error {
	node, err := r.parse()
	if err != nil && r.opt.on(RuleYAMLSyntax) {
		r.fixTabs()
		r.fixColonSpace()
		r.indexEntries()
		for _, e := range r.entries {
			if e.last == e.line {
				r.fixScalar(e, false)
			}
		}
		node, err = r.parse()
		if err != nil {
			// Last resort, line by line: a single-line entry that does not
			// parse on its own is re-quoted as a plain string.
			for _, e := range r.entries {
				if e.last == e.line && r.text[e.line] == nil && !lineParses(r.line(e.line)) && !isFlow(r.line(e.line)[e.valStart:]) {
					r.requote(e, "the value does not parse as YAML")
				}
			}
			node, err = r.parse()
		}
	}
	if err == nil && r.changed() && r.undoValueChanges() {
		node, err = r.parse()
	}
	if err != nil {
		return r.yamlError(err)
	}
	post := r.save()
	if r.opt.on(RuleYAMLSyntax) {
		saved := r.save()
		fixed := r.fixContinuations(node)
		for _, e := range r.entries {
			if e.last == e.line && r.text[e.line] == nil && isTextKey(e.key) {
				fixed = r.fixScalar(e, true) || fixed
			}
		}
		if fixed {
			// The block parsed before these repairs: if it does not now,
			// undo them rather than fail.
			if _, err := r.parse(); err != nil {
				r.restore(saved)
				r.changes = append(r.changes, edit.Change{Rule: RuleYAMLSyntax, Offset: r.lines[0].start, Note: true,
					Message: "re-quoting or re-indenting would break the YAML: left as it is"})
			}
		}
	}
	root := mappingRoot(node)
	if root == nil {
		return nil
	}
	if bytes.IndexByte(r.src[r.b.Start:r.b.End], '*') >= 0 {
		r.aliased = aliasTargets(root)
	}
	pairs := r.pairs(root)
	r.pairs0 = pairs
	if r.opt.on(RuleYAMLSyntax) {
		pairs = r.dedupe(pairs)
	}
	if err := r.fixDates(pairs); err != nil {
		return err
	}
	if len(r.undo) > post.undo {
		if why := r.verify(); why != "" {
			r.restore(post)
			r.changes = append(r.changes, edit.Change{Rule: RuleYAMLSyntax, Offset: r.lines[0].start, Note: true,
				Message: "repairs checked with the YAML parser: " + why + ": left as it is"})
		}
	}
	return nil
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
		before, ok := entryValue(r.src[r.lines[e.line].start:r.lines[e.last].end])
		if !ok {
			continue // it did not parse: repairing it is the point
		}
		var buf bytes.Buffer
		for i := e.line; i <= e.last; i++ {
			buf.Write(r.line(i))
			buf.WriteByte('\n')
		}
		if after, ok := entryValue(buf.Bytes()); ok && after == before {
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
func entryValue(text []byte) (uint64, bool) {
	var n yaml.Node
	if yaml.Unmarshal(text, &n) != nil {
		return 0, false
	}
	root := mappingRoot(&n)
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

func (r *repairer) yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := lineNumber(r.src, r.b.Open)
	if m := yamlLineRE().FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		line = r.baseLine - 1 + n
		msg = strings.TrimSpace(yamlLineRE().ReplaceAllString(msg, ""))
	}
	// yaml.v3 often names the line where the enclosing context began; the
	// first line that does not parse on its own is a better pointer.
	for i := range r.lines {
		if !r.deleted[i] && !lineParses(r.line(i)) {
			line = r.baseLine + i
			break
		}
	}
	return &Error{Line: line, Msg: "front matter is not valid YAML and no repair applies: " + msg}
}

// lineParses reports whether one top-level line parses as YAML by itself.
func lineParses(l []byte) bool {
	if isBlankOrComment(l) || l[0] == ' ' || l[0] == '\t' {
		return true
	}
	var n yaml.Node
	return yaml.Unmarshal(l, &n) == nil
}

// lineIsMapping reports whether one line parses as a YAML mapping.
func lineIsMapping(l []byte) bool {
	var n yaml.Node
	return yaml.Unmarshal(l, &n) == nil && mappingRoot(&n) != nil
}

// isFlow reports whether a value is meant as a flow collection ("[a, b]",
// or a broken "[a, b"): quoting it would turn a list into a string, so it
// is left for the user. "[Update] New release" is a title, not a list.
func isFlow(v []byte) bool {
	v = bytes.TrimRight(v, " \t")
	if len(v) == 0 || (v[0] != '[' && v[0] != '{') {
		return false
	}
	closer := byte(']')
	if v[0] == '{' {
		closer = '}'
	}
	i := bytes.IndexByte(v, closer)
	return i < 0 || i == len(v)-1
}

func isTextKey(k string) bool {
	for _, t := range TextKeys {
		if k == t {
			return true
		}
	}
	return false
}

// fixTabs replaces tab indentation, which YAML forbids, with spaces: as
// many per tab as the block's own smallest indentation (2 if none).
func (r *repairer) fixTabs() {
	unit := 0
	for i := range r.lines {
		l := r.line(i)
		n := 0
		for n < len(l) && l[n] == ' ' {
			n++
		}
		if n > 0 && n < len(l) && l[n] != '\t' && (unit == 0 || n < unit) {
			unit = n
		}
	}
	if unit == 0 {
		unit = 2
	}
	// Inside a block scalar (code: |), a tab after the scalar's own
	// indentation is content, never indentation (a title's repair once
	// turned a code sample's tabs into spaces).
	inBlock, parent, indent := false, 0, 0
	for i := range r.lines {
		l := r.line(i)
		sp := 0
		for sp < len(l) && l[sp] == ' ' {
			sp++
		}
		n := sp
		for n < len(l) && (l[n] == ' ' || l[n] == '\t') {
			n++
		}
		if inBlock {
			switch {
			case n == len(l):
				continue // a blank line of the scalar
			case indent > 0 && sp >= indent, indent == 0 && sp > parent:
				if indent == 0 {
					indent = sp
				}
				continue // content: its tabs stay
			case l[sp] != '\t':
				inBlock = false // less indented: the scalar has ended
			}
		}
		if n == len(l) || bytes.IndexByte(l[:n], '\t') < 0 {
			if !inBlock && startsBlockScalar(l) {
				inBlock, parent, indent = true, sp, 0
			}
			continue
		}
		width := 0
		for _, c := range l[:n] {
			if c == '\t' {
				width += unit
			} else {
				width++
			}
		}
		nl := append(bytes.Repeat([]byte{' '}, width), l[n:]...)
		r.set(i, nl, edit.Change{Rule: RuleYAMLSyntax, Message: "tab indentation (YAML forbids tabs) -> spaces"})
		switch {
		case inBlock && indent == 0:
			indent = width // the scalar's first line, indented with tabs
		case !inBlock && startsBlockScalar(nl):
			inBlock, parent, indent = true, width, 0
		}
	}
}

// blockScalarRE is a line whose value opens a block scalar: "key: |",
// "- >-", "key: &a !!str |2 # comment".
var blockScalarRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:^|[:-])[ \t]+(?:[&!][^ \t]*[ \t]+)*[|>][-+0-9]*[ \t]*(?:#.*)?$`)
})

func startsBlockScalar(l []byte) bool {
	return bytes.ContainsAny(l, "|>") && blockScalarRE().Match(l)
}

// fixColonSpace puts the missing space after a key's colon when a quoted
// or flow value follows it directly: a juejin scraper writes
// selfDefined:"likes:3,comments:0", which YAML reads as one plain scalar
// with no key and rejects. Only a top-level line that does not parse on
// its own is touched; the block is re-parsed after.
func (r *repairer) fixColonSpace() {
	for i := range r.lines {
		l := r.line(i)
		k := 0
		for k < len(l) && (l[k] == '_' || l[k] == '-' || l[k] >= '0' && l[k] <= '9' || l[k] >= 'a' && l[k] <= 'z' || l[k] >= 'A' && l[k] <= 'Z') {
			k++
		}
		if k == 0 || l[0] == '-' || k+1 >= len(l) || l[k] != ':' {
			continue
		}
		switch l[k+1] {
		case '"', '\'', '[', '{':
		default:
			continue
		}
		if lineIsMapping(l) {
			continue
		}
		fixed := append(append(append([]byte{}, l[:k+1]...), ' '), l[k+1:]...)
		if !lineIsMapping(fixed) {
			continue
		}
		r.set(i, fixed, edit.Change{Rule: RuleYAMLSyntax,
			Message: fmt.Sprintf("%s: no space after the key's colon (YAML reads the line as one string with no key) -> space added", l[:k])})
	}
}

// fixScalar repairs the known breakages of a single-line value. With
// hashOnly it only quotes a plain prose value that YAML would silently cut
// at " #". It reports whether it changed the line.
func (r *repairer) fixScalar(e entry, hashOnly bool) bool {
	l := r.line(e.line)
	v := bytes.TrimRight(l[e.valStart:], " \t")
	if len(v) == 0 {
		return false
	}
	switch v[0] {
	case '\'':
		if hashOnly || quotedOK(v, '\'') {
			return false
		}
		if len(v) >= 2 && v[len(v)-1] == '\'' {
			inner := strings.ReplaceAll(string(v[1:len(v)-1]), "''", "'")
			r.setValue(e, "'"+strings.ReplaceAll(inner, "'", "''")+"'", "single quote inside a single-quoted value -> doubled")
		} else {
			r.requote(e, "text after the closing quote")
		}
		return true
	case '"':
		if hashOnly || quotedOK(v, '"') {
			return false
		}
		if len(v) >= 2 && v[len(v)-1] == '"' {
			r.setValue(e, `"`+escapeDouble(v[1:len(v)-1])+`"`, "double quote inside a double-quoted value -> escaped")
		} else {
			r.requote(e, "text after the closing quote")
		}
		return true
	case '[', '{', '|', '>', '&', '*', '!':
		return false
	}
	if hashOnly {
		if bytes.Contains(v, []byte(" #")) || bytes.Contains(v, []byte("\t#")) {
			r.requote(e, "unquoted \" #\" would cut the value short (YAML reads it as a comment)")
			return true
		}
		return false
	}
	// A plain value ends at " #": the rest is a comment and stays.
	if c := plainCommentStart(v); c >= 0 {
		v = bytes.TrimRight(v[:c], " \t")
	}
	switch {
	case bytes.Contains(v, []byte(": ")) || bytes.Contains(v, []byte(":\t")) || v[len(v)-1] == ':':
		r.requote(e, "unquoted \": \" inside a value")
	case v[0] == '@' || v[0] == '`' || v[0] == '%' || bytes.HasPrefix(v, []byte("- ")) || bytes.HasPrefix(v, []byte("? ")):
		r.requote(e, fmt.Sprintf("unquoted value starts with %q", v[0]))
	default:
		return false
	}
	return true
}

func plainCommentStart(v []byte) int {
	for i := 1; i < len(v); i++ {
		if v[i] == '#' && (v[i-1] == ' ' || v[i-1] == '\t') {
			return i - 1
		}
	}
	return -1
}

// closingQuote returns the index of the quote that closes the quoted
// scalar opening v (v[0] is ' or "), or -1: a backslash escapes in double
// quotes, ” is a quote in single quotes.
func closingQuote(v []byte) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		if q == '"' && v[i] == '\\' {
			i++
			continue
		}
		if v[i] == q {
			if q == '\'' && i+1 < len(v) && v[i+1] == '\'' {
				i++
				continue
			}
			return i
		}
	}
	return -1
}

// quotedOK reports whether v is one well-formed quoted scalar, optionally
// followed by a comment.
func quotedOK(v []byte, q byte) bool {
	i := closingQuote(v)
	if i < 0 {
		return false
	}
	rest := bytes.TrimLeft(v[i+1:], " \t")
	return len(rest) == 0 || (rest[0] == '#' && len(rest) < len(v[i+1:]))
}

func escapeDouble(inner []byte) string {
	var sb strings.Builder
	for i := 0; i < len(inner); i++ {
		switch inner[i] {
		case '\\':
			sb.WriteByte('\\')
			if i+1 < len(inner) {
				i++
				sb.WriteByte(inner[i])
			} else {
				sb.WriteByte('\\')
			}
		case '"':
			sb.WriteString(`\"`)
		default:
			sb.WriteByte(inner[i])
		}
	}
	return sb.String()
}

// requote writes the whole value as one single-quoted scalar.
func (r *repairer) requote(e entry, why string) {
	v := string(bytes.TrimRight(r.line(e.line)[e.valStart:], " \t"))
	r.setValue(e, "'"+strings.ReplaceAll(v, "'", "''")+"'", why+" -> quoted")
}

func (r *repairer) setValue(e entry, value, why string) {
	l := r.line(e.line)
	nl := append(append([]byte{}, l[:e.valStart]...), value...)
	r.set(e.line, nl, edit.Change{Rule: RuleYAMLSyntax, Message: fmt.Sprintf("%s: %s", e.key, why)})
	r.markEdited(e.line, false)
}

type pair struct {
	key, val *yaml.Node
	e        *entry // nil when the key is not a plain top-level line
}

func (r *repairer) pairs(root *yaml.Node) []pair {
	ps := make([]pair, 0, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		p := pair{key: k, val: v}
		// The entries are in line order: find the one on the key's line.
		j := sort.Search(len(r.entries), func(j int) bool { return r.entries[j].line >= k.Line-1 })
		if j < len(r.entries) && r.entries[j].line == k.Line-1 && k.Column == 1 && r.entries[j].key == k.Value {
			p.e = &r.entries[j]
		}
		ps = append(ps, p)
	}
	return ps
}

// hasDuplicateKeys is dedupe's quick no: posts have a dozen keys, and a
// map for them would cost more than comparing them pairwise.
func hasDuplicateKeys(ps []pair) bool {
	if len(ps) > 64 {
		seen := make(map[string]bool, len(ps))
		for _, p := range ps {
			if seen[p.key.Value] {
				return true
			}
			seen[p.key.Value] = true
		}
		return false
	}
	for i := range ps {
		for j := 0; j < i; j++ {
			if ps[i].key.Value == ps[j].key.Value {
				return true
			}
		}
	}
	return false
}

func isDateKey(k string) bool { return dateKeyRank(k) < len(DateKeys) }

// dateKeyRank is k's place in DateKeys (strongest evidence first), or
// len(DateKeys) when k is no date key.
func dateKeyRank(k string) int {
	for i, d := range DateKeys {
		if len(d) == len(k) && strings.EqualFold(k, d) {
			return i
		}
	}
	return len(DateKeys)
}

func isCoreDateKey(k string) bool {
	for _, d := range coreDateKeys {
		if strings.EqualFold(k, d) {
			return true
		}
	}
	return false
}

// dateScalar reports whether a date key's scalar is one the date rules
// look at: a string or a YAML timestamp, or a null in a core key. A
// number (created: 1338394544) or a boolean (published: true) is
// someone's data in another type, and left alone.
func dateScalar(key string, n *yaml.Node) bool {
	switch n.Tag {
	case "!!str", "!!timestamp":
		return true
	case "!!null":
		return isCoreDateKey(key)
	}
	return false
}

// validValue says whether a duplicate's value is worth keeping.
func validValue(p pair) bool {
	if p.val.Kind != yaml.ScalarNode {
		return true
	}
	if p.val.Tag == "!!null" {
		return false
	}
	if isDateKey(p.key.Value) {
		_, ok := scalarDate(p.val)
		return ok
	}
	return strings.TrimSpace(p.val.Value) != ""
}

// dedupe removes all but one entry of each key given twice (js-yaml,
// which Hexo and gray-matter use, rejects duplicate keys): the first with
// a valid value is kept.
func (r *repairer) dedupe(ps []pair) []pair {
	if !hasDuplicateKeys(ps) {
		return ps
	}
	idx := map[string][]int{}
	for i, p := range ps {
		idx[p.key.Value] = append(idx[p.key.Value], i)
	}
	drop := map[int]bool{}
	for _, is := range idx {
		if len(is) < 2 {
			continue
		}
		keep := is[0]
		for _, i := range is {
			if validValue(ps[i]) {
				keep = i
				break
			}
		}
		for _, i := range is {
			if i == keep || ps[i].e == nil {
				continue
			}
			if a := r.usedAnchor(ps[i].val); a != "" {
				r.changes = append(r.changes, edit.Change{Rule: RuleYAMLSyntax, Offset: r.lines[ps[i].e.line].start, Note: true,
					Message: fmt.Sprintf("key %q given twice, but this one holds the anchor &%s, which an alias uses: left as it is", ps[i].key.Value, a)})
				continue
			}
			drop[i] = true
			e := ps[i].e
			r.remove(e.line, e.last, edit.Change{Rule: RuleYAMLSyntax,
				Message: fmt.Sprintf("key %q given twice: kept the one on line %d, removed this one", ps[i].key.Value, r.baseLine+ps[keep].key.Line-1)})
		}
	}
	if len(drop) == 0 {
		return ps
	}
	out := ps[:0:0]
	for i, p := range ps {
		if !drop[i] {
			out = append(out, p)
		}
	}
	return out
}

// scalarDate returns the date a scalar holds, if it is one.
func scalarDate(n *yaml.Node) (Date, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return Date{}, false
	}
	t, p, ok := ParseDate(n.Value)
	if !ok {
		return Date{}, false
	}
	return Date{Time: t, Precision: p}, true
}

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

func (r *repairer) evidence() Evidence {
	if r.ev == nil {
		ev := GatherEvidence(r.opt.Path, r.src[r.b.Body:], r.opt.now())
		r.ev = &ev
	}
	return *r.ev
}

func (r *repairer) fixDates(ps []pair) error {
	for _, p := range ps {
		if !isDateKey(p.key.Value) || p.e == nil || p.val.Kind != yaml.ScalarNode || !dateScalar(p.key.Value, p.val) {
			continue
		}
		e := *p.e
		raw := strings.TrimSpace(string(r.line(e.line)[scalarStart(r.line(e.line), e.valStart):]))
		val, verdict := Classify(p.val.Value)
		val.Quoted = p.val.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0
		if p.val.Tag == "!!null" {
			verdict = NotDate
		}
		note := func(msg string) {
			r.changes = append(r.changes, edit.Change{Rule: RuleInvalidDate, Offset: r.lines[e.line].start, Note: true,
				Message: fmt.Sprintf("%s: %s %s", p.key.Value, shown(raw), msg)})
		}
		if a := r.usedAnchor(p.val); a != "" {
			if verdict == NotDate || Misread(p.val.Value, val) != nil || r.opt.on(RuleNormalizeDates) && !isStandardDate(p.val.Value) {
				note(fmt.Sprintf("has the anchor &%s, which an alias uses: a repair would change the alias too, so it is left as it is", a))
			}
			continue
		}
		switch verdict {
		case IsDate:
			d := Date{Time: val.Time, Precision: val.Precision}
			if r.opt.on(RuleNormalizeDates) && e.last == e.line && !isStandardDate(p.val.Value) {
				d.Time = d.Time.UTC()
				r.writeDate(e, d, RuleNormalizeDates, p.key.Value+": "+strconv.Quote(raw)+" -> ", " (--normalize-dates)")
				continue
			}
			if !r.opt.on(RulePortableDate) {
				continue
			}
			if why := Misread(p.val.Value, val); len(why) > 0 {
				if e.last != e.line {
					note("is a date that some clients misread (" + strings.Join(why, "; ") + "), but it spans lines: left as it is")
					continue
				}
				r.writeValue(e, Portable(val), RulePortableDate,
					fmt.Sprintf("%s: %s -> %s (%s)", p.key.Value, shown(raw), Portable(val), strings.Join(why, "; ")))
			}
			continue
		case Ambiguous:
			if r.opt.on(RuleInvalidDate) {
				note("is ambiguous (day and month could be either way round): left as it is, never guessed")
			}
			continue
		case Unknown:
			if r.opt.on(RuleInvalidDate) {
				note("is not a date form mdclean knows, and may be one to some reader: left as it is")
			}
			continue
		}
		if !r.opt.on(RuleInvalidDate) {
			continue
		}
		if !isCoreDateKey(p.key.Value) && !hasDigit(p.val.Value) && !isPlaceholder(p.val.Value) {
			note("is not a date, but " + p.key.Value + " may hold other data in some generators: left as it is")
			continue
		}
		d, conflict, ok := r.bestDate(ps, p)
		if !ok {
			switch r.opt.UnknownDate {
			case UnknownKeep:
				r.changes = append(r.changes, edit.Change{Rule: RuleInvalidDate, Offset: r.lines[e.line].start, Note: true,
					Message: fmt.Sprintf("%s: %q is not a date and nothing in the document proves one; kept (--unknown-date=keep)", p.key.Value, raw)})
			case UnknownError:
				return &Error{Line: r.baseLine + e.line, Msg: fmt.Sprintf("%s: %q is not a date and nothing in the document proves one (--unknown-date=error)", p.key.Value, raw)}
			default:
				r.remove(e.line, e.last, edit.Change{Rule: RuleInvalidDate,
					Message: fmt.Sprintf("%s: %q is not a date and nothing in the document proves one: removed the key (a date is never invented)", p.key.Value, raw)})
			}
			continue
		}
		after := " (" + d.Source + ")"
		if conflict != "" {
			after += "; conflict: " + conflict
		}
		r.writeDate(e, d, RuleInvalidDate, p.key.Value+": "+strconv.Quote(raw)+" -> ", after)
		r.changes[len(r.changes)-1].Evidence = d.Source
	}
	return nil
}

// shown is a value as messages show it: in quotes, unless it has its own.
func shown(raw string) string {
	if raw != "" && (raw[0] == '"' || raw[0] == '\'') {
		return raw
	}
	return strconv.Quote(raw)
}

// writeValue replaces the value of the one-line entry e with v, inside the
// value's own quotes if it has them, and keeps a trailing comment.
func (r *repairer) writeValue(e entry, v, rule, msg string) {
	l := r.line(e.line)
	start, end := scalarStart(l, e.valStart), len(l)
	if start < len(l) && (l[start] == '\'' || l[start] == '"') {
		k := closingQuote(l[start:])
		if k < 0 {
			return // not one quoted scalar: Classify saw none either
		}
		start, end = start+1, start+k
	} else if c := plainCommentStart(l[start:]); c >= 0 {
		end = start + c
	}
	for end > start && (l[end-1] == ' ' || l[end-1] == '\t') {
		end--
	}
	nl := append(append(append([]byte{}, l[:start]...), v...), l[end:]...)
	r.set(e.line, nl, edit.Change{Rule: rule, Message: msg})
	r.markEdited(e.line, true)
}

// scalarStart returns where the scalar of the value at v of line l
// begins, past its properties: an anchor (&d) and a tag (!!str, !t,
// !<tag:x>), each followed by white space. It is len(l) when the line
// holds only properties (the value is on the next lines).
func scalarStart(l []byte, v int) int {
	for v < len(l) && (l[v] == '&' || l[v] == '!') {
		k := v
		for k < len(l) && l[k] != ' ' && l[k] != '\t' {
			k++
		}
		if k == len(l) {
			return len(l)
		}
		for k < len(l) && (l[k] == ' ' || l[k] == '\t') {
			k++
		}
		v = k
	}
	return v
}

// trailingComment returns the white space and comment after the
// one-line scalar s ("" if none).
func trailingComment(s []byte) []byte {
	var end int
	if len(s) > 0 && (s[0] == '\'' || s[0] == '"') {
		k := closingQuote(s)
		if k < 0 {
			return nil
		}
		end = k + 1
	} else if c := plainCommentStart(s); c >= 0 {
		end = c
	} else {
		return nil
	}
	rest := s[end:]
	t := bytes.TrimLeft(rest, " \t")
	if len(t) == 0 || t[0] != '#' || len(t) == len(rest) {
		return nil
	}
	return rest
}

// bestDate finds the strongest evidence for the date of key p: another
// valid date key of the same block, then the document's own evidence, then
// the caller's fallback.
func (r *repairer) bestDate(ps []pair, p pair) (Date, string, bool) {
	best, bestRank := Date{}, len(DateKeys)
	for _, q := range ps {
		if q.key == p.key {
			continue
		}
		rank := dateKeyRank(q.key.Value)
		if rank >= bestRank {
			continue
		}
		if d, ok := scalarDate(q.val); ok {
			d.Source = "the " + q.key.Value + " key of the same front matter"
			best, bestRank = d, rank
		}
	}
	if bestRank < len(DateKeys) {
		return best, "", true
	}
	if d, conflict, ok := r.evidence().Best(); ok {
		return d, conflict, true
	}
	if r.opt.Fallback != nil {
		return *r.opt.Fallback, "", true
	}
	return Date{}, "", false
}

// writeDate sets the value of entry e to date d; the change's message is
// msgBefore, the new value, msgAfter.
func (r *repairer) writeDate(e entry, d Date, rule, msgBefore, msgAfter string) {
	l := r.line(e.line)
	val := FormatDate(d, r.opt.DateFormat)
	// The value's anchor and tag (date: &d !!str Invalid Date) stay, and
	// so does a comment after it: an alias may use the anchor.
	start := scalarStart(l, e.valStart)
	// Build the line afresh: l may be a slice of the source, and an append
	// to it would overwrite the caller's document.
	nl := append([]byte{}, l[:start]...)
	if start == len(l) || (len(nl) > 0 && nl[len(nl)-1] != ' ' && nl[len(nl)-1] != '\t') {
		nl = append(bytes.TrimRight(nl, " \t"), ' ')
	}
	nl = append(nl, val...)
	nl = append(nl, trailingComment(l[start:])...)
	r.set(e.line, nl, edit.Change{Rule: rule, Message: msgBefore + val + msgAfter})
	r.markEdited(e.line, true)
	for i := e.line + 1; i <= e.last; i++ {
		r.logUndo(i)
		r.deleted[i] = true
	}
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
