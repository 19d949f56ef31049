package frontmatter

import (
	"encoding/base64"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/internal/quoted"
	"go.yaml.in/yaml/v3"
)

// fixBinary rewrites a top-level value that Ruby's YAML wrote as a
// base64 !binary scalar as the text it encodes, double-quoted, when that
// text is one line of UTF-8 (and, under a date key, a date). Psych dumps
// a string whose encoding is binary that way: jekyll-import's WordPress
// importer on Ruby 1.9 wrote every post's date and date_gmt so
// ("date: !binary |-" over "MjAxMS0w…"). Jekyll reads the same string
// from either; js-yaml (gray-matter) refuses the whole front matter over
// the unknown tag, Hexo takes the base64 for the date and Hugo finds none.
// The date rules then read the decoded date like any other. It reports
// whether it changed anything; see clean/testdata/golden/date-binary.txtar.
func (r *repairer) fixBinary(node *yaml.Node) bool {
	root := mappingRoot(node)
	if root == nil {
		return false
	}
	fixed := false
	for _, p := range r.pairs(root) {
		v := p.val
		if p.e == nil || v.Kind != yaml.ScalarNode || v.Tag != "!binary" && v.Tag != "!!binary" || v.Anchor != "" {
			continue
		}
		text, ok := binaryText(v.Value)
		if !ok {
			continue
		}
		if isDateKey(p.key.Value) {
			if _, verdict := Classify(text); verdict != IsDate {
				continue // not the date it stands for: left to the reader that wrote it
			}
		}
		e := p.e
		// The value's lines past the first must be its base64 alone: a
		// blank or comment line kept in the entry stays where it is.
		ok = true
		for i := e.line + 1; i <= e.last; i++ {
			if isBlankOrComment(r.line(i)) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		l := r.line(e.line)
		nl := append(append([]byte{}, l[:e.valStart]...), '"')
		nl = append(nl, strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(text)...)
		nl = append(nl, '"')
		r.set(e.line, nl, edit.Change{Rule: RuleYAMLSyntax,
			Message: e.key + ": Ruby's base64 " + v.Tag + " -> " + quoted.String(text) + " (the text it encodes: js-yaml refuses the tag)"})
		r.markEdited(e.line, false)
		for i := e.line + 1; i <= e.last; i++ {
			r.logUndo(i)
			r.deleted[i] = true
		}
		e.last = e.line
		fixed = true
	}
	return fixed
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
