package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/encoding"

	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/frontmatter"
	"github.com/mdclean/mdclean/internal/textfile"
	"github.com/mdclean/mdclean/site"
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
	color        bool     // colour the diff (--color, NO_COLOR, TERM; stdout)
	summaryColor bool     // colour the summary (the same, for stderr)
	progress     bool     // stderr is a terminal
	quiet        bool     // -q: errors only
	allFiles     bool     // --all-files: clean walked files without front matter
	postsOnly    bool     // --posts-only: skip named files without front matter too
	noIgnore     bool     // --no-ignore: no .gitignore / .mdcleanignore
	summary      bool     // print the batch summary on stderr
	dirs         []string // the directories named on the command line
	skippedDirs  []string // -v lines: the directories a walk skipped, and why
	single       bool     // one document: its size sets the memory limit
	detail       bool     // the batch's tally counts by rule and removed text (tallyDetail)
	outFormat    string   // --output-format: text, github, json or sarif
	unifiedDiff  bool     // -d shows whole lines (--diff-format, or stdout not a terminal)
	reviewPath   string   // --review FILE: the HTML page of the batch

	namedIgnorers map[string]*site.Ignorer // by directory, for files named on the command line
}

// helpText is mdclean --help: written by hand, as gofmt's and shfmt's
// are, grouped by what a user wants to do. TestHelpNamesEveryFlag keeps it
// in step with the flags.
const helpText = `mdclean cleans scraped blog posts: it repairs their front matter and removes
the junk feed generators left in their bodies, changing only the bytes a rule
changes.

Usage:
  mdclean [flags] [PATH...]        clean files and directories (no PATH, or -: stdin)
  mdclean learn [flags] PATH...    propose a .mdclean.yaml of a site's own boilerplate
  mdclean completion SHELL         a completion script for bash, zsh or fish

Flags may come before or after the paths; after --, every word is a path.

Modes (without one, the cleaned post is printed on stdout):
  -w, --write            rewrite files in place (atomically, only when they change)
  -l, --list             list the files that would change
  -d, --diff             show what would change; exit 1 if anything would
      --diff-format F    readable (long lines by their changed spans), unified
                         (whole lines: patch and git apply take it), or auto
                         (default: readable on a terminal, unified otherwise)
      --check            list the files that would change, with a summary on
                         stderr; exit 1 if any would (CI, pre-commit)
      --jsonl            stream: each input line is a JSON object whose
                         --text-key field (default text) is a post
      --text-key KEY     with --jsonl, the field holding the post

Which files (in directories; named files are taken unless an ignore file names them):
      --include GLOB     also take files matching GLOB (name, or path with /)
      --exclude GLOB     skip files and directories matching GLOB
      --all-files        also clean files without front matter
      --posts-only       skip files without front matter even when named
                         (for pre-commit, which names every staged file)
      --no-ignore        do not read .gitignore and .mdcleanignore (which
                         apply to named files too, as in prettier)

Rules:
      --list-rules       the rules and whether each is on here, and why
      --print-config     the configuration in effect here, and its files
      --disable ID       switch rule ID off (repeatable, or comma-separated)
      --enable ID        switch rule ID on
      --config FILE      rules file (default: the nearest .mdclean.yaml
                         above each post, up to the repository root)
      --normalize-dates  also rewrite valid but non-ISO dates
      --date-format F    rfc3339 (default), hexo, or a Go time layout
      --unknown-date P   an invalid date without evidence: drop (default),
                         keep or error
      --date-fallback K  weaker date evidence: none (default), mtime or git

Input and output:
      --stdin-filepath PATH  where stdin came from (messages, config, dates)
      --encoding NAME    the files' encoding when not UTF-8 (gbk, big5, ...)
      --report FILE      every change as a JSON line (- for stderr)
      --review FILE      with --check, -l, -d or -w: one HTML page to review
                         the batch (totals, chart, each change in context)
      --output-format F  with --check, -l or -w: text (default); github
                         (annotations on a pull request), json (an object
                         per file) or sarif (GitHub code scanning)
  -j, --jobs N           clean N files at once (default: the number of CPUs)
  -v, --verbose          one line per change on stderr: PATH:LINE: RULE: why
  -q, --quiet            print errors only
      --color WHEN       auto (default), always or never; NO_COLOR is honoured
      --version          print the version
  -h, --help             print this help

Exit status: 0 ok, 1 when --check or -d finds a file that would change, 2 on
any error. Docs: https://github.com/mdclean/mdclean#readme
`

