package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mdclean/mdclean/clean"
)

var (
	treeOnce sync.Once
	treeDir  string
	treeN    int
)

// benchTree writes a blog of 10,000 posts once per test binary: half the
// seed as scraped (every rule fires), half the seed already clean, in 100
// directories, as a Hexo source/_posts tree would hold them.
func benchTree(b *testing.B) (string, int) {
	treeOnce.Do(func() {
		seed, err := os.ReadFile(filepath.Join("testdata", "seed.md"))
		if err != nil {
			b.Fatal(err)
		}
		res, err := clean.Document(seed, clean.Options{})
		if err != nil {
			b.Fatal(err)
		}
		dir, err := os.MkdirTemp("", "mdclean-bench-")
		if err != nil {
			b.Fatal(err)
		}
		const n = 10000
		for i := 0; i < n; i++ {
			sub := filepath.Join(dir, "source", "_posts", fmt.Sprintf("%02d", i%100))
			if i < 100 {
				os.MkdirAll(sub, 0o755)
			}
			data := seed
			if i%2 == 1 {
				data = res.Out
			}
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("post-%05d.md", i)), data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		treeDir, treeN = dir, n
	})
	return treeDir, treeN
}

var (
	benchBinOnce sync.Once
	benchBin     string
)

// runCheckTree runs `mdclean --check -j N` over the tree with the built
// binary: a fresh process per run, as a pre-commit hook or a CI job runs
// it (runs inside one process would inherit each other's heap and
// collector state, which favours whichever runs second).
func runCheckTree(b *testing.B, dir string, j int) time.Duration {
	benchBinOnce.Do(func() {
		tmp, err := os.MkdirTemp("", "mdclean-bin-")
		if err != nil {
			b.Fatal(err)
		}
		benchBin = buildBinary(b, tmp)
	})
	t0 := time.Now()
	err := exec.Command(benchBin, "--check", "-j", fmt.Sprint(j), dir).Run()
	d := time.Since(t0)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitChanged {
		b.Fatalf("-j %d: %v, want exit 1 (half the posts need cleaning)", j, err)
	}
	return d
}

// BenchmarkCheckTree runs `mdclean --check -j N` over the 10,000-post tree
// and reports posts per second. The tree stays in the OS cache between
// runs, as in a pre-commit hook run twice.
func BenchmarkCheckTree(b *testing.B) {
	dir, n := benchTree(b)
	for _, j := range []int{1, 2} {
		b.Run(fmt.Sprintf("j%d", j), func(b *testing.B) {
			var total time.Duration
			for b.Loop() {
				total += runCheckTree(b, dir, j)
			}
			b.ReportMetric(float64(n)*float64(b.N)/total.Seconds(), "posts/s")
		})
	}
}

// BenchmarkCheckTreeSpeedup runs `--check -j 1` and `--check -j 2` over
// the tree alternately and reports the ratio of their times: on a shared,
// noisy machine the pair sees the same load, so the ratio is steadier
// than either time (the goal: -j 2 at least 1.7x faster). Run it with
// -benchtime 5x or more: one pair takes over a second.
func BenchmarkCheckTreeSpeedup(b *testing.B) {
	dir, n := benchTree(b)
	var t1, t2 time.Duration
	for b.Loop() {
		t1 += runCheckTree(b, dir, 1)
		t2 += runCheckTree(b, dir, 2)
	}
	b.ReportMetric(float64(t1)/float64(t2), "j1/j2")
	b.ReportMetric(t1.Seconds()/float64(b.N), "j1-s")
	b.ReportMetric(t2.Seconds()/float64(b.N), "j2-s")
	b.ReportMetric(float64(n)*float64(b.N)/t2.Seconds(), "j2-posts/s")
}
