package frontmatter

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/mdclean/mdclean/edit"
)

var fuzzNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func repairOnce(src []byte) ([]byte, int, error) {
	out, changes, err := repairChanges(src)
	n := 0
	for _, c := range changes {
		if !c.Note {
			n++
		}
	}
	return out, n, err
}

func repairChanges(src []byte) ([]byte, []edit.Change, error) {
	b, err := Split(src)
	if err != nil {
		return nil, nil, err
	}
	edits, changes, err := Repair(src, b, Options{Now: fuzzNow})
	if err != nil {
		return nil, nil, err
	}
	out, err := edit.Apply(src, edits)
	return out, changes, err
}

// checkSameData asserts that the repaired block parses (yaml.v3, or
// BurntSushi/toml) to the same keys, less removed ones, and the same
// values, except where a change was made; an edited YAML value keeps its
// anchor and tag.
func checkSameData(t *testing.T, src, out []byte, changes []edit.Change) {
	t.Helper()
	b, err := Split(src)
	if err != nil || !b.Found {
		return
	}
	ob, err := Split(out)
	if err != nil || !ob.Found || ob.Format != b.Format {
		t.Fatalf("the repaired block is no longer found (%v):\n in: %q\nout: %q", err, src, out)
	}
	in, res := src[b.Start:b.End], out[ob.Start:ob.End]
	if bytes.Equal(in, res) {
		return
	}
	var touched []int // block offsets of the changes
	var msgs []string
	for _, c := range changes {
		if !c.Note {
			touched = append(touched, c.Offset-b.Start)
			msgs = append(msgs, c.Message)
		}
	}
	switch b.Format {
	case FormatTOML:
		var before, after map[string]any
		if _, err := toml.Decode(string(in), &before); err != nil {
			t.Fatalf("a TOML block that does not parse was changed:\n in: %q\nout: %q", src, out)
		}
		if _, err := toml.Decode(string(res), &after); err != nil {
			t.Fatalf("the repaired TOML block does not parse: %v\n in: %q\nout: %q", err, src, out)
		}
		for k, v := range before {
			if w, ok := after[k]; ok && reflect.DeepEqual(v, w) {
				continue
			}
			named := false
			for _, m := range msgs {
				named = named || strings.HasPrefix(m, k+": ")
			}
			if !named || !isDateKey(k) {
				t.Fatalf("TOML key %q changed or lost without a change naming it:\n in: %q\nout: %q\n%v", k, src, out, msgs)
			}
		}
		for k := range after {
			if _, ok := before[k]; !ok {
				t.Fatalf("TOML key %q appeared:\n in: %q\nout: %q", k, src, out)
			}
		}
	case FormatYAML:
		var after yaml.Node
		if err := yaml.Unmarshal(res, &after); err != nil {
			t.Fatalf("the repaired block does not parse: %v\n in: %q\nout: %q", err, src, out)
		}
		var before yaml.Node
		if yaml.Unmarshal(in, &before) != nil {
			return // repaired into YAML: nothing to compare with
		}
		r0, r1 := mappingRoot(&before), mappingRoot(&after)
		if r0 != nil && r1 == nil && emptyDocument(&after) {
			return // every entry removed on purpose (a lone invalid date)
		}
		if r0 == nil || r1 == nil {
			if r0 != nil || r1 != nil {
				t.Fatalf("the block's shape changed:\n in: %q\nout: %q", src, out)
			}
			return
		}
		// A pair spans from its key's line to the next key's line.
		lineStart := []int{0}
		for i, c := range in {
			if c == '\n' {
				lineStart = append(lineStart, i+1)
			}
		}
		changedIn := func(i int) bool {
			lo := lineStart[min(r0.Content[i].Line-1, len(lineStart)-1)]
			hi := len(in)
			if i+2 < len(r0.Content) {
				hi = lineStart[min(r0.Content[i+2].Line-1, len(lineStart)-1)]
			}
			for _, o := range touched {
				if o >= lo && o < hi {
					return true
				}
			}
			return false
		}
		var d0, d1 digester
		// twinChanged: another entry with the same key and the same value
		// was changed: of identical duplicates (0: / 0: / ? 0), which one
		// dedupe removed is the same data either way.
		twinChanged := func(i int) bool {
			for i2 := 0; i2+1 < len(r0.Content); i2 += 2 {
				if i2 != i && d0.sum(r0.Content[i2]) == d0.sum(r0.Content[i]) &&
					d0.sum(r0.Content[i2+1]) == d0.sum(r0.Content[i+1]) && changedIn(i2) {
					return true
				}
			}
			return false
		}
		// laterSame: output pair j is a later duplicate of input pair i
		// (dedupe kept that one).
		laterSame := func(i, j int) bool {
			if d0.sum(r0.Content[i+1]) == d1.sum(r1.Content[j+1]) {
				return false
			}
			for i2 := i + 2; i2+1 < len(r0.Content); i2 += 2 {
				if d0.sum(r0.Content[i2]) == d0.sum(r0.Content[i]) && d0.sum(r0.Content[i2+1]) == d1.sum(r1.Content[j+1]) {
					return true
				}
			}
			return false
		}
		j := 0
		for i := 0; i+1 < len(r0.Content); i += 2 {
			k0, v0 := r0.Content[i], r0.Content[i+1]
			if j+1 < len(r1.Content) && d0.sum(k0) == d1.sum(r1.Content[j]) && !laterSame(i, j) {
				v1 := r1.Content[j+1]
				j += 2
				if d0.sum(v0) == d1.sum(v1) {
					continue
				}
				if !changedIn(i) {
					t.Fatalf("the value of %q changed without a change there:\n in: %q\nout: %q\n%v", k0.Value, src, out, msgs)
				}
				if (v0.Anchor != v1.Anchor || explicitTag(v0) != explicitTag(v1)) && !binaryDecoded(k0.Value, v0, v1) {
					t.Fatalf("the value of %q lost its anchor or tag:\n in: %q\nout: %q", k0.Value, src, out)
				}
				continue
			}
			if !changedIn(i) && !twinChanged(i) {
				t.Fatalf("key %q removed without a change there:\n in: %q\nout: %q\n%v", k0.Value, src, out, msgs)
			}
		}
		if j != len(r1.Content) {
			t.Fatalf("the repaired block has keys the original had not:\n in: %q\nout: %q", src, out)
		}
	}
}

