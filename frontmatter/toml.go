package frontmatter

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/mdclean/mdclean/edit"
)

// tomlKey is a top-level "key = value" of a TOML block, as the TOML
// parser found it; offsets are into the block.
type tomlKey struct {
	key       string
	kind      unstable.Kind
	data      []byte // the value: a string's text, a datetime's spelling
	lineStart int    // the start of the key's line
	lineEnd   int    // past the line ending of the value's last line
	// inner is the string's text between its quotes (single-line
	// strings without escapes; -1 otherwise).
	innerStart, innerEnd int
	quote                byte
}

// tomlKeys returns the page's keys of a TOML block: the key/value
// expressions before the first table, with positions from the TOML
// parser that Hugo reads front matter with (go-toml v2), so a line
// inside a multi-line string is never taken for a key.
func tomlKeys(block []byte) ([]tomlKey, error) {
	var p unstable.Parser
	p.Reset(block)
	var out []tomlKey
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind == unstable.Table || e.Kind == unstable.ArrayTable {
			break // the keys below are a table's, not the page's
		}
		if e.Kind != unstable.KeyValue {
			continue
		}
		it := e.Key()
		if !it.Next() {
			continue
		}
		kn := it.Node()
		if it.Next() {
			continue // a dotted key (a.date) is a table's key
		}
		v := e.Value()
		k := tomlKey{key: string(kn.Data), kind: v.Kind, data: v.Data, innerStart: -1, innerEnd: -1}
		ks := int(kn.Raw.Offset)
		k.lineStart = bytes.LastIndexByte(block[:ks], '\n') + 1
		end := ks
		if v.Raw.Length > 0 {
			end = int(v.Raw.Offset + v.Raw.Length)
		} else if v.Data != nil {
			// Datetimes, numbers and booleans keep their text in Data, a
			// slice of the block.
			if i := bytes.Index(block[ks:], v.Data); i >= 0 {
				end = ks + i + len(v.Data)
			}
		}
		if nl := bytes.IndexByte(block[end:], '\n'); nl >= 0 {
			k.lineEnd = end + nl + 1
		} else {
			k.lineEnd = len(block)
		}
		if v.Kind == unstable.String && v.Raw.Length >= 2 {
			raw := p.Raw(v.Raw)
			q := raw[0]
			multi := bytes.HasPrefix(raw, []byte(`"""`)) || bytes.HasPrefix(raw, []byte("'''"))
			if !multi && (q == '"' || q == '\'') && raw[len(raw)-1] == q && !(q == '"' && bytes.IndexByte(raw, '\\') >= 0) {
				k.innerStart, k.innerEnd, k.quote = int(v.Raw.Offset)+1, int(v.Raw.Offset+v.Raw.Length)-1, q
			}
		}
		if !blank(block[k.lineStart:ks]) {
			continue // not the first thing on its line: leave it
		}
		out = append(out, k)
	}
	return out, p.Error()
}

// tomlDate returns the date a TOML value holds: a datetime, or a string
// with a date mdclean knows.
func tomlDate(k tomlKey) (Date, bool) {
	switch k.kind {
	case unstable.LocalDate, unstable.LocalDateTime, unstable.DateTime, unstable.String:
		val, verdict := Classify(string(k.data))
		if verdict == IsDate {
			return Date{Time: val.Time, Precision: val.Precision}, true
		}
	}
	return Date{}, false
}