// usageError is a mistake in the command line: one line and a hint on
// stderr, nothing on stdout, exit 2 (gofmt, shfmt and ruff do the same).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// printUsageError prints err as a usage error.
func printUsageError(stderr io.Writer, err error) error {
	fmt.Fprintf(stderr, "mdclean: %v\nRun 'mdclean --help' for usage.\n", err)
	return exitErr{exitError}
}

// flagError rewords the flag package's errors as a user reads them:
// "unknown flag --frobnicate", with the nearest flag when it is a typo.
func flagError(c *cli.Context, err error) error {
	msg := err.Error()
	name, ok := strings.CutPrefix(msg, "flag provided but not defined: -")
	if !ok {
		return err
	}
	name = strings.TrimPrefix(name, "-")
	flags, sub := mainFlags(), ""
	if c != nil && c.Command != nil && c.Command.Name != "" && c.Command.Name != c.App.Name {
		// A subcommand's own flags: "mdclean learn --all-files" is not
		// a typo of the --all-files learn does not have.
		flags, sub = c.Command.Flags, c.Command.Name
	}
	names := func(flags []cli.Flag) []string {
		var names []string
		for _, f := range flags {
			names = append(names, f.Names()...)
		}
		return names
	}
	dash := func(n string) string {
		if len(n) == 1 {
			return "-" + n
		}
		return "--" + n
	}
	if sub != "" && slices.Contains(names(mainFlags()), name) {
		return usagef("unknown flag %s: it is a flag of mdclean, not of mdclean %s", dash(name), sub)
	}
	if near := clean.Nearest(name, names(flags)); near != "" {
		return usagef("unknown flag %s: did you mean %s?", dash(name), dash(near))
	}
	return usagef("unknown flag %s", dash(name))
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	cli.VersionFlag = &cli.BoolFlag{Name: "version"}
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}}
	cli.VersionPrinter = func(c *cli.Context) { fmt.Fprintf(c.App.Writer, "mdclean %s\n", c.App.Version) }
	cli.HelpPrinter = func(w io.Writer, _ string, data any) {
		if c, ok := data.(*cli.Command); ok && c.Name == "learn" {
			io.WriteString(w, learnHelp)
			return
		}
		if c, ok := data.(*cli.Command); ok && c.Name == "completion" {
			io.WriteString(w, completionHelp)
			return
		}
		io.WriteString(w, helpText)
	}
	onUsageError := func(c *cli.Context, err error, _ bool) error {
		return printUsageError(stderr, flagError(c, err))
	}
	learn := learnCommand(stdout, stderr, onUsageError)
	app := &cli.App{
		Name:            "mdclean",
		Version:         versionString(),
		Reader:          stdin,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		OnUsageError:    onUsageError,
		Flags:           mainFlags(),
		Commands:        []*cli.Command{learn, completionCommand(stdout, stderr, onUsageError, func() []cli.Flag { return learn.Flags })},
		Action: func(c *cli.Context) error {
			if c.Bool("generate-man") {
				_, err := stdout.Write(manPage())
				if err != nil {
					return exitErr{exitError}
				}
				return nil
			}
			if err := commandHint(c.Args().Slice()); err != nil {
				return printUsageError(stderr, err)
			}
			cfg, err := newConfig(c, stdout, stderr)
			if err != nil {
				if errors.As(err, new(usageError)) {
					return printUsageError(stderr, err)
				}
				fmt.Fprintf(stderr, "mdclean: %v\n", err)
				return exitErr{exitError}
			}
			if c.Bool("list-rules") || c.Bool("print-config") {
				return cfg.printSettings(c, stdout, stderr)
			}
			ctx, stop := handleSignals(stderr)
			defer stop()
			defer textfile.RemoveTemps()
			var jobs []job
			var queue *jobQueue
			switch {
			case cfg.jsonl:
				for _, a := range c.Args().Slice() {
					jobs = append(jobs, job{name: a, path: a, named: true})
				}
			case c.NArg() == 0:
				jobs = []job{cfg.stdinJob()}
			case cfg.streamJobs(c.Args().Slice()):
				queue = cfg.walkJobs(c.Args().Slice())
			default:
				jobs = cfg.collect(c.Args().Slice())
			}
			if queue == nil {
				queue = queueOf(jobs)
			}
			if err := cfg.openReport(jobs); err != nil {
				fmt.Fprintf(stderr, "mdclean: %v\n", err)
				return exitErr{exitError}
			}
			if c.NArg() == 0 && !cfg.quiet && isTerminal(stdin) {
				// As sort and cat do not, but black and ruff do: a user who
				// typed "mdclean" alone learns why nothing happens.
				fmt.Fprintln(stderr, "mdclean: reading a post from standard input (Ctrl-D to end, Ctrl-C to quit; mdclean --help for usage)")
			}
			// Every write is checked: output to a full disk or /dev/full
			// is exit 2, so that "mdclean < a > b && mv b a" never
			// replaces a post with an empty file.
			out := &errWriter{w: stdout}
			var status int
			if cfg.jsonl {
				status = cfg.runJSONL(ctx, c.Args().Slice(), stdin, out, stderr)
			} else {
				status = cfg.runFiles(ctx, queue, stdin, out, stderr)
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

// mainFlags are mdclean's flags; helpText describes them.
func mainFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}},
		&cli.BoolFlag{Name: "write", Aliases: []string{"w"}},
		&cli.BoolFlag{Name: "list", Aliases: []string{"l"}},
		&cli.BoolFlag{Name: "diff", Aliases: []string{"d"}},
		&cli.BoolFlag{Name: "check"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU()},
		&cli.StringSliceFlag{Name: "include"},
		&cli.StringSliceFlag{Name: "exclude"},
		&cli.BoolFlag{Name: "all-files"},
		&cli.BoolFlag{Name: "no-ignore"},
		&cli.BoolFlag{Name: "posts-only"},
		&cli.StringFlag{Name: "report"},
		&cli.BoolFlag{Name: "jsonl"},
		&cli.StringFlag{Name: "text-key", Value: "text"},
		&cli.StringFlag{Name: "encoding"},
		&cli.StringFlag{Name: "stdin-filepath"},
		&cli.StringSliceFlag{Name: "disable"},
		&cli.StringSliceFlag{Name: "enable"},
		&cli.BoolFlag{Name: "list-rules"},
		&cli.BoolFlag{Name: "print-config"},
		&cli.StringFlag{Name: "config"},
		&cli.StringFlag{Name: "color", Value: "auto"},
		&cli.StringFlag{Name: "output-format", Value: formatText},
		&cli.StringFlag{Name: "diff-format", Value: "auto"},
		&cli.StringFlag{Name: "review"},
		&cli.StringFlag{Name: "date-format", Value: frontmatter.FormatRFC3339},
		&cli.StringFlag{Name: "unknown-date", Value: frontmatter.UnknownDrop},
		&cli.StringFlag{Name: "date-fallback", Value: "none"},
		&cli.BoolFlag{Name: "normalize-dates"},
		// --generate-man prints the man page (made from --help) for
		// packages; hidden, as ripgrep's --generate is.
		&cli.BoolFlag{Name: "generate-man", Hidden: true},
	}
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
	if err := reportTarget(cfg.reportPath); err != nil {
		return fmt.Errorf("--report %s: %w", cfg.reportPath, err)
	}
	f, err := os.Create(cfg.reportPath)
	if err != nil {
		return fmt.Errorf("--report: %w", err)
	}
	cfg.reportOut = &errWriter{w: f, f: f}
	return nil
}

