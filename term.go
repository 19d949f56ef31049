package main

import (
	"io"
	"os"
	"sync"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/mdclean/mdclean/edit"
)

// isTerminal reports whether w is a terminal: colour and progress bars
// only go there, never into a pipe or a file.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// minFilesForProgress is how many files make a batch long enough for a
// progress bar.
const minFilesForProgress = 200

// progress is a progress bar on a terminal's stderr, or nothing.
type progress struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
}

func (cfg *config) newProgress(n int, stderr io.Writer) *progress {
	p := &progress{}
	if !cfg.progress || cfg.verbose || n < minFilesForProgress {
		return p
	}
	p.bar = progressbar.NewOptions(n,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("cleaning"),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
	)
	return p
}

func (p *progress) add() {
	if p.bar != nil {
		p.mu.Lock()
		p.bar.Add(1)
		p.mu.Unlock()
	}
}

// clear wipes the bar before a message is printed under it.
func (p *progress) clear() {
	if p.bar != nil {
		p.mu.Lock()
		p.bar.Clear()
		p.mu.Unlock()
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// colorWanted resolves --color: "auto" colours only a terminal, and not
// when NO_COLOR is set (no-color.org) or TERM is "dumb"; "always" and
// "never" are what the user said, whatever the environment.
func colorWanted(when string, stdout io.Writer) (bool, error) {
	switch when {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		return isTerminal(stdout) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb", nil
	}
	return false, usagef("--color must be auto, always or never, not %q", when)
}

// ANSI colours, as git colours a diff.
const (
	ansiBold  = "\x1b[1m"
	ansiRed   = "\x1b[31m"
	ansiGreen = "\x1b[32m"
	ansiCyan  = "\x1b[36m"
	ansiReset = "\x1b[0m"
)

// ansiDiffMarks colour -d's diff as git colours one.
var ansiDiffMarks = &edit.DiffMarks{
	Header:  edit.Mark{Open: ansiBold, Close: ansiReset},
	Hunk:    edit.Mark{Open: ansiCyan, Close: ansiReset},
	Removed: edit.Mark{Open: ansiRed, Close: ansiReset},
	Added:   edit.Mark{Open: ansiGreen, Close: ansiReset},
}

// diffOptions are -d's: coloured on a terminal, whole lines with
// --diff-format unified.
func (cfg *config) diffOptions() edit.DiffOptions {
	o := edit.DiffOptions{Unified: cfg.unifiedDiff}
	if cfg.color {
		o.Marks = ansiDiffMarks
	}
	return o
}

// paint wraps s in colour when on.
func paint(on bool, color, s string) string {
	if !on || s == "" {
		return s
	}
	return color + s + ansiReset
}

// runeStart moves i back to the start of the UTF-8 sequence holding it.
func runeStart(b []byte, i int) int {
	for i > 0 && i < len(b) && !utf8.RuneStart(b[i]) {
		i--
	}
	return i
}
