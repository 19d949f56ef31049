package frontmatter

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/mdclean/mdclean/edit"
)

// Repair returns the edits that repair the front matter block b of src,
// and a Change for each. Edits are line-targeted: bytes of lines no rule
// touches are never rewritten. A block it cannot repair is an *Error.
func Repair(src []byte, b Block, opt Options) ([]edit.Edit, []edit.Change, error) {
	var edits []edit.Edit
	var changes []edit.Change
	if !b.Found {
		return nil, nil, nil
	}
	if !utf8.Valid(src[b.Start:b.End]) {
		// YAML is UTF-8 (or UTF-16 with a BOM, which yaml.v3 then
		// expects throughout): a repair of bytes that are neither could
		// not be checked. The CLI refuses such files before this; a
		// library caller gets them back as they are (a fuzz finding).
		return nil, []edit.Change{{Rule: RuleYAMLSyntax, Offset: b.Start, Note: true,
			Message: "front matter is not UTF-8: left as it is"}}, nil
	}
	if i := templateAt(src[b.Start:b.End]); i >= 0 {
		// A Hugo archetype or a Hexo scaffold: its values are Go or
		// Nunjucks templates (title: "{{ replace .Name "-" " " | title }}",
		// date: {{ .Date }}), not broken YAML or dates. Escaping a quote
		// or removing the date breaks "hugo new"; leave it all alone.
		return nil, []edit.Change{{Rule: RuleYAMLSyntax, Offset: b.Start + i, Note: true,
			Message: "front matter holds template syntax ({{ … }} or {% … %}): a template (Hugo archetype, Hexo scaffold) is left as it is"}}, nil
	}
	if budget := memoryBudget(len(src)); b.Format != FormatJSON && parseCostMax(b.End-b.Start) > budget {
		if need := parseCost(src[b.Start:b.End]); need > budget {
			return nil, nil, errorAt(lineNumber(src, b.Open), fmt.Sprintf(
				"front matter too large to repair within the memory bound: %d KB of values and lines would take about %d MB to parse and repair, more than 4x the input plus %d MB; nothing written",
				(b.End-b.Start)>>10, need>>20, memoryConstant>>20))
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
	if i := loneCR(src[b.Start:b.End]); i >= 0 {
		// A lone CR is a line break to YAML but not to the clients that
		// find the block, so a line edit could move the closing "---" off
		// its line (found by FuzzRepair). Unsure, leave the block alone.
		changes = append(changes, edit.Change{Rule: RuleYAMLSyntax, Offset: b.Start + i, Note: true,
			Message: "front matter holds a lone CR (not CRLF): left as it is"})
		return edits, changes, nil
	}
	r := newRepairer(src, b, opt)
	defer r.release()
	err := r.run()
	if i := yamlBreak(src[b.Start:b.End]); i >= 0 {
		// yaml.v3 counts U+0085, U+2028 and U+2029 as line breaks, the
		// repairs' line table does not: a node's line would name another
		// line (a red team finding: a duplicate left for a second run,
		// a !binary rewrite reported on the wrong key). Leave it alone,
		// and say so only where a repair was asked for: a block that
		// needs none (a title holding U+2028) is no news.
		if err == nil && b.Open == b.Lead {
			if e, c := r.result(); len(e) == 0 && len(c) == 0 {
				return edits, changes, nil
			}
		}
		changes = append(changes, edit.Change{Rule: RuleYAMLSyntax, Offset: b.Start + i, Note: true,
			Message: "front matter holds U+0085, U+2028 or U+2029 (a line break to YAML 1.1 readers, not to js-yaml): left as it is"})
		return edits, changes, nil
	}
	if err != nil {
		return nil, nil, err
	}
	e, c := r.result()
	if blankOnly(src, b, e) {
		// Unsure, leave the block alone: every change becomes a note.
		for i := range c {
			c[i].Note = true
			c[i].Message += " (left: the block would be empty, and hexo-front-matter would read the body up to its \"---\" line as YAML)"
		}
		e = nil
	}
	if b.Open > b.Lead && !opt.on(RuleLeadingBlank) {
		e, c = keyFirst(src, b, e, c)
	}
	if b.Open > b.Lead && opt.on(RuleLeadingBlank) {
		// Behind a blank line gray-matter reads no front matter, and a
		// site builds; without it, gray-matter reads the block, and a
		// block it cannot read fails the build (a red team finding).
		// r's trees are no longer read (its result is taken): its node
		// memory may hold the check's.
		if why := unreadable(src, b, e, r.ns, r.trusted); why != "" {
			changes = append(changes, edit.Change{Rule: RuleLeadingBlank, Offset: b.Lead, Note: true,
				Message: "blank lines before the opening \"---\" left: " + why})
			e, c = keyFirst(src, b, e, c)
		} else {
			edits = append(edits, edit.Edit{Start: b.Lead, End: b.Open})
			changes = append(changes, edit.Change{Rule: RuleLeadingBlank, Offset: b.Lead,
				Message: "removed " + strconv.Itoa(b.Open-b.Lead) + " bytes of blank lines and whitespace before the opening \"---\" (gray-matter finds no front matter after a blank line)",
				Before:  string(src[b.Lead:b.Open])})
		}
	}
	if len(edits) == 0 && len(changes) == 0 && len(e) > 0 && len(c) > 0 {
		return e, c, nil // not copied: most blocks have no leading blank
	}
	return append(edits, e...), append(changes, c...), nil
}

// yamlBreak returns the offset of the first U+0085, U+2028 or U+2029 in
// b, or -1.
func yamlBreak(b []byte) int {
	for i := 0; i+1 < len(b); i++ {
		switch {
		case b[i] == 0xC2 && b[i+1] == 0x85:
			return i
		case b[i] == 0xE2 && i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9):
			return i
		}
	}
	return -1
}

// unreadable says why gray-matter and hexo-front-matter could not read
// block b of src once edits are applied, "" if they could: a block closed
// by "..." (they close at "---" only), or one yaml.v3 refuses, or reads
// with a key given twice (which js-yaml refuses), after the repairs.
func unreadable(src []byte, b Block, edits []edit.Edit, ns *nodes, trusted bool) string {
	if bytes.HasPrefix(src[b.End:], []byte("...")) {
		return "the block ends at \"...\", which gray-matter and hexo-front-matter do not take for its end"
	}
	if open := bytes.TrimRight(src[b.Open:b.Start], "\r\n"); string(open) != "---" {
		// Behind a blank line hexo-front-matter reads the block as one
		// with no opening line; at the top, "--- " is no opening to it.
		return "the opening line is not \"---\" alone, which hexo-front-matter then does not read"
	}
	out, inBlock, err := blockAfter(src, b, edits)
	if err != nil {
		return "internal error: " + err.Error()
	}
	for _, l := range bytes.Split(out, []byte("\n")) {
		l = bytes.TrimRight(l, "\r")
		if len(l) == 0 || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || l[0] == '-' {
			continue
		}
		if i := bytes.IndexByte(l, ':'); i < 0 || i+1 < len(l) && l[i+1] != ' ' && l[i+1] != '\t' {
			// "b]" of "tags: [a,\nb]": hexo-front-matter's YAML wants a
			// value's continuation indented, unless a "---" line opens
			// the document, as it does behind a blank line.
			return "a value continues at column 0, which hexo-front-matter refuses"
		}
	}
	if trusted {
		return "" // parses, decodes, no local tag (repairer.trusted)
	}
	// The fast parser's tree is yaml.v3's wherever it answers (and bad
	// is yaml.v3's refusal): a parse by yaml.v3 costs ~200k instructions,
	// and nearly every block behind blank lines is asked.
	// Without edits in it the block is as Repair checked it: UTF-8.
	n, ok, bad := fastParseBad(out, inBlock == 0, ns)
	if !ok && !bad {
		n = new(yaml.Node)
		bad = yaml.Unmarshal(out, n) != nil
	}
	if bad {
		return "the block does not parse after the repairs"
	}
	if m := map[string]any(nil); !plainDecodes(n) && n.Decode(&m) != nil {
		return "the block does not parse after the repairs"
	}
	if localTag(n) {
		return "the block holds a local tag (!name), which js-yaml refuses"
	}
	return ""
}

// blockAfter is block b's text once those of edits that lie in it are
// applied, and how many do.
func blockAfter(src []byte, b Block, edits []edit.Edit) (out []byte, inBlock int, err error) {
	var in []edit.Edit
	for _, e := range edits {
		if e.Start >= b.Start && e.End <= b.End {
			in = append(in, edit.Edit{Start: e.Start - b.Start, End: e.End - b.Start, New: e.New})
		}
	}
	out, err = edit.Apply(src[b.Start:b.End], in)
	return out, len(in), err
}

// keyFirst keeps a block behind blank lines a block: Split takes "---"
// after blank lines for front matter only when a key line follows it, so
// repairs that remove or change the first line into another (dedupe
// keeping a later entry, "? key") would turn the block into body on the
// next run (a red team finding). Then the repairs are left, as notes.
func keyFirst(src []byte, b Block, e []edit.Edit, c []edit.Change) ([]edit.Edit, []edit.Change) {
	if len(e) == 0 {
		return e, c
	}
	out, _, err := blockAfter(src, b, e)
	if err == nil {
		first, _, _ := lineAt(out, 0)
		if looksLikeKey(first) {
			return e, c
		}
	}
	for i := range c {
		c[i].Note = true
		c[i].Message += " (left: behind blank lines, the block must begin with a key line to stay front matter)"
	}
	return nil, c
}

// localTag reports whether a node of n's tree has a local tag ("!name",
// not "!!name" nor the non-specific "!").
// plainDecodes reports whether tree n, as yaml.v3 parsed it, decodes
// into a map[string]any without an error, by its shape alone: a mapping
// (or nothing) at the root, no explicit tag (a tag's value may not
// resolve: "!!int x", bad "!!binary"), no anchor or alias (a recursive
// one fails), every mapping's keys scalars (a sequence key cannot key a
// Go map), none of them a merge key ("<<" wants a mapping) nor given
// twice (yaml.v3 compares their kind and value). Implicit scalars always
// resolve. Decoding costs about what parsing does; most front matter is
// of this shape. TestPlainDecodes holds it to Decode.
func plainDecodes(n *yaml.Node) bool {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return true
		}
		if len(n.Content) != 1 || n.Content[0].Kind != yaml.MappingNode {
			return false
		}
		return plainNode(n.Content[0])
	}
	return false
}

