package clean

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mdclean/mdclean/frontmatter"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/dates.md from the real clients' readings")

// dateForm is one row of the date table: a value as it stands after
// "date: " and what mdclean must do with it.
type dateForm struct {
	value string
	// want: "keep" (byte-identical), "portable" (rewritten to a form all
	// clients read at the same instant), "note" (left, reported), "drop"
	// (not a date, no evidence: removed).
	want string
	// out is the rewritten value, for "portable".
	out string
}

// dateForms are the ways generators and people write a date in front
// matter, with their quoted variants.
var dateForms = []dateForm{
	{"2021-07-19", "keep", ""},
	{"2021-07-19 10:00:00", "keep", ""},
	{"2021-07-19T10:00:00", "keep", ""},
	{"2021-07-19T10:00:00Z", "keep", ""},
	{"2021-07-19T10:00:00.000Z", "keep", ""},
	{"2021-07-19T10:00:00+08:00", "keep", ""},
	{"2021-07-19T10:00:00+0800", "keep", ""},
	{"2021-07-19T10:00:00.123456789+08:00", "keep", ""},
	{"2021-07-19 10:00:00 +08:00", "keep", ""},
	{"2021-07-19 10:00:00 +0800", "keep", ""},
	{"2021-07-19 10:00:00+08:00", "keep", ""},
	{"2021-07-19 10:00:00.000000 +08:00", "keep", ""},
	{"2021-07-19 10:00:00.123Z", "keep", ""},
	{"2026-02-19 22:39:37 +00:00", "keep", ""},
	{"19 Jul 2021", "keep", ""},
	{"Mon, 19 Jul 2021 10:00:00 GMT", "keep", ""},
	{"Mon, 19 Jul 2021 10:00:00 +0800", "keep", ""},
	{"Mon, 19 Jul 2021 10:00:00 -0000", "keep", ""},
	{"Fri, 21 Aug 2026 00:00:00 -0400", "keep", ""},
	{"Mon Jul 19 10:00:00 UTC 2021", "keep", ""},
	{"Mon Jul 19 10:00:00 2021", "keep", ""},
	{`"2021-07-19"`, "keep", ""},
	{`'2021-07-19 10:00:00'`, "keep", ""},
	{`'2011-02-02T10:53:00.001+01:00'`, "keep", ""},
	{"2021-07-19T10:00:00.1234567890Z", "keep", ""},
	{`"2021-07-19T10:00:00.1234567890Z"`, "keep", ""},
	{"2021-7-9", "portable", "2021-07-09"},
	{"2021-7-9 10:00:00", "portable", "2021-07-09 10:00:00"},
	{"2021-07-19 10:00", "portable", `"2021-07-19 10:00:00"`},
	{"2021-07-19T10:00", "portable", `"2021-07-19T10:00:00"`},
	{"2021-07-19 10:00:00 UTC", "portable", "2021-07-19T10:00:00Z"},
	{"2021-07-19 10:00:00 GMT+0800", "portable", "2021-07-19T10:00:00+08:00"},
	{"2021/07/19", "portable", "2021-07-19"},
	{"2021/07/19 10:00", "portable", `"2021-07-19 10:00:00"`},
	{"2021/07/19 10:00:00", "portable", `"2021-07-19 10:00:00"`},
	{"2021.07.19", "portable", "2021-07-19"},
	{"2021年7月19日", "portable", "2021-07-19"},
	{"2021年7月19日 10:00", "portable", `"2021-07-19 10:00:00"`},
	{"19 July 2021", "portable", "2021-07-19"},
	{"July 19, 2021", "portable", "2021-07-19"},
	{"Jul 19, 2021", "portable", "2021-07-19"},
	{"Monday, July 19, 2021", "portable", "2021-07-19"},
	{"July 19, 2021 10:00 AM", "portable", `"2021-07-19 10:00:00"`},
	{"July 19, 2021 3:04 PM", "portable", `"2021-07-19 15:04:00"`},
	{`"July 19, 2021"`, "portable", `"2021-07-19"`},
	{`'2021/07/19'`, "portable", `'2021-07-19'`},
	{"2021/07/19 # first post", "portable", "2021-07-19 # first post"},
	{"2021-07-19T23:59:60Z", "portable", "2021-07-20T00:00:00Z"},
	{`"2021-07-19T23:59:60Z"`, "portable", `"2021-07-20T00:00:00Z"`},
	{"2021-07-19 24:00:00", "portable", "2021-07-20 00:00:00"},
	{`"2021-07-19T24:00:00Z"`, "portable", `"2021-07-20T00:00:00Z"`},
	{"07/08/2021", "note", ""},
	{"08-07-21", "note", ""},
	{"7.8.2021", "note", ""},
	{"20210719", "keep", ""},
	{`"20210719"`, "note", ""},
	{"2021-07-19 10:00:00 CST", "note", ""},
	{"Invalid Date", "drop", ""},
	{"NaN", "drop", ""},
	{"undefined", "drop", ""},
	{"", "drop", ""},
	{`""`, "drop", ""},
	{"0000-00-00 00:00:00", "drop", ""},
	{"2021-13-45", "drop", ""},
	{"2021-02-30", "drop", ""},
	{"2021-07-19T24:00:01Z", "drop", ""},
	{"yesterday", "drop", ""},
}

