package main

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mdclean/mdclean/clean"
)

// completionHelp is mdclean completion --help.
const completionHelp = `mdclean completion prints a script that completes mdclean's flags, rule ids
and flag values in a shell.

Usage:
  mdclean completion bash|zsh|fish

Install:
  bash:  mdclean completion bash > ~/.local/share/bash-completion/completions/mdclean
  zsh:   mdclean completion zsh > "${fpath[1]}/_mdclean"
  fish:  mdclean completion fish > ~/.config/fish/completions/mdclean.fish
`

// flagValues are the words a flag's value is one of; "FILE" completes
// file names.
func flagValues() map[string][]string {
	ids := make([]string, len(clean.Rules))
	for i, r := range clean.Rules {
		ids[i] = r.ID
	}
	return map[string][]string{
		"disable":        ids,
		"enable":         ids,
		"color":          {"auto", "always", "never"},
		"output-format":  {formatText, formatGitHub, formatJSON, formatSARIF},
		"diff-format":    {"auto", "readable", "unified"},
		"unknown-date":   {"drop", "keep", "error"},
		"date-fallback":  {"none", "mtime", "git"},
		"date-format":    {"rfc3339", "hexo"},
		"config":         {"FILE"},
		"report":         {"FILE"},
		"stdin-filepath": {"FILE"},
		"review":         {"FILE"},
	}
}

// completionFlag is one flag as a completion script names it.
type completionFlag struct {
	names []string // long name first, then aliases
	desc  string
	arg   bool // takes a value
}

// helpLine finds a flag's line in a help text: "  -w, --write   desc".
var helpLine = regexp.MustCompile(`^\s+(?:-[a-z], )?--([a-z-]+)(?: [A-Z]+)?\s{2,}(.*)$`)

// completionFlags lists flags with the first line of their help as the
// description, so the scripts stay in step with the flags and --help.
func completionFlags(flags []cli.Flag, help string) []completionFlag {
	descs := map[string]string{}
	for _, line := range strings.Split(help, "\n") {
		if m := helpLine.FindStringSubmatch(line); m != nil {
			descs[m[1]] = strings.TrimSpace(m[2])
		}
	}
	var out []completionFlag
	for _, f := range flags {
		if v, ok := f.(cli.VisibleFlag); ok && !v.IsVisible() {
			continue
		}
		names := f.Names()
		_, isBool := f.(*cli.BoolFlag)
		out = append(out, completionFlag{names: names, desc: descs[names[0]], arg: !isBool})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].names[0] < out[j].names[0] })
	return out
}

func dashed(n string) string {
	if len(n) == 1 {
		return "-" + n
	}
	return "--" + n
}

// writeCompletion writes the script for shell.
func writeCompletion(w io.Writer, shell string, main, learn []cli.Flag) error {
	mainFlags := completionFlags(main, helpText)
	learnFlags := completionFlags(learn, learnHelp)
	values := flagValues()
	switch shell {
	case "bash":
		return bashCompletion(w, mainFlags, learnFlags, values)
	case "zsh":
		return zshCompletion(w, mainFlags, learnFlags, values)
	case "fish":
		return fishCompletion(w, mainFlags, learnFlags, values)
	}
	return usagef("completion: unknown shell %q (bash, zsh or fish)", shell)
}

func allNames(flags []completionFlag) string {
	var ns []string
	for _, f := range flags {
		for _, n := range f.names {
			ns = append(ns, dashed(n))
		}
	}
	return strings.Join(ns, " ")
}

