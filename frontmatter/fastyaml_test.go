package frontmatter

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

// yamlPieces make front matter lines of every shape fastParse takes and
// of many it must leave to yaml.v3.
var (
	yamlKeys = []string{"title", "date", "tags", "a", "Key_2", "x-y", "yes", "null", "on", "1", "_k", "a.b", "a b", "-k", "k ", "é", "title"}
	yamlVals = []string{
		"", " ", "  ", "x", "hello world", "'quoted'", "'it''s'", "''", "'a' b", "'open", "\"dq\"", "\"a\\nb\"", "\"\"", "\"open",
		"2020-01-02", "2020-01-02 10:11:12", "2020-01-02T10:11:12Z", "Invalid Date", "123", "-5", "1.5", "1e3", "0x1F", "0o17", ".inf", "-.inf", ".nan",
		"true", "false", "yes", "no", "on", "off", "null", "~", "Null", "<<", "<a>", "a: b", "a:b", "a:", "x :y", "x # c", "x#y", "#c",
		"[a, b]", "{a: 1}", "&a x", "*a", "!!str 1", "!t x", "|", ">", "|-", "% x", "@x", "`x`", "?", "? x", "-", "- x", ":", ": x",
		"中文标题", "a,b", "a]", "a}", "trailing  ", "\tx", "x\t", "a\u0085b", "a\u2028b", "a\ufeffb", "\u00a0x", "x\x01", "x\x7f", "\xff",
		"a  b", "a 'b' c", "a \"b\" c", "http://x.y/z?a=b&c=d", "'http://x.y'", "-x", "--", "---", "...",
		"[", "[a", "[a,", "[a, ]", "[,]", "[a] x", "[a]]", "[[a]]", "[a, [b]]", "[a, {b}]", "[a: b]", "[a:b]", "[a #c]", "[a, b] #c", "[?a]", "[-a]", "[- a]",
		"['a', 'b''c']", "['a,b']", "['a]']", "[\"a\\\"\"]", "['a' b]", "[a b]", "[ ]", "[a,,b]", "[a ,b ]", "[~, null]", "[<<]", "[a, 'b]",
		"|", "|-", "|+\n  x", ">\n  x", "|2\n  x", "|\n\n  x", "|\n  x\n y", "|\n  x\n   \n  y", "|\n  x\r\n  y", "|\nx", "| #c\n  x", "|\n  x\n    y\n  z",
		"a\rb", "'a\rb'", "a\r", "a #c", "a#c", "'#'", "\"a # b\"", "#", "a # b",
		// Escapes in double quotes: yaml.v3's, and those it refuses.
		"\"\\/\"", "\"\\q\"", "\"\\x4\"", "\"\\xZZ\"", "\"\\uD800\"", "\"\\udfff\"", "\"\\U00110000\"", "\"\\U0010FFFF\"", "\"\\x00\\x7f\\x80\\xff\"",
		"\"\\0\\a\\b\\v\\f\\r\\e\\ \\N\\_\\L\\P\\'\"", "\"a\\ \"", "\"\\", "\"a\\", "\"a\\\"", "\"\\\"\\\"\"", "\"\\\t\"", "\"\\é\"", "\"\\u00E9\\u4e2D\"",
		"\"a\\\" b\" c", "\"\\U0001f600\\U0001F600x\"", "\"\\u0041\\x41\"", "\"\\#\"", "\"\\:\"",
	}
	yamlTails = []string{"\n", "\n", "\n", "\n\n", "\r\n", "", "\n  more\n", "\n \n", "\n# c\n", "\n---\n", "\n...\n",
		"\r\n\r\n", "\r", "x\r\n", "\n  more words  \n", "\n  more\n  and more\n", "\n  'tail'\n", "\n  end'\n", "\n  end' \n", "\n  end\"\n",
		"\n  x: y\n", "\n  - z\n", "\n  #c\n", "\n  a #c\n", "\n  a#c\n", "\n  a:\n", "\n  a:b\n", "\n  [a]\n", "\n  it''s'\n", "\n   \n  x\n",
		"\n\n  after a blank\n", "\n  \n  after spaces\n", "\n\n\n  two\n  three\n", "\n  x\n\n", "\n\n", "\n  \n", "\n \n\n end'\n", "\n\n  end\"\n", "\n\n  it''s'\n\n",
		"\r\n  more\r\n", "\n\n  more\n", "\n  esc\\n \"\n", "\n  x\\  \n  y\"\n", "\n  x\\\n  y\"\n", "\n  \\ \n\n  \\x41  \"\n", "\n  \\U0001F600\"\n", "\\\n  \\ x\\\n\n  y\"\n", "\n  more\n\n", "\n  'x'  y'\n", "\n  \\\"\n", "\n  a\\\n", "\n  ---\n", "\n  ...\n", "\n  *a\n", "\n  &a\n", "\n  !t\n", "\n  >\n", "\n  |\n"}
	// The common shapes, drawn more often, so that blocks with many
	// entries still reach the fast path.
	yamlGoodVals  = []string{"\"a\\nb\"", "\"\\U0001F923 x\"", "\"say \\\"hi\\\"\"", "\"tab\\there\\\\\"", "\"\\u4e2d\\x41 \\ \"", "|\n  line one\n  line two", "|-\n  a\n\n    b # c\n  d: e", "| \n  x\n\n", "|\n   deep\n   deeper", "x", "hello world", "'quoted'", "'it''s'", "''", "\"dq\"", "2020-01-02", "2020-01-02 10:11:12", "Invalid Date", "123", "true", "null", "~", "中文标题", "a  b", "'http://x.y'", "1.5", "x:y", "a - b", "<b>", "[]", "[a, b]", "[a,b]", "[ 'x' , \"y\" ]", "[1, 2.5, true]", "C# tips", "u#v", "'open", "\"open", "words and"}
	yamlGoodItems = []string{"- a\n", "  - a\n", "- 'q'\n", "  - 1\n", "- 中文\n", "  - \"d\"\n",
		"- name: x\n  slug: y\n", "- a: 1\n", "  - k: 'v'\n    k2: [a, b]\n", "-   a: 1\n    b: true\n"}
	// yamlKeyless follow a key to make lines that are no "key: value":
	// plain scalars that yaml.v3 refuses where a key must be, and near
	// misses that are keys after all.
	yamlKeyless = []string{":\"likes:3,comments:0,\"", ":'x'", ":[a, b]", "", " words", ":x:y", ":{a}", " [a]", " x, 'y'", ":\"a\" #c",
		":\"a\" b:", ":\"a\" b: c", ": x", ":", " :", ":\t", "\t", ":\u0085", ":\u2028x", " #c", " a#b", ":\"\xff\"", ":x\x01", " \"", ":\r"}
	yamlItems = []string{"- a\n", "  - a\n", " - b\n", "- 'q'\n", "  - \"d\"\n", "-\n", "- \n", "-x\n", "  -  y\n", "    - z\n", "- a: b\n", "  - [x]\n", "- - x\n", "  - 1\n", "- 中文\n", "\t- t\n", "  - a\n    b\n",
		"- a: 1\n b: 2\n", "- a: 1\n   b: 2\n", "- a:\n", "- a:\n  b: 1\n", "- a: b: c\n", "- a: 1\n  b:\n", "- a: 1\n  - b\n", "- a: 1\n  b: 2\n    c\n",
		"- a: 1\n  a: 2\n", "- a b: 1\n", "- a:b\n", "- 'a': 1\n", "- a: 1 #c\n", "- a: |\n", "- a: 1\n\n  b: 2\n", "- a: 1\n  b: 2\n- c: 3\n", "- a: 1\r\n  b: 2\r\n",
		"- a: 1\n  \n", "- a: 1\n  #c\n", "- a : 1\n", "- a:  1\n", "- a: 1\n  B: x:y\n", "- a: 'x\n  y'\n"}
)

