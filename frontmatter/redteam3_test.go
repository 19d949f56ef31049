package frontmatter

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"

	"go.yaml.in/yaml/v3"

	"github.com/mdclean/mdclean/edit"
)

// The third red team (data safety, end to end): posts generated from the
// dangerous pieces of front matter, repaired, and read before and after
// by yaml.v3 (always) and by the users' clients (hexo-front-matter,
// gray-matter's js-yaml, Ruby's YAML as Jekyll reads it) when they are
// present. A repair must never make a client read less: a client that
// read the input reads the output, with every key no change names equal;
// a client that could not read the input reads the output or finds it
// unchanged; a second run changes nothing; the body is untouched.

var (
	rt3Titles = []string{"Hello world", "C# tips", "a: b", "a:b", "Tom's post", "it''s", `say "hi"`, `back\slash`, `\n`, "{braces}", "[brackets]",
		"& amp", "*star", "!bang", "|pipe", ">gt", "%pct", "@at", "`code`", "x # y", "x #y", "#tag", "a, b", "- dash", "? q", "中文: 标题",
		"ends:", "tab\there", "yes", "no", "null", "~", "1.0", "0x1F", "2021-07-19", "12:30", "a\u2028b", "a\u0085b", "a\u00a0b", "a\u200bb",
		"\ufeffbom", "a  ", "'q", `"q`, "x ''y", "y\"", "a: 'b'", "{a: 1}", "[1, 2", "=", "<<"}
	rt3Quote = []string{"plain", "plain", "single", "double", "brokensingle", "brokendouble"}
	rt3Dates = []string{"2021-07-19", "2021-07-19 10:00:00", "2021-07-19T10:00:00", "2021-07-19T10:00:00Z", "2021-07-19T10:00:00.000Z",
		"2021-07-19T10:00:00+08:00", "2021-07-19T10:00:00+0800", "2021-07-19 10:00:00 +08:00", "2021-07-19 10:00:00 +0800",
		"2021-07-19 10:00:00+08:00", "2021-07-19 10:00:00.123Z", "19 Jul 2021", "Mon, 19 Jul 2021 10:00:00 GMT",
		"Mon, 19 Jul 2021 10:00:00 +0800", "Mon Jul 19 10:00:00 UTC 2021", `"2021-07-19"`, `'2021-07-19 10:00:00'`,
		"2021-7-9", "2021-7-9 10:00:00", "2021-07-19 10:00", "2021-07-19T10:00", "2021-07-19 10:00:00 UTC", "2021-07-19 10:00:00 GMT+0800",
		"2021/07/19", "2021/07/19 10:00", "2021.07.19", "2021年7月19日", "19 July 2021", "July 19, 2021", "Monday, July 19, 2021",
		"July 19, 2021 3:04 PM", `"July 19, 2021"`, `'2021/07/19'`, "2021/07/19 # first post", "2021-07-19T23:59:60Z", "2021-07-19 24:00:00",
		"07/08/2021", "08-07-21", "20210719", `"20210719"`, "2021-07-19 10:00:00 CST", "Invalid Date", "NaN", "undefined", "", `""`, "null", "~",
		"0000-00-00 00:00:00", "2021-13-45", "2021-02-30", "yesterday", "!!str 2021-07-19", "!!timestamp 2021-07-19", "!!timestamp July 19, 2021",
		"&d 2021-07-19", "[2021-07-19]", "{a: 1}", "'2021-07-19", "2021-07-19 # c", "2021-07-19\t", "2021-07-19\u00a0", "\u200b2021-07-19"}
	rt3DateKeys = []string{"date", "updated", "lastmod", "published", "Date", "modified"}
	rt3Others   = []string{"tags: [a, b]", "tags:\n  - a\n  - b", "tags: [a,\n  b]", "tags: [a,\nb]", "meta: {a: 1,\n  b: 2}", "meta: {a: 1, b: 2}",
		"desc: |\n  line one\n  line: two", "desc: >\n  folded\n  text", "desc: |-\n  x\n\n  y", "desc: plain\n  continued line", "desc: 'single\n  continued'",
		"desc: \"double\n  continued\"", "base: &b x", "ref: *b", "bin: !binary aGVsbG8=", "str: !!str 12", "n: 12", "f: 1.5", "ok: true", "none: null",
		"k:\tv", "k:\t'v'", "\tk: v", "k: v\t", "empty:", "k: [a, b", "k: {a", "k: a, b", "cats:\n- a\n- b", "x: 'it's'", "x: \"a \"b\" c\"",
		"x: a: b", "x: \\", "x: '\\'", "x: \"\\q\"", "x: \"\\\\\"", "author: @me", "url: http://x.y/a#b", "x: %20", "x: `t`", "x: !local", "x: ! a",
		"long: " + strings.Repeat("word ", 400), "x: a\u2028b", "x: 'a\u2028b'", "x: \"a\u0085b\"", "x: a\u00a0", "x: \u00a0a", "? complex\n: v",
		"x: - a", "x: [a]b", "x: 'a'b", "slug: a-b", "x: <<", "<<: *b", "x: >-\n\n  y",
		"meta:\n  date: 2021/07/19\n  title: a: b", "meta: {date: 2021/07/19, t: x}", "dates: [2021/07/19, Invalid Date]", "\"date\": 2021/07/19",
		"'updated': Invalid Date", "DATE: 2021/07/19", "# date: 2021/07/19", "x: 1 # date: NaN", "? date\n: 2021/07/19", "date: &d 2021/07/19\nupdated: *d",
		"date: !!timestamp 2021/07/19", "date: !binary MjAyMS0wNy0xOQ==", "title: !binary SGVsbG86IHdvcmxk", "updated:\n  2021/07/19",
		"date: 2021/07/19\n  10:00", "date: |\n  2021/07/19", "date: >-\n  July 19, 2021", "x: 'a\n\n  b'", "- orphan", "x:\n- a\n-b", "x: {a: [1, {b: c}]}"}
	rt3BodyTexts = []string{"body\n", "Hello\n\n---\n\nmore\n", "", "a: b\n", "\r\nline\r\n", "```\n---\n```\n"}
)

