package clean

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
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

// bodyRuleIDs are the rules a body directive can switch off.
var bodyRuleIDs = []string{RuleLinkBaitTail, RuleTrackingMarkup, RuleWidgets, RuleBoilerplate, RuleRedirectLink, RuleTrackingParams}

// optRange is a protected range of the body, [start, end), and the
// directive that made it.
type optRange struct {
	start, end int
	by         string
}

// optOut is what a body's directives protect, by rule id.
type optOut map[string][]optRange

// blocks returns the directive that protects [start, end) of the body
// from rule, "" when none does. An edit touches a range when it overlaps
// it, or inserts strictly inside it.
func (o optOut) blocks(rule string, start, end int) string {
	for _, r := range o[rule] {
		if start < r.end && end > r.start || start == end && r.start < start && start < r.end {
			return r.by
		}
	}
	return ""
}

// directive is one mdclean comment of a body.
type directive struct {
	name       string
	start, end int      // the comment's bytes in the body
	ids        []string // the body rules it names; nil for all
	tok        int      // its token's index
}

// scanOptOut finds the directives of the tokenized body d and returns the
// ranges they protect (nil when it has none) and notes on directives it
// could not read (unknown rule ids, misspelt names), with document offsets
// (base is the body's offset in the document).
func scanOptOut(d *doc, base int) (optOut, []edit.Change) {
	if !bytes.Contains(d.src, []byte("mdclean-")) {
		return nil, nil
	}
	var dirs []directive
	var notes []edit.Change
	for i, t := range d.toks {
		if t.kind != html.CommentToken {
			continue // a comment in Markdown or template code was masked: text
		}
		raw := d.src[t.start:t.end]
		if !bytes.Contains(raw, []byte("mdclean-")) {
			continue
		}
		inner := strings.TrimPrefix(string(raw), "<!--")
		inner = strings.TrimSuffix(strings.TrimSuffix(inner, "-->"), "--!>")
		fields := strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
		if len(fields) == 0 || !strings.HasPrefix(fields[0], "mdclean-") || inHTMLCode(d, t.start) {
			continue
		}
		dir := directive{name: fields[0], start: t.start, end: t.end, tok: i}
		switch dir.name {
		case dirDisable, dirEnable, dirNextBlock:
		default:
			msg := fmt.Sprintf("unknown directive %q: left as a comment", dir.name)
			near := Nearest(dir.name, []string{dirDisable, dirEnable, dirNextBlock})
			if strings.HasPrefix(dir.name, dirDisable+"-") {
				near = dirNextBlock // markdownlint's -next-line, -line
			}
			if near != "" {
				msg = fmt.Sprintf("unknown directive %q: did you mean %s? (left as a comment)", dir.name, near)
			}
			notes = append(notes, edit.Change{Rule: ruleOptOut, Offset: base + t.start, Note: true, Message: msg})
			dirs = append(dirs, dir) // still a comment no rule may take
			continue
		}
		named := len(fields) > 1
		for _, id := range fields[1:] {
			switch {
			case slices.Contains(bodyRuleIDs, id):
				dir.ids = append(dir.ids, id)
			case slices.Contains(ruleIDList(), id):
				notes = append(notes, edit.Change{Rule: ruleOptOut, Offset: base + t.start, Note: true,
					Message: fmt.Sprintf("%s is a front matter rule: <!-- %s --> cannot switch it off (the front matter's mdclean: {disable: [%s]} can)", id, dir.name, id)})
			default:
				msg := fmt.Sprintf("unknown rule %q in <!-- %s -->", id, dir.name)
				if near := Nearest(id, ruleIDList()); near != "" {
					msg += ": did you mean " + near + "?"
				}
				notes = append(notes, edit.Change{Rule: ruleOptOut, Offset: base + t.start, Note: true, Message: msg})
			}
		}
		if named && dir.ids == nil {
			// It names no body rule (a typo, a front matter rule): the
			// user meant to switch something off. Unsure which, every
			// body rule leaves the region alone, and an enable closes
			// nothing.
			if dir.ids = bodyRuleIDs; dir.name == dirEnable {
				dir.ids = []string{}
			}
		}
		dirs = append(dirs, dir)
	}
	if len(dirs) == 0 {
		return nil, notes
	}
	o := optOut{}
	protect := func(ids []string, start, end int, by string) {
		if ids == nil {
			ids = bodyRuleIDs
		}
		for _, id := range ids {
			o[id] = append(o[id], optRange{start, end, by})
		}
	}
	open := map[string]directive{} // by rule: the disable that opened its region
	closeRegion := func(id string, end int) {
		if dir, ok := open[id]; ok {
			protect([]string{id}, dir.start, end, "<!-- "+dirDisable+" -->")
			delete(open, id)
		}
	}
	for _, dir := range dirs {
		// No rule takes a directive, whatever it says.
		protect(nil, dir.start, dir.end, "<!-- "+dir.name+" -->")
		ids := dir.ids
		if ids == nil {
			ids = bodyRuleIDs
		}
		switch dir.name {
		case dirDisable:
			for _, id := range ids {
				if _, ok := open[id]; !ok {
					open[id] = dir
				}
			}
		case dirEnable:
			for _, id := range ids {
				closeRegion(id, dir.end)
			}
		case dirNextBlock:
			protect(dir.ids, dir.start, nextBlockEnd(d, dir), "<!-- "+dirNextBlock+" -->")
		}
	}
	for _, id := range bodyRuleIDs {
		closeRegion(id, len(d.src)) // an unclosed disable runs to the end
	}
	return o, notes
}

// inHTMLCode reports whether offset p of the body lies inside an HTML
// <pre> or <code> element (or another that holds code): a comment shown
// as code there is not a directive.
func inHTMLCode(d *doc, p int) bool {
	for i := range d.elems {
		e := &d.elems[i]
		if e.start >= p {
			break // elements are in document order
		}
		if (codeTags(e.tag) || e.code) && e.openEnd <= p && (e.closeStart < 0 || p < e.closeStart) {
			return true
		}
	}
	return false
}

// nextBlockEnd returns where the block after a disable-next-block
// directive ends: in Markdown, at the next blank line after it (where
// CommonMark ends a paragraph or an HTML block), or at the end of the
// element it starts with, if that is further; in HTML, at the end of the
// next element (or text). An element whose end tag is missing runs to
// the end of the body.
func nextBlockEnd(d *doc, dir directive) int {
	src := d.src
	end := -1 // of the element (or, in HTML, the text) the block starts with
	for _, t := range d.toks[dir.tok+1:] {
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
	p := dir.end
	for p < len(src) && isSpaceByte(src[p]) {
		p++
	}
	for p < len(src) {
		ls := p
		le := bytes.IndexByte(src[ls:], '\n')
		if le < 0 {
			break
		}
		p = ls + le + 1
		if blank(src[ls:p]) {
			return max(ls, end)
		}
	}
	return len(src)
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
