package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBatchOrder: whatever the number of workers and however long each
// post takes, names, errors and reports come out in argument order, each
// exactly once (the worker that finishes the next post in order prints).
func TestBatchOrder(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var args, wantOut, wantErr []string
	for i := 0; i < 300; i++ {
		name := filepath.Join(dir, fmt.Sprintf("p%03d.md", i))
		data := seed
		switch {
		case i%7 == 0:
			// A post many times longer: later posts finish first.
			data = bytes.Replace(seed, []byte("<p>有记者问"), bytes.Repeat([]byte("<p>有记者问，长文。</p>"), 2000), 1)
			wantOut = append(wantOut, name)
		case i%11 == 0:
			data = []byte("binary\x00")
			wantErr = append(wantErr, name+": binary file (NUL byte at offset 6): skipped")
		case i%2 == 0:
			data = []byte("---\ntitle: clean\n---\n<p>nothing to do</p>\n")
		default:
			wantOut = append(wantOut, name)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, name)
	}
	for _, j := range []string{"1", "2", "8"} {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"mdclean", "--check", "-q", "-j", j}, args...), nil, &stdout, &stderr)
		if code != exitError {
			t.Errorf("-j %s: exit %d, want %d (some posts are binary)", j, code, exitError)
		}
		if got := strings.Fields(stdout.String()); strings.Join(got, "\n") != strings.Join(wantOut, "\n") {
			t.Errorf("-j %s: stdout not in argument order:\n%s", j, stdout.String())
		}
		if got := strings.TrimSpace(stderr.String()); got != strings.Join(wantErr, "\n") {
			t.Errorf("-j %s: stderr not in argument order:\n%s\nwant:\n%s", j, got, strings.Join(wantErr, "\n"))
		}
	}
}
