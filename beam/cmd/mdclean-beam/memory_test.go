package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// buildBin builds mdclean-beam once per test binary; MDCLEAN_BEAM_BIN
// names another build instead (to measure it the same way).
func buildBin(t *testing.T) string {
	if b := os.Getenv("MDCLEAN_BEAM_BIN"); b != "" {
		return b
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "mdclean-beam-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "mdclean-beam")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// writeRecords writes n synthetic records (about 4 KB each, every one
// different, most with something to clean: an invalid date, a tracking
// container, a link-bait tail) as JSONL files of perFile records each.
func writeRecords(t *testing.T, dir string, n, perFile int) {
	var f *os.File
	var w *bufio.Writer
	enc := json.NewEncoder(nil)
	for i := 0; i < n; i++ {
		if i%perFile == 0 {
			if f != nil {
				w.Flush()
				f.Close()
			}
			var err error
			if f, err = os.Create(filepath.Join(dir, fmt.Sprintf("in-%05d.jsonl", i/perFile))); err != nil {
				t.Fatal(err)
			}
			w = bufio.NewWriter(f)
			enc = json.NewEncoder(w)
		}
		text := fmt.Sprintf("---\ntitle: Post %d\ndate: Invalid Date\ntags: [a, b]\n---\n", i)
		for p := 0; p < 12; p++ {
			text += fmt.Sprintf("<p>Paragraph %d of post %d: a sentence about the weather, the garden and the \"news\" of the week, with a <a href=\"https://example.org/%d/%d\">link</a> to read.</p>\n\n", p, i, i, p)
		}
		if i%3 != 0 {
			text += "<div id=\"recommend_bottom\"><ul><li><a href=\"/x\">More posts</a></li></ul></div>\n"
		}
		if err := enc.Encode(map[string]any{"id": i, "url": fmt.Sprintf("https://example.org/p/%d", i), "text": text}); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	f.Close()
}

// peakRSS runs mdclean-beam (Prism in process) over n records and returns
// its peak resident set in MB.
func peakRSS(t *testing.T, n int) float64 {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	writeRecords(t, in, n, 1000)
	cmd := exec.Command(buildBin(t), "--input", filepath.Join(in, "*.jsonl"), "--output", filepath.Join(dir, "out", "clean"), "--shards", "4")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%d records: %v\n%s", n, err, out)
	}
	shards, _ := filepath.Glob(filepath.Join(dir, "out", "clean-*-of-00004.jsonl"))
	lines := 0
	for _, s := range shards {
		f, _ := os.Open(s)
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			lines++
		}
		f.Close()
	}
	if lines != n {
		t.Fatalf("%d records in, %d out", n, lines)
	}
	return float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024
}

// TestMemoryFlat: the pipeline's peak memory on Prism does not grow with
// the number of records (input files of 1,000 records, 4 shards): 5 times
// the records within twice the peak. The default run compares 2,000 and
// 10,000 records; MDCLEAN_E2E=1 (CI) compares 10,000 and 50,000.
func TestMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds mdclean-beam and runs Prism; skipped in -short mode")
	}
	small, big := 2000, 10000
	if os.Getenv("MDCLEAN_E2E") == "1" {
		small, big = 10000, 50000
	}
	a := peakRSS(t, small)
	b := peakRSS(t, big)
	t.Logf("peak RSS: %d records %.0f MB, %d records %.0f MB (%.2fx)", small, a, big, b, b/a)
	if b > 2*a {
		t.Errorf("peak RSS %.0f MB at %d records, over twice the %.0f MB at %d", b, big, a, small)
	}
}