// rt3Post is one generated post and its family.
type rt3Post struct {
	family string
	src    string
}

func rt3Pick[T any](rng *rand.Rand, s []T) T { return s[rng.IntN(len(s))] }

func rt3Title(rng *rand.Rand) string {
	t := rt3Pick(rng, rt3Titles)
	if rng.IntN(3) == 0 {
		t = rt3Pick(rng, rt3Titles) + " " + t
	}
	switch rt3Pick(rng, rt3Quote) {
	case "single":
		return "'" + strings.ReplaceAll(t, "'", "''") + "'"
	case "double":
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(t) + `"`
	case "brokensingle":
		return "'" + t + "'"
	case "brokendouble":
		return `"` + t + `"`
	}
	return t
}

// rt3Gen builds one post of the given family.
func rt3Gen(rng *rand.Rand, family string) string {
	var items []string
	switch family {
	case "titles":
		items = append(items, "title: "+rt3Title(rng))
		if rng.IntN(2) == 0 {
			items = append(items, "date: "+rt3Pick(rng, rt3Dates[:17]))
		}
		if rng.IntN(3) == 0 {
			items = append(items, rt3Pick(rng, []string{"description", "subtitle", "summary", "author"})+": "+rt3Title(rng))
		}
	case "dates":
		items = append(items, "title: "+rt3Pick(rng, rt3Titles[:3]))
		for n := 1 + rng.IntN(3); n > 0; n-- {
			items = append(items, rt3Pick(rng, rt3DateKeys)+": "+rt3Pick(rng, rt3Dates))
		}
	case "structure":
		for n := 1 + rng.IntN(4); n > 0; n-- {
			switch rng.IntN(4) {
			case 0:
				items = append(items, "title: "+rt3Title(rng))
			case 1:
				items = append(items, rt3Pick(rng, rt3DateKeys)+": "+rt3Pick(rng, rt3Dates))
			default:
				items = append(items, rt3Pick(rng, rt3Others))
			}
		}
	}
	if rng.IntN(5) == 0 && len(items) > 0 { // a repeated key
		items = append(items, rt3Pick(rng, items))
	}
	rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	eol := "\n"
	if rng.IntN(5) == 0 {
		eol = "\r\n"
	}
	var sb strings.Builder
	if rng.IntN(12) == 0 {
		sb.WriteString("\ufeff")
	}
	if rng.IntN(15) == 0 {
		sb.WriteString(eol)
	}
	sb.WriteString(rt3Pick(rng, []string{"---", "---", "---", "---", "--- ", "---\t", "----"}) + eol)
	for _, it := range items {
		sb.WriteString(strings.ReplaceAll(it, "\n", eol) + eol)
	}
	if rng.IntN(8) == 0 {
		sb.WriteString(eol)
	}
	if rng.IntN(10) == 0 {
		sb.WriteString("..." + eol)
	} else {
		sb.WriteString("---" + eol)
	}
	sb.WriteString(strings.ReplaceAll(rt3Pick(rng, rt3BodyTexts), "\n", eol))
	return sb.String()
}

