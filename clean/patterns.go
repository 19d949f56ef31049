package clean

import (
	"fmt"
	"regexp/syntax"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Bounds of what a config's text patterns may compile to. A label of
// 3,000 {*} made a regexp of ~180,000 instructions (200 MB and 4 s on a
// 5 KB post) and 50,000 made regexp panic ("regexp too large"): matching
// costs the program's size times the text's. A label is short text
// (matchLabel reads at most maxLabelText bytes), so a handful of wildcards
// is all one needs; the built-in lists compile to under 1,000
// instructions each.
const (
	maxPatternWildcards = 8      // {*} and {n} in one pattern
	maxPatternBytes     = 2000   // one pattern, as written
	maxListProgram      = 20_000 // one list's patterns, compiled
)

// checkPatterns refuses, with the line of the offending entry, a
// pattern list of a config that would compile to more than the bounds.
func checkPatterns(c *Config, doc *yaml.Node) error {
	for _, l := range []struct {
		key  string
		pats []string
	}{{"widgets.labels", c.Widgets.Labels}, {"widgets.edges", c.Widgets.Edges}, {"widgets.copy_code", c.Widgets.CopyCode},
		{"widgets.related", c.Widgets.Related}, {"boilerplate", c.Boilerplate}} {
		total := 0
		for i, p := range l.pats {
			// where names the entry, built only for an error.
			where := func() string {
				w := fmt.Sprintf("%s[%d]", l.key, i)
				if line := itemLine(doc, l.key, i); line > 0 {
					w = fmt.Sprintf("line %d: %s", line, w)
				}
				return w
			}
			if n := strings.Count(p, "{*}") + strings.Count(p, "{n}"); n > maxPatternWildcards {
				return fmt.Errorf("%s: %d wildcards ({*}, {n}); at most %d in one pattern (each costs matching time and memory)", where(), n, maxPatternWildcards)
			}
			if len(p) > maxPatternBytes {
				return fmt.Errorf("%s: %d bytes; at most %d in one pattern", where(), len(p), maxPatternBytes)
			}
			size, err := programSize(p)
			if err != nil {
				return fmt.Errorf("%s: %v", where(), err)
			}
			if total += size; total > maxListProgram {
				return fmt.Errorf("%s: the list's patterns compile to over %d regexp instructions at this entry; use fewer or shorter patterns", where(), maxListProgram)
			}
		}
	}
	return nil
}

// programSize is the number of instructions pattern p compiles to, as
// wholeText compiles it.
func programSize(p string) (int, error) {
	re, err := syntax.Parse(wholeTextSource([]string{p}), syntax.Perl)
	if err != nil {
		return 0, err
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0, err
	}
	return len(prog.Inst), nil
}

// itemLine is the line of item i of the sequence at the dotted key path
// in doc, 0 if not found.
func itemLine(doc *yaml.Node, path string, i int) int {
	n := doc
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, k := range strings.Split(path, ".") {
		if n == nil || n.Kind != yaml.MappingNode {
			return 0
		}
		var next *yaml.Node
		for j := 0; j+1 < len(n.Content); j += 2 {
			if n.Content[j].Value == k {
				next = n.Content[j+1]
			}
		}
		n = next
	}
	if n == nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
		return 0
	}
	return n.Content[i].Line
}
