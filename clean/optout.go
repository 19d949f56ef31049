package clean

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"

	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/frontmatter"
)

// A post opts out of cleaning in the post itself, as prettier
// (<!-- prettier-ignore -->), ruff (# noqa) and markdownlint
// (<!-- markdownlint-disable-next-line -->) let it:
//
//	<!-- mdclean-disable [rule-id …] -->   no body rule (or only those) edits
//	<!-- mdclean-enable [rule-id …] -->    what follows, up to the enable
//	                                        (or the end of the body)
//	<!-- mdclean-disable-next-block [rule-id …] -->
//	                                        the next block: up to the next blank
//	                                        line in Markdown, the next element
//	                                        in HTML
//	mdclean: false                          in the front matter: the whole post
//	mdclean: {disable: [rule-id, …]}        in the front matter: those rules
//
// The comments are HTML comments outside code (Markdown code, template
// code, <pre> and <code>): a comment shown as code is not a directive.
// The directives become protected ranges of the body, per rule, and the
// body runner drops every edit of a rule that touches one of its ranges
// (bodyCleaner.add), with a note; the comments themselves are protected
// from every rule, so no removal takes them or swallows a region. The
// golden cases optout-*.txtar show each form.

// The directive names.
const (
	dirDisable   = "mdclean-disable"
	dirEnable    = "mdclean-enable"
	dirNextBlock = "mdclean-disable-next-block"
)

// ruleOptOut is the id of the notes about opting out (not a rule: it
// names the mechanism, as "body" names the body runner).
const ruleOptOut = "opt-out"

// optRange is a protected range of the body, [start, end), and the kind
// of directive that made it (an index of byNames).
type optRange struct {
	start, end int
	by         uint8
}

// byNames are how -v names the directive that left an edit out.
var byNames = [...]string{"an mdclean comment", "<!-- " + dirDisable + " -->", "<!-- " + dirEnable + " -->", "<!-- " + dirNextBlock + " -->"}

const (
	byComment uint8 = iota
	byDisable
	byEnable
	byNextBlock
)

// optOut is what a body's directives protect: all, from every body
// rule; rule, from the rules named. Each list is sorted, without
// overlaps, once scanOptOut returns it.
type optOut struct {
	all  []optRange
	rule map[string][]optRange
}

// blocks returns the directive that protects [start, end) of the body
// from rule, "" when none does. An edit touches a range when it overlaps
// it, or inserts strictly inside it.
func (o *optOut) blocks(rule string, start, end int) string {
	for _, rs := range [2][]optRange{o.all, o.rule[rule]} {
		i := sort.Search(len(rs), func(i int) bool { return rs[i].end > start })
		if i < len(rs) && (rs[i].start < end || start == end && rs[i].start < start) {
			return byNames[rs[i].by]
		}
	}
	return ""
}

// protect adds [start, end) to the ranges of the rules ids (nil: all).
func (o *optOut) protect(ids []string, start, end int, by uint8) {
	r := optRange{start, end, by}
	if ids == nil {
		o.all = append(o.all, r)
		return
	}
	if o.rule == nil {
		o.rule = map[string][]optRange{}
	}
	for _, id := range ids {
		o.rule[id] = append(o.rule[id], r)
	}
}

// maxOptNotes bounds the notes on unreadable directives of one body: a
// body of a hundred thousand misspelt comments says so once, not a
// hundred thousand times.
const maxOptNotes = 50

// allRules is the key, in scanOptOut's open regions, of a region that
// every body rule leaves alone.
const allRules = ""

// scanOptOut finds the directives of the tokenized body d and returns the
// ranges they protect (nil when it has none) and notes on directives it
// could not read (unknown rule ids, misspelt names), with document offsets
// (base is the body's offset in the document). It is one pass over the
// tokens, and keeps no more than a range or two per directive: a body of
// nothing but directives stays within the memory bound.
func scanOptOut(d *doc, base int) (*optOut, []edit.Change) {
	if !mayHaveDirective(d) {
		return nil, nil
	}
	return scanOptOutAll(d, base)
}

// mayHaveDirective reports whether a comment token of d holds
// "mdclean-": scanOptOutAll reads nothing but the comments that do (a
// directive, or a misspelt one it notes), and finds nothing in a body
// that has none. A look at each token's kind costs less than searching
// the whole body for "mdclean-", whose first byte is common in text
// (TestMayHaveDirective holds the gate to scanOptOutAll).
func mayHaveDirective(d *doc) bool {
	for i := range d.toks {
		if t := &d.toks[i]; t.kind == html.CommentToken && bytes.Contains(d.src[t.start:t.end], []byte("mdclean-")) {
			return true
		}
	}
	return false
}