// rt3GenTOML builds a TOML post from the same pieces.
func rt3GenTOML(rng *rand.Rand) string {
	var items []string
	for n := 1 + rng.IntN(3); n > 0; n-- {
		switch rng.IntN(3) {
		case 0:
			t := rt3Pick(rng, rt3Titles)
			items = append(items, "title = "+rt3Pick(rng, []string{`"` + t + `"`, "'" + t + "'", t, `"""` + t + `"""`}))
		case 1:
			d := rt3Pick(rng, rt3Dates)
			items = append(items, rt3Pick(rng, rt3DateKeys)+" = "+rt3Pick(rng, []string{d, `"` + d + `"`, "'" + d + "'"}))
		default:
			items = append(items, rt3Pick(rng, []string{"tags = [\"a\", \"b\"]", "tags = [\"a\",\n  \"b\"]", "draft = true", "[params]\nx = 1", "x = \"a\\q\"", "x = 1979-05-27T07:32:00Z",
				"[params]\ndate = \"2021/07/19\"", "x = 1979-05-27 07:32:00", "x = 1979-05-27", "x = 07:32:00", "notes = \"\"\"\ndate = \"NaN\"\n\"\"\"", "notes = '''\ndate = 2021/07/19\n'''",
				"[[list]]\ndate = \"x\"", "x = { date = \"2021/07/19\" }", "# date = 2021/07/19", "title = \"a\" # c", "x = 'it''s'", "x = \"\\u00e9\"", "\"date\" = \"NaN\"", "date.x = 1"}))
		}
	}
	eol := rt3Pick(rng, []string{"\n", "\n", "\r\n"})
	return "+++" + eol + strings.ReplaceAll(strings.Join(items, "\n"), "\n", eol) + eol + "+++" + eol + "body" + eol
}

// rt3GenJSON builds a JSON post.
func rt3GenJSON(rng *rand.Rand) string {
	d, _ := json.Marshal(strings.Trim(rt3Pick(rng, rt3Dates), `"'`))
	t, _ := json.Marshal(rt3Pick(rng, rt3Titles))
	return fmt.Sprintf("{\n  \"title\": %s,\n  \"%s\": %s\n}\nbody\n", t, rt3Pick(rng, rt3DateKeys), d)
}

// rt3Posts generates n posts per family, reproducibly.
func rt3Posts(n int) []rt3Post {
	seed := uint64(2026)
	if v, err := strconv.ParseUint(os.Getenv("MDCLEAN_REDTEAM_SEED"), 10, 64); err == nil {
		seed = v // another sweep: MDCLEAN_REDTEAM_SEED=N MDCLEAN_REDTEAM_N=5000
	}
	rng := rand.New(rand.NewPCG(312, seed))
	var posts []rt3Post
	for _, fam := range []string{"titles", "dates", "structure", "toml", "json"} {
		for i := 0; i < n; i++ {
			var s string
			switch fam {
			case "toml":
				s = rt3GenTOML(rng)
			case "json":
				s = rt3GenJSON(rng)
			default:
				s = rt3Gen(rng, fam)
			}
			posts = append(posts, rt3Post{fam, s})
		}
	}
	return posts
}

