package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/internal/english"
	"github.com/mdclean/mdclean/internal/textfile"
	"github.com/mdclean/mdclean/learn"
	"github.com/mdclean/mdclean/site"
)

// The learn command's front end: its flags and help, the walk of the
// arguments, reading each post, the workers, progress, the failures, the
// --diff review and the summary line. The learning is package learn's.

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
			&cli.BoolFlag{Name: "all-files"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}},
			&cli.BoolFlag{Name: "write", Aliases: []string{"w"}},
			&cli.BoolFlag{Name: "diff", Aliases: []string{"d"}},
			&cli.StringFlag{Name: "config"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return printUsageError(stderr, usagef("learn needs the posts to read: mdclean learn PATH..."))
			}
			cfg := &config{include: c.StringSlice("include"), exclude: c.StringSlice("exclude"), noIgnore: c.Bool("no-ignore"),
				allFiles: c.Bool("all-files"), progress: isTerminal(stderr) && !c.Bool("quiet"), quiet: c.Bool("quiet")}
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
			lo := learnOptions{minDocs: minDocs, jobs: jobs, write: c.Bool("write"), diff: c.Bool("diff"), config: c.String("config")}
			return runLearn(cfg, c.Args().Slice(), lo, stdout, stderr)
		},
	}
}

// learnHelp is mdclean learn --help.
const learnHelp = `mdclean learn finds a site's own boilerplate: the blocks that recur at the start
or the end of many of its posts (a generator's footer, a disclaimer, a share
widget, a counter line whose number changes, an importer's line naming the
feed), and the headings of per-post lists of links at the end. It learns per
source too (author, site, directory, the domain links point to). It prints a
proposed config on stdout: read it, delete what is article text, and save it
as .mdclean.yaml, or merge it into your config with --write.

Usage:
  mdclean learn [flags] PATH...

Flags:
      --min-docs N   a block must recur in N posts of a source (default: the
                     larger of 3 and 2% of the source's posts)
  -w, --write        merge the new entries into the nearest .mdclean.yaml
                     (created in the first PATH when there is none), keeping
                     its comments and entries
  -d, --diff         print what the learned config would remove, per entry,
                     with examples, instead of the config
      --config FILE  the config the posts are cleaned with before learning
                     (default: the nearest .mdclean.yaml); --write merges
                     into it
      --include GLOB, --exclude GLOB, --no-ignore   which files, as for cleaning
      --all-files    also read files without front matter (a converter's
                     Markdown of pages): named files are read anyway
  -j, --jobs N       read N posts at once (default: the number of CPUs)
  -q, --quiet        no progress bar

Example:
  mdclean learn --diff source/_posts             # review what it would remove
  mdclean learn --write source/_posts && $EDITOR .mdclean.yaml
  mdclean --check source/_posts                  # what the learned table removes
`

type learnOptions struct {
	minDocs     int
	jobs        int
	write, diff bool
	config      string
}