func randomFrontMatter(r *rand.Rand) []byte {
	var b []byte
	pick := func(good, all []string) string {
		if r.IntN(20) < 18 {
			return good[r.IntN(len(good))]
		}
		return all[r.IntN(len(all))]
	}
	for n := r.IntN(8); n >= 0; n-- {
		b = append(b, pick(yamlKeys[:10], yamlKeys)...)
		switch r.IntN(30) {
		case 0:
			b = append(b, ":"...)
		case 1:
			b = append(b, ": "...)
		case 2:
			b = append(b, " :"...)
		case 3:
			b = append(b, "  : "...)
			b = append(b, pick(yamlGoodVals, yamlVals)...)
		case 4:
			// A line that is no key (fastParseBad), or almost.
			b = append(b, pick(yamlKeyless[:6], yamlKeyless)...)
		default:
			b = append(b, ": "...)
			b = append(b, pick(yamlGoodVals, yamlVals)...)
		}
		if r.IntN(4) == 0 {
			b = append(b, '\n')
			for m := r.IntN(4); m >= 0; m-- {
				b = append(b, pick(yamlGoodItems, yamlItems)...)
			}
		} else {
			b = append(b, pick([]string{"\n", "\n", "\r\n"}, yamlTails)...)
		}
	}
	return b
}

