package frontmatter

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The red team's attacks on fastParse (#25): inputs built from the
// pieces YAML 1.1 and 1.2 give meaning to, held to yaml.Unmarshal
// wherever fastParse answers. A difference on any input it answers is
// a data-loss bug: the repairs edit by the nodes' lines and columns.

// fastParseDiff says how fastParse and yaml.v3 differ on b, "" if they
// do not (or fastParse declines).
func fastParseDiff(b []byte) string {
	got, ok, bad := fastParseBad(b, false, nil)
	if bad {
		var n yaml.Node
		if ok || yaml.Unmarshal(b, &n) == nil {
			return "fastParse says yaml.v3 refuses it, yaml.v3 parses it"
		}
	}
	if !ok {
		return ""
	}
	var want yaml.Node
	if err := yaml.Unmarshal(b, &want); err != nil {
		return fmt.Sprintf("fastParse answers, yaml.v3 refuses: %v", err)
	}
	if !reflect.DeepEqual(got, &want) {
		return fmt.Sprintf("\n got %s\nwant %s", dumpNode(got), dumpNode(&want))
	}
	return ""
}

// minimizeYAML cuts bytes from b while fastParse still answers it
// differently from yaml.v3: a finding is reported at its smallest.
func minimizeYAML(b []byte) []byte {
	for changed := true; changed; {
		changed = false
		for i := 0; i < len(b); i++ {
			c := append(append([]byte(nil), b[:i]...), b[i+1:]...)
			if fastParseDiff(c) != "" {
				b, changed = c, true
				i--
			}
		}
	}
	return b
}

// TestRedteamFastParseFindings holds the differences the red team found,
// at their smallest, so that they stay fixed.
func TestRedteamFastParseFindings(t *testing.T) {
	for _, s := range []string{
		// yaml.v3 counts columns in characters; fastFlowSeq counted
		// bytes, so every item after a non-ASCII one was too far right.
		"a: [é, b]",
		"tags: ['中文', \"x\"]\n",
		"a:\n- [\"ü\", 1]\n",
	} {
		if d := fastParseDiff([]byte(s)); d != "" {
			t.Errorf("fastParse(%q) differs from yaml.v3:%s", s, d)
		}
	}
}

// Red-team pieces: keys, values, and what may follow a value.
var (
	rtKeys = []string{"a", "title", "date", "tags", "x-y", "a-", "_", "A1", "true", "True", "null", "NULL", "on", "y", "n", "e", "inf", "nan",
		"Yes", "No", "a_b", strings.Repeat("k", 1000), strings.Repeat("k", 999), "t"}
	rtScalars = []string{
		// Plain scalars with indicators inside, and the look-alikes.
		"x", "a b", "a  b", "a:b", "a::b", "a:", "a :b", "a,b", "a]", "a}", "a[", "a{", "a#b", "a #b", "a\u00a0#b", "a:\u00a0b", "a?b", "a-b",
		"a'b", "a\"b", "a!b", "a&b", "a*b", "a|b", "a>b", "a%b", "a@b", "a`b", "=", "<", "<<", "<<<", "<b>", "~", "~x", ".", "..", "...", ".x",
		"-1", "+1", "1", "0", "00", "0x1F", "0o17", "0b1", "1e3", "1E3", "1_000", "1.5", ".5", "5.", "-.inf", ".Inf", ".NaN", "+.inf",
		"true", "True", "TRUE", "tRue", "yes", "on", "off", "y", "n", "null", "Null", "NULL", "nULL",
		"2021-01-01", "2021-1-1", "2021-01-01 10:00:00", "2021-01-01T10:00:00Z", "2021-01-01t10:00:00.5+01:00", "2021-01-01 10:00", "10:00", "1:2:3",
		// Unicode.
		"é", "中文", "😀", "a😀b", "\u00a0", "a\u00a0", "\u00a0a", "ａ", "\u200b", "\ufeff", "\u2028", "\u0085", "\u00ad", "\ufffd", "\U0010ffff", "\ufffe",
		// Quoted.
		"''", "'a'", "'a''b'", "''''", "'a'b'", "'a' ", "'a'  ", "'\\'", "'\"'", "'#'", "'a: b'", "'é'", "'😀'", "'a\\nb'", "'a ''' b'",
		"\"\"", "\"a\"", "\"a'b\"", "\"a''b\"", "\"\\\"\"", "\"a\\\\b\"", "\"é\"", "\"a: b\"", "\"# x\"", "\"a\" ", "\"'\"",
		// Flow sequences.
		"[]", "[ ]", "[a]", "[a,b]", "[a, b]", "[ a , b ]", "[é, b]", "['é', b]", "[\"é\", 'b']", "[😀, x]", "[a\u00a0b, c]", "[中文, 中文]",
		"[a,]", "[,a]", "[a,,b]", "[a b]", "[a'b, c]", "[a\"b]", "['a,b', c]", "[\"a]b\", c]", "['', \"\"]", "['a''b']", "[~, null, <<]",
		"[a]b", "[a] ", "[a]]", "[[a]]", "[a, [b]]", "[{a}]", "[a: b]", "[a:b]", "[a?b]", "[a #b]", "[a#b]", "[-a]", "[.a]", "[1, 2.5, true]",
		"[2021-01-01, x]", "[a!b, &c]", "[*a]", "[a*]", "[%a]", "[a%]", "[@a]", "[`a`]",
	}
	rtAfter = []string{"", "", "", " ", "  ", " #c", "#c", "\t", "\r", ":", ": x", "'", "\"", ",", "]"}
	rtEnds  = []string{"\n", "\n", "\n", "\r\n", "", "\n\n", "\r\n\r\n", "\r", "\u0085", "\u2028", "\n \n", "\n\t\n"}
	rtCont  = []string{"  more", "  'x'", " b", "   c d", "  x:y", "  x: y", "  x:", "  #c", "  a #c", "  - z", "  -z", "  ''", "  a''", "  a'",
		"  a\"", "  é", "  [x]", "  ]", "  ...", "  ---", "...", "---", "--- ", "  \u00a0", "  ~", "  null", "  10:00:00", "   ", "  ? x", "  !t"}
)

