package frontmatter

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mdclean/mdclean/edit"
)

// The second red team's attacks on fastParse (#25): the shapes it took
// after the first (block lists of small mappings, blank lines, literal
// block scalars, "key  :", CRLF, folded continuation lines of plain and
// quoted scalars, the valid flag), and the whole of Repair with the fast
// path against Repair with yaml.v3 alone.

// TestRedteam2HandShapes holds fastParse to yaml.v3, and Repair with it
// to Repair without it, on hand-made blocks at the edges of the new
// shapes (those it declines go to yaml.v3, which is always right).
func TestRedteam2HandShapes(t *testing.T) {
	for _, s := range []string{
		"a: |\n  x\n\n", "a: |-\n  x\n\n\nb: 1", "a: |\n  x", "a: |\n  x\n    y\n  z\n", "a: |\n    x\n  y\n",
		"a: |\r\n  x\r\n\r\nb: 1\r\n", "a: |\n  x  \n", "a: |\n  x\n\n  y\n", "a: |\n  x\n  \n", "a: |\n- x\n",
		"a: |\n  x\nb: |\n  y\n", "a : |\n x\n", "a: |\n  x\n\n\n", "a: |-\n  x", "a: |\n  x\n#c\n", "a: |\n x\n\n", "a: |-\n x\n\n",
		"a: |\n x\n\nb: y\n", "a: |\n  x\n \n  y", "a: |\n  # x\n", "a: |\n  x\n\n\n  y\n\n\nb: 1\n",
		"a: x\n  y\n\n  z\nb: 1", "a: x\n\n\n  y", "a: x\n  y\n\n", "a: x\n  \n  y", "a: 'x\n\n  y'", "a: \"x\n  \n  y\"",
		"a: x\r\n  y\r\n", "a: 'x\n  y' \n", "a: 'x \n  y'", "a: 'x''\n  y'", "a: '\n  y'", "a: '\n\n  y'", "a: 'x\n  '", "a: 'x\n  y  '",
		"a: \"x\n  y\"", "a: \"\n  y\"", "a: \"x \n\n\n  y \"", "a: x\n  y\n  z\n", "a: 1\n  2", "a: 2021-01-01\n  10:00:00", "a: true\n\n  x",
		"a: x\n y:z", "a: x\n  ...", "a: x\n  ---", "a: x\n  a]", "a: x\n  é", "a: 'x\n  #y'", "a: 'x\n  - y'", "a: 'x\n   y\n z'",
		"a:\n- b: 1\n  c: 2\n- d: 3\n", "a:\n  - b: 1\n    c: 2\n", "a:\n- b: 1\n  c: 2\nd: 3", "a:\n-  b: 1\n   c: 2", "a:\n- b : 1",
		"a:\n- b: 1\n  b: 2", "a:\n- b: x\r\n  c: 'y'\r\n", "a:\n- b: 1\n  c: 2\n\nd: 3", "a  :\n- x", "a  :\n", "a  : x", "a :\nb: 1",
		"a:\n- b: [x, y]\n  c: 中文\n", "a:\n- b: 1\n  c: 2\n- x\n", "a:\n- x\n- b: 1\n", "a:\n- b: 1\n  - c", "a:\n- b: 'x\n  y'",
		"a:\n- b: x\n  c: y\n  d: z\n  e: 2021-01-01", "a:\n - b: 1\n   c: 2\n - d: 3", "a:\n- b:  1  \n  c:   2  ",
		"title: |\n  Hello\n\n  World\n\ndate: 2021-01-01\n", "a: x\n\n\n", "a: |\n  x\n\n\n\n", "a: 'x'\n\n  \n",
	} {
		if d := fastParseDiff([]byte(s)); d != "" {
			t.Errorf("fastParse(%q) differs from yaml.v3:%s", s, d)
		}
		if d := repairDiff([]byte("---\n" + s + "\n---\nbody\n")); d != "" {
			t.Errorf("Repair(%q) differs without the fast path:%s", s, d)
		}
	}
}

