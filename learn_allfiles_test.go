package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLearnAllFiles: a converter's Markdown of pages has no front matter;
// learn reads such files with --all-files, and named ones anyway, as
// the cleaner does.
func TestLearnAllFiles(t *testing.T) {
	dir := t.TempDir()
	var named []string
	for i := 0; i < 12; i++ {
		path := filepath.Join(dir, fmt.Sprintf("p%02d.md", i))
		body := "# 第" + fmt.Sprint(i) + "期\n\n" + storyText("harbour", i) + "\n\n觉得有用就分享给身边的船长朋友\n"
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		named = append(named, path)
	}
	want := "觉得有用就分享给身边的船长朋友"
	for _, c := range []struct {
		args []string
		has  bool
	}{
		{[]string{"learn", "-q", dir}, false},
		{[]string{"learn", "-q", "--all-files", dir}, true},
		{append([]string{"learn", "-q"}, named...), true},
	} {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"mdclean"}, c.args...), nil, &stdout, &stderr)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args[:3], code, stderr.String())
		}
		if got := strings.Contains(stdout.String(), want); got != c.has {
			t.Errorf("%v: proposed %v, want %v:\n%s", c.args[:3], got, c.has, stdout.String())
		}
	}
}
