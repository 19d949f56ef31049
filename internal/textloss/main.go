// Command textloss audits what mdclean removes from a tree of posts. It
// copies the tree to a temporary directory, runs
//
//	mdclean -w --report R.jsonl [--config F] .
//
// on the copy, then compares every changed post with its original: the
// visible text of each body (tags, comments, scripts and link
// destinations dropped, entities decoded, images and bare URLs as
// placeholders) is diffed token by token, and every run of tokens the
// cleaned post lost is printed with its post, line and the rule whose
// --report change starts at or before it. Removals are grouped by rule and
// by normalised text (case folded, digits as 0, spaces collapsed), so a
// reader can read every distinct removal once and judge it junk or article
// text. Last it runs `mdclean -l` on the cleaned copy: a post listed there
// would change again, so -w was not idempotent on it.
//
//	go run ./internal/textloss --bin ./mdclean [--config F] [--keep] [--spans F] [--groups F] DIR
//
// The method and the numbers it gave on real repositories are in
// docs/realrepos.md.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mdclean/mdclean/frontmatter"
)

func main() {
	bin := flag.String("bin", "mdclean", "the mdclean binary to audit")
	config := flag.String("config", "", "a config file for mdclean (--config)")
	keep := flag.Bool("keep", false, "keep the cleaned copy and print where it is")
	spansOut := flag.String("spans", "", "write every removed or inserted span as JSON lines to `FILE`")
	groupsOut := flag.String("groups", "", "write every group of removals to `FILE` (default: the top ones on stdout only)")
	top := flag.Int("top", 40, "groups shown on stdout")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: textloss --bin MDCLEAN [--config F] [--keep] [--spans F] [--groups F] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*bin, *config, flag.Arg(0), *keep, *spansOut, *groupsOut, *top, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "textloss:", err)
		os.Exit(2)
	}
}

func run(bin, config, dir string, keep bool, spansOut, groupsOut string, top int, w io.Writer) error {
	bin, err := exec.LookPath(bin)
	if err != nil {
		return err
	}
	if bin, err = filepath.Abs(bin); err != nil {
		return err
	}
	var cfgArgs []string
	if config != "" {
		abs, err := filepath.Abs(config)
		if err != nil {
			return err
		}
		cfgArgs = []string{"--config", abs}
	}
	work, err := os.MkdirTemp("", "textloss-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Fprintln(w, "cleaned copy:", filepath.Join(work, "tree"))
	} else {
		defer os.RemoveAll(work)
	}
	tree := filepath.Join(work, "tree")
	if err := copyTree(dir, tree); err != nil {
		return err
	}
	reportPath := filepath.Join(work, "report.jsonl")
	args := append([]string{"-w", "-q", "--report", reportPath}, cfgArgs...)
	status, stderr := runIn(tree, bin, append(args, ".")...)
	rep, err := readReport(reportPath)
	if err != nil {
		return err
	}
	res, err := audit(dir, tree, rep)
	if err != nil {
		return err
	}
	res.WriteStatus = status
	res.WriteErrors = countLines(stderr)
	// Idempotence: what a second run would still change.
	_, out := runInStdout(tree, bin, append(append([]string{"-l"}, cfgArgs...), ".")...)
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l != "" {
			res.NotIdempotent = append(res.NotIdempotent, filepath.ToSlash(filepath.Clean(l)))
		}
	}
	res.print(w, dir, top)
	if stderr != "" {
		fmt.Fprintf(w, "\nmdclean -w stderr (first lines):\n%s\n", firstLines(stderr, 10))
	}
	if spansOut != "" {
		if err := res.writeSpans(spansOut); err != nil {
			return err
		}
	}
	if groupsOut != "" {
		f, err := os.Create(groupsOut)
		if err != nil {
			return err
		}
		res.printGroups(f, -1)
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

// runIn runs bin in dir and returns its exit status and stderr.
func runIn(dir, bin string, args ...string) (int, string) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	return exitStatus(cmd.Run()), stderr.String()
}

