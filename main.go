// Command mdclean cleans scraped blog posts: it repairs their YAML front
// matter and removes the junk that feed generators left in their bodies,
// editing only the bytes a rule changes. See README.md.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// Exit codes, as gofmt, shfmt and prettier use them.
const (
	exitOK      = 0
	exitChanged = 1 // check mode found a file that would change
	exitError   = 2
)

// version is set by the linker (-X main.version=...) for releases; a
// plain `go install` reports the module version instead.
var version = ""

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

func versionString() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	return buildVersion(bi)
}

// buildVersion is the version a build without -X main.version reports:
// the module version of a go install (which since Go 1.24 is a
// pseudo-version naming the commit for a build in a clone, too), else
// "(devel)" with the commit the build info records, so that a bug report
// from a source build says what it ran.
func buildVersion(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "(devel)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "+dirty"
	}
	return "(devel) commit " + rev
}

// exitErr carries an exit code out of the cli action.
type exitErr struct{ code int }

func (e exitErr) Error() string { return fmt.Sprintf("exit %d", e.code) }

// run is main without the process: testscript and tests call it directly.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	var learnFlags []cli.Flag
	for _, c := range app.Commands {
		if c.Name == "learn" {
			learnFlags = c.Flags
		}
	}
	flags := append([]cli.Flag{cli.HelpFlag, cli.VersionFlag}, app.Flags...)
	if err := app.Run(reorderArgs(args, flags, append([]cli.Flag{cli.HelpFlag}, learnFlags...))); err != nil {
		var ee exitErr
		if errors.As(err, &ee) {
			return ee.code
		}
		fmt.Fprintf(stderr, "mdclean: %v\n", err)
		return exitError
	}
	return exitOK
}