// reading is what one client read from one post's key.
type reading struct {
	ok  bool
	at  string // RFC 3339, UTC, when ok
	raw string // for the table
}

func TestDateFormsClients(t *testing.T) {
	cache, ok := clientsCache(t)
	if !ok {
		return
	}
	dir := t.TempDir()
	var posts []string
	var rows []dateRow
	for i, f := range dateForms {
		in := fmt.Sprintf("---\ntitle: form %d\ndate: %s\n---\nbody\n", i, f.value)
		res, err := Document([]byte(in), Options{Now: goldenNow})
		if err != nil {
			t.Fatalf("%q: %v", f.value, err)
		}
		var msgs []string
		for _, c := range res.Changes {
			msgs = append(msgs, c.Rule+": "+c.Message)
		}
		r := dateRow{form: f, in: in, out: string(res.Out), changes: strings.Join(msgs, "; ")}
		r.outValue = "(removed)"
		for _, l := range strings.Split(r.out, "\n") {
			if v, ok := strings.CutPrefix(l, "date:"); ok {
				r.outValue = strings.TrimSpace(v)
			}
		}
		switch f.want {
		case "keep":
			if r.out != in || res.Changed() {
				t.Errorf("%q: want it kept byte-identical, got %q (%s)", f.value, r.out, r.changes)
			}
			if len(res.Changes) > 0 {
				t.Errorf("%q: a valid date got a note: %s", f.value, r.changes)
			}
		case "portable":
			if r.outValue != f.out {
				t.Errorf("%q: want %q, got %q (%s)", f.value, f.out, r.outValue, r.changes)
			}
			if !strings.Contains(r.changes, frontmatter.RulePortableDate) {
				t.Errorf("%q: want a %s change, got %s", f.value, frontmatter.RulePortableDate, r.changes)
			}
		case "note":
			if r.out != in || res.Changed() || len(res.Changes) == 0 {
				t.Errorf("%q: want it left alone with a note, got %q (%s)", f.value, r.out, r.changes)
			}
		case "drop":
			if r.outValue != "(removed)" {
				t.Errorf("%q: want the key removed, got %q (%s)", f.value, r.outValue, r.changes)
			}
		}
		// Idempotence: the output is a fixed point.
		if again, err := Document(res.Out, Options{Now: goldenNow}); err != nil || !bytes.Equal(again.Out, res.Out) {
			t.Errorf("%q: second run changed %q to %q (%v)", f.value, res.Out, again.Out, err)
		}
		rows = append(rows, r)
		for j, s := range []string{in, r.out} {
			p := filepath.Join(dir, fmt.Sprintf("f%03d%c.md", i, "io"[j]))
			if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			posts = append(posts, p)
		}
	}
	node := nodeReadings(t, cache, posts)
	hugo := hugoReadings(t, posts)
	name := func(i int, side byte) string { return fmt.Sprintf("f%03d%c.md", i, side) }
	var table strings.Builder
	table.WriteString("| value | hexo-front-matter | gray-matter | Hugo | mdclean writes |\n| --- | --- | --- | --- | --- |\n")
	cell := func(r reading) string {
		if !r.ok {
			return "no date"
		}
		return r.at
	}
	for i, r := range rows {
		in := name(i, 'i')
		hx, gr, hu := node[in]["hexo"], node[in]["gray"], hugo[in]
		val, verdict := frontmatter.Classify(unquote(r.form.value))
		val.Quoted = unquote(r.form.value) != r.form.value && !strings.Contains(r.form.value, " #")
		agree := hx.ok && gr.ok && hu.ok && hx.at == gr.at && gr.at == hu.at
		switch r.form.want {
		case "keep":
			if r.form.value != "20210719" && !agree {
				t.Errorf("%q is kept, but the clients do not agree on it: hexo %v, gray %v, hugo %v", r.form.value, hx, gr, hu)
			}
		case "portable":
			if agree {
				t.Errorf("%q is rewritten, but every client already reads it at %s", r.form.value, hx.at)
			}
			out := name(i, 'o')
			ho, go_, huo := node[out]["hexo"], node[out]["gray"], hugo[out]
			want := val.Time.UTC().Format(time.RFC3339)
			if verdict != frontmatter.IsDate {
				t.Errorf("%q: not classified as a date", r.form.value)
			}
			for c, got := range map[string]reading{"hexo": ho, "gray": go_, "hugo": huo} {
				if !got.ok || got.at != want {
					t.Errorf("%q -> %q: %s reads %v, want %s", r.form.value, r.outValue, c, got, want)
				}
			}
			// The model of who misreads what agrees with the clients.
			why := strings.Join(frontmatter.Misread(unquote(r.form.value), val), "; ")
			if hugoWrong := !hu.ok || hu.at != want; hugoWrong != strings.Contains(why, "Hugo") {
				t.Errorf("%q: mdclean says %q, Hugo read %v", r.form.value, why, hu)
			}
			if jsWrong := !hx.ok || hx.at != want || !gr.ok || gr.at != want; jsWrong != strings.Contains(why, "gray-matter") {
				t.Errorf("%q: mdclean says %q, hexo read %v, gray-matter %v", r.form.value, why, hx, gr)
			}
		case "drop":
			if hu.ok {
				t.Errorf("%q is removed as no date, but Hugo reads %s", r.form.value, hu.at)
			}
		}
		fmt.Fprintf(&table, "| `%s` | %s | %s | %s | %s |\n", mdCell(r.form.value), cell(hx), cell(gr), cell(hu), mdCell(describeOut(r)))
	}
	checkDatesDoc(t, table.String())
	checkDateKeys(t, cache, dir)
	checkAnchorsClients(t, cache, dir)
}