// runInStdout runs bin in dir and returns its exit status and stdout.
func runInStdout(dir, bin string, args ...string) (int, string) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	return exitStatus(cmd.Run()), stdout.String()
}

func exitStatus(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// copyTree copies the regular files (and symlinks) of src to dst, without
// .git directories.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			return os.WriteFile(target, b, info.Mode().Perm())
		}
		return nil
	})
}

// entry is the part of a --report record (docs/report.md) the audit uses.
type entry struct {
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Offset  int    `json:"offset"`
	Line    int    `json:"line"`
	Message string `json:"message"`
	Before  string `json:"before"`
	Note    bool   `json:"note"`
	Config  string `json:"config"`
}

// readReport reads a --report file into its records per post (paths
// cleaned, slash-separated), each post's sorted by offset.
func readReport(name string) (map[string][]entry, error) {
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string][]entry{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rep := map[string][]entry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		p := e.Path
		if strings.HasPrefix(p, `"`) {
			// An odd name, C-quoted as git quotes it.
			if u, err := strconv.Unquote(p); err == nil {
				p = u
			}
		}
		p = filepath.ToSlash(filepath.Clean(p))
		rep[p] = append(rep[p], e)
	}
	for _, es := range rep {
		sort.SliceStable(es, func(i, j int) bool { return es[i].Offset < es[j].Offset })
	}
	return rep, sc.Err()
}

// A span is a run of visible text a post lost (or gained) in cleaning.
type span struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Rule     string `json:"rule"`
	Removed  bool   `json:"removed"`
	Text     string `json:"text"`
	Tokens   int    `json:"tokens"`
	Position string `json:"position"` // start, middle or end of the body
}

type ruleCount struct {
	Changes, Posts int
	posts          map[string]bool
	Spans, SPosts  int
	sposts         map[string]bool
}

// result is what the audit of one tree found.
type result struct {
	Files, Posts, Changed int
	Rules                 map[string]*ruleCount
	Spans                 []span
	WriteStatus           int
	WriteErrors           int
	NotIdempotent         []string
}

func (r *result) rule(id string) *ruleCount {
	rc := r.Rules[id]
	if rc == nil {
		rc = &ruleCount{posts: map[string]bool{}, sposts: map[string]bool{}}
		r.Rules[id] = rc
	}
	return rc
}

// isPostFile reports whether the audit reads a file: the extensions
// mdclean walks by default.
func isPostFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".mdx":
		return true
	}
	return false
}