// Pieces of the new shapes.
var (
	rt2Keys = []string{"a", "title", "date", "tags", "k-1", "True", "null", "y", "updated", "slug", "description", "categories"}
	// What goes between a key and its ":".
	rt2Colon = []string{":", ":", ":", " :", "  :", "\t:"}
	// The first line of a plain or quoted value.
	rt2First = []string{"x", "hello world", "a b  ", "1", "true", "null", "~", "2021-01-01", "2021-01-01 10:00:00", "Jan 5, 2021", "2021-13-45",
		"'q", "'q'", "'a ''b", "\"d", "\"d\"", "\"a b  ", "'", "\"", "[a, b]", "中文", "é x", "a:b", "a #b", "a#b", "x ", "<<", "-1", "?x", "'a'  "}
	// Continuation lines (their indentation drawn apart).
	rt2Cont = []string{"more", "b c", "x:y", "x: y", "x:", "#c", "a #c", "a#c", "- z", "-z", "-", "''", "a''", "a'", "'", "\"", "a\"", "é", "[x]", "]",
		"...", "---", "k: v", "key:", "~", "null", "10:00:00", "? x", "!t", "&a", "*a", "|", ">", "%x", "@x", "x ", "x  ", "中文", "a: 'b'", "b'  "}
	// Literal block headers and lines.
	rt2LitHead = []string{"|", "|-", "|+", "| ", "|- ", "|2", "|-2", "|2-", "| #c", "|\t", ">", ">-", "|x"}
	rt2LitLine = []string{"x", "hello world", "#c", "- y", "k: v", "  more", " one", "x  ", "x\t", "'", "\"", "---", "...", "é", "", "", " ", "  "}
	rt2Item    = []string{"x", "'x'", "\"x\"", "a: 1", "a: x", "b: 'y'", "a:", "a: [1, 2]", "a: b: c", "a : b", "a:b", "k-1: 2021-01-01", "a: |", "a: 'x", "a: #c", "a: x #c", "title: 中文"}
	rt2Ends    = []string{"\n", "\n", "\n", "\r\n", "\r\n", "\n\n", "\r\n\r\n", "\n  \n", "\n \n"}
	rt2Indent  = []string{" ", "  ", "  ", "   ", "    ", "\t", " \t"}

	// The same, but only what fastParse takes (most of the time), so
	// that whole blocks reach it.
	rt2ColonOK   = []string{":", ":", " :", "  :"}
	rt2FirstOK   = []string{"x", "hello world", "a b  ", "1", "true", "null", "~", "2021-01-01", "2021-01-01 10:00:00", "'q", "'q'", "'a ''b", "\"d", "\"d\"", "\"a b  ", "中文", "é x", "a:b", "a#b", "x ", "-1", "'a'  ", "'", "\"", "Jan 5, 2021", "\"a\\nb", "\"\\U0001F923\"", "\"\\\"x\\\" "}
	rt2ContOK    = []string{"more", "b c", "x:y", "a#c", "é", "~", "null", "10:00:00", "a''", "a'", "a\"", "'", "\"", "x  ", "中文", "...", "---", "]", "x :y", "2021", "1", "true", "a'' b'", "b\"  ", "\\t\\\"\"", "x\\ ", "\\x41\""}
	rt2LitHeadOK = []string{"|", "|-", "| ", "|- ", "|  "}
	rt2LitLineOK = []string{"x", "hello world", "#c", "- y", "k: v", "  more", " one", "x  ", "'", "\"", "---", "...", "é", "", "", "a: 'b'", "[x]"}
	rt2ItemOK    = []string{"x", "'x'", "\"x\"", "a: 1", "a: x", "b: 'y'", "a: [1, 2]", "k-1: 2021-01-01", "title: 中文", "a: 'it''s'", "a:b", "c: x:y", "date: 2021-01-01 10:00:00", "n: ~"}
	rt2EndsOK    = []string{"\n", "\n", "\n", "\n\n"}
	rt2IndentOK  = []string{" ", "  ", "  ", "   ", "    "}
)

// rt2Pick picks from ok most of the time, when soft, and from all else.
func rt2Pick(r *rand.Rand, soft bool, ok, all []string) string {
	if soft && r.IntN(12) != 0 {
		return rtPick(r, ok)
	}
	return rtPick(r, all)
}

