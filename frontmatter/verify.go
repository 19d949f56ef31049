package frontmatter

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Every repair of a parsed YAML block is checked with the YAML parser
// before it is accepted: the repaired block must parse, to the same keys
// in the same order (less the entries removed on purpose), with the same
// values, aliases resolved, except the values a rule rewrote; a rewritten
// value keeps its anchor, its tag and its comment. A repair that fails
// the check is undone, and the block is left as it was with a note
// (testdata: verify_test.go).

// digester sums YAML values: two nodes with the same sum hold the same
// data (kind, resolved tag, text, children, aliases resolved). Anchored
// nodes are summed once, so a chain of aliases costs what its text does.
type digester struct {
	memo map[*yaml.Node]uint64
	busy map[*yaml.Node]bool
}

func (d *digester) sum(n *yaml.Node) uint64 {
	if n == nil {
		return 0
	}
	if n.Kind == yaml.AliasNode {
		return d.sum(n.Alias)
	}
	if n.Anchor != "" {
		if v, ok := d.memo[n]; ok {
			return v
		}
		if d.busy[n] {
			return 1 // an alias inside its own anchor
		}
		if d.memo == nil {
			d.memo, d.busy = map[*yaml.Node]uint64{}, map[*yaml.Node]bool{}
		}
		d.busy[n] = true
	}
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n.Kind))
	h.Write(b[:])
	h.Write([]byte(n.ShortTag()))
	h.Write([]byte{0})
	if n.Kind == yaml.ScalarNode {
		h.Write([]byte(n.Value))
	}
	for _, c := range n.Content {
		binary.LittleEndian.PutUint64(b[:], d.sum(c))
		h.Write(b[:])
	}
	v := h.Sum64()
	if n.Anchor != "" {
		d.memo[n] = v
		delete(d.busy, n)
	}
	return v
}

// aliasTargets returns the nodes that an alias of the tree under n uses,
// or nil when there is no alias.
func aliasTargets(n *yaml.Node) map[*yaml.Node]bool {
	var out map[*yaml.Node]bool
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			if out == nil {
				out = map[*yaml.Node]bool{}
			}
			out[n.Alias] = true
		}
		stack = append(stack, n.Content...)
	}
	return out
}

// usedAnchor returns the anchor in the tree under n that an alias uses
// ("" if none).
func (r *repairer) usedAnchor(n *yaml.Node) string {
	if len(r.aliased) == 0 {
		return ""
	}
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if r.aliased[n] {
			return n.Anchor
		}
		stack = append(stack, n.Content...)
	}
	return ""
}

// explicitTag is the tag written in the source (!!str), or "".
func explicitTag(n *yaml.Node) string {
	if n.Style&yaml.TaggedStyle != 0 {
		return n.Tag
	}
	return ""
}

// expected is what a top-level pair must parse to after the repairs.
type expected struct {
	name     string
	key, val uint64
	// edited: the value was rewritten, so only its anchor, tag and
	// (keepComment) comment are compared.
	edited      bool
	keepComment bool
	anchor, tag string
	comment     string
}

// verify re-parses the repaired block and compares it with the block as
// it parsed before the repairs (r.pairs0). It returns why the repairs cannot
// be accepted, or "".
func (r *repairer) verify() string {
	ps := r.pairs0
	r.pairs0 = nil // the old tree may go before the new one is built
	var d digester
	want := make([]expected, 0, len(ps))
	for _, p := range ps {
		if p.e != nil && r.deleted[p.e.line] {
			continue // removed on purpose
		}
		w := expected{name: p.key.Value, key: d.sum(p.key)}
		if keep, ok := r.edited[p.key.Line-1]; ok && p.e != nil {
			w.edited, w.keepComment = true, keep
			w.anchor, w.tag, w.comment = p.val.Anchor, explicitTag(p.val), p.val.LineComment
		} else {
			w.val = d.sum(p.val)
		}
		want = append(want, w)
	}
	ps = nil
	d = digester{}
	n, err := r.parse(false)
	if err != nil {
		return "the repaired block would not parse (" + strings.TrimPrefix(err.Error(), "yaml: ") + ")"
	}
	root := mappingRoot(n)
	if root == nil && len(want) == 0 && emptyDocument(n) {
		// Every key was removed on purpose (a lone "date: Invalid Date"):
		// an empty block is empty front matter to every client.
		return ""
	}
	if root == nil {
		return "the repaired block would not be a mapping"
	}
	if len(root.Content)/2 != len(want) {
		return fmt.Sprintf("the repaired block would hold %d keys, not %d", len(root.Content)/2, len(want))
	}
	for i, w := range want {
		k, v := root.Content[2*i], root.Content[2*i+1]
		switch {
		case d.sum(k) != w.key:
			return fmt.Sprintf("key %q would change", w.name)
		case !w.edited && d.sum(v) != w.val:
			return fmt.Sprintf("the value of %q would change", w.name)
		case w.edited && v.Anchor != w.anchor:
			return fmt.Sprintf("%s would lose its anchor &%s", w.name, w.anchor)
		case w.edited && explicitTag(v) != w.tag:
			return fmt.Sprintf("%s would lose its tag %s", w.name, w.tag)
		case w.edited && w.keepComment && v.LineComment != w.comment:
			return fmt.Sprintf("%s would lose its comment", w.name)
		}
	}
	return ""
}