// audit compares the tree orig with its cleaned copy.
func audit(orig, cleaned string, rep map[string][]entry) (*result, error) {
	res := &result{Rules: map[string]*ruleCount{}}
	for p, es := range rep {
		for _, e := range es {
			if e.Note {
				continue
			}
			rc := res.rule(e.Rule)
			rc.Changes++
			if !rc.posts[p] {
				rc.posts[p] = true
				rc.Posts++
			}
		}
	}
	err := filepath.WalkDir(orig, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !isPostFile(p) {
			return nil
		}
		rel, err := filepath.Rel(orig, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		a, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		res.Files++
		fa, _ := frontmatter.Split(a)
		if fa.Found {
			res.Posts++
		}
		b, err := os.ReadFile(filepath.Join(cleaned, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		if bytes.Equal(a, b) {
			return nil
		}
		res.Changed++
		res.compare(rel, a, b, rep[rel])
		return nil
	})
	return res, err
}

// compare diffs the visible body text of a post before (a) and after (b)
// cleaning and records the spans.
func (res *result) compare(rel string, a, b []byte, es []entry) {
	ta := visibleTokens(a, bodyStart(a))
	tb := visibleTokens(b, bodyStart(b))
	for _, o := range splitOps(diffTokens(ta, tb), ta, es) {
		var sp span
		sp.Path = rel
		sp.Removed = o.Del
		sp.Tokens = o.End - o.Start
		toks, src := tb, b
		if o.Del {
			toks, src = ta, a
		}
		first, last := toks[o.Start], toks[o.End-1]
		sp.Text = visibleText(src[first.Start:last.End])
		if sp.Text == "" {
			sp.Text = joinTokens(toks[o.Start:o.End])
		}
		sp.Line = 1 + bytes.Count(src[:first.Start], []byte("\n"))
		switch {
		case o.Start == 0:
			sp.Position = "start"
		case o.End == len(toks):
			sp.Position = "end"
		default:
			sp.Position = "middle"
		}
		if o.Del {
			sp.Rule = ruleAt(es, first.Start, last.End)
			rc := res.rule(sp.Rule)
			rc.Spans++
			if !rc.sposts[rel] {
				rc.sposts[rel] = true
				rc.SPosts++
			}
		} else {
			sp.Rule = "(inserted)"
		}
		res.Spans = append(res.Spans, sp)
	}
}

// splitOps splits a removed run where a reported change starts between
// two of its tokens: adjacent removals by different rules (a pixel, then a
// share widget) are then counted apart.
func splitOps(ops []op, ta []token, es []entry) []op {
	var out []op
	for _, o := range ops {
		if !o.Del {
			out = append(out, o)
			continue
		}
		start := o.Start
		for i := o.Start + 1; i < o.End; i++ {
			for _, e := range es {
				if !e.Note && e.Offset >= ta[i-1].End && e.Offset <= ta[i].Start {
					out = append(out, op{Del: true, Start: start, End: i})
					start = i
					break
				}
			}
		}
		out = append(out, op{Del: true, Start: start, End: o.End})
	}
	return out
}

func joinTokens(ts []token) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.Text)
	}
	return strings.Join(s, " ")
}

func bodyStart(src []byte) int {
	b, err := frontmatter.Split(src)
	if err != nil || !b.Found {
		return 0
	}
	return b.Body
}

// ruleAt names the change that removed the bytes [start, end) of the
// original: the last removing change that starts at or before start, else
// the first one that starts inside the range. The report's offsets are
// offsets into the original input.
func ruleAt(es []entry, start, end int) string {
	best := ""
	for _, e := range es {
		if e.Note {
			continue
		}
		if e.Offset <= start {
			best = e.Rule
			continue
		}
		if best == "" && e.Offset < end {
			best = e.Rule
		}
		break
	}
	if best == "" {
		return "(unattributed)"
	}
	return best
}

// normalise is the grouping key of a removed text: case folded, runs of
// digits as 0, spaces collapsed, at most 200 characters.
func normalise(s string) string {
	var sb strings.Builder
	lastDigit, lastSpace := false, true
	n := 0
	for _, r := range s {
		if n >= 200 {
			sb.WriteString("…")
			break
		}
		switch {
		case unicode.IsDigit(r):
			if !lastDigit {
				sb.WriteByte('0')
				n++
			}
			lastDigit, lastSpace = true, false
			continue
		case unicode.IsSpace(r):
			if !lastSpace {
				sb.WriteByte(' ')
				n++
			}
			lastDigit, lastSpace = false, true
			continue
		}
		sb.WriteRune(unicode.ToLower(r))
		n++
		lastDigit, lastSpace = false, false
	}
	return strings.TrimSpace(sb.String())
}

type group struct {
	Rule, Key string
	Removed   bool
	Count     int
	Posts     map[string]bool
	Example   span
	Positions map[string]int
}

