package main

import (
	"fmt"
	"io"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/mdclean/mdclean/clean"
)

// mdclean learn finds a site's own boilerplate where it repeats: the blocks
// whose text (numbers aside) or whose empty tracking container recurs at
// the start or the end of many of its posts. It writes a proposed config
// (boilerplate: and tracking: tables, each entry with a comment saying
// where it was found) for the user to read, edit and commit; cleaning
// stays per document, so -w, --check and pre-commit give the same answer
// for a post alone or in its tree.

// Where a block stands in its body, counted in blocks with text: the first
// edgeStart and the last edgeEnd are the edges, the rest the middle.
const (
	edgeStart = 3
	edgeEnd   = 5
	// maxLearnRunes: a longer block is article text, never boilerplate.
	maxLearnRunes = 200
	// middleShare: a text found in the middle of more than this share of
	// its posts is the posts' own (a quotation, a recurring phrase).
	middleShare = 0.1
)

func learnCommand(stdout, stderr io.Writer, onUsageError cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:         "learn",
		OnUsageError: onUsageError,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "min-docs"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU()},
			&cli.StringSliceFlag{Name: "include"},
			&cli.StringSliceFlag{Name: "exclude"},
			&cli.BoolFlag{Name: "no-ignore"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return printUsageError(stderr, usagef("learn needs the posts to read: mdclean learn PATH..."))
			}
			cfg := &config{include: c.StringSlice("include"), exclude: c.StringSlice("exclude"), noIgnore: c.Bool("no-ignore"),
				progress: isTerminal(stderr) && !c.Bool("quiet"), quiet: c.Bool("quiet")}
			if err := checkGlobs("include", cfg.include); err != nil {
				return printUsageError(stderr, err)
			}
			if err := checkGlobs("exclude", cfg.exclude); err != nil {
				return printUsageError(stderr, err)
			}
			minDocs := c.Int("min-docs")
			if c.IsSet("min-docs") && minDocs < 2 {
				return printUsageError(stderr, usagef("--min-docs must be at least 2, not %d: one post's text is its own", minDocs))
			}
			jobs := c.Int("jobs")
			if jobs < 1 {
				return printUsageError(stderr, usagef("-j must be at least 1, not %d", jobs))
			}
			return learn(cfg, c.Args().Slice(), minDocs, jobs, stdout, stderr)
		},
	}
}

// learnHelp is mdclean learn --help.
const learnHelp = `mdclean learn finds a site's own boilerplate: the blocks that recur at the start
or the end of many of its posts (a generator's footer, a disclaimer, a share
widget, a counter line whose number changes). It prints a proposed config on
stdout: read it, delete what is article text, and save it as .mdclean.yaml.

Usage:
  mdclean learn [flags] PATH...

Flags:
      --min-docs N   a block must recur in N posts (default: the larger of 3
                     and 2% of the posts)
      --include GLOB, --exclude GLOB, --no-ignore   which files, as for cleaning
  -j, --jobs N       read N posts at once (default: the number of CPUs)
  -q, --quiet        no progress bar

Example:
  mdclean learn source/_posts > .mdclean.yaml && $EDITOR .mdclean.yaml
  mdclean --check source/_posts    # what the learned table would remove
`

// candidate is a text or a container found in the posts.
type candidate struct {
	key      string // the text with its numbers masked, or "id:x" / "class:x"
	example  string // as found, in the first post that had it
	file     string
	docs     int   // posts that have it
	edge     int   // posts that have it at the start or the end
	middle   int   // posts that have it in the middle
	atEnd    int   // of edge: at the end
	edgeDocs []int // the posts (indices) that have it at an edge
	entry    string
	credit   bool
	tracking string // "ids" or "classes" for an empty container
}

// digitRun finds numbers: a footer's year, a counter's count, an id in a
// link differ from post to post; the rest of the text does not.
var digitRun = regexp.MustCompile(`[0-9]+`)