// scanOptOutAll is scanOptOut without its gate.
func scanOptOutAll(d *doc, base int) (*optOut, []edit.Change) {
	var notes []edit.Change
	note := func(off int, msg string) {
		switch {
		case len(notes) < maxOptNotes:
			notes = append(notes, edit.Change{Rule: ruleOptOut, Offset: base + off, Note: true, Message: msg})
		case len(notes) == maxOptNotes:
			notes = append(notes, edit.Change{Rule: ruleOptOut, Offset: base + off, Note: true,
				Message: fmt.Sprintf("more than %d mdclean comments could not be read: the notes stop here", maxOptNotes)})
		}
	}
	o := &optOut{}
	found := false
	// open holds the start of each open region, by rule (allRules: a
	// region every body rule leaves alone).
	open := map[string]int{}
	closeRegion := func(id string, end int) {
		if start, ok := open[id]; ok {
			if id == allRules {
				o.protect(nil, start, end, byDisable)
			} else {
				o.protect([]string{id}, start, end, byDisable)
			}
			delete(open, id)
		}
	}
	var nb nextBlank
	var ids []string
	codeUntil := 0 // the furthest end of a <pre>, <code>… element begun so far
	for i, t := range d.toks {
		if t.kind == html.StartTagToken && t.elem >= 0 && codeTags(t.tag) {
			if e := &d.elems[t.elem]; e.closeStart < 0 {
				codeUntil = len(d.src) // never closed: code to the end
			} else {
				codeUntil = max(codeUntil, e.closeStart)
			}
		}
		if t.kind != html.CommentToken {
			continue // a comment in Markdown or template code was masked: text
		}
		raw := d.src[t.start:t.end]
		if !bytes.Contains(raw, []byte("mdclean-")) || t.start < codeUntil {
			continue // a comment shown in <pre> or <code> is not a directive
		}
		inner := bytes.TrimPrefix(raw, []byte("<!--"))
		inner = bytes.TrimSuffix(bytes.TrimSuffix(inner, []byte("-->")), []byte("--!>"))
		fields := bytes.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
		if len(fields) == 0 || !bytes.HasPrefix(fields[0], []byte("mdclean-")) {
			continue
		}
		found = true
		name := string(fields[0])
		var by uint8
		switch name {
		case dirDisable:
			by = byDisable
		case dirEnable:
			by = byEnable
		case dirNextBlock:
			by = byNextBlock
		default:
			msg := fmt.Sprintf("unknown directive %q: left as a comment", name)
			near := Nearest(name, []string{dirDisable, dirEnable, dirNextBlock})
			if strings.HasPrefix(name, dirDisable+"-") {
				near = dirNextBlock // markdownlint's -next-line, -line
			}
			if near != "" {
				msg = fmt.Sprintf("unknown directive %q: did you mean %s? (left as a comment)", name, near)
			}
			note(t.start, msg)
			o.protect(nil, t.start, t.end, byComment) // still a comment no rule may take
			continue
		}
		// No rule takes a directive, whatever it says.
		o.protect(nil, t.start, t.end, by)
		ids = ids[:0]
		for _, f := range fields[1:] {
			id := string(f)
			switch {
			case slices.Contains(bodyRuleIDs, id):
				ids = append(ids, id)
			case slices.Contains(ruleIDList(), id):
				note(t.start, fmt.Sprintf("%s is a front matter rule: <!-- %s --> cannot switch it off (the front matter's mdclean: {disable: [%s]} can)", id, name, id))
			default:
				msg := fmt.Sprintf("unknown rule %q in <!-- %s -->", id, name)
				if near := Nearest(id, ruleIDList()); near != "" {
					msg += ": did you mean " + near + "?"
				}
				note(t.start, msg)
			}
		}
		all := len(fields) == 1
		if len(fields) > 1 && len(ids) == 0 {
			// It names no body rule (a typo, a front matter rule): the
			// user meant to switch something off. Unsure which, every
			// body rule leaves the region alone, and an enable closes
			// nothing.
			all = name != dirEnable
		}
		switch name {
		case dirDisable:
			if all {
				if _, ok := open[allRules]; !ok {
					open[allRules] = t.start
				}
				break
			}
			for _, id := range ids {
				if _, ok := open[id]; !ok {
					open[id] = t.start
				}
			}
		case dirEnable:
			if all {
				for id := range open {
					closeRegion(id, t.end)
				}
				break
			}
			if start, ok := open[allRules]; ok {
				// A region of every rule, of which some are enabled
				// again: the others' regions go on.
				delete(open, allRules)
				for _, id := range bodyRuleIDs {
					if _, ok := open[id]; !ok {
						open[id] = start
					}
				}
			}
			for _, id := range ids {
				closeRegion(id, t.end)
			}
		case dirNextBlock:
			end := nextBlockEnd(d, i, t.end, &nb)
			if all {
				o.protect(nil, t.start, end, byNextBlock)
			} else {
				o.protect(ids, t.start, end, byNextBlock)
			}
		}
	}
	if !found {
		return nil, notes
	}
	for id := range open {
		closeRegion(id, len(d.src)) // an unclosed disable runs to the end
	}
	// Sorted and merged, for blocks' bisection: a range inside another
	// (a directive in its region) adds nothing.
	o.all = mergeOptRanges(o.all)
	for id, rs := range o.rule {
		o.rule[id] = mergeOptRanges(rs)
	}
	return o, notes
}