// reportTarget refuses a --report path that exists and is a post, or any
// file but an earlier report: "mdclean --check --report A.md B.md" meant
// two posts, and os.Create would empty A.md. A new path, a device or a
// pipe (/dev/stderr, >(jq)) and an earlier report (empty, or JSON lines
// with a schema) are written.
func reportTarget(path string) error {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return nil // a new file, or no file to overwrite
	}
	why := ""
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".md", ".markdown", ".html":
		why = "is a post (a " + ext + " file)"
	default:
		f, err := textfile.OpenRead(path)
		if err != nil {
			return unwrapPathErr(err)
		}
		head := make([]byte, 64<<10)
		n, _ := io.ReadFull(f, head)
		f.Close()
		head = head[:n]
		switch {
		case n == 0, bytes.HasPrefix(head, []byte(`{"schema":`)):
		case hasFrontMatter(head):
			why = "is a post (it has front matter)"
		default:
			why = "exists and is not an mdclean report"
		}
	}
	if why == "" {
		return nil
	}
	return fmt.Errorf("%s: refusing to write a report over it (name a new file, or --report=- for stderr)", why)
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

// signalGrace is how long a run may take to stop after a signal before it
// exits at once (see handleSignals).
const signalGrace = 2 * time.Second

// handleSignals makes SIGINT, SIGTERM, SIGHUP (terminal closed) and
// SIGPIPE (output closed: "mdclean -w -l . | head -1") stop the run
// cleanly: the context is cancelled, the files being written finish or
// are left as they were, temporary files are removed. While stdin is
// being read, or at a second signal, it exits at once (exit 2), removing
// temporary files first; and so it does when the run has not stopped
// signalGrace after the first, in the middle of one long post.
func handleSignals(stderr io.Writer) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE)
	go func() {
		n := 0
		stop := func(sig os.Signal) {
			textfile.RemoveTemps()
			fmt.Fprintf(stderr, "mdclean: %v: stopped\n", sig)
			os.Exit(exitError)
		}
		for sig := range sigs {
			cancel()
			if sig == syscall.SIGPIPE {
				continue // the next write fails with EPIPE: exit 2, cleanly
			}
			n++
			if n >= 2 || readingStdin.Load() {
				stop(sig)
			}
			if n == 1 {
				// Cleaning one post checks no context: a huge or
				// pathological one would keep the run past the signal.
				// Every write is a temporary file and a rename, so
				// stopping mid-post leaves every file old or new.
				time.AfterFunc(signalGrace, func() { stop(sig) })
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
		progress:     isTerminal(stderr) && !c.Bool("quiet"),
		quiet:        c.Bool("quiet"),
		allFiles:     c.Bool("all-files"),
		postsOnly:    c.Bool("posts-only"),
		noIgnore:     c.Bool("no-ignore"),
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
	if err = cfg.opts.Validate(); err != nil {
		return nil, usageError{err.Error()}
	}
	switch cfg.dateFallback {
	case "none", "mtime", "git":
	default:
		return nil, usagef("--date-fallback must be none, mtime or git, not %q", cfg.dateFallback)
	}
	if cfg.color, err = colorWanted(c.String("color"), stdout); err != nil {
		return nil, err
	}
	// The summary goes to stderr: coloured when stderr is a terminal.
	cfg.summaryColor, _ = colorWanted(c.String("color"), stderr)
	if err := checkGlobs("include", cfg.include); err != nil {
		return nil, err
	}
	if err := checkGlobs("exclude", cfg.exclude); err != nil {
		return nil, err
	}
	if cfg.mode.check && cfg.mode.write {
		return nil, usagef("--check and -w do not go together: --check only reports")
	}
	if cfg.jsonl && (cfg.mode != mode{}) {
		return nil, usagef("--jsonl writes a stream to stdout; it does not go with -w, -l, -d or --check")
	}
	if cfg.allFiles && cfg.postsOnly {
		return nil, usagef("--all-files and --posts-only do not go together")
	}
	if cfg.verbose && cfg.quiet {
		return nil, usagef("-v and -q do not go together")
	}
	switch f := c.String("diff-format"); f {
	case "auto":
		// As a person reads it on a terminal; whole lines for a pipe or
		// a file, which patch and git apply take.
		cfg.unifiedDiff = !isTerminal(stdout)
	case "unified", "readable":
		cfg.unifiedDiff = f == "unified"
	default:
		return nil, usagef("--diff-format must be auto, readable or unified, not %q", f)
	}
	if cfg.reviewPath = c.String("review"); cfg.reviewPath != "" && (cfg.jsonl || cfg.mode == mode{}) {
		return nil, usagef("--review needs --check, -l, -d or -w: it is the page of a batch")
	}
	if cfg.reviewPath != "" {
		if err := checkReview(cfg.reviewPath); err != nil {
			return nil, err
		}
	}
	cfg.outFormat = c.String("output-format")
	if err := cfg.checkOutputFormat(cfg.outFormat); err != nil {
		return nil, err
	}
	if cfg.enc, err = textfile.LookupEncoding(c.String("encoding")); err != nil {
		return nil, usageError{err.Error()}
	}
	cfg.encName = c.String("encoding")
	if cfg.enc != nil && cfg.jsonl {
		return nil, usagef("--encoding does not go with --jsonl: JSON text is UTF-8")
	}
	if cfg.jobs < 1 {
		return nil, usagef("-j must be at least 1, not %d", cfg.jobs)
	}
	// The summary goes to a person: on a terminal, or asked for with -v;
	// --check always says how many posts would change, as prettier does.
	cfg.summary = !cfg.quiet && !cfg.jsonl && (cfg.verbose || isTerminal(stderr) || cfg.mode.check)
	if cfg.configs, err = newConfigs(c.String("config")); err != nil {
		return nil, err
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
	rules, err := cfg.configs.ForDir(dir)
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

// reportSchema is the version of --report's records (docs/report.md):
// raised when a field changes meaning or goes; adding one keeps it.
const reportSchema = 1

// reportRecord is one line of --report.
type reportRecord struct {
	Schema int    `json:"schema"`
	Path   string `json:"path"`
	edit.Change
}

func (cfg *config) reportJSON(w *bytes.Buffer, name string, changes []edit.Change) {
	if cfg.reportOut == nil {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range changes {
		enc.Encode(reportRecord{Schema: reportSchema, Path: name, Change: c})
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