// creditWords mark a credit or source line: where a post came from is
// the user's to keep or remove, so such lines are proposed commented out.
var creditWords = []string{"原文链接", "原文：", "原文:", "本文来自", "转载自", "来源：", "来源:", "作者：", "作者:", "编辑：", "编辑:", "责任编辑",
	"出处", "Originally published", "originally published", "first appeared on", "Source:", "source:", "Reposted from", "Credit:"}

func isCredit(text string) bool {
	for _, w := range creditWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// postBlocks is what learn keeps of one post: its keys, by where they stand.
type postBlocks struct {
	name    string
	longest string         // the key of its longest text: its article, never boilerplate
	keys    map[string]int // key -> 1 start, 2 middle, 4 end (bits)
	ex      map[string]string
	err     error
}

func learn(cfg *config, args []string, minDocs, jobs int, stdout, stderr io.Writer) error {
	start := time.Now()
	jobsList := cfg.collect(args)
	var files []job
	for _, j := range jobsList {
		switch {
		case j.walkErr != nil:
			fmt.Fprintf(stderr, "%s: %v\n", j.name, unwrapPathErr(j.walkErr))
		case j.stale != 0:
		default:
			files = append(files, j)
		}
	}
	bar := cfg.newProgress(len(files), stderr)
	results := make([]postBlocks, len(files))
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for w := 0; w < min(jobs, max(len(files), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				k := i
				i++
				next.Unlock()
				if k >= len(files) {
					return
				}
				results[k] = readPost(files[k])
				bar.add()
			}
		}()
	}
	wg.Wait()
	bar.finish()

	posts := 0
	cands := map[string]*candidate{}
	for d, r := range results {
		if r.err != nil {
			fmt.Fprintf(stderr, "%s: %v (not read)\n", r.name, r.err)
			continue
		}
		if r.keys == nil {
			continue // no front matter: not a post
		}
		posts++
		for key, where := range r.keys {
			c := cands[key]
			if c == nil {
				c = &candidate{key: key, example: r.ex[key], file: r.name}
				cands[key] = c
			}
			c.docs++
			if where&(1|4) != 0 {
				c.edge++
				c.edgeDocs = append(c.edgeDocs, d)
			}
			if where&4 != 0 {
				c.atEnd++
			}
			if where&2 != 0 {
				c.middle++
			}
		}
	}
	if minDocs == 0 {
		minDocs = max(3, posts*2/100)
	}
	copies := findCopies(results, cands)
	// A post's longest text is its article, even when its posts differ only
	// in numbers (a templated report): never proposed.
	articles := map[string]bool{}
	for _, r := range results {
		if r.longest != "" {
			articles[r.longest] = true
		}
	}
	var found, credits []*candidate
	for _, c := range cands {
		if c.edge < minDocs || float64(c.middle) > middleShare*float64(c.docs) || articles[c.key] {
			continue
		}
		distinct := copies.distinct(c.edgeDocs)
		if distinct < minDocs {
			continue // found only in copies of one article: its text
		}
		if distinct < 3 && utf8.RuneCountInString(c.key) >= copyLong {
			continue // a sentence in two posts may be one quoted by both
		}
		switch {
		case strings.HasPrefix(c.key, "id:"):
			c.tracking, c.entry = "ids", strings.TrimPrefix(c.key, "id:")
		case strings.HasPrefix(c.key, "class:"):
			c.tracking, c.entry = "classes", strings.TrimPrefix(c.key, "class:")
		default:
			c.entry = c.key
			c.credit = isCredit(c.example)
		}
		if c.credit {
			credits = append(credits, c)
		} else {
			found = append(found, c)
		}
	}
	order := func(cs []*candidate) {
		sort.Slice(cs, func(a, b int) bool {
			if cs[a].docs != cs[b].docs {
				return cs[a].docs > cs[b].docs
			}
			return cs[a].entry < cs[b].entry
		})
	}
	order(found)
	order(credits)
	writeLearned(stdout, args, posts, minDocs, found, credits)
	if !cfg.quiet {
		fmt.Fprintf(stderr, "mdclean learn: %s read in %.1fs; %s proposed (%s commented out); in at least %d posts each\n",
			plural(posts, "post"), time.Since(start).Seconds(), plural(len(found)+len(credits), "entry"), plural(len(credits), "credit line"), minDocs)
	}
	return nil
}