func (r *result) groups() []*group {
	m := map[string]*group{}
	var gs []*group
	for _, s := range r.Spans {
		k := s.Rule + "\x00" + normalise(s.Text)
		g := m[k]
		if g == nil {
			g = &group{Rule: s.Rule, Key: normalise(s.Text), Removed: s.Removed, Posts: map[string]bool{}, Example: s, Positions: map[string]int{}}
			m[k] = g
			gs = append(gs, g)
		}
		g.Count++
		g.Posts[s.Path] = true
		g.Positions[s.Position]++
	}
	sort.SliceStable(gs, func(i, j int) bool {
		if gs[i].Count != gs[j].Count {
			return gs[i].Count > gs[j].Count
		}
		if gs[i].Rule != gs[j].Rule {
			return gs[i].Rule < gs[j].Rule
		}
		return gs[i].Key < gs[j].Key
	})
	return gs
}

func (r *result) print(w io.Writer, dir string, top int) {
	fmt.Fprintf(w, "tree: %s\n", dir)
	fmt.Fprintf(w, "files: %d, posts (with front matter): %d, changed by -w: %d (mdclean exit %d, %d stderr lines)\n",
		r.Files, r.Posts, r.Changed, r.WriteStatus, r.WriteErrors)
	var ids []string
	for id := range r.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	fmt.Fprintf(w, "\n%-22s %8s %8s %10s %10s %9s\n", "rule", "changes", "posts", "text runs", "in posts", "distinct")
	distinct := map[string]map[string]bool{}
	removed, inserted := 0, 0
	rposts := map[string]bool{}
	allDistinct := map[string]bool{}
	for _, s := range r.Spans {
		if !s.Removed {
			inserted++
			continue
		}
		removed++
		rposts[s.Path] = true
		if distinct[s.Rule] == nil {
			distinct[s.Rule] = map[string]bool{}
		}
		distinct[s.Rule][normalise(s.Text)] = true
		allDistinct[s.Rule+"\x00"+normalise(s.Text)] = true
	}
	for _, id := range ids {
		rc := r.Rules[id]
		fmt.Fprintf(w, "%-22s %8d %8d %10d %10d %9d\n", id, rc.Changes, rc.Posts, rc.Spans, rc.SPosts, len(distinct[id]))
	}
	fmt.Fprintf(w, "\nremoved visible text: %d runs in %d posts, %d distinct (rule, text) groups\n", removed, len(rposts), len(allDistinct))
	fmt.Fprintf(w, "inserted visible text: %d runs\n", inserted)
	fmt.Fprintf(w, "not idempotent (mdclean -l after -w): %d posts\n", len(r.NotIdempotent))
	for i, p := range r.NotIdempotent {
		if i == 10 {
			fmt.Fprintf(w, "  … and %d more\n", len(r.NotIdempotent)-10)
			break
		}
		fmt.Fprintf(w, "  %s\n", p)
	}
	fmt.Fprintf(w, "\ngroups (count, posts, positions, rule, normalised text, example):\n")
	r.printGroups(w, top)
}

func (r *result) printGroups(w io.Writer, top int) {
	for i, g := range r.groups() {
		if top >= 0 && i >= top {
			fmt.Fprintf(w, "… (%d groups not shown)\n", len(r.groups())-top)
			break
		}
		kind := ""
		if !g.Removed {
			kind = "+"
		}
		var pos []string
		for _, k := range []string{"start", "middle", "end"} {
			if g.Positions[k] > 0 {
				pos = append(pos, fmt.Sprintf("%s:%d", k, g.Positions[k]))
			}
		}
		fmt.Fprintf(w, "%6d %6d %-24s %-22s %s%s\n        e.g. %s:%d\n", g.Count, len(g.Posts), strings.Join(pos, ","), g.Rule, kind, clip(g.Key, 200), g.Example.Path, g.Example.Line)
	}
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func (r *result) writeSpans(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, s := range r.Spans {
		if err := enc.Encode(s); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

func countLines(s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
}

func firstLines(s string, n int) string {
	ls := strings.Split(strings.TrimSpace(s), "\n")
	if len(ls) > n {
		ls = append(ls[:n], fmt.Sprintf("… (%d more)", len(ls)-n))
	}
	return strings.Join(ls, "\n")
}