// TestFastParseMatchesYAML holds fastParse to yaml.Unmarshal on many
// generated blocks: wherever it answers, the tree is yaml.v3's, node
// for node and field for field, and yaml.v3 reports no error. It must
// also answer often: it is there to be used.
func TestFastParseMatchesYAML(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 3))
	answered, refused := 0, 0
	const n = 100000
	for range n {
		b := randomFrontMatter(r)
		if checkFastParse(t, b) {
			answered++
		}
		if _, _, bad := fastParseBad(b, false, nil); bad {
			refused++
		}
	}
	if answered < n/10 || refused < n/100 {
		t.Errorf("fastParse answered %d of %d blocks, and knew %d refused", answered, n, refused)
	}
	t.Logf("fastParse answered %d of %d blocks, and knew %d refused", answered, n, refused)
	// Shapes the generator reaches rarely: each must be answered, and
	// right.
	for _, b := range []string{
		"a: |\n  x", "a: |-\n  x", "a: |\n  x\n", "a: |\n  x\n\n", "a: |-\n  x\n\nb: 1", "a: |\r\n  x\r\n  y\r\n",
		"t: 'one\n  two'", "title : x", "a  :\n- b", "c :", "t: x\n\n  y", "l:\n- name: a\n  slug: b", "a: [x]", "a:",
		"t: \"a\\nb \\U0001F600\\\"\"", "t: \"x\\  \n  y\"", "t: \"x\\ \n\n  \\ y\\t \n  z\"", "a: [\"\\\\\", \"\\x41\"]", "a:\n- \"\\u00e9\"",
		// Lines of spaces: blank between entries, empty or content in a
		// literal block.
		"a: |\n  x\n  \n  y\n", "a: |\n  x\n    \n  y", "a: x\n  \nb: y", "a: |-\n  x\n \nb: 1", "a: |\n  x\n   \n\nb: 1", "  \na: 1\n   \n",
		// An encoder's long value, folded with escaped line breaks.
		"d: \"Is it\\\n  \\ so?  \\nWe  \\\n  \\ did...\"\nb: 1\n", "d: \"a\\\n\n\n  b\\\n  \\\n  c\\\n  \"", "d: \"a \\\r\n  b\"\r\n",
		"d: \"\\\n \"", "d: \"\\\n\n  x\"", // (FuzzRedteam2FastParse: the value is not the bytes)
	} {
		if !checkFastParse(t, []byte(b)) {
			t.Errorf("fastParse left %q to yaml.v3", b)
		}
	}
	// And the corpus posts' front matter, where the corpus is present.
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "dev*", "*.md"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if b, err := Split(src); err == nil && b.Found {
			checkFastParse(t, src[b.Start:b.End])
		}
	}
}

func checkFastParse(t *testing.T, b []byte) bool {
	t.Helper()
	got, ok, bad := fastParseBad(b, false, nil)
	if bad {
		var n yaml.Node
		if ok || yaml.Unmarshal(b, &n) == nil {
			t.Fatalf("fastParse says yaml.v3 refuses %q, which it parses", b)
		}
	}
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal(b, &want); err != nil {
		t.Fatalf("fastParse answered for %q, which yaml.v3 refuses: %v", b, err)
	}
	if !reflect.DeepEqual(got, &want) {
		t.Fatalf("fastParse(%q):\n got %s\nwant %s", b, dumpNode(got), dumpNode(&want))
	}
	return true
}

func dumpNode(n *yaml.Node) string {
	s := "{" + n.Tag + " " + n.Value
	s += " " + string(rune('0'+n.Kind)) + " st" + string(rune('0'+n.Style))
	s += " @" + itoa(n.Line) + ":" + itoa(n.Column)
	if n.HeadComment != "" || n.LineComment != "" || n.FootComment != "" || n.Anchor != "" || n.Alias != nil {
		s += " +comments/anchor"
	}
	for _, c := range n.Content {
		s += " " + dumpNode(c)
	}
	return s + "}"
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// FuzzFastParse: wherever fastParse answers, yaml.v3 answers the same.
func FuzzFastParse(f *testing.F) {
	r := rand.New(rand.NewPCG(7, 7))
	for range 40 {
		f.Add(randomFrontMatter(r))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkFastParse(t, b) })
}

