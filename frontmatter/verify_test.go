package frontmatter

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/mdclean/mdclean/edit"
)

// repairCase is a post, what Repair must make of it (out == "" means
// byte-identical), and a text one of its changes or notes must hold.
type repairCase struct {
	name, in, out, msg string
}

func runRepairCases(t *testing.T, cases []repairCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := Split([]byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			edits, changes, err := Repair([]byte(c.in), b, Options{Now: fuzzNow})
			if err != nil {
				t.Fatal(err)
			}
			out, err := edit.Apply([]byte(c.in), edits)
			if err != nil {
				t.Fatal(err)
			}
			want := c.out
			if want == "" {
				want = c.in
			}
			var msgs []string
			for _, ch := range changes {
				msgs = append(msgs, ch.Rule+": "+ch.Message)
			}
			if string(out) != want {
				t.Errorf("got\n%s\nwant\n%s\n(%s)", out, want, strings.Join(msgs, "; "))
			}
			if c.msg != "" && !strings.Contains(strings.Join(msgs, "\n"), c.msg) {
				t.Errorf("no change says %q: %s", c.msg, strings.Join(msgs, "; "))
			}
			again, n, err := repairOnce(out)
			if err != nil || n != 0 || string(again) != string(out) {
				t.Errorf("second run: %q, %d changes, %v", again, n, err)
			}
		})
	}
}

// TestAnchorsAliases: an edited value keeps its anchor, tag and comment;
// a value an alias uses is left alone, with a note (issue 21, row 1).
func TestAnchorsAliases(t *testing.T) {
	runRepairCases(t, []repairCase{
		{name: "invalid-aliased",
			in:  "---\ntitle: x\ndate: &d Invalid Date\nsummary: *d\n---\nbody\n",
			msg: "has the anchor &d, which an alias uses"},
		{name: "portable-aliased",
			in:  "---\ntitle: x\ndate: &d 2021/07/19\nsummary: *d\n---\nbody\n",
			msg: "has the anchor &d, which an alias uses"},
		{name: "portable-keeps-anchor-tag-comment",
			in:  "---\ntitle: x\ndate: &d !!str 2021/07/19 # first\n---\nbody\n",
			out: "---\ntitle: x\ndate: &d !!str 2021-07-19 # first\n---\nbody\n"},
		{name: "invalid-keeps-anchor-comment",
			in:  "---\ntitle: x\ndate: &d \"Invalid Date\" # when\nupdated: 2021-07-19\n---\nbody\n",
			out: "---\ntitle: x\ndate: &d 2021-07-19 # when\nupdated: 2021-07-19\n---\nbody\n"},
		{name: "invalid-keeps-tag",
			in:  "---\ntitle: x\ndate: !!str Invalid Date\nupdated: 2021-07-19\n---\nbody\n",
			out: "---\ntitle: x\ndate: !!str 2021-07-19\nupdated: 2021-07-19\n---\nbody\n"},
		{name: "unused-anchor-removed",
			in:  "---\ntitle: x\ndate: &d Invalid Date\n---\nbody\n",
			out: "---\ntitle: x\n---\nbody\n"},
		{name: "duplicate-holding-used-anchor",
			in:  "---\ntags: &t [a]\ntitle: x\ntags: [b]\nmore: *t\n---\nbody\n",
			msg: "holds the anchor &t, which an alias uses"},
		{name: "duplicate-anchor-kept",
			in:  "---\ntags: []\ntitle: x\ntags: &t [b]\nmore: *t\n---\nbody\n",
			out: "---\ntitle: x\ntags: &t [b]\nmore: *t\n---\nbody\n"},
		{name: "alias-to-date-elsewhere",
			in:  "---\nupdated: &u 2021-07-19\ndate: *u\nlastmod: Invalid Date\n---\nbody\n",
			out: "---\nupdated: &u 2021-07-19\ndate: *u\nlastmod: 2021-07-19\n---\nbody\n"},
		{name: "verify-comment-on-continuation",
			in:  "---\nupdated: 2021-07-19\ndate: Invalid\n  Date # when\n---\nbody\n",
			msg: "repairs checked with the YAML parser: date would lose its comment"},
	})
}

