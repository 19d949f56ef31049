package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/mdclean/mdclean/edit"
	"go.yaml.in/yaml/v3"
)

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

// fastParseOff turns the fast path off; set by tests only, to hold
// Repair with it to Repair without it (fastyaml_redteam2_test.go).
var fastParseOff bool

// errRefused is parse's error when the fast path knows that yaml.v3
// refuses the block, for a caller that needs no message.
var errRefused = errors.New("the block does not parse")

// parse parses the block as repaired so far. With quick, the caller
// needs only to know whether it parses, not yaml.v3's message when it
// does not: a block the fast path knows yaml.v3 refuses (fastParseBad)
// is not parsed again.
func (r *repairer) parse(quick bool) (*yaml.Node, error) {
	// The block as it came was checked to be UTF-8 (Repair); edited
	// lines are checked by fastParse.
	b := r.candidate()
	if !fastParseOff {
		n, ok, bad := fastParseBad(b, !r.changed(), r.ns)
		if ok {
			return n, nil // the tree yaml.v3 would build (fastyaml.go)
		}
		if bad && quick {
			return nil, errRefused
		}
	}
	var n yaml.Node
	err := yaml.Unmarshal(b, &n)
	return &n, err
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
	return errorAt(line, "front matter is not valid YAML and no repair applies: "+msg)
}

// lineParses reports whether one top-level line parses as YAML by itself.
func lineParses(l []byte) bool {
	if isBlankOrComment(l) || l[0] == ' ' || l[0] == '\t' {
		return true
	}
	var n yaml.Node
	return yaml.Unmarshal(l, &n) == nil
}

// lineIsMapping reports whether one line parses as a YAML mapping. The
// tree, which it does not keep, is made in ns when it is not nil (the
// repairer's).
func lineIsMapping(l []byte, ns *nodes) bool {
	if !fastParseOff {
		// fastParse answers only mappings; a plainKeyless line is one
		// plain scalar (or, with bytes fastBytes refuses, an error).
		if _, ok, _ := fastParseBad(l, false, ns); ok {
			return true
		}
		if fastBytes(l) && plainKeyless(l) {
			return false
		}
	}
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
	inBlock, parent, indent, tabbed := false, 0, 0, false
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
			case indent > 0 && !tabbed && l[sp] == '\t':
				// Less indented than the scalar's spaces, then a tab:
				// js-yaml ends the scalar there, spaces for the tab
				// would put the line into it (a red team finding).
				continue
			case l[sp] != '\t':
				inBlock = false // less indented: the scalar has ended
			}
		}
		if n == len(l) || bytes.IndexByte(l[:n], '\t') < 0 {
			if !inBlock && startsBlockScalar(l) {
				inBlock, parent, indent, tabbed = true, sp, 0, false
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
			indent, tabbed = width, true // the scalar's first line, indented with tabs
		case !inBlock && startsBlockScalar(nl):
			inBlock, parent, indent, tabbed = true, width, 0, false
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
		case ' ', '\t', '/', ':', '#':
			continue
		default:
			// A plain value (a CSDN exporter's categories:❶ Notes): only
			// between two complete entries, where the line cannot be a
			// multi-line value's continuation that merely holds a colon
			// (fixtures yaml-colon-no-space-plain and -continuation).
			if !r.entryAround(i) {
				continue
			}
		}
		if lineIsMapping(l, r.ns) {
			continue
		}
		fixed := append(append(append([]byte{}, l[:k+1]...), ' '), l[k+1:]...)
		if !lineIsMapping(fixed, r.ns) {
			continue
		}
		r.set(i, fixed, edit.Change{Rule: RuleYAMLSyntax,
			Message: fmt.Sprintf("%s: no space after the key's colon (YAML reads the line as one string with no key) -> space added", l[:k])})
	}
}