// emptyDocument reports whether a parsed block holds nothing (or only
// comments, or an explicit null).
func emptyDocument(n *yaml.Node) bool {
	if n == nil || n.Kind == 0 {
		return true
	}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return true
		}
		n = n.Content[0]
	}
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// dateValueLine reports whether l is a top-level line whose value is a
// date written as a plain or quoted scalar, with an optional comment:
// what the date rules write ("date: 2021-07-19T10:00:00+08:00",
// "updated: '2021-07-19'"). It reads l as the regexp
//
//	^[^\s:#'"][^:#]*:[ \t]+(?:D|'D'|"D")(?:[ \t]+#.*)?$
//	D = [0-9][0-9A-Za-z:+. -]*[0-9Z]
//
// would, byte by byte (the regexp was a tenth of a repaired post's
// front matter work); TestDateValueLine holds it to the regexp.
func dateValueLine(l []byte) bool {
	if len(l) == 0 {
		return false
	}
	switch l[0] {
	case ' ', '\t', '\n', '\f', '\r', ':', '#', '\'', '"':
		return false
	}
	// The key runs to the first colon, with no '#' before it.
	c := bytes.IndexAny(l, ":#")
	if c < 0 || l[c] != ':' {
		return false
	}
	i := c + 1
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	if i == c+1 || i == len(l) {
		return false
	}
	// D holds no '#', no quote and no tab: the value ends before the
	// first '#' (a comment's), or at the closing quote.
	rest := l[i:]
	var v, after []byte
	if q := rest[0]; q == '\'' || q == '"' {
		k := bytes.IndexByte(rest[1:], q)
		if k < 0 {
			return false
		}
		v, after = rest[1:1+k], rest[2+k:]
	} else {
		h := bytes.IndexByte(rest, '#')
		if h < 0 {
			h = len(rest)
		}
		e := h
		for e > 0 && (rest[e-1] == ' ' || rest[e-1] == '\t') {
			e--
		}
		v, after = rest[:e], rest[e:]
	}
	if len(after) > 0 {
		// [ \t]+#.* to the end: at least one blank, then '#', and no
		// newline after it (. does not match one).
		j := 0
		for j < len(after) && (after[j] == ' ' || after[j] == '\t') {
			j++
		}
		if j == 0 || j == len(after) || after[j] != '#' || bytes.IndexByte(after[j:], '\n') >= 0 {
			return false
		}
	}
	if len(v) < 2 || !isDigit(v[0]) || !isDigit(v[len(v)-1]) && v[len(v)-1] != 'Z' {
		return false
	}
	for _, c := range v {
		if !isDigit(c) && !isLetter(c) && c != ':' && c != '+' && c != '.' && c != ' ' && c != '-' {
			return false
		}
	}
	return true
}

// dateLinesOnly reports whether every repair since s is a date rule's
// rewrite or removal of a whole one-line entry: a top-level key whose
// value is a one-line scalar without anchor, tag or alias in the block,
// which no following line continues, rewritten to a plain or quoted date.
// Such a line holds one entry before and after, and no other entry can
// change: the verifying re-parse (a quarter of a damaged post's time) is
// not needed. Anything else is verified.
func (r *repairer) dateLinesOnly(s snapshot) bool {
	if len(r.aliased) > 0 || r.b.Format != FormatYAML {
		return false
	}
	for _, c := range r.changes[s.changes:] {
		if c.Rule != RuleInvalidDate && c.Rule != RulePortableDate && c.Rule != RuleNormalizeDates {
			return false
		}
	}
	left := 0
	for _, p := range r.pairs0 {
		if p.e == nil || !r.deleted[p.e.line] {
			left++
		}
	}
	if left == 0 {
		return false // an emptied block: what it becomes is for verify to say
	}
	for _, u := range r.undo[s.undo:] {
		i := u.line
		var p *pair
		for k := range r.pairs0 {
			if r.pairs0[k].e != nil && r.pairs0[k].e.line == i {
				p = &r.pairs0[k]
				break
			}
		}
		if p == nil || p.val.Kind != yaml.ScalarNode || p.val.Line != p.key.Line || p.val.Anchor != "" ||
			explicitTag(p.val) != "" || p.val.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 || r.continued(i) {
			return false
		}
		if !r.deleted[i] && !dateValueLine(r.text[i]) {
			return false
		}
	}
	return true
}

// continued reports whether the next line that is not blank after line i
// is indented: a continuation of a plain scalar on line i (or a nested
// value).
func (r *repairer) continued(i int) bool {
	for j := i + 1; j < len(r.lines); j++ {
		l := r.src[r.lines[j].start:r.lines[j].end]
		if len(strings.TrimSpace(string(l))) == 0 {
			continue
		}
		return l[0] == ' ' || l[0] == '\t'
	}
	return false
}