// redteam2FrontMatter builds a block of the new shapes from the pieces.
// crlf ends every line with CRLF when it is set (a real file's choice);
// otherwise the ends are drawn line by line.
func redteam2FrontMatter(r *rand.Rand) []byte {
	var b strings.Builder
	crlf := r.IntN(4) == 0
	soft := r.IntN(3) != 0
	end := func() string {
		e := rt2Pick(r, soft, rt2EndsOK, rt2Ends)
		if crlf {
			e = strings.ReplaceAll(strings.ReplaceAll(e, "\r\n", "\n"), "\n", "\r\n")
		}
		return e
	}
	for n := r.IntN(4); n >= 0; n-- {
		b.WriteString(rtPick(r, rt2Keys))
		b.WriteString(rt2Pick(r, soft, rt2ColonOK, rt2Colon))
		switch r.IntN(5) {
		case 0: // a literal block scalar
			b.WriteString(" ")
			b.WriteString(rt2Pick(r, soft, rt2LitHeadOK, rt2LitHead))
			b.WriteString(end())
			ind := rt2Pick(r, soft, rt2IndentOK, rt2Indent[:5])
			for m := r.IntN(5); m >= 0; m-- {
				l := rt2Pick(r, soft, rt2LitLineOK, rt2LitLine)
				if l != "" {
					b.WriteString(ind)
					if r.IntN(8) == 0 {
						b.WriteString(rt2Pick(r, soft, rt2IndentOK, rt2Indent))
					}
				}
				b.WriteString(l)
				b.WriteString(end())
			}
		case 1: // a block list, of scalars or small mappings
			b.WriteString(rtPick(r, []string{"", " ", "  "}))
			b.WriteString(end())
			ind := rtPick(r, []string{"", "", " ", "  "})
			for m := r.IntN(4); m >= 0; m-- {
				dash := rt2Pick(r, soft, []string{"- ", "- ", "-  "}, []string{"- ", "- ", "-  ", "-", "-\t"})
				b.WriteString(ind + dash + rt2Pick(r, soft, rt2ItemOK, rt2Item))
				for p := r.IntN(4) - 1; p > 0; p-- {
					b.WriteString(end())
					in := ind + strings.Repeat(" ", len(dash))
					if r.IntN(6) == 0 {
						in = rtPick(r, []string{"", " ", "  ", "   ", "    ", "\t"})
					}
					b.WriteString(in + rt2Pick(r, soft, rt2ItemOK, rt2Item))
				}
				b.WriteString(end())
			}
			continue
		default: // a scalar, folded over continuation lines
			b.WriteString(rtPick(r, []string{" ", " ", "  "}))
			b.WriteString(rt2Pick(r, soft, rt2FirstOK, rt2First))
			for m := r.IntN(4); m > 0; m-- {
				b.WriteString(end())
				if r.IntN(5) == 0 {
					b.WriteString(end())
				}
				b.WriteString(rt2Pick(r, soft, rt2IndentOK, rt2Indent))
				b.WriteString(rt2Pick(r, soft, rt2ContOK, rt2Cont))
				if r.IntN(4) == 0 {
					b.WriteString(rtPick(r, []string{"'", "\"", " '", "' ", "  "}))
				}
			}
		}
		if n > 0 || r.IntN(4) != 0 {
			b.WriteString(end())
		}
	}
	return []byte(b.String())
}

// TestRedteam2FastParseGenerated holds fastParse to yaml.v3 on blocks of
// the new shapes, and reports each different finding (by its smallest
// input) once.
func TestRedteam2FastParseGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 25))
	n := 300000
	if testing.Short() {
		n = 20000
	}
	answered, found := 0, map[string]bool{}
	for range n {
		b := redteam2FrontMatter(r)
		if _, ok := fastParse(b, false); ok {
			answered++
			if _, ok2 := fastParse(b, true); !ok2 {
				t.Errorf("fastParse(%q, true) declines what fastParse(b, false) answers", b)
			}
		}
		if fastParseDiff(b) == "" {
			continue
		}
		m := minimizeYAML(b)
		if found[string(m)] || len(found) >= 10 {
			continue
		}
		found[string(m)] = true
		t.Errorf("fastParse(%q) (from %q) differs from yaml.v3:%s", m, b, fastParseDiff(m))
	}
	t.Logf("fastParse answered %d of %d blocks", answered, n)
}

// TestRedteam2FastParseInvalidUTF8: fastParse(b, false) never answers a
// block that is not UTF-8 (yaml.v3 refuses it), whatever byte breaks it.
func TestRedteam2FastParseInvalidUTF8(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 25))
	n := 20000
	for range n {
		b := redteam2FrontMatter(r)
		if len(b) == 0 {
			continue
		}
		i := r.IntN(len(b) + 1)
		bad := rtPick(r, []string{"\xff", "\xc3", "\xe4\xb8", "\xed\xa0\x80", "\xc0\xaf", "\x80", "\xf4\x90\x80\x80"})
		c := []byte(string(b[:i]) + bad + string(b[i:]))
		if utf8.Valid(c) {
			continue
		}
		if _, ok := fastParse(c, false); ok {
			t.Fatalf("fastParse(%q, false) answers a block that is not UTF-8", c)
		}
	}
}

