package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"testing"
	"time"

	"github.com/urfave/cli/v2"
)

// benchConfig is the config mdclean builds from args, for benchmarks that
// call its per-post paths in process.
func benchConfig(b *testing.B, args ...string) *config {
	var cfg *config
	app := &cli.App{Flags: mainFlags(), Action: func(c *cli.Context) error {
		var err error
		cfg, err = newConfig(c, io.Discard, io.Discard)
		return err
	}}
	if err := app.Run(append([]string{"mdclean"}, args...)); err != nil {
		b.Fatal(err)
	}
	return cfg
}

// benchPosts are the seed and the dev and dev2 posts (those of ../shared
// that exist), as files in a temporary tree.
func benchPosts(b *testing.B) (paths []string, posts [][]byte) {
	files := []string{filepath.Join("testdata", "seed.md")}
	for _, dir := range []string{"../shared/corpus/dev", "../shared/corpus/dev2"} {
		m, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		files = append(files, slices.DeleteFunc(m, func(f string) bool { return filepath.Base(f) == "REPORT.md" })...)
	}
	tmp := b.TempDir()
	for i, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		p := filepath.Join(tmp, fmt.Sprintf("post-%03d.md", i))
		if err := os.WriteFile(p, src, 0o644); err != nil {
			b.Fatal(err)
		}
		paths, posts = append(paths, p), append(posts, src)
	}
	return paths, posts
}

// BenchmarkJSONLVsTree runs every post through the tree mode's per-file
// path (--check: read the file, clean, report) and, as a JSONL record,
// through --jsonl's (find the text field, clean, splice, write), one after
// the other, and reports the ratio of their times: the sums' (jsonl/tree)
// and the median of the pairs' (jsonl/tree-median), which a burst of load
// from elsewhere does not skew. Both run under the heap policy the two
// modes set. The records are written as Python's json.dumps(ensure_ascii=
// False) and Go's encoder without HTML escaping write them.
func BenchmarkJSONLVsTree(b *testing.B) {
	paths, posts := benchPosts(b)
	lines := make([][]byte, len(posts))
	size := 0
	for i, p := range posts {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.Encode(map[string]any{"id": i, "url": "https://example.com/" + filepath.Base(paths[i]), "text": string(p)})
		lines[i] = buf.Bytes()
		size += len(p)
	}
	tree := benchConfig(b, "--check", "-q")
	stream := benchConfig(b, "--jsonl")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(batchHeap))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	ctx := context.Background()
	w := bufio.NewWriterSize(io.Discard, 1<<16)
	b.SetBytes(int64(size))
	var tt, tj time.Duration
	var pairs []float64
	n := 0
	for b.Loop() {
		for i, p := range paths {
			t0 := time.Now()
			tree.process(ctx, job{name: p, path: p, named: true}, nil)
			t1 := time.Now()
			n++
			out, _ := stream.cleanRecord(fmt.Sprintf("%s:%d", "-", n), lines[i], io.Discard)
			w.Write(out)
			dj, dt := time.Since(t1), t1.Sub(t0)
			tj += dj
			tt += dt
			pairs = append(pairs, float64(dj)/float64(dt))
		}
	}
	slices.Sort(pairs)
	b.ReportMetric(float64(tj)/float64(tt), "jsonl/tree")
	b.ReportMetric(pairs[len(pairs)/2], "jsonl/tree-median")
	b.ReportMetric(float64(tt.Nanoseconds())/float64(n), "tree-ns/post")
	b.ReportMetric(float64(tj.Nanoseconds())/float64(n), "jsonl-ns/post")
}