// mergeOptRanges sorts rs and merges the ranges that overlap; a merged
// range is named by its first directive.
func mergeOptRanges(rs []optRange) []optRange {
	if len(rs) < 2 {
		return rs
	}
	slices.SortStableFunc(rs, func(x, y optRange) int { return x.start - y.start })
	out := rs[:1]
	for _, r := range rs[1:] {
		if last := &out[len(out)-1]; r.start < last.end {
			last.end = max(last.end, r.end)
			continue
		}
		out = append(out, r)
	}
	return out
}

// nextBlank remembers the last blank line nextBlockEnd found, and where
// it looked from: the directives come in order, so a body of many
// directives and no blank line is scanned once, not once a directive.
type nextBlank struct{ from, at int }

// nextBlockEnd returns where the block after a disable-next-block
// directive (token tok, ending at dirEnd) ends: in Markdown, at the next
// blank line after it (where CommonMark ends a paragraph or an HTML
// block), or at the end of the element it starts with, if that is
// further; in HTML, at the end of the next element (or text). An element
// whose end tag is missing runs to the end of the body.
func nextBlockEnd(d *doc, tok, dirEnd int, nb *nextBlank) int {
	src := d.src
	end := -1 // of the element (or, in HTML, the text) the block starts with
	for _, t := range d.toks[tok+1:] {
		if t.kind == html.TextToken && blank(src[t.start:t.end]) {
			continue
		}
		switch {
		case t.kind == html.StartTagToken || t.kind == html.SelfClosingTagToken:
			if end = d.elems[t.elem].end; end < 0 {
				end = len(src) // unclosed: its extent is unknown
			}
		case !d.markdownBody:
			end = t.end
		}
		break
	}
	if !d.markdownBody {
		if end < 0 {
			return len(src)
		}
		return end
	}
	// Markdown: the block runs up to the next blank line after its first
	// line that holds anything.
	p := dirEnd
	for p < len(src) && isSpaceByte(src[p]) {
		p++
	}
	if nb.at == 0 || p < nb.from || p > nb.at {
		nb.from, nb.at = p, len(src)
		for q := p; q < len(src); {
			ls := q
			le := bytes.IndexByte(src[ls:], '\n')
			if le < 0 {
				break
			}
			q = ls + le + 1
			if blank(src[ls:q]) {
				nb.at = ls
				break
			}
		}
	}
	return max(nb.at, end)
}

// optOutKey is the front matter key of a post's opt-out.
const optOutKey = "mdclean"