func runLearn(cfg *config, args []string, lo learnOptions, stdout, stderr io.Writer) error {
	start := time.Now()
	var files []job
	for _, j := range cfg.collect(args) {
		switch {
		case j.walkErr != nil:
			fmt.Fprintf(stderr, "%s: %v\n", j.name, unwrapPathErr(j.walkErr))
		case j.stale != 0, j.stdin:
		case !cfg.allFiles && isMDX(j.path):
			// Not cleaned, so not learned from: an MDX post's imports
			// and components recur in every post (files.go).
		default:
			files = append(files, j)
		}
	}
	cfgs, err := newConfigs(lo.config)
	if err != nil {
		fmt.Fprintf(stderr, "mdclean: %v\n", err)
		return exitErr{exitError}
	}
	target := learnTarget(args, lo.config)
	warnTruncated(stdout, target, stderr)

	l := learn.New()
	var mu sync.Mutex
	type failedPost struct {
		index int
		name  string
		err   error
	}
	var failed []failedPost
	bar := cfg.newProgress(len(files), stderr)
	if bar.bar != nil {
		bar.bar.Describe("learning")
	}
	// Reading keeps little alive between posts (the learner's sketch and
	// spill), so the collector runs when the heap reaches batchHeap, as in
	// a batch (runFiles), not every few posts.
	gcPercent, memLimit := debug.SetGCPercent(-1), debug.SetMemoryLimit(batchHeap)
	eachPost(files, lo.jobs, func(k int) {
		p, err := readPost(k, files[k], cfgs, cfg.allFiles)
		mu.Lock()
		switch {
		case err != nil:
			failed = append(failed, failedPost{k, files[k].name, err})
		case p != nil:
			l.Add(p)
		}
		mu.Unlock()
		bar.add()
	})
	bar.finish()
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memLimit)
	sort.Slice(failed, func(a, b int) bool { return failed[a].index < failed[b].index })
	for _, p := range failed {
		var ce *configError
		if errors.As(p.err, &ce) {
			if ce.First() {
				fmt.Fprintf(stderr, "mdclean: %v (the posts under it are not read)\n", ce)
			}
			continue
		}
		fmt.Fprintf(stderr, "%s: %v (not read)\n", p.name, p.err)
	}
	found, dropped, err := l.Propose(lo.minDocs, learnConfig(cfgs, args))
	if err != nil {
		fmt.Fprintf(stderr, "mdclean: %v\n", err)
		return exitErr{exitError}
	}

	var out strings.Builder
	learn.Write(&out, versionString(), args, l.Posts(), lo.minDocs, found, dropped)
	nProposed, nCredits := 0, 0
	for _, e := range found {
		nProposed++
		if e.Commented() {
			nCredits++
		}
	}
	switch {
	case lo.diff:
		reviewLearned(stdout, files, found, out.String(), cfgs, lo.jobs, cfg.allFiles)
	case !lo.write:
		io.WriteString(stdout, out.String())
	}
	if lo.write {
		n, err := learn.WriteTo(target, found)
		if err != nil {
			fmt.Fprintf(stderr, "mdclean: %s: %v\n", target, err)
			return exitErr{exitError}
		}
		if !cfg.quiet {
			fmt.Fprintf(stderr, "mdclean learn: %s merged into %s\n", english.Plural(n, "new entry"), target)
		}
	}
	if !cfg.quiet {
		at := "in at least 3 posts (or 2%) of a source each"
		if lo.minDocs > 0 {
			at = fmt.Sprintf("in at least %d posts each", lo.minDocs)
		}
		fmt.Fprintf(stderr, "mdclean learn: %s read in %.1fs; %s proposed (%s commented out); %s\n",
			english.Plural(l.Posts(), "post"), time.Since(start).Seconds(), english.Plural(nProposed, "entry"), english.Plural(nCredits, "line"), at)
	}
	if len(failed) > 0 {
		return exitErr{exitError} // a batch carries on past a bad file, and exits with the worst status
	}
	return nil
}

// eachPost calls f for every file index on jobs workers.
func eachPost(files []job, jobs int, f func(k int)) {
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
				f(k)
			}
		}()
	}
	wg.Wait()
}

// learnConfig is the config of the first path (the shipped one when it
// has none): its credit and source phrases (tail.credits in rules.yaml,
// and the user's) mark a learned line as saying where a post came from,
// the user's to keep or remove.
func learnConfig(cfgs *configs, args []string) *clean.Config {
	c := clean.DefaultConfig()
	if len(args) > 0 {
		dir := args[0]
		if !isDir(dir) {
			dir = filepath.Dir(dir)
		}
		if uc, err := cfgs.ForDir(dir); err == nil {
			c = uc
		}
	}
	return c
}

