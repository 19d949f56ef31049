package frontmatter

import (
	"bytes"
	"encoding/base64"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/internal/quoted"
	"go.yaml.in/yaml/v3"
)

// fixBinary rewrites a value that Ruby's YAML wrote as a base64 !binary
// scalar as the text it encodes, double-quoted, when that text is one
// line of UTF-8 (and, under a date key, a date). Psych dumps a string
// whose encoding is binary that way: jekyll-import's WordPress importer
// on Ruby 1.9 wrote every post's date and date_gmt, and its comments'
// too, so ("date: !binary |-" over "MjAxMS0w…"). Jekyll reads the same
// string from either; js-yaml (gray-matter) refuses the whole front
// matter over the unknown tag, Hexo takes the base64 for the date and
// Hugo finds none. The date rules then read the decoded date like any
// other. It reports whether it changed anything; see
// clean/testdata/golden/date-binary.txtar.
func (r *repairer) fixBinary(n *yaml.Node) bool {
	fixed := false
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			fixed = r.fixBinary(c) || fixed
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind == yaml.ScalarNode && (v.Tag == "!binary" || v.Tag == "!!binary") {
				fixed = r.fixBinaryValue(k, v) || fixed
			} else {
				fixed = r.fixBinary(v) || fixed
			}
		}
	}
	return fixed
}

// fixBinaryValue rewrites the !binary value v of key k (see fixBinary)
// when it stands as written on k's line, "key: !binary" then its base64
// there or on the lines below, indented past the key.
func (r *repairer) fixBinaryValue(k, v *yaml.Node) bool {
	if v.Anchor != "" || k.Kind != yaml.ScalarNode || k.Line != v.Line || k.Line < 1 || k.Line > len(r.lines) {
		return false
	}
	text, ok := binaryText(v.Value)
	if !ok {
		return false
	}
	if isDateKey(k.Value) {
		if _, verdict := Classify(text); verdict != IsDate {
			return false // not the date it stands for: left to the reader that wrote it
		}
	}
	i := k.Line - 1
	if r.deleted[i] {
		return false
	}
	l := r.line(i)
	tag := bytes.Index(l, []byte(": "+v.Tag))
	if tag < 0 || tag < k.Column-1 {
		return false
	}
	tag += 2
	rest := bytes.TrimSpace(l[tag+len(v.Tag):])
	// The base64 is what follows the tag on the line or, after a block
	// scalar's indicator, the lines indented past the key; nothing else.
	last := i
	b64 := string(rest)
	if len(rest) > 0 && (rest[0] == '|' || rest[0] == '>') {
		if len(rest) > 2 || len(rest) == 2 && rest[1] != '-' && rest[1] != '+' {
			return false
		}
		b64 = ""
		for j := i + 1; j < len(r.lines) && !r.deleted[j]; j++ {
			lj := r.line(j)
			ind := 0
			for ind < len(lj) && lj[ind] == ' ' {
				ind++
			}
			if ind == len(lj) || ind < k.Column {
				break
			}
			b64 += " " + string(lj[ind:])
			last = j
		}
	}
	if strings.Join(strings.Fields(b64), "") != strings.Join(strings.Fields(v.Value), "") {
		return false // the lines are not the value's alone
	}
	nl := append(append([]byte{}, l[:tag]...), '"')
	nl = append(nl, strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(text)...)
	nl = append(nl, '"')
	r.set(i, nl, edit.Change{Rule: RuleYAMLSyntax,
		Message: k.Value + ": Ruby's base64 " + v.Tag + " -> " + quoted.String(text) + " (the text it encodes: js-yaml refuses the tag)"})
	r.markEdited(i, false)
	for j := i + 1; j <= last; j++ {
		r.logUndo(j)
		r.deleted[j] = true
	}
	// A top-level entry now holds one line.
	for e := range r.entries {
		if r.entries[e].line == i {
			r.entries[e].last = i
		}
	}
	return true
}

// binaryText decodes the base64 of a !binary scalar and returns it when
// it is short, valid UTF-8 on one line, with no control character.
func binaryText(b64 string) (string, bool) {
	dec, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(b64), ""))
	if err != nil || len(dec) == 0 || len(dec) > 1024 || !utf8.Valid(dec) {
		return "", false
	}
	s := string(dec)
	for _, c := range s {
		if unicode.IsControl(c) || c == '\u2028' || c == '\u2029' {
			return "", false
		}
	}
	return s, true
}

// fixNestedContinuations is fixContinuations for the values it does not
// see, those of nested mappings and those behind a tag: the lines of a
// multi-line quoted value indented no deeper than its key get the key's
// indentation and one space more, as YAML requires (the yaml package
// Hexo uses rejects them; folding drops the spaces again). Psych wrote
// jekyll-import's WordPress excerpts and comments so ("excerpt: ! 'text",
// "  content: ! 'text", over a "'" at column 0).
func (r *repairer) fixNestedContinuations(n *yaml.Node, depth int) bool {
	changed := false
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			changed = r.fixNestedContinuations(c, depth) || changed
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode { // a list of tags: nothing to walk
				changed = r.fixNestedContinuations(c, depth+1) || changed
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			// A value whose next key is on the next line has one line:
			// most quoted values, not looked at again.
			if v.Kind == yaml.ScalarNode && v.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 &&
				(i+2 >= len(n.Content) || n.Content[i+2].Line != v.Line+1) {
				changed = r.indentQuoted(k, v, depth == 0) || changed
			}
			if v.Kind != yaml.ScalarNode {
				changed = r.fixNestedContinuations(v, depth+1) || changed
			}
		}
	}
	return changed
}

// indentQuoted indents the continuation lines of the quoted value v of
// key k (see fixNestedContinuations). A top-level value written without
// a tag or an anchor is left to fixContinuations.
func (r *repairer) indentQuoted(k, v *yaml.Node, top bool) bool {
	if k.Kind != yaml.ScalarNode || k.Line != v.Line || k.Line < 1 || k.Line > len(r.lines) {
		return false
	}
	i := k.Line - 1
	l := r.line(i)
	c := bytes.Index(l[min(k.Column-1, len(l)):], []byte(":"))
	if c < 0 {
		return false
	}
	s := k.Column - 1 + c + 1
	for s < len(l) && (l[s] == ' ' || l[s] == '\t') {
		s++
	}
	p := scalarStart(l, s)
	if top && p == s {
		return false // no tag, no anchor: fixContinuations' case
	}
	s = p
	q := byte('\'')
	if v.Style&yaml.DoubleQuotedStyle != 0 {
		q = '"'
	}
	if s >= len(l) || l[s] != q {
		return false
	}
	end := r.quotedEnd(i, s)
	if end <= i {
		return false
	}
	changed := false
	for j := i + 1; j <= end; j++ {
		lj := r.line(j)
		ind := 0
		for ind < len(lj) && lj[ind] == ' ' {
			ind++
		}
		if ind == len(lj) || ind >= k.Column {
			continue // blank, or deep enough
		}
		if lj[ind] == '\t' {
			return changed // a tab: not a case this knows
		}
		nl := append([]byte(strings.Repeat(" ", k.Column-ind)), lj...)
		r.set(j, nl, edit.Change{Rule: RuleYAMLSyntax,
			Message: k.Value + ": continuation line of a multi-line quoted value, indented no deeper than its key -> indented (YAML requires it; Hexo rejects it)"})
		changed = true
	}
	return changed
}