// rt3Repair applies Repair to src: the output, the keys the changes
// name, and an error text.
func rt3Repair(src []byte) (out []byte, named map[string]bool, errText string) {
	b, err := Split(src)
	if err != nil {
		return src, nil, "split: " + err.Error()
	}
	es, cs, err := Repair(src, b, Options{Now: fuzzNow})
	if err != nil {
		return src, nil, "repair: " + err.Error()
	}
	out, err = edit.Apply(src, es)
	if err != nil {
		return src, nil, "apply: " + err.Error()
	}
	named = map[string]bool{}
	ranges := rt3KeyRanges(src, b)
	for _, e := range es {
		for _, r := range ranges {
			if e.Start <= r.end && e.End >= r.start {
				named[r.key] = true
			}
		}
	}
	for _, c := range cs {
		if c.Note {
			continue
		}
		for _, r := range ranges {
			if c.Offset >= r.start && c.Offset <= r.end {
				named[r.key] = true
			}
		}
	}
	return out, named, ""
}

type rt3Range struct {
	key        string
	start, end int
}

// rt3KeyRanges finds the top-level keys of block b by their lines: a key
// line starts in column 0 and holds ':' (YAML) or '=' (TOML); its range
// runs to the next key line.
func rt3KeyRanges(src []byte, b Block) []rt3Range {
	var rs []rt3Range
	sep := byte(':')
	if b.Format == FormatTOML {
		sep = '='
	}
	for pos := b.Start; pos < b.End; {
		end := bytes.IndexByte(src[pos:b.End], '\n')
		if end < 0 {
			end = b.End
		} else {
			end += pos + 1
		}
		l := src[pos:end]
		if len(l) > 0 && !strings.ContainsRune(" \t#-\r\n", rune(l[0])) {
			if i := bytes.IndexByte(l, sep); i > 0 {
				if len(rs) > 0 {
					rs[len(rs)-1].end = pos
				}
				k := strings.Trim(strings.TrimSpace(string(l[:i])), `"'`)
				rs = append(rs, rt3Range{k, pos, b.End})
			}
		}
		pos = end
	}
	return rs
}

// rt3YAML is yaml.v3's reading of src's front matter (the client
// stand-in): its data, or ok false.
func rt3YAML(src []byte) (map[string]any, bool) {
	b, err := Split(src)
	if err != nil || !b.Found || b.Format != FormatYAML {
		return nil, false
	}
	var m map[string]any
	if err := yaml.Unmarshal(src[b.Start:b.End], &m); err != nil {
		return nil, false
	}
	return m, true
}

// rt3Check holds the pure-Go properties on one post: "" if it keeps them.
func rt3Check(src []byte) string {
	out, named, errText := rt3Repair(src)
	if errText != "" {
		return ""
	}
	if bytes.Equal(out, src) {
		return ""
	}
	bi, _ := Split(src)
	bo, err := Split(out)
	if err != nil || !bo.Found {
		return fmt.Sprintf("output has no front matter: %v", err)
	}
	if !bytes.Equal(src[bi.Body:], out[bo.Body:]) {
		return "body bytes changed"
	}
	again, _, _ := rt3Repair(out)
	if !bytes.Equal(again, out) {
		return fmt.Sprintf("not idempotent: second run gives %q", again)
	}
	if bi.Format == FormatTOML {
		return rt3TOMLCheck(src, out, named)
	}
	if bi.Format != FormatYAML {
		return ""
	}
	mi, oki := rt3YAML(src)
	mo, oko := rt3YAML(out)
	switch {
	case oki && !oko:
		return "yaml.v3 read the input, not the output"
	case oki:
		for k, v := range mi {
			if named[k] {
				continue
			}
			if !reflect.DeepEqual(v, mo[k]) {
				return fmt.Sprintf("yaml.v3: unnamed key %q changed from %#v to %#v", k, v, mo[k])
			}
		}
	}
	return ""
}