// frontMatterOptOut reads the post's own opt-out from its front matter b
// of src: whole is true for "mdclean: false" (the post is left as it is);
// otherwise rules is rs with the rules of "mdclean: {disable: [...]}"
// switched off (rs itself is never modified). notes say what it read, and
// what it could not.
func frontMatterOptOut(src []byte, b frontmatter.Block, rs RuleSet) (whole bool, rules RuleSet, notes []edit.Change) {
	rules = rs
	if !b.Found || !bytes.Contains(src[b.Start:b.End], []byte(optOutKey)) {
		return false, rs, nil
	}
	block := src[b.Start:b.End]
	v, at, ok := optOutValue(block, b.Format)
	if !ok {
		return false, rs, nil
	}
	off := b.Start + at
	note := func(msg string) {
		notes = append(notes, edit.Change{Rule: ruleOptOut, Offset: off, Note: true, Message: msg})
	}
	var ids []string
	switch v := v.(type) {
	case bool:
		if !v {
			spelt := optOutKey + ": false"
			if b.Format == frontmatter.FormatTOML {
				spelt = optOutKey + " = false"
			}
			note("opted out by its front matter (" + spelt + "): left as it is")
			return true, rs, notes
		}
		return false, rs, nil
	case map[string]any:
		switch d := v["disable"].(type) {
		case string:
			ids = strings.Split(d, ",")
		case []any:
			for _, x := range d {
				if s, ok := x.(string); ok {
					ids = append(ids, s)
				}
			}
		}
	}
	if ids == nil {
		note("the front matter's mdclean: key is not understood (want false or {disable: [rule-id, …]}): ignored")
		return false, rs, notes
	}
	rules = make(RuleSet, len(rs))
	for k, on := range rs {
		rules[k] = on
	}
	var off2 []string
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if _, known := rules[id]; !known {
			msg := fmt.Sprintf("unknown rule %q in the front matter's mdclean: key", id)
			if near := Nearest(id, ruleIDList()); near != "" {
				msg += ": did you mean " + near + "?"
			}
			note(msg)
			continue
		}
		rules[id] = false
		off2 = append(off2, id)
	}
	if len(off2) > 0 {
		note("opted out of " + strings.Join(off2, ", ") + " by its front matter")
	}
	return false, rules, notes
}

// optOutValue returns the value of the top-level mdclean key of a front
// matter block in format, and the offset of its line in the block (ok
// false when there is no such key). A YAML or TOML block that does not
// parse (one a repair would fix) is read one key line at a time: a post
// that opts out is left alone, broken or not.
func optOutValue(block []byte, format string) (v any, at int, ok bool) {
	var m map[string]any
	switch format {
	case frontmatter.FormatJSON:
		if json.Unmarshal(block, &m) != nil {
			return nil, 0, false
		}
	case frontmatter.FormatTOML:
		if toml.Unmarshal(block, &m) != nil {
			m = nil
			if line, at, found := keyLine(block, optOutKey, "="); found {
				toml.Unmarshal(line, &m)
				v, ok = m[optOutKey]
				return v, at, ok
			}
			return nil, 0, false
		}
	default:
		if yaml.Unmarshal(block, &m) != nil {
			m = nil
			if line, at, found := keyLine(block, optOutKey, ":"); found {
				yaml.Unmarshal(line, &m)
				v, ok = m[optOutKey]
				return v, at, ok
			}
			return nil, 0, false
		}
	}
	if v, ok = m[optOutKey]; !ok {
		// Hugo puts a page's own keys under params: too.
		if p, isMap := m["params"].(map[string]any); isMap {
			v, ok = p[optOutKey]
		}
		if !ok {
			return nil, 0, false
		}
	}
	sep := ":"
	if format == frontmatter.FormatTOML {
		sep = "="
	}
	if _, at, found := keyLine(block, optOutKey, sep); found {
		return v, at, true
	}
	// A JSON key is indented; a TOML one may be a [mdclean] table.
	if i := bytes.Index(block, []byte(optOutKey)); i >= 0 {
		at = bytes.LastIndexByte(block[:i], '\n') + 1
	}
	return v, at, true
}

// keyLine finds the line of block where the top-level key starts (at the
// start of the line, bare or quoted, then sep) and returns it with the
// indented lines that continue it, and its offset.
func keyLine(block []byte, key, sep string) ([]byte, int, bool) {
	for p := 0; p < len(block); {
		le := bytes.IndexByte(block[p:], '\n')
		next := len(block)
		if le >= 0 {
			next = p + le + 1
		}
		line := bytes.TrimLeft(block[p:next], "\"'")
		if rest, ok := bytes.CutPrefix(line, []byte(key)); ok {
			rest = bytes.TrimLeft(rest, "\"' \t")
			if bytes.HasPrefix(rest, []byte(sep)) {
				end := next
				for end < len(block) && (block[end] == ' ' || block[end] == '\t') {
					if k := bytes.IndexByte(block[end:], '\n'); k >= 0 {
						end += k + 1
					} else {
						end = len(block)
					}
				}
				return block[p:end], p, true
			}
		}
		p = next
	}
	return nil, 0, false
}
