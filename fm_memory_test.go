package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestFrontMatterMemory: the memory bound (4x the input plus 128 MB) holds
// for front matter too, whose cost grows with its values, not its bytes
// (issue 21, row 12): a 1.7 MB flow list of one-letter items and a block
// of a million keys are refused with an error, within the bound, before
// they are parsed; blocks just under the limit are cleaned within it,
// repairs and their re-parse included. Bounds, not times.
func TestFrontMatterMemory(t *testing.T) {
	endToEnd(t, "builds the binary and MB-sized front matter")
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	repeat := func(head, unit, sep string, n int, tail string) string {
		var b strings.Builder
		b.Grow(len(head) + n*(len(unit)+len(sep)) + len(tail))
		b.WriteString(head)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(unit)
		}
		b.WriteString(tail)
		return b.String()
	}
	keys := func(head string, n int, tail string) string {
		var b strings.Builder
		b.WriteString(head)
		for i := 0; i < n; i++ {
			b.WriteString("k" + strconv.Itoa(i) + ": v\n")
		}
		b.WriteString(tail)
		return b.String()
	}
	for _, c := range []struct {
		name    string
		doc     string
		refused bool
	}{
		{"flow-list-1.7MB", repeat("---\ntitle: x\ntags: [", "a", ",", 850_000, "]\n---\nbody\n"), true},
		{"keys-1M", keys("---\ntitle: x\n", 1_000_000, "---\nbody\n"), true},
		{"flow-map-1MB", repeat("---\ntitle: x\nm: {", "a", ", ", 350_000, "}\n---\nbody\n"), true},
		{"toml-array-1.7MB", repeat("+++\ntitle = \"x\"\ntags = [", "1", ",", 850_000, "]\n+++\nbody\n"), true},
		{"flow-list-under", repeat("---\ntitle: x\ndate: Invalid Date\ntags: [", "a", ",", 300_000, "]\n---\nbody 2021 年 7 月 19 日电\n"), false},
		{"keys-under", keys("---\ntitle: x\ndate: Invalid Date\n", 90_000, "---\nbody 2021 年 7 月 19 日电\n"), false},
		{"duplicates-under", repeat("---\ntitle: x\n", "date: Invalid Date", "\n", 80_000, "\n---\nbody 2021 年 7 月 19 日电\n"), false},
		{"toml-array-under", repeat("+++\ntitle = \"x\"\ndate = \"NaN\"\ntags = [", "1", ",", 300_000, "]\n+++\nbody 2021 年 7 月 19 日电\n"), false},
	} {
		post := filepath.Join(dir, c.name+".md")
		if err := os.WriteFile(post, []byte(c.doc), 0o644); err != nil {
			t.Fatal(err)
		}
		got, code, stderr := peakRSSStatus(t, dir, bin, post)
		bound := int64(4*len(c.doc) + 128<<20)
		t.Logf("%s (%d KB): exit %d, peak %d MB (bound %d MB)", c.name, len(c.doc)>>10, code, got>>20, bound>>20)
		if got > bound {
			t.Errorf("%s: peak %d MB over the bound %d MB", c.name, got>>20, bound>>20)
		}
		switch {
		case c.refused && (code != 2 || !strings.Contains(stderr, "too large to repair within the memory bound")):
			t.Errorf("%s: want a refusal, got exit %d: %s", c.name, code, stderr)
		case !c.refused && code != 0:
			t.Errorf("%s: exit %d: %s", c.name, code, stderr)
		}
		os.Remove(post)
	}
}

// peakRSSStatus is peakRSS for a run that may fail: the filter on post,
// its peak memory, exit status and standard error.
func peakRSSStatus(t *testing.T, dir, bin, post string) (int64, int, string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, bin)
	cmd.Args[0] = "peakrss"
	rssFile := filepath.Join(dir, "peak")
	cmd.Env = append(os.Environ(), "PEAKRSS_OUT="+rssFile)
	in, err := os.Open(post)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	cmd.Stdin = in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	code := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatal(err)
		}
		code = ee.ExitCode()
	}
	b, err := os.ReadFile(rssFile)
	if err != nil {
		t.Fatal(err)
	}
	got, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return got, code, stderr.String()
}