func plainNode(n *yaml.Node) bool {
	if n.Style&yaml.TaggedStyle != 0 || n.Anchor != "" || n.Kind == yaml.AliasNode {
		return false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return true
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if !plainNode(c) {
				return false
			}
		}
		return true
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" || k.Value == "<<" || !plainNode(k) || !plainNode(n.Content[i+1]) {
				return false
			}
			for j := 0; j < i; j += 2 {
				if n.Content[j].Value == k.Value {
					return false // given twice
				}
			}
		}
		return len(n.Content)%2 == 0
	}
	return false
}

func localTag(n *yaml.Node) bool {
	if len(n.Tag) > 1 && n.Tag[0] == '!' && n.Tag[1] != '!' {
		return true
	}
	for _, c := range n.Content {
		if localTag(c) {
			return true
		}
	}
	return false
}

// blankOnly reports whether the edits within block b of src leave it
// empty or holding only blank lines while a line of the body starts with
// "---" (a thematic break): hexo-front-matter then takes that line for
// the block's end, and reads the body as YAML.
func blankOnly(src []byte, b Block, edits []edit.Edit) bool {
	if len(edits) == 0 || blank(src[b.Start:b.End]) {
		return false
	}
	removed := 0
	for _, e := range edits {
		if e.Start >= b.Start && e.End <= b.End {
			if !blank(e.New) {
				return false // its new bytes stay in the block
			}
			removed += e.End - e.Start
		}
	}
	if removed < b.End-b.Start-blankBytes(src[b.Start:b.End]) {
		return false // some byte that is no white space stays
	}
	if body := src[b.Body:]; !bytes.HasPrefix(body, []byte("---")) && !bytes.Contains(body, []byte("\n---")) {
		return false // no line of the body starts with "---": read as empty
	}
	out, _, err := blockAfter(src, b, edits)
	return err == nil && blank(out)
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

// parseCostMax bounds parseCost by the block's length n alone: a byte
// adds at most two nodes (a ',' in a flow mapping) or a node and a line
// (a newline). Below the memory bound (blocks under ~100 KB) the block
// is not read byte by byte.
func parseCostMax(n int) int { return (2+2*n)*costPerNode + n*costPerChange }

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

func (r *repairer) run() error {
	// With the rule on, the errors of the first two parses are only
	// signs to repair: their messages are never shown.
	node, err := r.parse(r.opt.on(RuleYAMLSyntax))
	// The block as it came, parsed: behind blank lines, whether its tree
	// decodes for sure and holds no local tag (see trusted).
	plain0 := err == nil && r.b.Open > r.b.Lead && plainDecodes(node) && !localTag(node)
	if err != nil && r.opt.on(RuleYAMLSyntax) {
		r.fixTabs()
		r.fixColonSpace()
		r.indexEntries()
		for _, e := range r.entries {
			if e.last == e.line {
				r.fixScalar(e, false)
			}
		}
		node, err = r.parse(true)
		if err != nil {
			// Last resort, line by line: a single-line entry that does not
			// parse on its own is re-quoted as a plain string.
			for _, e := range r.entries {
				if e.last == e.line && r.text[e.line] == nil && !lineParses(r.line(e.line)) && !isFlow(r.line(e.line)[e.valStart:]) {
					r.requote(e, "the value does not parse as YAML")
				}
			}
			node, err = r.parse(false)
		}
	}
	if err == nil && r.changed() && r.undoValueChanges() {
		node, err = r.parse(false)
	}
	if err == nil && r.opt.on(RuleYAMLSyntax) && bytes.Contains(r.src[r.b.Start:r.b.End], []byte("!binary")) {
		before, parsed, ents := r.save(), node, append([]entry(nil), r.entries...)
		if r.fixBinary(node) {
			if node, err = r.parse(false); err != nil {
				r.restore(before) // the block parsed before: keep it as it was
				copy(r.entries, ents)
				node, err = parsed, nil
			}
		}
	}
	if err != nil {
		return r.yamlError(err)
	}
	post := r.save()
	if r.opt.on(RuleYAMLSyntax) {
		saved := r.save()
		fixed := r.fixContinuations(node)
		fixed = r.fixNestedContinuations(node, 0) || fixed
		for _, e := range r.entries {
			if e.last == e.line && r.text[e.line] == nil && isTextKey(e.key) {
				fixed = r.fixScalar(e, true) || fixed
			}
		}
		if fixed {
			// The block parsed before these repairs: if it does not now,
			// undo them rather than fail.
			if _, err := r.parse(true); err != nil {
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
	datesOnly := len(r.undo) == post.undo || r.dateLinesOnly(post)
	if !datesOnly {
		if why := r.verify(); why != "" {
			r.restore(post)
			r.changes = append(r.changes, edit.Change{Rule: RuleYAMLSyntax, Offset: r.lines[0].start, Note: true,
				Message: "repairs checked with the YAML parser: " + why + ": left as it is"})
		}
	}
	// The block parsed as it came, into a tree that decodes and holds no
	// local tag, and nothing but whole one-line date entries changed
	// (dateLinesOnly: one entry a line before and after, a plain or
	// quoted date): the block as repaired parses into a tree of that
	// shape too, and unreadable need not parse it again.
	r.trusted = plain0 && post.undo == 0 && (datesOnly || len(r.undo) == 0)
	return nil
}