// checkAnchorsClients has the clients read what mdclean makes of front
// matter with anchors, aliases and tags (issue 21, row 1): every output
// parses for all three, and its date is the one wanted ("" when the
// date is left as it was).
func checkAnchorsClients(t *testing.T, cache, dir string) {
	cases := []struct{ in, date string }{
		{"date: &d !!str 2021/07/19 # c\n", "2021-07-19T00:00:00Z"},
		{"updated: &u 2021-07-19\ndate: *u\nlastmod: Invalid Date\n", "2021-07-19T00:00:00Z"},
		{"date: &d Invalid Date\nsummary: *d\n", ""},
		{"date: &d 2021/07/19\nsummary: *d\n", ""},
		{"date: &d 2021-07-19T23:59:60Z # leap\nupdated: 2021-07-19\n", "2021-07-20T00:00:00Z"},
	}
	var posts []string
	for i, c := range cases {
		in := "---\ntitle: anchors " + strconv.Itoa(i) + "\n" + c.in + "---\nbody\n"
		res, err := Document([]byte(in), Options{Now: goldenNow})
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		p := filepath.Join(dir, fmt.Sprintf("a%02d.md", i))
		if err := os.WriteFile(p, res.Out, 0o644); err != nil {
			t.Fatal(err)
		}
		posts = append(posts, p)
	}
	node := nodeReadings(t, cache, posts)
	hugo := hugoReadings(t, posts) // fails the test if Hugo cannot build them
	for i, c := range cases {
		name := filepath.Base(posts[i])
		for _, client := range []string{"hexo", "gray"} {
			if _, bad := node[name][client+":error"]; bad {
				t.Errorf("%q: %s cannot read the output", c.in, client)
			}
			if r := node[name][client]; c.date != "" && (!r.ok || r.at != c.date) {
				t.Errorf("%q: %s reads %v, want %s", c.in, client, r, c.date)
			}
		}
		if r := hugo[name]; c.date != "" && (!r.ok || r.at != c.date) {
			t.Errorf("%q: Hugo reads %v, want %s", c.in, r, c.date)
		}
	}
}

