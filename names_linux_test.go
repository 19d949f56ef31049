//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestQuotedNames: a file name with a newline or bytes that are not UTF-8
// is C-quoted in -l output (and every message), as git quotes it, so one
// line names one file and strconv.Unquote gives the real bytes back.
func TestQuotedNames(t *testing.T) {
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	posts := filepath.Join(dir, "posts")
	if err := os.Mkdir(posts, 0o755); err != nil {
		t.Fatal(err)
	}
	names := []string{"a\nb.md", "caf\xe9.md", `"quoted".md`}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(posts, n), []byte("\n---\ntitle: x\n---\n<p>a</p><div id=\"recommend_bottom\"></div>\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := exec.Command(bin, "-l", posts).Output()
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(names) {
		t.Fatalf("%d lines for %d files: %q", len(lines), len(names), out)
	}
	got := map[string]bool{}
	for _, l := range lines {
		p, err := strconv.Unquote(l)
		if err != nil {
			t.Errorf("%q is not quoted: %v", l, err)
			continue
		}
		got[filepath.Base(p)] = true
	}
	for _, n := range names {
		if !got[n] {
			t.Errorf("%q not recovered from %q", n, lines)
		}
	}
}