// rt3TOMLCheck holds a TOML repair to go-toml/v2, which Hugo reads TOML
// front matter with: read before, read after, unnamed keys equal, named
// date keys at the same instant or no date before.
func rt3TOMLCheck(src, out []byte, named map[string]bool) string {
	read := func(doc []byte) (map[string]any, bool) {
		b, err := Split(doc)
		if err != nil || b.Format != FormatTOML {
			return nil, false
		}
		var m map[string]any
		return m, toml.Unmarshal(doc[b.Start:b.End], &m) == nil
	}
	mi, oki := read(src)
	mo, oko := read(out)
	switch {
	case !oki:
		return ""
	case !oko:
		return "go-toml read the input, not the output"
	}
	for k, v := range mi {
		if !named[k] {
			if !reflect.DeepEqual(v, mo[k]) {
				return fmt.Sprintf("go-toml: unnamed key %q changed from %#v to %#v", k, v, mo[k])
			}
			continue
		}
		if tm, ok := v.(time.Time); ok && isDateKey(k) {
			if to, ok := mo[k].(time.Time); !ok || !to.Equal(tm) {
				return fmt.Sprintf("go-toml: date key %q moved from %v to %#v", k, tm, mo[k])
			}
		}
	}
	return ""
}

func TestRedteam3YAMLv3(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 600
	}
	bad := 0
	for _, p := range rt3Posts(n) {
		if d := rt3Check([]byte(p.src)); d != "" {
			bad++
			if bad <= 20 {
				t.Errorf("%s: %q: %s", p.family, p.src, d)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d violations", bad)
	}
}

// rt3Reading is one client's reading of one post: data, or an error.
type rt3Reading struct {
	Data  json.RawMessage
	Error string
	None  bool
}

// rt3Clients runs the Node and Ruby readers over files: per file, per
// client ("hexo", "gray", "ruby"), its reading. It skips the test when
// node or the Node clients are absent.
func rt3Clients(t *testing.T, files []string) map[string]map[string]rt3Reading {
	t.Helper()
	res := map[string]map[string]rt3Reading{}
	add := func(out []byte) {
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var rec map[string]json.RawMessage
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatal(err)
			}
			var f string
			_ = json.Unmarshal(rec["file"], &f)
			if res[f] == nil {
				res[f] = map[string]rt3Reading{}
			}
			for _, c := range []string{"hexo", "gray", "ruby"} {
				if raw, ok := rec[c]; ok {
					var r rt3Reading
					_ = json.Unmarshal(raw, &r)
					res[f][c] = r
				}
			}
		}
	}
	mods := os.Getenv("MDCLEAN_CLIENTS_CACHE")
	if mods == "" {
		home, _ := os.UserHomeDir()
		mods = filepath.Join(home, ".cache", "mdclean-clients")
	}
	mods = filepath.Join(mods, "node_modules")
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("skipping the red team's client test: node is not installed")
	}
	if _, err := os.Stat(filepath.Join(mods, "hexo-front-matter")); err != nil {
		t.Skip("skipping the red team's client test: no hexo-front-matter in " + mods + " (go test ./clean -run TestDateFormsClients installs it)")
	}
	for i := 0; i < len(files); i += 500 {
		batch := files[i:min(i+500, len(files))]
		cmd := exec.Command("node", append([]string{"testdata/clients/readall.js"}, batch...)...)
		cmd.Env = append(os.Environ(), "NODE_PATH="+mods, "TZ=UTC")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("node readall.js: %v", err)
		}
		add(out)
		if _, err := exec.LookPath("ruby"); err == nil {
			out, err := exec.Command("ruby", append([]string{"testdata/clients/readall.rb"}, batch...)...).Output()
			if err != nil {
				t.Fatalf("ruby readall.rb: %v", err)
			}
			add(out)
		}
	}
	return res
}

// rt3Instant is the instant a client's canonical value stands for, "" if
// it is not a date to that client (a string as Hexo's new Date reads it).
func rt3Instant(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	for _, k := range []string{"$date", "js", "$time", "$day"} {
		if s, ok := m[k].(string); ok && s != "invalid" {
			if k == "$day" {
				return s + "T00:00:00.000Z"
			}
			if k == "$time" {
				return s[:19] + s[len(s)-1:]
			}
			return s[:19] + "Z"
		}
	}
	return ""
}

