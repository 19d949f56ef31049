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
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
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
