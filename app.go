package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/encoding"

	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/frontmatter"
)

const stdinName = "<stdin>"

// config is what the flags say, resolved once per run.
type config struct {
	verbose      bool
	stdinPath    string
	opts         clean.Options
	dateFallback string
	configs      *configs
	mode         mode
	jobs         int
	include      []string
	exclude      []string
	jsonl        bool
	textKey      string
	reportOut    io.Writer
	reportPath   string            // --report FILE, created only after the inputs are known
	enc          encoding.Encoding // --encoding; nil for UTF-8
	encName      string
	color        bool // colour the diff (stdout is a terminal)
	progress     bool // stderr is a terminal
	single       bool // one document: its size sets the memory limit
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print the version"}
	cli.VersionPrinter = func(c *cli.Context) { fmt.Fprintf(c.App.Writer, "mdclean %s\n", c.App.Version) }
	app := &cli.App{
		Name:      "mdclean",
		Usage:     "clean scraped blog posts: repair front matter, remove tracking junk and link-bait",
		UsageText: "mdclean [flags] [PATH...]   (no PATH, or -, reads standard input)",
		Version:   versionString(),
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Description: `mdclean reads posts (YAML front matter, then an HTML or Markdown body) and
writes them back with only the damaged bytes changed. Every change has a rule id
(see --list-rules); -v shows each one, --disable switches a rule off.

Directories are walked for .md, .markdown and .html files (not .git or
node_modules; symlinks are not followed). Exit status: 0 ok, 1 when --check
finds a file that would change, 2 on any error.

Examples:
  mdclean < post.md > clean.md
  mdclean -v --stdin-filepath source/_posts/2021-07-19-news.md < post.md > clean.md
  mdclean -w source/_posts                 rewrite every post in place
  mdclean --check source/_posts            CI / pre-commit: exit 1 if any post would change
  mdclean -d post.md                       show what would change
  mdclean -w --report changes.jsonl .      audit a mass cleanup
  mdclean --jsonl --text-key text < corpus.jsonl > clean.jsonl`,
		HideHelpCommand: true,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "print one line per change on stderr: PATH:LINE: RULE: what and why"},
			&cli.BoolFlag{Name: "write", Aliases: []string{"w"}, Usage: "rewrite files in place (atomically, only when they change)"},
			&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Usage: "list the files that would change"},
			&cli.BoolFlag{Name: "diff", Aliases: []string{"d"}, Usage: "print a unified diff of each file that would change"},
			&cli.BoolFlag{Name: "check", Usage: "print the files that would change; exit 1 if any would (for CI and pre-commit)"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "clean `N` files at once (output stays in argument order)"},
			&cli.StringSliceFlag{Name: "include", Usage: "in directories, also clean files matching `GLOB` (base name or relative path)"},
			&cli.StringSliceFlag{Name: "exclude", Usage: "in directories, skip files and directories matching `GLOB`"},
			&cli.StringFlag{Name: "report", Usage: "write every change as a JSON line to `FILE` (- for stderr)"},
			&cli.BoolFlag{Name: "jsonl", Usage: "stream mode: each input line is a JSON object whose --text-key field is a document"},
			&cli.StringFlag{Name: "text-key", Value: "text", Usage: "with --jsonl, the field holding the document"},
			&cli.StringFlag{Name: "encoding", Usage: "the files' `ENCODING` when not UTF-8 (gbk, gb18030, big5, utf-16le, ...): cleaned in UTF-8 and written back in it"},
			&cli.StringFlag{Name: "stdin-filepath", Usage: "the path the document on stdin came from, for messages, config lookup and date evidence from the file name"},
			&cli.StringSliceFlag{Name: "disable", Usage: "switch rule `ID` off (repeatable, or comma-separated)"},
			&cli.StringSliceFlag{Name: "enable", Usage: "switch rule `ID` on (repeatable, or comma-separated)"},
			&cli.BoolFlag{Name: "list-rules", Usage: "list the rules with their ids and defaults, then exit"},
			&cli.StringFlag{Name: "config", Usage: "rules file `FILE` (default: the nearest .mdclean.yaml above each document)"},
			&cli.StringFlag{Name: "date-format", Value: frontmatter.FormatRFC3339, Usage: "how to write dates: rfc3339 (2021-07-20T08:38:59Z, or 2021-07-19 for a day), hexo (2021-07-20 08:38:59), or a Go time layout"},
			&cli.StringFlag{Name: "unknown-date", Value: frontmatter.UnknownDrop, Usage: "when an invalid date has no evidence: drop the key, keep it, or error"},
			&cli.StringFlag{Name: "date-fallback", Value: "none", Usage: "weaker date evidence when the document proves none: none, mtime or git (needs a path)"},
			&cli.BoolFlag{Name: "normalize-dates", Usage: "also rewrite valid but non-ISO dates (Thu, 14 Oct 2021 20:32:00 GMT) in --date-format (rule normalize-dates)"},
		},
		Action: func(c *cli.Context) error {
			if c.Bool("list-rules") {
				for _, r := range clean.Rules {
					state := "on"
					if !r.Default {
						state = "off"
					}
					fmt.Fprintf(stdout, "%-16s %-3s  %s\n", r.ID, state, r.Summary)
				}
				return nil
			}
			cfg, err := newConfig(c, stdout, stderr)
			if err != nil {
				fmt.Fprintf(stderr, "mdclean: %v\n", err)
				return exitErr{exitError}
			}
			ctx, stop := handleSignals(stderr)
			defer stop()
			defer removeTemps()
			var jobs []job
			switch {
			case cfg.jsonl:
				for _, a := range c.Args().Slice() {
					jobs = append(jobs, job{name: a, path: a, named: true})
				}
			case c.NArg() == 0:
				jobs = []job{cfg.stdinJob()}
			default:
				jobs = cfg.collect(c.Args().Slice())
			}
			if err := cfg.openReport(jobs); err != nil {
				fmt.Fprintf(stderr, "mdclean: %v\n", err)
				return exitErr{exitError}
			}
			// Every write is checked: output to a full disk or /dev/full
			// is exit 2, so that "mdclean < a > b && mv b a" never
			// replaces a post with an empty file.
			out := &errWriter{w: stdout}
			var status int
			if cfg.jsonl {
				status = cfg.runJSONL(ctx, c.Args().Slice(), stdin, out, stderr)
			} else {
				status = cfg.runFiles(ctx, jobs, stdin, out, stderr)
			}
			if out.err != nil {
				fmt.Fprintf(stderr, "mdclean: write: %v\n", unwrapPathErr(out.err))
				status = exitError
			}
			if w, ok := cfg.reportOut.(*errWriter); ok {
				if w.err != nil {
					fmt.Fprintf(stderr, "mdclean: --report: write: %v\n", unwrapPathErr(w.err))
					status = exitError
				}
				if w.f != nil {
					if err := w.f.Close(); err != nil && w.err == nil {
						fmt.Fprintf(stderr, "mdclean: --report: %v\n", unwrapPathErr(err))
						status = exitError
					}
				}
			}
			return exitErr{status}
		},
	}
	return app
}