// TestQuickLinesMatchYAML holds lineIsMapping and entryValue, which ask
// fastParse and plainKeyless before yaml.v3, to their answers with
// yaml.v3 alone, on generated lines and entries (their trees made in
// shared node memory, as a repairer's are).
func TestQuickLinesMatchYAML(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 9))
	var pieces []string
	pieces = append(pieces, yamlKeyless...)
	for _, v := range yamlVals {
		pieces = append(pieces, ": "+v, ":"+v)
	}
	quick := 0
	var ns nodes
	for range 50000 {
		l := rtPick(r, yamlKeys) + rtPick(r, pieces)
		if r.IntN(4) == 0 {
			l += rtPick(r, yamlTails)
		}
		fastParseOff = true
		wantMap := lineIsMapping([]byte(l), nil)
		wantSum, wantOK := entryValue([]byte(l), nil)
		fastParseOff = false
		// In a repairer's shared node memory, reset now and then.
		if r.IntN(8) == 0 {
			ns.reset()
		}
		if got := lineIsMapping([]byte(l), &ns); got != wantMap {
			t.Fatalf("lineIsMapping(%q) = %v, yaml.v3 alone says %v", l, got, wantMap)
		}
		if sum, ok := entryValue([]byte(l), &ns); sum != wantSum || ok != wantOK {
			t.Fatalf("entryValue(%q) = %v, %v; yaml.v3 alone says %v, %v", l, sum, ok, wantSum, wantOK)
		}
		if _, ok := fastParse([]byte(l), false); ok || fastBytes([]byte(l)) && plainKeyless([]byte(l)) {
			quick++
		}
	}
	if quick < 10000 {
		t.Errorf("the quick answers took only %d of 50000 lines", quick)
	}
}

// TestPlainTag holds plainTag to yaml.v3's ShortTag on the values of
// resolve's table and on generated plain values.
func TestPlainTag(t *testing.T) {
	vals := []string{"", "~", "<<", "<", "<a", "y", "Y", "yes", "n", "no", "on", "off", "true", "True", "TRUE", "tRue", "false", "False",
		"FALSE", "null", "Null", "NULL", "nULL", "nan", ".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1", "-1", "+1", "0x1F", "0o17", "0b1",
		"1_000", "1.5", "1e3", ".5", "2020-01-02", "2020-01-02 10:11:12", "a", "_", "é", "中文", "Title", "x:y", "!", "&", "*", "\"", "'"}
	r := rand.New(rand.NewPCG(25, 11))
	chars := []string{"t", "r", "u", "e", "T", "R", "U", "E", "f", "a", "l", "s", "n", "N", "L", "~", "<", ".", "+", "-", "0", "1", "9",
		"x", "X", "b", "o", "_", ":", " ", "T", "Z", "é", "i", "I", "y", "Y", "O"}
	for range 200000 {
		var s string
		for m := r.IntN(6); m >= 0; m-- {
			s += rtPick(r, chars)
		}
		vals = append(vals, s)
	}
	for _, v := range vals {
		n := &yaml.Node{Kind: yaml.ScalarNode, Value: v}
		if got, want := plainTag(n), n.ShortTag(); got != want {
			t.Fatalf("plainTag(%q) = %s, ShortTag %s", v, got, want)
		}
	}
}

// TestQuoteStop holds quoteStop to the byte loop it replaced, on
// generated strings of the bytes it looks for and others.
func TestQuoteStop(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 13))
	pieces := []string{"'", "\"", "\\", "\n", "a", " ", "é", "''", "abcdefghijklmnopqrstuvwxyz"}
	for range 100000 {
		var s string
		for m := r.IntN(12); m > 0; m-- {
			s += rtPick(r, pieces)
		}
		for _, q := range []byte{'\'', '"'} {
			for _, lines := range []bool{false, true} {
				want := 0
				for want < len(s) && s[want] != q && (q != '"' || s[want] != '\\') && (!lines || s[want] != '\n') {
					want++
				}
				if got := quoteStop([]byte(s), q, lines); got != want {
					t.Fatalf("quoteStop(%q, %c, %v) = %d, want %d", s, q, lines, got, want)
				}
			}
		}
	}
}