// rtScalar draws a scalar; often one of the plain ones fastParse takes,
// so that whole blocks still reach it.
func rtScalar(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return rtScalars[r.IntN(len(rtScalars))]
	}
	return []string{"x", "hello world", "'q'", "\"d\"", "2021-01-01", "[a, b]", "中文", "1"}[r.IntN(8)]
}

func rtPick(r *rand.Rand, l []string) string { return l[r.IntN(len(l))] }

// redteamFrontMatter builds a block of front matter from the pieces.
func redteamFrontMatter(r *rand.Rand) []byte {
	var b strings.Builder
	for n := r.IntN(5); n >= 0; n-- {
		b.WriteString(rtPick(r, rtKeys))
		switch r.IntN(12) {
		case 0: // a value-less key, then maybe a block sequence
			b.WriteString(":")
			b.WriteString(rtPick(r, []string{"", " ", "  "}))
			b.WriteString(rtPick(r, rtEnds))
			ind := rtPick(r, []string{"", "", " ", "  ", "    "})
			for m := r.IntN(4); m > 0; m-- {
				b.WriteString(ind)
				b.WriteString(rtPick(r, []string{"- ", "- ", "-  ", "-", "-\t"}))
				b.WriteString(rtScalar(r))
				b.WriteString(rtPick(r, rtAfter[:5]))
				b.WriteString(rtPick(r, rtEnds[:4]))
			}
			continue
		case 1:
			b.WriteString(rtPick(r, []string{" :", ":", ":\t", ":\u00a0"}))
		default:
			b.WriteString(": ")
			if r.IntN(6) == 0 {
				b.WriteString(" ")
			}
		}
		b.WriteString(rtScalar(r))
		if r.IntN(4) == 0 {
			b.WriteString(rtPick(r, rtAfter))
		}
		for m := r.IntN(5) - 3; m > 0; m-- {
			b.WriteString(rtPick(r, rtEnds[:4]))
			b.WriteString(rtPick(r, rtCont))
		}
		b.WriteString(rtPick(r, rtEnds))
	}
	return []byte(b.String())
}

// TestRedteamFastParseGenerated holds fastParse to yaml.v3 on blocks
// built from the red team's pieces, and reports each different finding
// (by its smallest input) once.
func TestRedteamFastParseGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 25))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	answered, found := 0, map[string]bool{}
	for range n {
		b := redteamFrontMatter(r)
		if _, ok := fastParse(b, false); ok {
			answered++
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

// FuzzRedteamFastParse is FuzzFastParse seeded with the red team's
// pieces and blocks.
func FuzzRedteamFastParse(f *testing.F) {
	for _, s := range rtScalars {
		f.Add([]byte("a: " + s + "\n"))
		f.Add([]byte("a:\n- " + s + "\n"))
	}
	r := rand.New(rand.NewPCG(9, 9))
	for range 200 {
		f.Add(redteamFrontMatter(r))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if d := fastParseDiff(b); d != "" {
			t.Fatalf("fastParse(%q) differs from yaml.v3:%s", b, d)
		}
	})
}