// dateRow is a form, its post, and what mdclean made of it.
type dateRow struct {
	form     dateForm
	in, out  string // the posts
	outValue string
	changes  string
}

func describeOut(r dateRow) string {
	switch r.form.want {
	case "keep":
		return "unchanged"
	case "portable":
		return "`" + r.outValue + "` (portable-date)"
	case "note":
		return "unchanged, reported"
	}
	return "removed, or repaired from evidence (invalid-date)"
}

func mdCell(s string) string {
	if s == "" {
		return "(empty)"
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "`", "")
}

func unquote(v string) string {
	if c := strings.Index(v, " #"); c >= 0 {
		v = v[:c]
	}
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// checkDateKeys runs the other generators' date keys through the same
// repairs: a misread date becomes portable, a placeholder is repaired
// from the date key, and a boolean or a number is never touched.
func checkDateKeys(t *testing.T, cache, dir string) {
	var posts []string
	type kc struct{ key, in, out string }
	var cases []kc
	for i, k := range frontmatter.DateKeys {
		if k == "date" {
			continue
		}
		for j, v := range []string{"2021/07/19 10:00", "Invalid Date"} {
			in := fmt.Sprintf("---\ntitle: key %s\ndate: 2021-07-19T08:00:00Z\n%s: %s\n---\nbody\n", k, k, v)
			res, err := Document([]byte(in), Options{Now: goldenNow})
			if err != nil {
				t.Fatal(err)
			}
			out := string(res.Out)
			want := `"2021-07-19 10:00:00"` // a string to YAML before, a string after
			if j == 1 {
				want = "2021-07-19T08:00:00Z"
			}
			if !strings.Contains(out, k+": "+want+"\n") {
				t.Errorf("%s: %q -> %q, want %s: %v", k, v, out, want, res.Changes)
			}
			p := filepath.Join(dir, fmt.Sprintf("k%02d%d.md", i, j))
			if err := os.WriteFile(p, res.Out, 0o644); err != nil {
				t.Fatal(err)
			}
			posts = append(posts, p)
			cases = append(cases, kc{k, in, out})
		}
		for _, v := range []string{"true", "false", "yes", "1338394544"} {
			in := fmt.Sprintf("---\ntitle: key %s\n%s: %s\n---\nbody\n", k, k, v)
			res, err := Document([]byte(in), Options{Now: goldenNow})
			if err != nil || string(res.Out) != in {
				t.Errorf("%s: %s: want it untouched, got %q (%v)", k, v, res.Out, err)
			}
		}
	}
	node := nodeReadings(t, cache, posts)
	for i, p := range posts {
		c := cases[i]
		for _, client := range []string{"hexo", "gray"} {
			r := node[filepath.Base(p)][client+":"+c.key]
			if !r.ok {
				t.Errorf("%s: %s reads no date in %q", c.key, client, c.out)
			}
		}
	}
}

// clientsCache finds or installs the Node clients, as ../shared/tools/clients does.
func clientsCache(t *testing.T) (string, bool) {
	t.Helper()
	require := os.Getenv("MDCLEAN_REQUIRE_CLIENTS") != ""
	skip := func(why string) (string, bool) {
		if require {
			t.Fatalf("MDCLEAN_REQUIRE_CLIENTS is set, but %s", why)
		}
		t.Skipf("skipping the real-client date test: %s (set MDCLEAN_REQUIRE_CLIENTS=1 to make this an error)", why)
		return "", false
	}
	if testing.Short() && !require {
		return skip("-short")
	}
	for _, tool := range []string{"node", "npm", "hugo"} {
		if _, err := exec.LookPath(tool); err != nil {
			return skip(tool + " is not installed")
		}
	}
	cache := os.Getenv("MDCLEAN_CLIENTS_CACHE")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return skip("no home directory for the clients' cache")
		}
		cache = filepath.Join(home, ".cache", "mdclean-clients")
	}
	mods := filepath.Join(cache, "node_modules")
	if _, err := os.Stat(filepath.Join(mods, "hexo-front-matter")); err != nil {
		cmd := exec.Command("npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", cache,
			"hexo-front-matter@5.0.0", "gray-matter@4.0.3", "moment@2.30.1")
		if out, err := cmd.CombinedOutput(); err != nil {
			return skip(fmt.Sprintf("npm install failed: %v: %s", err, out))
		}
	}
	return mods, true
}