// repairTOML repairs the date keys of a TOML block (Hugo's "+++" front
// matter) with edits on the key's string, as the YAML repairs do: a
// quoted date that Hugo misreads becomes portable, a quoted value that is
// not a date is repaired from the block's other date keys and the
// document's evidence, or removed. TOML's own datetimes are typed and
// always valid; other lines are never touched. Positions come from the
// TOML parser, and the result is checked with another (BurntSushi/toml):
// it must decode to the same keys and values but the repaired ones, or
// nothing is changed.
func repairTOML(src []byte, b Block, opt Options) ([]edit.Edit, []edit.Change) {
	block := src[b.Start:b.End]
	var before map[string]any
	if _, err := toml.Decode(string(block), &before); err != nil {
		return nil, []edit.Change{{Rule: RuleYAMLSyntax, Offset: b.Start, Note: true,
			Message: "TOML front matter does not parse (" + firstLine(err.Error()) + "): left as it is"}}
	}
	keys, err := tomlKeys(block)
	if err != nil {
		return nil, []edit.Change{{Rule: RuleYAMLSyntax, Offset: b.Start, Note: true,
			Message: "TOML front matter does not parse for Hugo's TOML parser (" + firstLine(err.Error()) + "): left as it is"}}
	}
	var edits []edit.Edit
	var changes []edit.Change
	var ev *Evidence
	touched := map[string]bool{} // repaired (value changes) or removed keys
	removed := map[string]bool{}
	for _, k := range keys {
		if !isDateKey(k.key) || k.innerStart < 0 {
			continue // a typed TOML datetime, a number, a multi-line string
		}
		inner := string(block[k.innerStart:k.innerEnd])
		innerStart, innerEnd := b.Start+k.innerStart, b.Start+k.innerEnd
		raw := string(k.quote) + inner + string(k.quote)
		val, verdict := Classify(inner)
		val.Quoted = true
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
			c.Message = fmt.Sprintf("%s: %s -> %q (%s)", k.key, raw, repl, strings.Join(why, "; "))
		case NotDate:
			if !opt.on(RuleInvalidDate) || (!isCoreDateKey(k.key) && !hasDigit(inner) && !isPlaceholder(inner)) {
				continue
			}
			// The strongest evidence: another date key of the block, as
			// for YAML, then the document's, then the caller's fallback.
			d, conflict, ok, bestRank := Date{}, "", false, len(DateKeys)
			for _, o := range keys {
				if r := dateKeyRank(o.key); o.key != k.key && r < bestRank {
					if od, good := tomlDate(o); good {
						d, ok, bestRank = od, true, r
						d.Source = "the " + o.key + " key of the same front matter"
					}
				}
			}
			if !ok {
				if ev == nil {
					e := GatherEvidence(opt.Path, src[b.Body:], opt.now())
					ev = &e
				}
				d, conflict, ok = ev.Best()
			}
			if !ok && opt.Fallback != nil {
				d, ok = *opt.Fallback, true
			}
			if !ok {
				if opt.UnknownDate != "" && opt.UnknownDate != UnknownDrop {
					continue
				}
				ls, le := b.Start+k.lineStart, b.Start+k.lineEnd
				edits = append(edits, edit.Edit{Start: ls, End: le})
				changes = append(changes, edit.Change{Rule: RuleInvalidDate, Offset: ls, Before: string(bytes.TrimRight(src[ls:le], "\r\n")),
					Message: fmt.Sprintf("%s: %s is not a date and nothing in the document proves one: removed the key (a date is never invented)", k.key, raw)})
				touched[k.key], removed[k.key] = true, true
				continue
			}
			repl = []byte(FormatDate(d, opt.DateFormat))
			c.Rule = RuleInvalidDate
			c.Message = fmt.Sprintf("%s: %s -> %q (%s)", k.key, raw, repl, d.Source)
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
		touched[k.key] = true
	}
	if len(edits) == 0 {
		return nil, nil
	}
	if why := checkTOML(src, b, edits, before, touched, removed); why != "" {
		return nil, []edit.Change{{Rule: RuleInvalidDate, Offset: b.Start, Note: true,
			Message: "repairing a date in the TOML front matter was checked with a TOML parser: " + why + ": left as it is"}}
	}
	return edits, changes
}

// checkTOML decodes the block as edited and compares it with before: the
// same keys but the removed ones, the same values but the touched ones.
// It returns why the edits cannot be accepted, or "".
func checkTOML(src []byte, b Block, edits []edit.Edit, before map[string]any, touched, removed map[string]bool) string {
	out, err := edit.Apply(src[:b.End], edits)
	if err != nil {
		return err.Error()
	}
	var after map[string]any
	if _, err := toml.Decode(string(out[b.Start:]), &after); err != nil {
		return "the repaired block would not parse (" + firstLine(err.Error()) + ")"
	}
	for k, v := range before {
		w, ok := after[k]
		switch {
		case removed[k]:
			if ok {
				return fmt.Sprintf("key %q would still be there", k)
			}
		case !ok:
			return fmt.Sprintf("key %q would be lost", k)
		case !touched[k] && !reflect.DeepEqual(v, w):
			return fmt.Sprintf("the value of %q would change", k)
		}
	}
	if len(after) != len(before)-len(removed) {
		return "the repaired block would hold other keys"
	}
	return ""
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