// binaryDecoded reports whether v1 is the !binary value v0 of key k
// written as the text it encodes (fixBinary), which the date rules may
// then have made portable.
func binaryDecoded(k string, v0, v1 *yaml.Node) bool {
	text, ok := binaryText(v0.Value)
	return ok && (v0.Tag == "!binary" || v0.Tag == "!!binary") && v0.Anchor == "" && v1.Anchor == "" &&
		explicitTag(v1) == "" && (v1.Value == text || isDateKey(k))
}

// FuzzRepair checks the splitter and the repairer: no panic, idempotent,
// no reported change means no byte changed, and a repaired block parses
// (yaml.v3, BurntSushi/toml) to the same keys and values but the repaired
// ones (checkSameData).
func FuzzRepair(f *testing.F) {
	for _, s := range []string{
		"\n---\ntitle: 'Apple's M2'\ndate: Invalid Date\n---\nbody 7 月 19 日电\n",
		"---\r\ntitle: C# #1 tips\r\ndate:\r\n---\r\n",
		"\ufeff  \n---\ntitle: a: b\ncategories:\n\t- x\ndate: 2021-01-01\ndate: NaN\n...\n",
		"---\ntitle: 'x\ny'\n---\n",
		"---\ntitle: \"a \"b\" c\"\nupdated: 2020-01-01\ndate: x\n---\n",
		"---\n---\n",
		"---\nfoo\n",
		// Anchors, aliases and tags (issue 21, row 1).
		"---\ntitle: x\ndate: &d Invalid Date\nsummary: *d\n---\nbody\n",
		"---\ndate: &d !!str 2021/07/19 # c\nupdated: *d\n---\n",
		"---\nbase: &b {a: 1}\nx:\n  <<: *b\ndate: !!str NaN\nupdated: 2021-07-19\n---\n",
		"---\ntags: &t [a]\ntags: [b]\nmore: *t\ndate: 2021-07-19T23:59:60Z\n---\n",
		// Block scalars with tabs (row 2).
		"---\ntitle: 'Apple's M2'\ncode: |\n  a\n  \tb\nnote: >-\n  x\n\ty\n---\n",
		"---\ncode: &c |2\n  \tx\ndate: 2021-07-19 24:00:00\n---\n",
		// TOML multi-line strings (rows 3, 4).
		"+++\ntitle = \"x\"\nnotes = \"\"\"\ndate = \"NaN\"\n\"\"\"\ndate = \"Invalid Date\"\nupdated = 2021-07-19\n+++\n",
		"+++\r\nraw = '''\r\nlastmod = \"2021/07/19\"\r\n'''\r\nlastmod = \"2021/07/19\" # c\r\n[params]\r\ndate = \"NaN\"\r\n+++\r\n",
		// Templates (row 5), real dates (row 4).
		"---\ntitle: \"{{ replace .Name \"-\" \" \" | title }}\"\ndate: {{ .Date }}\n---\n",
		"---\ndate: 2021-07-19T10:00:00.1234567890Z\nlastmod: \"2021-07-19T24:00:00Z\"\n---\n",
		// Psych's !binary values and quoted lines at column 0 (jekyll-import).
		"---\ndate: !binary |-\n  MjAxMS0wMi0wMyAxMDoyMDozMCArMDgwMA==\nx:\n- a: !binary YWI=\n  c: ! 'd\n\n'\n---\n",
		"---\nexcerpt: ! 'a\n  b\n\n'\ndate_gmt: !!binary\n  MjAxMS0wMi0wMyAxMDoyMDozMCArMDgwMA==\n---\n",
	} {

		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out, changes, err := repairChanges(src)
		if err != nil {
			return
		}
		n := 0
		for _, c := range changes {
			if !c.Note {
				n++
			}
		}
		checkSameData(t, src, out, changes)
		if n == 0 && !bytes.Equal(out, src) {
			t.Fatalf("no change reported but output differs: %q -> %q", src, out)
		}
		again, n2, err := repairOnce(out)
		if err != nil {
			t.Fatalf("repaired output fails: %v\n in: %q\nout: %q", err, src, out)
		}
		if n2 != 0 || !bytes.Equal(again, out) {
			t.Fatalf("not idempotent:\n in: %q\nout: %q\nagain: %q", src, out, again)
		}
	})
}