// rt3Compare says how client c's readings of a post's input and output
// break the properties, "" if they do not.
// known are the input's keys as rt3KeyRanges finds them (a client's key
// born of a broken line, "a: b: c", is the named line's); exempt are the
// date keys whose change is the project's documented choice: a value
// mdclean classifies as no date (2021-13-45, 0000-00-00 00:00:00, which
// js-yaml rolls over to another day) removed or replaced from evidence.
func rt3Compare(c string, in, out rt3Reading, named, known, exempt map[string]bool) string {
	switch {
	case in.None:
		return ""
	case in.Error != "":
		// Not read before: the output is read or fails too, never
		// worse than the input for this client.
		return ""
	case out.Error != "" || out.None:
		return fmt.Sprintf("%s read the input, not the output: %s", c, out.Error)
	}
	var mi, mo map[string]any
	_ = json.Unmarshal(in.Data, &mi)
	_ = json.Unmarshal(out.Data, &mo)
	var keys []string
	for k := range mi {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vi, vo := mi[k], mo[k]
		if !named[k] && known[k] {
			if !reflect.DeepEqual(vi, vo) {
				return fmt.Sprintf("%s: unnamed key %q changed: %v -> %v", c, k, vi, vo)
			}
			continue
		}
		if isDateKey(k) && !exempt[k] {
			if at := rt3Instant(vi); at != "" && rt3Instant(vo) != at {
				return fmt.Sprintf("%s: date key %q moved: %v -> %v", c, k, vi, vo)
			}
		}
	}
	return ""
}

// rt3Known returns rt3Compare's known and exempt keys of src.
func rt3Known(src []byte) (known, exempt map[string]bool) {
	known, exempt = map[string]bool{}, map[string]bool{}
	b, err := Split(src)
	if err != nil {
		return known, exempt
	}
	for _, r := range rt3KeyRanges(src, b) {
		known[r.key] = true
		if !isDateKey(r.key) {
			continue
		}
		var m map[string]any
		v := strings.TrimSpace(string(src[r.start:r.end]))
		if yaml.Unmarshal([]byte(v), &m) != nil {
			continue
		}
		if s, ok := m[r.key].(string); ok {
			if _, verdict := Classify(s); verdict != IsDate {
				exempt[r.key] = true
			}
		}
	}
	return known, exempt
}