// openReport creates the --report file, after refusing a report path that
// is also an input: creating it first would empty the post.
func (cfg *config) openReport(jobs []job) error {
	if cfg.reportPath == "" {
		return nil
	}
	if fi, err := os.Stat(cfg.reportPath); err == nil {
		for _, j := range jobs {
			if j.stdin {
				continue
			}
			if ji, err := os.Stat(j.path); err == nil && os.SameFile(fi, ji) {
				return fmt.Errorf("--report %s is also an input: refusing to overwrite it", cfg.reportPath)
			}
		}
	}
	f, err := os.Create(cfg.reportPath)
	if err != nil {
		return fmt.Errorf("--report: %w", err)
	}
	cfg.reportOut = &errWriter{w: f, f: f}
	return nil
}

// errWriter keeps the first write error, so that a failed write is an
// exit status, not a silent loss.
type errWriter struct {
	w   io.Writer
	f   *os.File
	err error
}

func (e *errWriter) Write(b []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(b)
	if err != nil {
		e.err = err
	}
	return n, err
}

// readingStdin is set while the filter waits for its input: a signal then
// ends the run at once, since nothing has been written.
var readingStdin atomic.Bool

// handleSignals makes SIGINT, SIGTERM, SIGHUP (terminal closed) and
// SIGPIPE (output closed: "mdclean -w -l . | head -1") stop the run
// cleanly: the context is cancelled, the files being written finish or
// are left as they were, temporary files are removed. While stdin is
// being read, or at a second signal, it exits at once (exit 2), removing
// temporary files first.
func handleSignals(stderr io.Writer) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE)
	go func() {
		n := 0
		for sig := range sigs {
			cancel()
			if sig == syscall.SIGPIPE {
				continue // the next write fails with EPIPE: exit 2, cleanly
			}
			n++
			if n >= 2 || readingStdin.Load() {
				removeTemps()
				fmt.Fprintf(stderr, "mdclean: %v: stopped\n", sig)
				os.Exit(exitError)
			}
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		cancel()
	}
}

func (cfg *config) stdinJob() job {
	name := stdinName
	if cfg.stdinPath != "" {
		name = cfg.stdinPath
	}
	return job{name: name, path: cfg.stdinPath, stdin: true, named: true}
}