// learnTarget is the config --write merges into: --config, else the
// nearest .mdclean.yaml above the first path, else a new one in it.
func learnTarget(args []string, explicit string) string {
	if explicit != "" {
		return explicit
	}
	dir := "."
	if len(args) > 0 {
		dir = args[0]
		if !isDir(dir) {
			dir = filepath.Dir(dir)
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.Join(dir, site.ConfigFileName)
	}
	for d := abs; ; d = filepath.Dir(d) {
		for _, n := range []string{site.ConfigFileName, site.ConfigFileNameAlt} {
			if _, err := os.Lstat(filepath.Join(d, n)); err == nil {
				return site.ShortPath(filepath.Join(d, n))
			}
		}
		if isLookupRoot(d) || filepath.Dir(d) == d {
			break
		}
	}
	return filepath.Join(dir, site.ConfigFileName)
}

// warnTruncated warns when stdout is the config the posts use: the shell
// emptied it before learn ran ("learn > .mdclean.yaml").
func warnTruncated(stdout io.Writer, target string, stderr io.Writer) {
	f, ok := stdout.(*os.File)
	if !ok {
		return
	}
	so, err := f.Stat()
	if err != nil || !so.Mode().IsRegular() {
		return
	}
	if fi, err := os.Stat(target); err == nil && os.SameFile(so, fi) {
		fmt.Fprintf(stderr, "mdclean learn: warning: stdout is %s, the config your posts use: the shell emptied it before learn ran, and its entries are gone (restore it from git); mdclean learn --write merges into a config instead\n", target)
	}
}

// readPost reads one post for learn: nil for a file that is no post (no
// front matter, walked without allFiles), an error for one that cannot be
// read or has no config. A named file is read as the cleaner reads it.
func readPost(k int, j job, cfgs *configs, allFiles bool) (*learn.Post, error) {
	src, _, err := textfile.ReadRegular(j.path, j.named, false)
	if err != nil {
		return nil, err
	}
	if err := textfile.Check(src); err != nil {
		return nil, err
	}
	if !j.named && !allFiles && !hasFrontMatter(src) {
		return nil, nil
	}
	c, err := cfgs.ForDir(filepath.Dir(j.path))
	if err != nil {
		return nil, err
	}
	return learn.Read(k, j.name, j.path, src, c)
}

// reviewLearned prints, for --diff, what the learned config would remove:
// per entry, the posts and where, with examples; blocks an entry matches
// in the middle of a post are listed first (article text, most likely).
func reviewLearned(w io.Writer, files []job, found []*learn.Entry, text string, cfgs *configs, jobs int, allFiles bool) {
	learnedCfg, err := clean.ParseConfig([]byte(text))
	if err != nil {
		fmt.Fprintf(w, "the learned config does not load: %v\n", err)
		return
	}
	learnedCfg.Source = "learned"
	var texts []*learn.Entry
	var patterns []string
	for _, e := range found {
		if e.IsBoilerplate() && !e.Commented() {
			texts = append(texts, e)
			patterns = append(patterns, e.Text())
		}
	}
	matcher := clean.NewPatternMatcher(patterns)
	type hit struct {
		index  int
		file   string
		text   string
		middle bool
	}
	hits := make([][]hit, len(texts))
	related := map[string]int{}
	changed := 0
	var mu sync.Mutex
	merged := map[*clean.Config]*clean.Config{}
	eachPost(files, jobs, func(k int) {
		j := files[k]
		src, _, err := textfile.ReadRegular(j.path, j.named, false)
		if err != nil || textfile.Check(src) != nil || !j.named && !allFiles && !hasFrontMatter(src) {
			return
		}
		c, err := cfgs.ForDir(filepath.Dir(j.path))
		if err != nil {
			return
		}
		mu.Lock()
		mc := merged[c]
		if mc == nil {
			mc = c.Merge(learnedCfg)
			merged[c] = mc
		}
		mu.Unlock()
		res, err := clean.Document(src, clean.Options{Path: j.path, Config: mc})
		if err != nil {
			return
		}
		var mine []hit
		var rel []string
		any := false
		for _, ch := range res.Changes {
			if ch.Config != "learned" {
				continue
			}
			any = true
			if ch.Rule != clean.RuleBoilerplate {
				rel = append(rel, ch.Rule+": "+ch.Message) // a related list, an empty container
			}
		}
		if !any {
			return
		}
		blocks, _ := clean.Blocks(src, clean.Options{Path: j.path, Config: c})
		var withText []int
		firstLong, lastLong := -1, -1
		for i, b := range blocks {
			if b.Text == "" {
				continue
			}
			if b.Long() {
				if firstLong < 0 {
					firstLong = len(withText)
				}
				lastLong = len(withText)
			}
			withText = append(withText, i)
		}
		for r, i := range withText {
			b := blocks[i]
			if b.Long() {
				continue
			}
			if e := matcher.Match(b.Text); e >= 0 {
				mine = append(mine, hit{index: k, file: j.name, text: b.Text, middle: r > firstLong && r < lastLong})
				mu.Lock()
				hits[e] = append(hits[e], mine[len(mine)-1])
				mu.Unlock()
			}
		}
		mu.Lock()
		changed++
		for _, m := range rel {
			related[m]++
		}
		mu.Unlock()
	})
	fmt.Fprintf(w, "The learned config changes %s of %s.\n", english.Plural(changed, "post"), english.Plural(len(files), "file"))
	for i, e := range texts {
		hs := hits[i]
		sort.Slice(hs, func(a, b int) bool {
			if hs[a].middle != hs[b].middle {
				return hs[a].middle
			}
			return hs[a].index < hs[b].index
		})
		mid := 0
		for _, h := range hs {
			if h.middle {
				mid++
			}
		}
		fmt.Fprintf(w, "\n%s (%s)\n  removes %s", strconv.Quote(e.Text()), e.Source(), english.Plural(len(hs), "block"))
		if mid > 0 {
			fmt.Fprintf(w, ", %d of them in the middle of a post (article text?)", mid)
		}
		fmt.Fprintln(w)
		for _, h := range hs[:min(len(hs), 3)] {
			where := ""
			if h.middle {
				where = " (middle)"
			}
			fmt.Fprintf(w, "  %s%s: %s\n", h.file, where, strconv.Quote(h.text))
		}
	}
	var msgs []string
	for m := range related {
		msgs = append(msgs, m)
	}
	sort.Strings(msgs)
	for _, m := range msgs {
		fmt.Fprintf(w, "\n%s: %s\n", english.Plural(related[m], "post"), m)
	}
}
