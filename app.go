package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

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
	stderr       io.Writer
	configs      *configs
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print the version"}
	cli.VersionPrinter = func(c *cli.Context) { fmt.Fprintf(c.App.Writer, "mdclean %s\n", c.App.Version) }
	app := &cli.App{
		Name:      "mdclean",
		Usage:     "clean scraped blog posts: repair front matter, remove tracking junk and link-bait",
		UsageText: "mdclean [flags] < post.md > clean.md",
		Version:   versionString(),
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Description: `mdclean reads a post (YAML front matter, then an HTML or Markdown body) and
writes it back with only the damaged bytes changed. Every change has a rule id
(see --list-rules); -v shows each one, --disable switches a rule off.

Examples:
  mdclean < post.md > clean.md
  mdclean -v --stdin-filepath source/_posts/2021-07-19-news.md < post.md > clean.md
  mdclean --disable invalid-date --date-format hexo < post.md`,
		HideHelpCommand: true,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "print one line per change on stderr: PATH:LINE: RULE: what and why"},
			&cli.StringFlag{Name: "stdin-filepath", Usage: "the path the document on stdin came from, for messages and date evidence from the file name"},
			&cli.StringSliceFlag{Name: "disable", Usage: "switch rule `ID` off (repeatable, or comma-separated)"},
			&cli.StringSliceFlag{Name: "enable", Usage: "switch rule `ID` on (repeatable, or comma-separated)"},
			&cli.BoolFlag{Name: "list-rules", Usage: "list the rules with their ids and defaults, then exit"},
			&cli.StringFlag{Name: "date-format", Value: frontmatter.FormatRFC3339, Usage: "how to write dates: rfc3339 (2021-07-20T08:38:59Z, or 2021-07-19 for a day), hexo (2021-07-20 08:38:59), or a Go time layout"},
			&cli.StringFlag{Name: "unknown-date", Value: frontmatter.UnknownDrop, Usage: "when an invalid date has no evidence: drop the key, keep it, or error"},
			&cli.StringFlag{Name: "date-fallback", Value: "none", Usage: "weaker date evidence to use when the document proves none: none, mtime or git (needs a path)"},
			&cli.StringFlag{Name: "config", Usage: "rules file `FILE` (default: the nearest .mdclean.yaml above each document)"},
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
			cfg, err := newConfig(c, stderr)
			if err != nil {
				fmt.Fprintf(stderr, "mdclean: %v\n", err)
				return exitErr{exitError}
			}
			if c.NArg() > 0 {
				fmt.Fprintf(stderr, "mdclean: file arguments are not supported yet; read the document on stdin\n")
				return exitErr{exitError}
			}
			return exitErr{cfg.runStdin(stdin, stdout)}
		},
	}
	return app
}

func newConfig(c *cli.Context, stderr io.Writer) (*config, error) {
	cfg := &config{
		verbose:      c.Bool("verbose"),
		stdinPath:    c.String("stdin-filepath"),
		dateFallback: c.String("date-fallback"),
		stderr:       stderr,
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
	return cfg, nil
}

// clean cleans one document read from path (the name shown in messages;
// real is the file on disk for fallbacks, "" for none).
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
func (cfg *config) report(name string, changes []edit.Change) {
	if !cfg.verbose {
		return
	}
	for _, c := range changes {
		fmt.Fprintf(cfg.stderr, "%s:%d: %s: %s\n", name, c.Line, c.Rule, c.Message)
	}
}

// errorLine formats an error the way shfmt does: PATH:LINE: message.
func errorLine(name string, err error) string {
	msg := err.Error()
	if ce, ok := err.(*clean.Error); ok && ce.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", name, ce.Line, ce.Err)
	}
	return fmt.Sprintf("%s: %s", name, msg)
}

func (cfg *config) runStdin(stdin io.Reader, stdout io.Writer) int {
	name := stdinName
	if cfg.stdinPath != "" {
		name = cfg.stdinPath
	}
	src, err := io.ReadAll(stdin)
	if err != nil {
		fmt.Fprintf(cfg.stderr, "%s: read: %v\n", name, err)
		return exitError
	}
	res, err := cfg.clean(name, cfg.stdinPath, src)
	if err != nil {
		fmt.Fprintln(cfg.stderr, errorLine(name, err))
		return exitError
	}
	cfg.report(name, res.Changes)
	if _, err := stdout.Write(res.Out); err != nil {
		fmt.Fprintf(cfg.stderr, "%s: write: %v\n", name, err)
		return exitError
	}
	return exitOK
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
		cmd := exec.Command("git", "log", "-1", "--diff-filter=A", "--follow", "--format=%cI", "--", filepath.Base(path))
		cmd.Dir = filepath.Dir(path)
		out, err := cmd.Output()
		if err != nil {
			return nil
		}
		t, err := time.Parse(time.RFC3339, strings.TrimSpace(string(bytes.TrimSpace(out))))
		if err != nil {
			return nil
		}
		return &frontmatter.Date{Time: t.UTC(), Precision: frontmatter.Second, Source: "first git commit of the file (--date-fallback=git)"}
	}
	return nil
}