func newConfig(c *cli.Context, stdout, stderr io.Writer) (*config, error) {
	cfg := &config{
		verbose:      c.Bool("verbose"),
		stdinPath:    c.String("stdin-filepath"),
		dateFallback: c.String("date-fallback"),
		mode:         mode{write: c.Bool("write"), list: c.Bool("list"), diff: c.Bool("diff"), check: c.Bool("check")},
		jobs:         c.Int("jobs"),
		include:      c.StringSlice("include"),
		exclude:      c.StringSlice("exclude"),
		jsonl:        c.Bool("jsonl"),
		textKey:      c.String("text-key"),
		color:        isTerminal(stdout),
		progress:     isTerminal(stderr),
		opts: clean.Options{
			Disable:     c.StringSlice("disable"),
			Enable:      c.StringSlice("enable"),
			DateFormat:  c.String("date-format"),
			UnknownDate: c.String("unknown-date"),
		},
	}
	if c.Bool("normalize-dates") {
		cfg.opts.Enable = append(cfg.opts.Enable, frontmatter.RuleNormalizeDates)
	}
	var err error
	if _, err = clean.NewRuleSet(cfg.opts.Disable, cfg.opts.Enable); err != nil {
		return nil, err
	}
	if err := frontmatter.CheckDateFormat(cfg.opts.DateFormat); err != nil {
		return nil, err
	}
	switch cfg.opts.UnknownDate {
	case frontmatter.UnknownDrop, frontmatter.UnknownKeep, frontmatter.UnknownError:
	default:
		return nil, fmt.Errorf("--unknown-date must be drop, keep or error, not %q", cfg.opts.UnknownDate)
	}
	if cfg.configs, err = newConfigs(c.String("config")); err != nil {
		return nil, err
	}
	switch cfg.dateFallback {
	case "none", "mtime", "git":
	default:
		return nil, fmt.Errorf("--date-fallback must be none, mtime or git, not %q", cfg.dateFallback)
	}
	if cfg.mode.check && cfg.mode.write {
		return nil, fmt.Errorf("--check and -w do not go together: --check only reports")
	}
	if cfg.jsonl && (cfg.mode != mode{}) {
		return nil, fmt.Errorf("--jsonl writes a stream to stdout; it does not go with -w, -l, -d or --check")
	}
	if cfg.enc, err = lookupEncoding(c.String("encoding")); err != nil {
		return nil, err
	}
	cfg.encName = c.String("encoding")
	if cfg.enc != nil && cfg.jsonl {
		return nil, fmt.Errorf("--encoding does not go with --jsonl: JSON text is UTF-8")
	}
	if cfg.jobs < 1 {
		return nil, fmt.Errorf("-j must be at least 1")
	}
	switch r := c.String("report"); r {
	case "":
	case "-":
		cfg.reportOut = stderr
	default:
		cfg.reportPath = r
	}
	return cfg, nil
}

// clean cleans one document. name is shown in messages; real is the file
// on disk (or --stdin-filepath) for date evidence, fallbacks and config
// lookup, "" for none.
func (cfg *config) clean(name, real string, src []byte) (clean.Result, error) {
	opts := cfg.opts
	opts.Path = real
	if real != "" && cfg.dateFallback != "none" {
		opts.Fallback = fallbackDate(cfg.dateFallback, real)
	}
	dir := "."
	if real != "" {
		dir = filepath.Dir(real)
	}
	rules, err := cfg.configs.forDir(dir)
	if err != nil {
		return clean.Result{}, err
	}
	opts.Config = rules
	return clean.Document(src, opts)
}

// report prints the changes of one document when -v is on.
func (cfg *config) report(w io.Writer, name string, changes []edit.Change) {
	if !cfg.verbose {
		return
	}
	for _, c := range changes {
		if c.Config != "" {
			fmt.Fprintf(w, "%s:%d: %s: %s (config: %s)\n", name, c.Line, c.Rule, c.Message, c.Config)
			continue
		}
		fmt.Fprintf(w, "%s:%d: %s: %s\n", name, c.Line, c.Rule, c.Message)
	}
}

// reportRecord is one line of --report.
type reportRecord struct {
	Path string `json:"path"`
	edit.Change
}

func (cfg *config) reportJSON(w *bytes.Buffer, name string, changes []edit.Change) {
	if cfg.reportOut == nil {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range changes {
		enc.Encode(reportRecord{Path: name, Change: c})
	}
}

// errorLine formats an error the way shfmt does: PATH:LINE: message.
func errorLine(name string, err error) string {
	if ce, ok := err.(*clean.Error); ok && ce.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", name, ce.Line, ce.Err)
	}
	return fmt.Sprintf("%s: %v", name, err)
}

// fallbackDate finds the weaker date evidence the user asked for; nil when
// there is none.
func fallbackDate(kind, path string) *frontmatter.Date {
	switch kind {
	case "mtime":
		fi, err := os.Stat(path)
		if err != nil {
			return nil
		}
		return &frontmatter.Date{Time: fi.ModTime().UTC().Truncate(time.Second), Precision: frontmatter.Second, Source: "file mtime (--date-fallback=mtime)"}
	case "git":
		cmd := exec.Command("git", "log", "--diff-filter=A", "--follow", "--format=%cI", "--", filepath.Base(path))
		cmd.Dir = filepath.Dir(path)
		out, err := cmd.Output()
		if err != nil {
			return nil
		}
		lines := strings.Fields(string(out))
		if len(lines) == 0 {
			return nil
		}
		t, err := time.Parse(time.RFC3339, lines[len(lines)-1])
		if err != nil {
			return nil
		}
		return &frontmatter.Date{Time: t.UTC(), Precision: frontmatter.Second, Source: "first git commit of the file (--date-fallback=git)"}
	}
	return nil
}