// repairResult is what Repair gives for src: its edits, changes and error.
func repairResult(src []byte) (edits []edit.Edit, changes []edit.Change, err string) {
	b, e := Split(src)
	if e != nil {
		return nil, nil, "split: " + e.Error()
	}
	es, cs, e := Repair(src, b, Options{Now: fuzzNow})
	if e != nil {
		err = e.Error()
	}
	return es, cs, err
}

// repairDiff says how Repair with the fast path differs from Repair with
// yaml.v3 alone on src, "" if it does not.
func repairDiff(src []byte) string {
	e1, c1, err1 := repairResult(src)
	fastParseOff = true
	defer func() { fastParseOff = false }()
	e2, c2, err2 := repairResult(src)
	switch {
	case err1 != err2:
		return fmt.Sprintf("\nerror %q\n  vs %q", err1, err2)
	case !reflect.DeepEqual(e1, e2):
		return fmt.Sprintf("\nedits %+v\n   vs %+v", e1, e2)
	case !reflect.DeepEqual(c1, c2):
		return fmt.Sprintf("\nchanges %+v\n     vs %+v", c1, c2)
	}
	return ""
}

// minimizeRepair cuts bytes from a block while Repair still differs.
func minimizeRepair(b []byte) []byte {
	wrap := func(b []byte) []byte { return []byte("---\n" + string(b) + "\n---\nbody\n") }
	for changed := true; changed; {
		changed = false
		for i := 0; i < len(b); i++ {
			c := append(append([]byte(nil), b[:i]...), b[i+1:]...)
			if repairDiff(wrap(c)) != "" {
				b, changed = c, true
				i--
			}
		}
	}
	return b
}

// TestRedteam2RepairDifferential holds Repair with the fast path to
// Repair with yaml.v3 alone (same edits, changes and errors) on blocks of
// the first and second red teams' pieces.
func TestRedteam2RepairDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 25))
	n := 60000
	if testing.Short() {
		n = 5000
	}
	found := 0
	for i := range n {
		var b []byte
		if i%2 == 0 {
			b = redteam2FrontMatter(r)
		} else {
			b = redteamFrontMatter(r)
		}
		src := []byte("---\n" + string(b) + "\n---\nbody\n")
		d := repairDiff(src)
		if d == "" {
			continue
		}
		if found++; found > 5 {
			continue
		}
		m := minimizeRepair(b)
		t.Errorf("Repair(%q) (from %q) differs without the fast path:%s", m, b, repairDiff([]byte("---\n"+string(m)+"\n---\nbody\n")))
	}
}

// FuzzRedteam2FastParse is FuzzFastParse seeded with the new shapes.
func FuzzRedteam2FastParse(f *testing.F) {
	r := rand.New(rand.NewPCG(5, 25))
	for range 300 {
		f.Add(redteam2FrontMatter(r))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if d := fastParseDiff(b); d != "" {
			t.Fatalf("fastParse(%q) differs from yaml.v3:%s", b, d)
		}
	})
}

// FuzzRedteam2Repair holds Repair with the fast path to Repair without.
func FuzzRedteam2Repair(f *testing.F) {
	r := rand.New(rand.NewPCG(6, 25))
	for range 300 {
		f.Add(redteam2FrontMatter(r))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		src := []byte("---\n" + string(b) + "\n---\nbody\n")
		if d := repairDiff(src); d != "" {
			t.Fatalf("Repair(%q) differs without the fast path:%s", src, d)
		}
	})
}

// TestRedteam2DedupeOrder: the changes for keys given twice come out in
// the keys' order on every run (dedupe walked a map, so two runs, or the
// fast path and yaml.v3, could report them in different orders).
func TestRedteam2DedupeOrder(t *testing.T) {
	src := []byte("---\na: 1\nb: 2\nc: 3\na: 4\nb: 5\nc: 6\nd: 7\nd: 8\n---\nbody\n")
	_, want, _ := repairResult(src)
	for i := 0; i < len(want); i++ {
		if i > 0 && want[i].Offset < want[i-1].Offset {
			t.Fatalf("changes out of the keys' order: %+v", want)
		}
	}
	for range 50 {
		if _, got, _ := repairResult(src); !reflect.DeepEqual(got, want) {
			t.Fatalf("changes differ between runs:\n%+v\n%+v", got, want)
		}
	}
}

