package main

import (
	"bytes"
	"io"
	"os"
	"sync"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal: colour and progress bars
// only go there, never into a pipe or a file.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// colorDiff colours a unified diff for a terminal, as git does.
func (cfg *config) colorDiff(d []byte) []byte {
	if !cfg.color {
		return d
	}
	var out bytes.Buffer
	for _, line := range bytes.SplitAfter(d, []byte("\n")) {
		switch {
		case bytes.HasPrefix(line, []byte("+++")), bytes.HasPrefix(line, []byte("---")):
			out.WriteString("\x1b[1m")
		case bytes.HasPrefix(line, []byte("@@")):
			out.WriteString("\x1b[36m")
		case bytes.HasPrefix(line, []byte("+")):
			out.WriteString("\x1b[32m")
		case bytes.HasPrefix(line, []byte("-")):
			out.WriteString("\x1b[31m")
		default:
			out.Write(line)
			continue
		}
		out.Write(bytes.TrimSuffix(line, []byte("\n")))
		out.WriteString("\x1b[0m")
		if bytes.HasSuffix(line, []byte("\n")) {
			out.WriteByte('\n')
		}
	}
	return out.Bytes()
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
