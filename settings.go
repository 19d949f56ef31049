package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"
	"go.yaml.in/yaml/v3"

	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/site"
)

// printSettings answers --list-rules and --print-config for the place the
// run would clean: the first PATH, or --stdin-filepath, or the current
// directory. What it prints is what is in effect there after the config
// file and the flags (ruff --show-settings), not the built-in defaults.
func (cfg *config) printSettings(c *cli.Context, stdout, stderr io.Writer) error {
	where := "."
	switch {
	case c.NArg() > 0 && c.Args().First() != "-":
		where = c.Args().First()
	case cfg.stdinPath != "":
		where = cfg.stdinPath
	}
	dir := where
	if !isDir(where) {
		dir = filepath.Dir(where)
	}
	rules, err := cfg.configs.ForDir(dir)
	if err != nil {
		fmt.Fprintf(stderr, "mdclean: %v\n", err)
		return exitErr{exitError}
	}
	states, err := clean.States(rules, cfg.opts.Disable, cfg.opts.Enable)
	if err != nil {
		return printUsageError(stderr, err)
	}
	if c.Bool("list-rules") {
		for _, st := range states {
			on := "on"
			if !st.On {
				on = "off"
			}
			fmt.Fprintf(stdout, "%-16s %-3s  %-18s %s\n", st.ID, on, "("+st.By+")", st.Summary)
		}
		return nil
	}
	fmt.Fprintf(stdout, "# mdclean %s: the configuration in effect for %s\n", versionString(), where)
	if rules.Source != "" {
		fmt.Fprintf(stdout, "# config file: %s\n", rules.Source)
	} else {
		fmt.Fprintf(stdout, "# config file: none (the built-in tables only)\n")
	}
	if isDir(where) && !cfg.noIgnore {
		ig := site.IgnorerFor(where)
		if files := ig.Files(); len(files) > 0 {
			fmt.Fprintf(stdout, "# ignore files: %s\n", strings.Join(files, ", "))
		}
	}
	if flags := setFlags(c); flags != "" {
		fmt.Fprintf(stdout, "# flags: %s\n", flags)
	}
	fmt.Fprintln(stdout, "# Lists are the built-in tables followed by the config file's entries.")
	fmt.Fprintln(stdout, "rules:")
	for _, st := range states {
		on := "on"
		if !st.On {
			on = "off"
		}
		fmt.Fprintf(stdout, "  %s: %s # %s\n", st.ID, on, st.By)
	}
	shown := *rules
	shown.Rules = nil
	var out strings.Builder
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&shown); err != nil {
		fmt.Fprintf(stderr, "mdclean: %v\n", err)
		return exitErr{exitError}
	}
	if _, err := io.WriteString(stdout, strings.Replace(out.String(), "rules: {}\n", "", 1)); err != nil {
		return exitErr{exitError}
	}
	return nil
}

// setFlags lists the rule and date flags the user set, as typed.
func setFlags(c *cli.Context) string {
	var out []string
	for _, name := range []string{"config", "disable", "enable", "normalize-dates", "date-format", "unknown-date", "date-fallback"} {
		if !c.IsSet(name) {
			continue
		}
		switch name {
		case "normalize-dates":
			out = append(out, "--"+name)
		case "disable", "enable":
			out = append(out, "--"+name+" "+strings.Join(c.StringSlice(name), ","))
		default:
			out = append(out, "--"+name+" "+c.String(name))
		}
	}
	return strings.Join(out, " ")
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