// TestRedteam2RepairTree runs the Repair differential over every file
// of the trees named in $MDCLEAN_REDTEAM_TREES (colon-separated; the
// test is skipped without it): real posts, read in place, never copied.
func TestRedteam2RepairTree(t *testing.T) {
	env := os.Getenv("MDCLEAN_REDTEAM_TREES")
	if env == "" {
		t.Skip("MDCLEAN_REDTEAM_TREES not set")
	}
	files, answered, differ := 0, 0, 0
	for _, root := range filepath.SplitList(env) {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") && !strings.HasSuffix(path, ".markdown") && !strings.HasSuffix(path, ".html") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			files++
			if b, err := Split(src); err == nil && b.Found {
				if _, ok := fastParse(src[b.Start:b.End], false); ok {
					answered++
				}
				if d := fastParseDiff(src[b.Start:b.End]); d != "" {
					t.Errorf("%s: fastParse differs from yaml.v3:%s", path, d)
				}
			}
			if d := repairDiff(src); d != "" {
				if differ++; differ <= 10 {
					t.Errorf("%s: Repair differs without the fast path:%s", path, d)
				}
			}
			return nil
		})
	}
	t.Logf("%d files, fastParse answered %d front matter blocks, %d differ", files, answered, differ)
}

// TestRedteam2MutateTree mutates the front matter blocks of the trees in
// $MDCLEAN_REDTEAM_TREES that fastParse answers (a piece inserted at a
// line's start or end, a line indented, doubled or cut, CRLF ends) and
// holds fastParse to yaml.v3 on each mutant, and Repair with the fast
// path to Repair without it on some. In memory only.
func TestRedteam2MutateTree(t *testing.T) {
	env := os.Getenv("MDCLEAN_REDTEAM_TREES")
	if env == "" {
		t.Skip("MDCLEAN_REDTEAM_TREES not set")
	}
	r := rand.New(rand.NewPCG(7, 25))
	pieces := append(append(append([]string{" ", "  ", "- ", "-", ":", ": ", " #", "'", "\"", "|", "|-", "\n", "\n\n", "\n ", "[", "]", ",", "?", "\\", "\\ ", "\\x4"},
		rt2Cont...), rt2LitLine...), rt2Item...)
	blocks, mutants, answered, repaired, found := 0, 0, 0, 0, 0
	for _, root := range filepath.SplitList(env) {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			b, err := Split(src)
			if err != nil || !b.Found {
				return nil
			}
			block := string(src[b.Start:b.End])
			if _, ok := fastParse([]byte(block), false); !ok {
				return nil
			}
			blocks++
			lines := strings.SplitAfter(block, "\n")
			for range 20 {
				ls := append([]string(nil), lines...)
				for m := 1 + r.IntN(2); m > 0; m-- {
					i := r.IntN(len(ls))
					l := ls[i]
					switch r.IntN(6) {
					case 0:
						ls[i] = rtPick(r, pieces) + l
					case 1:
						body := strings.TrimRight(l, "\n")
						ls[i] = body + rtPick(r, pieces) + l[len(body):]
					case 2:
						ls[i] = rtPick(r, rt2IndentOK) + l
					case 3:
						ls = append(ls[:i+1], ls[i:]...)
					case 4:
						ls = append(ls[:i], ls[i+1:]...)
						if len(ls) == 0 {
							ls = []string{""}
						}
					case 5:
						for j := range ls {
							ls[j] = strings.ReplaceAll(ls[j], "\n", "\r\n")
						}
					}
				}
				c := []byte(strings.Join(ls, ""))
				mutants++
				if mutants%8 == 0 {
					// Repair, with and without the fast path, on one
					// mutant in eight (Repair costs more).
					repaired++
					if d := repairDiff([]byte("---\n" + string(c) + "\n---\nbody\n")); d != "" {
						if found++; found <= 10 {
							t.Errorf("Repair(%q) (a mutant of %s) differs without the fast path:%s", c, path, d)
						}
					}
				}
				if _, ok := fastParse(c, false); ok {
					answered++
				}
				if fastParseDiff(c) == "" {
					continue
				}
				if found++; found <= 10 {
					m := minimizeYAML(c)
					t.Errorf("fastParse(%q) (a mutant of %s) differs from yaml.v3:%s", m, path, fastParseDiff(m))
				}
			}
			return nil
		})
	}
	t.Logf("%d blocks, %d mutants, fastParse answered %d, %d repaired both ways, %d differ", blocks, mutants, answered, repaired, found)
}
