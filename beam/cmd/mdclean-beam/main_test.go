package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandLine runs mdclean-beam as a user does: repeated --disable
// flags all count, a glob that matches nothing and a config other users
// may write are refused (exit 2), and a failed record makes the run exit
// 2 as mdclean --jsonl does, with the counters explained.
func TestCommandLine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds mdclean-beam and runs Prism; skipped in -short mode")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "mdclean-beam")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	run := func(args ...string) (int, string) {
		cmd := exec.Command(bin, args...)
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, string(out)
	}
	// The record has a leading blank line and a tracking container: with
	// both rules off it is not changed; the second record fails.
	in := filepath.Join(dir, "in.jsonl")
	rec := `{"text":"\n---\ntitle: x\n---\n<p>a</p><div id=\"recommend_bottom\"></div>\n"}` + "\n"
	os.WriteFile(in, []byte(rec+`{"id":2}`+"\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, stderr := run("--input", in, "--output", out, "--shards", "1", "--disable", "leading-blank", "--disable", "tracking-markup")
	if code != 2 || !strings.Contains(stderr, "1 records failed") || !strings.Contains(stderr, "records that failed") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	got, _ := os.ReadFile(out + "-00000-of-00001.jsonl")
	if !strings.Contains(string(got), rec) {
		t.Errorf("a disabled rule ran:\n%s", got)
	}
	// A comma list means the same.
	os.WriteFile(in, []byte(rec), 0o644)
	if code, stderr := run("--input", in, "--output", out, "--shards", "1", "--disable", "leading-blank,tracking-markup"); code != 0 {
		t.Errorf("comma list: exit %d, stderr:\n%s", code, stderr)
	}
	if got, _ := os.ReadFile(out + "-00000-of-00001.jsonl"); string(got) != rec {
		t.Errorf("comma list: a disabled rule ran:\n%s", got)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--input", filepath.Join(dir, "nothing-*.jsonl"), "--output", out}, "no file matches"},
		{[]string{"--input", in, "--output", out, "--config", filepath.Join(dir, "shared.yaml")}, "writable by other users"},
		{[]string{"--input", in, "--output", out, "--config", dir}, "not a regular file"},
		{[]string{"--input", in, "--output", out, "--unknown-date", "guess"}, "--unknown-date must be drop, keep or error"},
		{[]string{"--input", in, "--output", out, "--disable", "tracking-param"}, "tracking-param"},
	} {
		os.WriteFile(filepath.Join(dir, "shared.yaml"), []byte("rules: {}\n"), 0o644)
		os.Chmod(filepath.Join(dir, "shared.yaml"), 0o666)
		if code, stderr := run(c.args...); code != 2 || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
}
