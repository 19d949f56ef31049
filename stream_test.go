package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mdclean/mdclean/clean"
)

// TestStreamedWalk: a batch whose workers start while the walk goes on
// (streamJobs) prints what a batch that walked first prints, byte for
// byte, with the same exit status: in walk order, with a slow first post
// (every later one finishes before it), errors found mid-walk (an
// unreadable directory, a glob that matches nothing, a binary file) in
// their place, a path named twice cleaned once, and the summary.
func TestStreamedWalk(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.md"))
	if err != nil {
		t.Fatal(err)
	}
	slow := bytes.Replace(seed, []byte("<p>有记者问"), bytes.Repeat([]byte("<p>有记者问，长文。</p>"), 3000), 1)
	dir := t.TempDir()
	for i := 0; i < 400; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("%02d", i%20))
		os.MkdirAll(sub, 0o755)
		data := seed
		switch {
		case i == 0:
			data = slow
		case i%13 == 0:
			data = []byte("binary\x00")
		case i%2 == 0:
			data = []byte("---\ntitle: clean\n---\n<p>nothing to do</p>\n")
		case i%17 == 0:
			data = []byte("<p>no front matter: skipped in a walk</p>\n")
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("p%03d.md", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if os.Geteuid() != 0 {
		// Root reads it anyway: the glob below is the error mid-walk then.
		locked := filepath.Join(dir, "07", "locked")
		os.Mkdir(locked, 0o755)
		os.WriteFile(filepath.Join(locked, "x.md"), seed, 0o644)
		os.Chmod(locked, 0)
		t.Cleanup(func() { os.Chmod(locked, 0o755) })
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "late.md"), seed, 0o644)
	args := []string{dir, filepath.Join(other, "nomatch-*.md"), filepath.Join(dir, "03", "p003.md"), other}
	report := filepath.Join(t.TempDir(), "report.jsonl")

	for _, m := range [][]string{{"--check"}, {"-d", "--diff-format", "unified"}, {"-l", "--output-format", "json"}} {
		// --report FILE walks the whole tree first (openReport checks
		// that it is not an input): the reference.
		var wantOut, wantErr bytes.Buffer
		ref := append(append([]string{"mdclean", "-j", "1", "--report", report}, m...), args...)
		wantCode := run(ref, nil, &wantOut, &wantErr)
		if wantCode != exitError || !strings.Contains(wantErr.String(), "nomatch-") {
			t.Fatalf("%v: exit %d, want 2 with the glob's error:\n%s", m, wantCode, wantErr.String())
		}
		for _, j := range []string{"1", "2", "8"} {
			var stdout, stderr bytes.Buffer
			code := run(append(append([]string{"mdclean", "-j", j}, m...), args...), nil, &stdout, &stderr)
			if code != wantCode {
				t.Errorf("%v -j %s: exit %d, want %d", m, j, code, wantCode)
			}
			if stdout.String() != wantOut.String() {
				t.Errorf("%v -j %s: stdout differs from the walk-first run:\n%.2000s\nwant:\n%.2000s", m, j, stdout.String(), wantOut.String())
			}
			if stderr.String() != wantErr.String() {
				t.Errorf("%v -j %s: stderr differs from the walk-first run:\n%s\nwant:\n%s", m, j, stderr.String(), wantErr.String())
			}
		}
	}
}

// TestInterruptDuringWalk: a signal while the walk is still finding
// posts stops the batch as one during the cleaning does: the posts
// cleaned before it are rewritten whole and listed in order, every post
// found after it is left as it was and not listed, the run says it was
// interrupted and exits 2.
func TestInterruptDuringWalk(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.md"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := clean.Document(seed, clean.Options{})
	if err != nil {
		t.Fatal(err)
	}
	configs, err := newConfigs("")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var paths []string
	for i := 0; i < 40; i++ {
		p := filepath.Join(dir, fmt.Sprintf("p%02d.md", i))
		if err := os.WriteFile(p, seed, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	cfg := &config{jobs: 2, mode: mode{write: true, list: true}, configs: configs, dateFallback: "none", outFormat: formatText}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	q := newJobQueue()
	var stdout, stderr bytes.Buffer
	status := make(chan int)
	go func() { status <- cfg.runFiles(ctx, q, nil, &stdout, &stderr) }()
	// The walk finds ten posts; the workers start on them.
	for _, p := range paths[:10] {
		q.add(job{name: p, path: p})
	}
	// The signal comes while the walk goes on; it finds the rest.
	time.Sleep(10 * time.Millisecond)
	cancel()
	for _, p := range paths[10:] {
		q.add(job{name: p, path: p})
	}
	q.end()
	if code := <-status; code != exitError {
		t.Errorf("exit %d, want 2", code)
	}
	var rewritten []string
	for i, p := range paths {
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case bytes.Equal(got, res.Out):
			if i >= 10 {
				t.Errorf("%s: found after the signal, but rewritten", p)
			}
			rewritten = append(rewritten, p)
		case !bytes.Equal(got, seed):
			t.Errorf("%s: neither the post nor its cleaned version", p)
		}
	}
	if got, want := strings.Fields(stdout.String()), rewritten; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("listed:\n%s\nwant the rewritten posts, in order:\n%s", stdout.String(), strings.Join(want, "\n"))
	}
	if want := "mdclean: interrupted: every file is either as it was or fully rewritten\n"; stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
}