// TestTOMLKeys: only the TOML parser's keys are keys (issue 21, row 3), and
// a TOML date is repaired from the other date keys as in YAML (row 4).
func TestTOMLKeys(t *testing.T) {
	runRepairCases(t, []repairCase{
		{name: "multiline-basic",
			in: "+++\ntitle = \"x\"\nnotes = \"\"\"\ndate = \"NaN\"\n\"\"\"\n+++\nbody\n"},
		{name: "multiline-literal-crlf",
			in: "+++\r\nnotes = '''\r\ndate = \"2021/07/19\"\r\n'''\r\n+++\r\nbody\r\n"},
		{name: "drop-real-key",
			in:  "+++\ntitle = \"x\"\ndate = \"NaN\" # importer\nnotes = \"\"\"\ndate = \"NaN\"\n\"\"\"\n+++\nbody\n",
			out: "+++\ntitle = \"x\"\nnotes = \"\"\"\ndate = \"NaN\"\n\"\"\"\n+++\nbody\n"},
		{name: "from-typed-key",
			in:  "+++\nupdated = 2021-07-19\ndate = \"Invalid Date\"\n+++\nbody\n",
			out: "+++\nupdated = 2021-07-19\ndate = \"2021-07-19\"\n+++\nbody\n",
			msg: "the updated key of the same front matter"},
		{name: "table-key-is-not-the-page's",
			in: "+++\ntitle = \"x\"\n[params]\ndate = \"NaN\"\n+++\nbody\n"},
		{name: "dotted-key-is-not-the-page's",
			in: "+++\ntitle = \"x\"\nparams.date = \"NaN\"\n+++\nbody\n"},
	})
}

// TestBlockScalarTabs: tabs inside a block scalar are content, also when
// another line's repair makes fixTabs run (issue 21, row 2).
func TestBlockScalarTabs(t *testing.T) {
	runRepairCases(t, []repairCase{
		{name: "title-repair-keeps-code-tabs",
			in:  "---\ntitle: 'Apple's M2'\ncode: |\n  if x {\n  \treturn\n  }\nsnippet: >-\n    a\tb\n    \tc\n---\nbody\n",
			out: "---\ntitle: 'Apple''s M2'\ncode: |\n  if x {\n  \treturn\n  }\nsnippet: >-\n    a\tb\n    \tc\n---\nbody\n"},
		{name: "tab-indented-list-still-fixed",
			in:  "---\ntitle: 'Apple's M2'\nlog: |\n  x\n  \tline\ncategories:\n\t- x\n---\nbody\n",
			out: "---\ntitle: 'Apple''s M2'\nlog: |\n  x\n  \tline\ncategories:\n  - x\n---\nbody\n"},
		{name: "anchored-block-scalar",
			in:  "---\ntitle: 'Apple's M2'\ncode: &c |2\n  \tx\nagain: *c\n---\nbody\n",
			out: "---\ntitle: 'Apple''s M2'\ncode: &c |2\n  \tx\nagain: *c\n---\nbody\n"},
	})
}

// TestTemplates: Hugo archetypes and Hexo scaffolds are templates, left
// alone with a note (issue 21, row 5).
func TestTemplates(t *testing.T) {
	runRepairCases(t, []repairCase{
		{name: "hugo-archetype",
			in:  "---\ntitle: \"{{ replace .File.ContentBaseName \"-\" \" \" | title }}\"\ndate: {{ .Date }}\ndraft: true\n---\n",
			msg: "template syntax"},
		{name: "hugo-archetype-toml",
			in:  "+++\ntitle = '{{ replace .File.ContentBaseName \"-\" \" \" | title }}'\ndate = \"{{ .Date }}\"\n+++\n",
			msg: "template syntax"},
		{name: "hexo-scaffold",
			in:  "---\ntitle: {{ title }}\ndate: {{ date }}\ntags:\n---\n",
			msg: "template syntax"},
		{name: "liquid",
			in:  "---\ntitle: 'It's {% raw %}x{% endraw %}'\ndate: Invalid Date\n---\n",
			msg: "template syntax"},
	})
}