// copyLong is the length, in characters, from which a shared block is
// a sentence of an article, and copyKeys how many such blocks two posts
// must share to be copies of one article (a repost, a translation's
// source): what copies share is their article, not a site's boilerplate.
const (
	copyLong   = 40
	copyKeys   = 2
	copyMaxSet = 10 // a long text in more posts than this is a site's own
)

// copyGroups joins the posts that are copies of one another.
type copyGroups struct{ parent []int }

func (g *copyGroups) find(i int) int {
	for g.parent[i] != i {
		g.parent[i] = g.parent[g.parent[i]]
		i = g.parent[i]
	}
	return i
}

// distinct counts the posts of docs that are not copies of one another.
func (g *copyGroups) distinct(docs []int) int {
	seen := map[int]bool{}
	for _, d := range docs {
		seen[g.find(d)] = true
	}
	return len(seen)
}

// findCopies groups the posts that share copyKeys or more long texts.
func findCopies(results []postBlocks, cands map[string]*candidate) *copyGroups {
	g := &copyGroups{parent: make([]int, len(results))}
	for i := range g.parent {
		g.parent[i] = i
	}
	byKey := map[string][]int{}
	for d, r := range results {
		for key := range r.keys {
			if c := cands[key]; c != nil && c.docs >= 2 && c.docs <= copyMaxSet && utf8.RuneCountInString(key) >= copyLong {
				byKey[key] = append(byKey[key], d)
			}
		}
	}
	pairs := map[[2]int]int{}
	for _, docs := range byKey {
		for i := 0; i < len(docs); i++ {
			for j := i + 1; j < len(docs); j++ {
				pairs[[2]int{docs[i], docs[j]}]++
			}
		}
	}
	for p, n := range pairs {
		if n >= copyKeys {
			g.parent[g.find(p[0])] = g.find(p[1])
		}
	}
	return g
}

// readPost reads one post's blocks and their keys.
func readPost(j job) postBlocks {
	r := postBlocks{name: j.name}
	src, _, err := readRegular(j.path, j.named, false)
	if err != nil {
		r.err = err
		return r
	}
	if err := checkText(src); err != nil {
		r.err = err
		return r
	}
	if !hasFrontMatter(src) {
		return r
	}
	blocks, err := clean.Blocks(src, clean.Options{Path: j.path})
	if err != nil {
		r.err = err
		return r
	}
	r.keys, r.ex = map[string]int{}, map[string]string{}
	// Positions count the blocks with text: empty ones (containers, spacers)
	// stand where they stand.
	var withText []int
	for k, b := range blocks {
		if b.Text != "" {
			withText = append(withText, k)
		}
	}
	rank := 0
	for _, b := range blocks {
		where := 2
		switch {
		case rank < edgeStart:
			where = 1
		case rank >= len(withText)-edgeEnd:
			where = 4
		}
		if b.Text != "" {
			rank++
		}
		var key string
		switch {
		case b.Long():
			continue
		case b.Text == "" && !b.Media && !b.Markdown && (b.ID != "" || b.Class != ""):
			if b.ID != "" && !digitRun.MatchString(b.ID) {
				key = "id:" + b.ID
			} else if f := strings.Fields(b.Class); len(f) > 0 {
				key = "class:" + f[0]
			} else {
				continue
			}
		case b.Text == "" || b.Media:
			continue
		default:
			if utf8.RuneCountInString(b.Text) > maxLearnRunes {
				continue
			}
			key = digitRun.ReplaceAllString(b.Text, "{n}")
			if letters(strings.ReplaceAll(key, "{n}", "")) < 4 {
				continue // too little text of its own to be sure of ("------", "1/2")
			}
		}
		r.keys[key] |= where
		if !strings.HasPrefix(key, "id:") && !strings.HasPrefix(key, "class:") && len(key) > len(r.longest) {
			r.longest = key
		}
		if _, ok := r.ex[key]; !ok {
			if strings.HasPrefix(key, "id:") || strings.HasPrefix(key, "class:") {
				r.ex[key] = describeContainer(b)
			} else {
				r.ex[key] = b.Text
			}
		}
	}
	return r
}