// TestFastBytes holds fastBytes, which reads eight bytes at once and
// finds lead bytes with IndexByte, to the byte loop it replaced, on
// generated blocks of the bytes it looks at, at every offset.
func TestFastBytes(t *testing.T) {
	ref := func(b []byte) bool {
		for i := range b {
			if fastLook[b[i]] && !fastByte(b, i) {
				return false
			}
		}
		return !(len(b) >= 3 && (b[0] == '-' && b[1] == '-' && b[2] == '-' || b[0] == '.' && b[1] == '.' && b[2] == '.'))
	}
	r := rand.New(rand.NewPCG(25, 17))
	pieces := []string{"a", "title: x", " ", "~", "\x7e", "\x7f", "\x1f", "\x20", "\t", "\n", "\r\n", "\r", "\n---", "\n...", "---", "\x00",
		"\u0085", "\u00a0", "é", "\u2028", "\u2029", "\u2027", "\ufeff", "\ufffe", "\uffff", "\ufffd", "中文", "\xc2", "\xe2\x80", "\xef\xbf", "\xff", "\x80"}
	for range 200000 {
		var s string
		for m := r.IntN(10); m > 0; m-- {
			s += rtPick(r, pieces)
		}
		if got, want := fastBytes([]byte(s)), ref([]byte(s)); got != want {
			t.Fatalf("fastBytes(%q) = %v, the byte loop says %v", s, got, want)
		}
	}
	for c := range 256 {
		for at := range 9 {
			b := []byte("abcdefghijklmnopq")
			b[at] = byte(c)
			if got, want := fastBytes(b), ref(b); got != want {
				t.Fatalf("fastBytes(%q) = %v, the byte loop says %v", b, got, want)
			}
		}
	}
}

// TestDateTag holds plainTag to ShortTag on generated values that open
// as a date does, four digits and "-" (dateTag): real and impossible
// dates, leap years, every separator and the times and zones of each
// layout, and pieces that break them.
func TestDateTag(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 23))
	years := []string{"0000", "0001", "1900", "1999", "2000", "2020", "2021", "2023", "2024", "2100", "2400", "9999"}
	nums := []string{"", "0", "1", "2", "00", "01", "02", "09", "10", "11", "12", "13", "28", "29", "30", "31", "32", "99", "123", "x", "-", " "}
	seps := []string{"", "", "T", "t", " ", "  ", "x", "Z", "_", ".", "-"}
	times := []string{"", "10:11:12", "1:2:3", "23:59:59", "24:00:00", "10:60:00", "10:11:60", "10:11", "10", "10:11:12.5", "10:11:12,5",
		"10:11:12.123456789", "10:11:12.1234567891", "10:11:12.", "10:11:12Z", "10:11:12z", "10:11:12+08:00", "10:11:12-0800",
		"10:11:12 +08:00", "10:11:12+8:00", "10:11:12+08:60", "10:11:12+24:00", "10:11:12Z ", "10:11:12 ", "Z", "+08:00", "x", "-"}
	tails := []string{"", "", "", "Z", "+08:00", "-05:00", " ", "x", "_1", "1"}
	// Each piece is drawn from its first few (well-formed) entries most
	// of the time, so that many values are timestamps.
	pick := func(l []string, good int) string {
		if r.IntN(4) > 0 {
			return l[r.IntN(good)]
		}
		return rtPick(r, l)
	}
	var vals []string
	for range 300000 {
		sep := pick(seps, 5)
		v := rtPick(r, years) + "-" + pick(nums[1:], 14) + pick([]string{"-", "", "_", "/"}, 1) + pick(nums[1:], 16) + sep
		if sep != "" {
			v += pick(times, 20)
		}
		vals = append(vals, v+pick(tails, 3))
	}
	stamps := 0
	for _, v := range vals {
		n := &yaml.Node{Kind: yaml.ScalarNode, Value: v}
		got, want := plainTag(n), n.ShortTag()
		if got != want {
			t.Fatalf("plainTag(%q) = %s, ShortTag %s", v, got, want)
		}
		if got == "!!timestamp" {
			stamps++
		}
	}
	t.Logf("%d of %d generated values are timestamps", stamps, len(vals))
	if stamps < len(vals)/10 {
		t.Errorf("only %d of %d generated values were timestamps", stamps, len(vals))
	}
}