// nodeReadings runs testdata/clients/read.js: per file base name, per
// client ("hexo", "gray") the date key's reading, and per "client:key"
// every key's.
func nodeReadings(t *testing.T, mods string, posts []string) map[string]map[string]reading {
	t.Helper()
	script, err := filepath.Abs("../frontmatter/testdata/clients/read.js")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", append([]string{script}, posts...)...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+mods, "TZ=UTC")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node read.js: %v", err)
	}
	res := map[string]map[string]reading{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct {
			File       string
			Hexo, Gray map[string]json.RawMessage
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		m := map[string]reading{}
		for client, keys := range map[string]map[string]json.RawMessage{"hexo": rec.Hexo, "gray": rec.Gray} {
			for k, raw := range keys {
				var v struct{ T, V, Js string }
				_ = json.Unmarshal(raw, &v)
				r := reading{raw: v.V}
				switch {
				case v.T == "date" && v.V != "invalid":
					r.ok, r.at = true, isoSeconds(v.V)
				case v.T == "string" && v.Js != "invalid":
					r.ok, r.at = true, isoSeconds(v.Js)
				}
				m[client+":"+k] = r
				if k == "date" {
					m[client] = r
				}
			}
		}
		res[filepath.Base(rec.File)] = m
	}
	return res
}

// isoSeconds turns JS's 2021-07-19T10:00:00.000Z into RFC 3339 seconds.
func isoSeconds(js string) string {
	tm, err := time.Parse(time.RFC3339Nano, js)
	if err != nil {
		return js
	}
	return tm.UTC().Truncate(time.Second).Format(time.RFC3339)
}