func TestRedteam3Clients(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the red team's client test in -short mode")
	}
	n := 1500
	if v, err := strconv.Atoi(os.Getenv("MDCLEAN_REDTEAM_N")); err == nil && v > 0 {
		n = v
	}
	posts := rt3Posts(n)
	dir := t.TempDir()
	type pair struct {
		p       rt3Post
		in, out string
		named   map[string]bool
		known   map[string]bool
		exempt  map[string]bool
	}
	var pairs []pair
	var files []string
	counts := map[string]int{}
	for i, p := range posts {
		out, named, errText := rt3Repair([]byte(p.src))
		if errText != "" || string(out) == p.src {
			continue
		}
		counts[p.family]++
		in, o := filepath.Join(dir, fmt.Sprintf("p%05di.md", i)), filepath.Join(dir, fmt.Sprintf("p%05do.md", i))
		if err := os.WriteFile(in, []byte(p.src), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(o, out, 0o644); err != nil {
			t.Fatal(err)
		}
		known, exempt := rt3Known([]byte(p.src))
		pairs = append(pairs, pair{p, in, o, named, known, exempt})
		files = append(files, in, o)
	}
	t.Logf("%d posts per family; changed by a repair: %v", n, counts)
	res := rt3Clients(t, files)
	bad := 0
	for _, pr := range pairs {
		for _, c := range []string{"hexo", "gray", "ruby"} {
			ri, ok := res[pr.in][c]
			if !ok {
				continue
			}
			if d := rt3Compare(c, ri, res[pr.out][c], pr.named, pr.known, pr.exempt); d != "" {
				bad++
				if bad <= 40 {
					out, _ := os.ReadFile(pr.out)
					t.Errorf("%s: %q\n  -> %q\n  %s", pr.p.family, pr.p.src, out, d)
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d violations", bad)
	}
}

// TestRedteam3Minimal holds the red team's minimal findings: each input
// comes out unchanged (or is an error, the file left), or keeps its
// leading blank line (what a repair
// would make worse is left, with a note), and keeps the pure-Go
// properties.
func TestRedteam3Minimal(t *testing.T) {
	for _, s := range []string{
		// Behind the blank line gray-matter reads nothing; without it, a
		// block closed by "..." that it cannot read.
		"\n---\ntitle: - dash\n...\nbody\n",
		// A local tag js-yaml refuses, a duplicate left by the repairs.
		"\n---\nx: !local\n---\nbody\n",
		"\n---\ntitle: a\u2028b\ntitle: a\u2028b\n---\nbody\n",
		// Removing the key leaves blank lines: hexo reads into the body.
		"---\nupdated: Invalid Date\n\n---\n```\n---\n```\n",
		// yaml.v3's lines count U+0085: a duplicate left for a second run,
		// a !binary rewrite put on the next key's line.
		"---\ntitle: \"a\"\ntitle: \"a\u0085b\"\ntitle: \"a\"\n---\nbody\n",
		"---\nx: \"a\u0085b\"\ny: !binary aGVsbG8=\nz: !binary aGVsbG8=\n---\nbody\n",
		// At the top, "--- " opens no block to hexo-front-matter; behind a
		// blank line it reads the block.
		"\n--- \ntitle: x\n---\nbody\n",
		// The block emptied, a "---" line in the body: hexo reads the
		// body up to it as YAML.
		"---\ndate: 2021-13-45\n---\n```\n---\n```\n",
		// A flow list continued at column 0: hexo reads it only behind
		// the blank line (which opens the document with its "---").
		"\n---\ntags: [a,\nb]\n---\nbody\n",
		// Spaces for the tab would put "k: v" into the folded date.
		"---\ndate: >-\n  July 19, 2021\n\tk: v\n---\nbody\n",
		// Behind blank lines, dedupe removed the first line; "? date"
		// after "---" is no front matter to Split: body on the next run.
		"\n---\nx: 1\n? date\n: 2021/07/19\nx: 2\n---\nbody\n",
	} {
		out, _, errText := rt3Repair([]byte(s))
		if s[0] == '\n' && errText == "" && out[0] == '\n' {
			continue // the blank line kept: the rest may be repaired
		}
		if strings.HasPrefix(errText, "repair: ") {
			continue // an error: the file is not written
		}
		if errText != "" || string(out) != s {
			t.Errorf("%q: want it left as it is, got %q %s", s, out, errText)
		}
		if d := rt3Check([]byte(s)); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	}
}

// TestRedteam3DedupeLast: of a key given twice, the last valid one is
// kept, the one Hugo and Jekyll (Ruby's YAML) show; js-yaml reads none.
func TestRedteam3DedupeLast(t *testing.T) {
	for in, want := range map[string]string{
		"---\ndate: 2021-01-01\ntitle: a\ndate: 2022-02-02\ntitle: b\n---\nbody\n": "---\ndate: 2022-02-02\ntitle: b\n---\nbody\n",
		"---\ndate: 2021-01-01\ndate: \"\"\n---\nbody\n":                           "---\ndate: 2021-01-01\n---\nbody\n",
		"---\ntitle: a\ntitle:\n---\nbody\n":                                       "---\ntitle: a\n---\nbody\n",
	} {
		out, _, errText := rt3Repair([]byte(in))
		if errText != "" || string(out) != want {
			t.Errorf("%q: got %q %s, want %q", in, out, errText, want)
		}
	}
}

// TestRedteam3AnchorDedupe: removing a duplicate that holds the only
// alias of an anchor frees the anchored value for its repair in the same
// run (a second run changed it).
func TestRedteam3AnchorDedupe(t *testing.T) {
	for _, s := range []string{
		"---\ndate: &d 2021/07/19\nupdated: *d\nupdated: July 19, 2021\n---\nbody\n",
		"---\ndate: &d 2021/07/19\nupdated: *d\nx: 1\ndate: &d 2021/07/19\nupdated: *d\n---\nbody\n",
		"---\nupdated: *d\n---\nbody\n",
	} {
		if d := rt3Check([]byte(s)); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	}
}