func sortedKeys(m map[string][]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func bashCompletion(w io.Writer, mainFlags, learnFlags []completionFlag, values map[string][]string) error {
	var b strings.Builder
	b.WriteString("# bash completion for mdclean (mdclean completion bash)\n_mdclean() {\n")
	b.WriteString("  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} sub=\n")
	b.WriteString("  [[ ${COMP_WORDS[1]} == learn || ${COMP_WORDS[1]} == completion ]] && sub=${COMP_WORDS[1]}\n")
	b.WriteString("  case $prev in\n")
	for _, k := range sortedKeys(values) {
		if values[k][0] == "FILE" {
			fmt.Fprintf(&b, "    --%s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", k)
			continue
		}
		fmt.Fprintf(&b, "    --%s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", k, strings.Join(values[k], " "))
	}
	b.WriteString("  esac\n")
	b.WriteString("  if [[ $sub == completion ]]; then COMPREPLY=($(compgen -W \"bash zsh fish\" -- \"$cur\")); return; fi\n")
	fmt.Fprintf(&b, "  if [[ $cur == -* ]]; then\n    if [[ $sub == learn ]]; then COMPREPLY=($(compgen -W %q -- \"$cur\"))\n    else COMPREPLY=($(compgen -W %q -- \"$cur\")); fi\n    return\n  fi\n",
		allNames(learnFlags)+" --help", allNames(mainFlags))
	b.WriteString("  if ((COMP_CWORD == 1)); then COMPREPLY=($(compgen -W \"learn completion\" -- \"$cur\") $(compgen -f -- \"$cur\")); return; fi\n")
	b.WriteString("  COMPREPLY=($(compgen -f -- \"$cur\"))\n}\ncomplete -o filenames -o bashdefault -F _mdclean mdclean\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// zshQuote quotes s for an _arguments spec: brackets and colons escaped.
func zshQuote(s string) string {
	return strings.NewReplacer("[", `\[`, "]", `\]`, ":", `\:`, "'", `'\''`).Replace(s)
}

func zshSpecs(flags []completionFlag, values map[string][]string) []string {
	var specs []string
	for _, f := range flags {
		action := ""
		if f.arg {
			switch v := values[f.names[0]]; {
			case len(v) > 0 && v[0] == "FILE":
				action = ":file:_files"
			case len(v) > 0:
				action = ":value:(" + strings.Join(v, " ") + ")"
			default:
				action = ":value: "
			}
		}
		for _, n := range f.names {
			specs = append(specs, fmt.Sprintf("'%s[%s]%s'", dashed(n), zshQuote(f.desc), action))
		}
	}
	return specs
}

func zshCompletion(w io.Writer, mainFlags, learnFlags []completionFlag, values map[string][]string) error {
	var b strings.Builder
	b.WriteString("#compdef mdclean\n# zsh completion for mdclean (mdclean completion zsh)\n_mdclean() {\n")
	b.WriteString("  case ${words[2]} in\n")
	fmt.Fprintf(&b, "    learn) shift words; (( CURRENT-- )); _arguments -s %s '*:post:_files' ;;\n", strings.Join(zshSpecs(learnFlags, values), " "))
	b.WriteString("    completion) _arguments '2:shell:(bash zsh fish)' ;;\n")
	fmt.Fprintf(&b, "    *) _arguments -s %s '1::command or path:{_alternative \"commands:command:(learn completion)\" \"files:post:_files\"}' '*:post:_files' ;;\n", strings.Join(zshSpecs(mainFlags, values), " "))
	b.WriteString("  esac\n}\n_mdclean \"$@\"\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

func fishCompletion(w io.Writer, mainFlags, learnFlags []completionFlag, values map[string][]string) error {
	var b strings.Builder
	b.WriteString("# fish completion for mdclean (mdclean completion fish)\ncomplete -c mdclean -f\n")
	b.WriteString("complete -c mdclean -n __fish_use_subcommand -a 'learn completion' -d 'command'\n")
	b.WriteString("complete -c mdclean -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n")
	b.WriteString("complete -c mdclean -n 'not __fish_seen_subcommand_from completion' -F\n")
	write := func(flags []completionFlag, cond string) {
		for _, f := range flags {
			fmt.Fprintf(&b, "complete -c mdclean -n %s", fishQuote(cond))
			for _, n := range f.names {
				if len(n) == 1 {
					fmt.Fprintf(&b, " -s %s", n)
				} else {
					fmt.Fprintf(&b, " -l %s", n)
				}
			}
			if f.arg {
				switch v := values[f.names[0]]; {
				case len(v) > 0 && v[0] == "FILE":
					b.WriteString(" -r -F")
				case len(v) > 0:
					fmt.Fprintf(&b, " -x -a %s", fishQuote(strings.Join(v, " ")))
				default:
					b.WriteString(" -x")
				}
			}
			if f.desc != "" {
				fmt.Fprintf(&b, " -d %s", fishQuote(f.desc))
			}
			b.WriteString("\n")
		}
	}
	write(mainFlags, "not __fish_seen_subcommand_from learn completion")
	write(learnFlags, "__fish_seen_subcommand_from learn")
	_, err := io.WriteString(w, b.String())
	return err
}

// completionCommand is mdclean completion SHELL.
func completionCommand(stdout, stderr io.Writer, onUsageError cli.OnUsageErrorFunc, learnFlags func() []cli.Flag) *cli.Command {
	return &cli.Command{
		Name:         "completion",
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return printUsageError(stderr, usagef("completion needs one shell: mdclean completion bash|zsh|fish"))
			}
			if err := writeCompletion(stdout, c.Args().First(), mainFlags(), learnFlags()); err != nil {
				if _, ok := err.(usageError); ok {
					return printUsageError(stderr, err)
				}
				fmt.Fprintf(stderr, "mdclean: write: %v\n", err)
				return exitErr{exitError}
			}
			return nil
		},
	}
}