// letters counts the letters of s (any script).
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func describeContainer(b clean.Block) string {
	var s strings.Builder
	s.WriteString("<" + b.Tag)
	if b.ID != "" {
		s.WriteString(` id="` + b.ID + `"`)
	}
	if b.Class != "" {
		s.WriteString(` class="` + b.Class + `"`)
	}
	s.WriteString("></" + b.Tag + ">")
	return s.String()
}

// writeLearned prints the proposed config.
func writeLearned(w io.Writer, args []string, posts, minDocs int, found, credits []*candidate) {
	fmt.Fprintf(w, "# Proposed by mdclean learn, version %s, over %s in %s.\n", versionString(), plural(posts, "post"), strings.Join(args, " "))
	fmt.Fprintf(w, "# Each entry recurs at the start or the end of at least %d posts (--min-docs).\n", minDocs)
	fmt.Fprintln(w, "# Read every entry before you commit this file as .mdclean.yaml: a block whose")
	fmt.Fprintln(w, "# whole text matches one is removed from every post. Delete what is article text.")
	fmt.Fprintln(w, "# {n} stands for a number, which differs from post to post.")
	var texts, ids, classes []*candidate
	for _, c := range found {
		switch c.tracking {
		case "ids":
			ids = append(ids, c)
		case "classes":
			classes = append(classes, c)
		default:
			texts = append(texts, c)
		}
	}
	fmt.Fprintln(w, "boilerplate:")
	if len(texts) == 0 && len(credits) == 0 {
		fmt.Fprintln(w, "  [] # nothing recurs")
	}
	for _, c := range texts {
		fmt.Fprintf(w, "  # %s\n  - %s\n", where(c, posts), yamlQuote(c.entry))
	}
	if len(credits) > 0 {
		fmt.Fprintln(w, "  # Credit and source lines: they say where a post came from. Uncomment")
		fmt.Fprintln(w, "  # those you want removed.")
		for _, c := range credits {
			fmt.Fprintf(w, "  # %s\n  # - %s\n", where(c, posts), yamlQuote(c.entry))
		}
	}
	if len(ids)+len(classes) > 0 {
		fmt.Fprintln(w, "tracking:")
		fmt.Fprintln(w, "  # Empty containers a script fills (recommendations, ads, counters); removed")
		fmt.Fprintln(w, "  # only when empty.")
		for _, l := range []struct {
			key string
			cs  []*candidate
		}{{"ids", ids}, {"classes", classes}} {
			if len(l.cs) == 0 {
				continue
			}
			fmt.Fprintf(w, "  %s:\n", l.key)
			for _, c := range l.cs {
				fmt.Fprintf(w, "    # %s\n    - %s\n", where(c, posts), yamlQuote(c.entry))
			}
		}
	}
}

// where is an entry's comment: in how many posts, where, and an example.
func where(c *candidate, posts int) string {
	at := "at the start"
	switch {
	case c.atEnd == c.edge:
		at = "at the end"
	case c.atEnd > 0:
		at = "at the start or the end"
	}
	if c.middle > 0 {
		at += fmt.Sprintf(" (in the middle in %d)", c.middle)
	}
	ex := c.example
	if utf8.RuneCountInString(ex) > 80 {
		ex = string([]rune(ex)[:79]) + "…"
	}
	return fmt.Sprintf("in %d of %s, %s; e.g. %s in %s", c.docs, plural(posts, "post"), at, strconv.Quote(ex), c.file)
}

// yamlQuote writes s as a YAML double-quoted scalar (YAML's escapes are
// a superset of Go's).
func yamlQuote(s string) string { return strconv.Quote(s) }