// TestUndoValueChanges: a repair made so that a block parses is undone
// on an entry that parsed on its own and whose value it would change.
func TestUndoValueChanges(t *testing.T) {
	src := []byte("---\ntitle: 'a'\ncode: |\n  a\n  \tb\n---\n")
	b, err := Split(src)
	if err != nil {
		t.Fatal(err)
	}
	r := newRepairer(src, b, Options{})
	r.set(0, []byte("title: \"a\""), edit.Change{Rule: RuleYAMLSyntax, Message: "title: same value"})
	r.set(3, []byte("    b"), edit.Change{Rule: RuleYAMLSyntax, Message: "tab indentation"})
	if !r.undoValueChanges() {
		t.Fatal("nothing undone")
	}
	if r.text[3] != nil || r.text[0] == nil {
		t.Errorf("undid the wrong lines: %q", r.text)
	}
	var msgs []string
	for _, c := range r.changes {
		msgs = append(msgs, c.Message)
	}
	if got := strings.Join(msgs, "; "); got != "title: same value; code: a repair would change a value that already parsed: left as it is" {
		t.Errorf("changes: %s", got)
	}
}

// TestDateValueLine holds dateValueLine to the regexp it reads lines
// as, on generated lines of keys, blanks, dates, quotes and comments.
func TestDateValueLine(t *testing.T) {
	re := regexp.MustCompile(`^[^\s:#'"][^:#]*:[ \t]+(?:[0-9][0-9A-Za-z:+. -]*[0-9Z]|'[0-9][0-9A-Za-z:+. -]*[0-9Z]'|"[0-9][0-9A-Za-z:+. -]*[0-9Z]")(?:[ \t]+#.*)?$`)
	pieces := []string{"date", "k", ":", ": ", ":\t", " ", "\t", "  ", "2021-07-19", "2021-07-19T10:00:00+08:00", "10:00:00",
		"Z", "z", "0", "9", "-", "+", ".", "'", "\"", "#", " #", " # c", "\t#", "\n", "\r", "\f", "日", "\xff", "x y", "a",
		"'2021-07-19'", "\"2021-07-19 10:00:00\"", "_", ",", "!!str", "&a"}
	r := rand.New(rand.NewPCG(17, 18))
	matched := 0
	for range 200000 {
		var l []byte
		if r.IntN(3) == 0 {
			// Well-formed, but for a byte changed now and then.
			v := pieces[8+r.IntN(3)]
			switch r.IntN(3) {
			case 1:
				v = "'" + v + "'"
			case 2:
				v = `"` + v + `"`
			}
			l = []byte(pieces[r.IntN(2)] + pieces[2+r.IntN(3)] + v + []string{"", "", " # c", "\t#", "  #x\n"}[r.IntN(5)])
			if r.IntN(3) == 0 {
				const mut = " \t#:'\"Z0a\n-"
				l[r.IntN(len(l))] = mut[r.IntN(len(mut))]
			}
		} else if r.IntN(2) == 0 {
			l = append(l, pieces[r.IntN(2)]...)
			l = append(l, pieces[2+r.IntN(3)]...)
		}
		for n := r.IntN(6); n > 0; n-- {
			l = append(l, pieces[r.IntN(len(pieces))]...)
		}
		want := re.Match(l)
		if got := dateValueLine(l); got != want {
			t.Fatalf("dateValueLine(%q) = %v, the regexp says %v", l, got, want)
		}
		if want {
			matched++
		}
	}
	if matched < 5000 {
		t.Fatalf("only %d lines matched", matched)
	}
}
