package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDateFallback: with no evidence in the document, --date-fallback
// takes the file's mtime or its first git commit; by default (none) the
// key is dropped.
func TestDateFallback(t *testing.T) {
	dir := t.TempDir()
	post := filepath.Join(dir, "post.md")
	src := []byte("---\ntitle: x\ndate: Invalid Date\n---\nbody\n")
	os.WriteFile(post, src, 0o644)
	mtime := time.Date(2020, 3, 4, 5, 6, 7, 0, time.UTC)
	if err := os.Chtimes(post, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	clean := func(args ...string) (string, string) {
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"mdclean", "-v"}, append(args, post)...), nil, &stdout, &stderr); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	if out, _ := clean(); strings.Contains(out, "date:") {
		t.Errorf("default: the date should be dropped:\n%s", out)
	}
	out, msg := clean("--date-fallback", "mtime")
	if !strings.Contains(out, "\ndate: 2020-03-04T05:06:07Z\n") || !strings.Contains(msg, "file mtime") {
		t.Errorf("mtime: got\n%s%s", out, msg)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	gitEnv := append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_COMMITTER_DATE=2019-01-02T03:04:05Z", "GIT_AUTHOR_DATE=2019-01-02T03:04:05Z")
	for _, args := range [][]string{{"init", "-q"}, {"add", "post.md"}, {"commit", "-q", "-m", "post"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, gitEnv
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, b)
		}
	}
	out, msg = clean("--date-fallback", "git")
	if !strings.Contains(out, "\ndate: 2019-01-02T03:04:05Z\n") || !strings.Contains(msg, "git commit") {
		t.Errorf("git: got\n%s%s", out, msg)
	}
}
