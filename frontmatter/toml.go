package frontmatter

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/mdclean/mdclean/edit"
)

// tomlKeyRE is a top-level "key = value" line of a TOML block.
var tomlKeyRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([A-Za-z0-9_-]+)([ \t]*=[ \t]*)(.*)$`)
})

// repairTOML repairs the date keys of a TOML block (Hugo's "+++" front
// matter) with line edits, as the YAML repairs do: a quoted date that Hugo
// misreads becomes portable, a quoted value that is not a date is repaired
// from the document's evidence or removed. TOML's own datetimes are typed
// and always valid; other lines are never touched. The result is parsed
// with a real TOML parser (BurntSushi/toml): if it no longer parses, or
// did not before, nothing is changed.
func repairTOML(src []byte, b Block, opt Options) ([]edit.Edit, []edit.Change) {
	block := src[b.Start:b.End]
	if _, err := toml.Decode(string(block), new(map[string]any)); err != nil {
		return nil, []edit.Change{{Rule: RuleYAMLSyntax, Offset: b.Start, Note: true,
			Message: "TOML front matter does not parse (" + firstLine(err.Error()) + "): left as it is"}}
	}
	var edits []edit.Edit
	var changes []edit.Change
	var ev *Evidence
	out := append([]byte{}, block...) // the candidate, to re-parse
	shift := 0
	for pos := 0; pos < len(block); {
		end := bytes.IndexByte(block[pos:], '\n')
		next := len(block)
		if end < 0 {
			end = len(block)
		} else {
			end += pos
			next = end + 1
		}
		line := bytes.TrimSuffix(block[pos:end], []byte("\r"))
		lineStart := pos
		pos = next
		if len(line) > 0 && line[0] == '[' {
			break // a table: the keys below are not the page's dates
		}
		m := tomlKeyRE().FindSubmatchIndex(line)
		if m == nil || !isDateKey(string(line[m[2]:m[3]])) {
			continue
		}
		key := string(line[m[2]:m[3]])
		vs := m[6]
		v := line[vs:]
		if len(v) < 2 || (v[0] != '"' && v[0] != '\'') || bytes.HasPrefix(v, []byte(`"""`)) || bytes.HasPrefix(v, []byte("'''")) {
			continue // a typed TOML datetime, a number, a multi-line string
		}
		q := v[0]
		close := bytes.IndexByte(v[1:], q)
		if close < 0 || (q == '"' && bytes.IndexByte(v[1:close+1], '\\') >= 0) {
			continue
		}
		inner := string(v[1 : close+1])
		innerStart, innerEnd := b.Start+lineStart+vs+1, b.Start+lineStart+vs+1+close
		raw := string(v[:close+2])
		val, verdict := Classify(inner)
		var repl []byte
		c := edit.Change{Offset: innerStart}
		switch verdict {
		case IsDate:
			var why []string
			for _, w := range Misread(inner, val) {
				if strings.Contains(w, ClientHugo) { // Hugo is the one client that reads TOML
					why = append(why, w)
				}
			}
			if len(why) == 0 || !opt.on(RulePortableDate) {
				continue
			}
			repl = []byte(Portable(val))
			c.Rule = RulePortableDate
			c.Message = fmt.Sprintf("%s: %s -> %q (%s)", key, raw, repl, strings.Join(why, "; "))
		case NotDate:
			if !opt.on(RuleInvalidDate) || (!isCoreDateKey(key) && !hasDigit(inner) && !isPlaceholder(inner)) {
				continue
			}
			if ev == nil {
				e := GatherEvidence(opt.Path, src[b.Body:], opt.now())
				ev = &e
			}
			d, conflict, ok := ev.Best()
			if !ok && opt.Fallback != nil {
				d, ok = *opt.Fallback, true
			}
			if !ok {
				if opt.UnknownDate != "" && opt.UnknownDate != UnknownDrop {
					continue
				}
				// Remove the whole line.
				ls, le := b.Start+lineStart, b.Start+next
				edits = append(edits, edit.Edit{Start: ls, End: le})
				changes = append(changes, edit.Change{Rule: RuleInvalidDate, Offset: ls, Before: string(line),
					Message: fmt.Sprintf("%s: %s is not a date and nothing in the document proves one: removed the key (a date is never invented)", key, raw)})
				out = append(out[:lineStart+shift], out[next+shift:]...)
				shift -= next - lineStart
				continue
			}
			repl = []byte(FormatDate(d, opt.DateFormat))
			c.Rule = RuleInvalidDate
			c.Message = fmt.Sprintf("%s: %s -> %q (%s)", key, raw, repl, d.Source)
			if conflict != "" {
				c.Message += "; conflict: " + conflict
			}
			c.Evidence = d.Source
		default:
			continue
		}
		c.Before, c.After = inner, string(repl)
		edits = append(edits, edit.Edit{Start: innerStart, End: innerEnd, New: repl})
		changes = append(changes, c)
		is, ie := innerStart-b.Start+shift, innerEnd-b.Start+shift
		out = append(out[:is], append(append([]byte{}, repl...), out[ie:]...)...)
		shift += len(repl) - (innerEnd - innerStart)
	}
	if len(edits) == 0 {
		return nil, nil
	}
	if _, err := toml.Decode(string(out), new(map[string]any)); err != nil {
		return nil, []edit.Change{{Rule: RuleInvalidDate, Offset: b.Start, Note: true,
			Message: "repairing a date would break the TOML front matter: left as it is"}}
	}
	return edits, changes
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