// entryAround reports whether line i sits between two complete top-level
// entries: the line before it (if any) a one-line mapping whose value does
// not go on below it, the line after it (if any) a mapping.
func (r *repairer) entryAround(i int) bool {
	if i > 0 {
		p := bytes.TrimRight(r.line(i-1), " \t")
		if len(p) == 0 || p[0] == ' ' || p[0] == '\t' || p[0] == '#' || p[len(p)-1] == ':' ||
			startsBlockScalar(p) || !lineIsMapping(p, r.ns) {
			return false
		}
	}
	if i+1 < len(r.lines) {
		n := r.line(i + 1)
		if len(n) == 0 || n[0] == ' ' || n[0] == '\t' || !lineIsMapping(n, r.ns) {
			return false
		}
	}
	return true
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
		if hashOnly {
			return false
		}
		if quotedOK(v, '"') {
			// Well closed, but a backslash before a character YAML has no
			// escape for (`\*` in an excerpt of Markdown) is refused by
			// every parser: escape that backslash, keeping the quotes as
			// delimiters (fixture yaml-unknown-escape).
			if closingQuote(v) != len(v)-1 || !unknownEscape(v[1:len(v)-1]) {
				return false
			}
			r.setValue(e, `"`+escapeDouble(v[1:len(v)-1])+`"`, "backslash before a character YAML has no escape for -> escaped")
			return true
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

// knownEscape returns the length of the YAML escape sequence at the start
// of b (b[0] is the byte after a backslash), or 0 when YAML has none
// there: the escapes of YAML 1.2, which js-yaml and yaml.v3 both read.
func knownEscape(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	n := 0
	switch b[0] {
	case '0', 'a', 'b', 't', '\t', 'n', 'v', 'f', 'r', 'e', ' ', '"', '/', '\\', 'N', '_', 'L', 'P':
		return 1
	case 'x':
		n = 2
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return 0
	}
	if len(b) < 1+n {
		return 0
	}
	for _, c := range b[1 : 1+n] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return 0
		}
	}
	return 1 + n
}

// unknownEscape reports whether the inside of a double-quoted scalar holds
// a backslash that starts no YAML escape.
func unknownEscape(inner []byte) bool {
	for i := 0; i < len(inner); i++ {
		if inner[i] == '\\' {
			k := knownEscape(inner[i+1:])
			if k == 0 {
				return true
			}
			i += k
		}
	}
	return false
}

// escapeDouble writes the inside of a double-quoted scalar with its inner
// quotes escaped and a backslash that starts no YAML escape doubled, so
// that the value reads as the text between the quotes.
func escapeDouble(inner []byte) string {
	var sb strings.Builder
	for i := 0; i < len(inner); i++ {
		switch inner[i] {
		case '\\':
			sb.WriteByte('\\')
			if knownEscape(inner[i+1:]) == 0 {
				sb.WriteByte('\\')
				continue
			}
			i++
			sb.WriteByte(inner[i])
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
	var ps []pair
	if n := len(root.Content) / 2; r.small != nil && n <= len(r.small.pairs) {
		ps = r.small.pairs[:0:n] // a small block's: at most a pair a line
	} else {
		ps = make([]pair, 0, n)
	}
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

// dedupe removes all but one entry of each key given twice (js-yaml,
// which Hexo and gray-matter use, rejects duplicate keys): the last with
// a valid value is kept, as Hugo and Jekyll read it.
func (r *repairer) dedupe(ps []pair) []pair {
	if !hasDuplicateKeys(ps) {
		return ps
	}
	idx := map[string][]int{}
	for i, p := range ps {
		idx[p.key.Value] = append(idx[p.key.Value], i)
	}
	drop := map[int]bool{}
	refused := map[int]string{}
	// Removing a duplicate may remove the alias that kept another's
	// anchor in use: then try again, to give the final result in one run
	// (a red team finding).
	for progress := true; progress; {
		progress = false
		// In the keys' order, not the map's: the changes come out in the
		// same order on every run (a red team finding, #25).
		for first, p := range ps {
			is := idx[p.key.Value]
			if len(is) < 2 || is[0] != first {
				continue
			}
			// The last with a valid value: Hugo and Ruby's YAML (Jekyll)
			// read a key given twice as its last (a red team finding:
			// keeping the first changed the title and date they show).
			keep := is[len(is)-1]
			for j := len(is) - 1; j >= 0; j-- {
				if validValue(ps[is[j]]) {
					keep = is[j]
					break
				}
			}
			for _, i := range is {
				if i == keep || ps[i].e == nil || drop[i] {
					continue
				}
				if a := r.usedAnchor(ps[i].val); a != "" {
					refused[i] = a
					continue
				}
				delete(refused, i)
				drop[i], progress = true, true
				e := ps[i].e
				r.remove(e.line, e.last, edit.Change{Rule: RuleYAMLSyntax,
					Message: fmt.Sprintf("key %q given twice: kept the one on line %d, removed this one", ps[i].key.Value, r.baseLine+ps[keep].key.Line-1)})
			}
		}
		if progress && len(r.aliased) > 0 {
			r.aliased = nil // the aliases the kept entries hold
			for i, p := range ps {
				if !drop[i] {
					for n := range aliasTargets(p.val) {
						if r.aliased == nil {
							r.aliased = map[*yaml.Node]bool{}
						}
						r.aliased[n] = true
					}
				}
			}
		}
		progress = progress && len(refused) > 0
	}
	for i := range ps {
		if a, ok := refused[i]; ok {
			r.changes = append(r.changes, edit.Change{Rule: RuleYAMLSyntax, Offset: r.lines[ps[i].e.line].start, Note: true,
				Message: fmt.Sprintf("key %q given twice, but this one holds the anchor &%s, which an alias uses: left as it is", ps[i].key.Value, a)})
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