// hugoReadings builds the posts with Hugo: per file base name, .Date.
func hugoReadings(t *testing.T, posts []string) map[string]reading {
	t.Helper()
	site := t.TempDir()
	content := filepath.Join(site, "content", "p")
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(content, 0o755))
	must(os.MkdirAll(filepath.Join(site, "layouts"), 0o755))
	must(os.WriteFile(filepath.Join(site, "config.toml"), []byte("baseURL = \"http://localhost/\"\ntitle = \"check\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"404\"]\n"), 0o644))
	layout, err := os.ReadFile("../frontmatter/testdata/clients/hugo-index.html")
	must(err)
	must(os.WriteFile(filepath.Join(site, "layouts", "index.html"), layout, 0o644))
	for _, p := range posts {
		b, err := os.ReadFile(p)
		must(err)
		must(os.WriteFile(filepath.Join(content, filepath.Base(p)), b, 0o644))
	}
	cmd := exec.Command("hugo", "--quiet", "-s", site)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v: %s", err, out)
	}
	idx, err := os.ReadFile(filepath.Join(site, "public", "index.html"))
	must(err)
	res := map[string]reading{}
	for _, line := range strings.Split(string(idx), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			continue
		}
		d := strings.ReplaceAll(f[1], "&#43;", "+")
		r := reading{raw: d}
		if !strings.HasPrefix(d, "0001-") {
			if tm, err := time.Parse(time.RFC3339Nano, d); err == nil {
				r.ok, r.at = true, tm.UTC().Truncate(time.Second).Format(time.RFC3339)
			}
		}
		res[f[0]] = r
	}
	return res
}

// checkDatesDoc keeps docs/dates.md's table the one the clients give.
func checkDatesDoc(t *testing.T, table string) {
	t.Helper()
	const begin, end = "<!-- table: generated by TestDateFormsClients -update-docs -->\n", "<!-- end of table -->\n"
	path := "../docs/dates.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("%s: no generated table markers", path)
	}
	got := s[:i+len(begin)] + table + s[j:]
	if got == s {
		return
	}
	if *updateDocs {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s is not what the clients read (go test ./clean -run TestDateFormsClients -update-docs)", path)
}

// TestPortableDateRubyTypes holds portable-date to what Ruby's YAML
// (Psych, which Jekyll runs) makes of a date: the portable form is of the
// type the value was, a String or a Time or Date. A zone-less time that
// became a timestamp would move by the site's timezone in Jekyll, which
// parses a String date in that zone and reads a timestamp as UTC.
// Skipped without ruby, unless MDCLEAN_REQUIRE_CLIENTS is set (CI).
func TestPortableDateRubyTypes(t *testing.T) {
	ruby, err := exec.LookPath("ruby")
	if err != nil {
		if os.Getenv("MDCLEAN_REQUIRE_CLIENTS") != "" {
			t.Fatal("MDCLEAN_REQUIRE_CLIENTS is set, but ruby is not installed")
		}
		t.Skip("ruby not installed: Psych's readings not checked (set MDCLEAN_REQUIRE_CLIENTS=1 to make this an error)")
	}
	var doc strings.Builder
	var names []string
	for i, f := range dateForms {
		if f.want != "portable" {
			continue
		}
		fmt.Fprintf(&doc, "i%d: %s\no%d: %s\n", i, f.value, i, f.out)
		names = append(names, strconv.Itoa(i))
	}
	script := `require "yaml"; require "date"; h = YAML.safe_load(STDIN.read, permitted_classes: [Time, Date]); h.each { |k, v| puts "#{k} #{v.class}" }`
	cmd := exec.Command(ruby, "-e", script)
	cmd.Stdin = strings.NewReader(doc.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ruby: %v", err)
	}
	class := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if k, v, ok := strings.Cut(l, " "); ok {
			class[k] = v
		}
	}
	for _, n := range names {
		i, _ := strconv.Atoi(n)
		in, o := class["i"+n], class["o"+n]
		if in == "" || o == "" {
			t.Fatalf("ruby read no i%s/o%s: %s", n, n, out)
		}
		// A day may go from String to Date, a zoned time from String
		// to Time: the one has no zone to lose, the other names it.
		val, _ := frontmatter.Classify(unquote(dateForms[i].value))
		if in != o && !(in == "String" && (o == "Date" || o == "Time" && val.Zone)) {
			t.Errorf("%q -> %q: Ruby reads a %s, then a %s", dateForms[i].value, dateForms[i].out, in, o)
		}
	}
}
