package main

import (
	"os"
	"strings"

	"github.com/urfave/cli/v2"
)

// reorderArgs moves the flags of args (a whole command line) before its
// paths, so that "mdclean source/_posts --check" checks, as prettier, ruff
// and git take flags anywhere: urfave/cli, like the flag package, stops at
// the first path and took every later flag for a file name. "--" ends the
// flags; what follows it is left as it is, paths even when they start with
// "-". The learn command's flags are moved the same way, after "learn".
func reorderArgs(args []string, mainFlags, learnFlags []cli.Flag) []string {
	if len(args) < 2 {
		return args
	}
	if args[1] == "learn" {
		return append(args[:2:2], moveFlags(args[2:], learnFlags)...)
	}
	return append(args[:1:1], moveFlags(args[1:], mainFlags)...)
}

// moveFlags puts the flags of args (with their values) first, then "--"
// and the paths, keeping each group's order.
func moveFlags(args []string, flags []cli.Flag) []string {
	takesValue := map[string]bool{}
	for _, f := range flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var opts, paths []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			paths = append(paths, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			paths = append(paths, a) // "-" is stdin, a path
			continue
		}
		opts = append(opts, a)
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if takesValue[name] && !hasValue && i+1 < len(args) {
			i++
			opts = append(opts, args[i])
		}
	}
	for _, o := range opts {
		if o == "-h" || o == "--help" || o == "-help" {
			paths = nil // "mdclean posts --help" is help, not help on a topic
		}
	}
	if len(paths) == 0 {
		return opts
	}
	return append(append(opts, "--"), paths...)
}

// commandWords are first words that look like a command another tool
// has, and the flag mdclean has for it.
var commandWords = map[string]string{
	"check": "--check", "lint": "--check", "verify": "--check",
	"clean": "-w", "fix": "-w", "format": "-w", "fmt": "-w", "write": "-w",
	"diff": "-d", "list": "-l", "ls": "-l",
	"help": "--help", "version": "--version", "rules": "--list-rules", "config": "--print-config",
}

// commandHint returns a usage error for a first path that is no file but
// a word like a command ("mdclean check ."): cleaning the rest would print
// every post on stdout.
func commandHint(args []string) error {
	if len(args) == 0 {
		return nil
	}
	flag, ok := commandWords[args[0]]
	if !ok {
		return nil
	}
	if _, err := os.Lstat(args[0]); err == nil {
		return nil // a file or directory of that name: a path
	}
	return usagef("%s is not a command or a file: did you mean %s?", args[0], flag)
}