// TestPlainLine holds plainLine to the byte loop it replaced, on
// generated lines of the bytes it looks for and others.
func TestPlainLine(t *testing.T) {
	ref := func(s []byte) ([]byte, bool) {
		end := len(s)
		for end > 0 && s[end-1] == ' ' {
			end--
		}
		for j := 0; j < end; j++ {
			if s[j] == ':' && (j+1 == end || s[j+1] == ' ') || s[j] == '#' && j > 0 && s[j-1] == ' ' {
				return nil, false
			}
		}
		return s[:end], true
	}
	r := rand.New(rand.NewPCG(25, 29))
	pieces := []string{":", "#", " ", "  ", "a", "b c", ": ", " #", "::", "##", "é", "http://x.y/z#a", "abcdefghijklmnopqrstuvwxyz"}
	for range 200000 {
		var s string
		for m := r.IntN(8); m > 0; m-- {
			s += rtPick(r, pieces)
		}
		if r.IntN(2) == 0 {
			s = "a long line that plainLine reads with IndexByte " + s // 48 bytes
		}
		got, ok := plainLine([]byte(s))
		want, wantOK := ref([]byte(s))
		if ok != wantOK || string(got) != string(want) {
			t.Fatalf("plainLine(%q) = %q, %v; the byte loop says %q, %v", s, got, ok, want, wantOK)
		}
	}
}

// TestCtl8 holds ctl8 to fastLook's controls, byte by byte: every byte
// value at every place of a word, the other bytes drawn from all
// values, so that no carry of a neighbour goes unseen.
func TestCtl8(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 19))
	for range 2000 {
		var b [8]byte
		for c := range 256 {
			for at := range 8 {
				for k := range b {
					b[k] = byte(r.Uint32())
				}
				b[at] = byte(c)
				m := ctl8(binary.LittleEndian.Uint64(b[:]))
				for k, x := range b {
					want := uint64(0)
					if fastLook[x] && x < 0x80 {
						want = 0x80
					}
					if got := m >> (8 * k) & 0xff; got != want {
						t.Fatalf("ctl8(% x): byte %d (%#x) gives %#x, want %#x", b, k, x, got, want)
					}
				}
			}
		}
	}
}

// TestLiteralHead holds literalHead to the trim it spares most values,
// on generated values.
func TestLiteralHead(t *testing.T) {
	ref := func(s []byte) int {
		ind := bytes.TrimRight(s, " ")
		if len(ind) <= 2 && ind[0] == '|' && (len(ind) == 1 || ind[1] == '-') {
			return len(ind)
		}
		return 0
	}
	r := rand.New(rand.NewPCG(25, 41))
	pieces := []string{"|", "-", "+", " ", "  ", "a", "2", "#", ">"}
	for range 100000 {
		s := rtPick(r, []string{"|", "a", "-", ">", "'"})
		for m := r.IntN(4); m > 0; m-- {
			s += rtPick(r, pieces)
		}
		if got, want := literalHead([]byte(s)), ref([]byte(s)); got != want {
			t.Fatalf("literalHead(%q) = %d, the trim says %d", s, got, want)
		}
	}
}

// TestFastParseSharedNodes holds fastParse in a repair's shared node
// memory (nodes kept across parses, reset and reused for the next block:
// smallRepairer) to fastParse in memory of its own, on generated blocks:
// the same trees, and a tree stays as it was while later parses share
// its memory, until the reset.
func TestFastParseSharedNodes(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 12))
	var ns nodes
	for range 5000 {
		var blocks [][]byte
		var trees, fresh []*yaml.Node
		for k := 1 + r.IntN(4); k > 0; k-- {
			b := randomFrontMatter(r)
			got, ok, bad := fastParseBad(b, false, &ns)
			want, okW, badW := fastParseBad(b, false, nil)
			if ok != okW || bad != badW {
				t.Fatalf("%q: shared nodes answer %v %v, own nodes %v %v", b, ok, bad, okW, badW)
			}
			if ok {
				blocks, trees, fresh = append(blocks, b), append(trees, got), append(fresh, want)
			}
		}
		for i := range trees {
			if !reflect.DeepEqual(trees[i], fresh[i]) {
				t.Fatalf("%q: the tree in shared nodes differs from its own:\n%+v\n%+v", blocks[i], trees[i], fresh[i])
			}
		}
		ns.reset()
		for _, n := range ns.buf[:cap(ns.buf)] {
			if !reflect.DeepEqual(n, yaml.Node{}) {
				t.Fatalf("reset left a node: %+v", n)
			}
		}
		for _, p := range ns.pbuf {
			if p != nil {
				t.Fatal("reset left a pointer")
			}
		}
	}
	if cap(ns.buf) == 0 {
		t.Fatal("no node memory kept for reuse")
	}
}
