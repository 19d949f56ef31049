package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
)

// TestMain initialises Beam as a pipeline binary does: the loopback
// workers Prism starts run in this process.
func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

// corpora are the labelled posts beside the repository (../shared), as in
// the CLI's tests; without them the test says so and skips.
var corpora = []string{"../../../shared/corpus/dev", "../../../shared/corpus/dev2"}

// TestPipelineMatchesCLI runs the pipeline on Prism in process over the dev
// and dev2 posts as JSONL, one input gzip'd and one with CRLF records and
// a last line without a line ending, into 3 shards, and asserts that the
// output records, sorted, are byte for byte those of mdclean --jsonl on the
// same input (a last line gains its "\n": it need not be last in a shard).
func TestPipelineMatchesCLI(t *testing.T) {
	var posts [][]byte
	for _, dir := range corpora {
		files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, f := range files {
			if filepath.Base(f) == "REPORT.md" {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			posts = append(posts, data)
		}
	}
	if len(posts) == 0 {
		t.Skipf("no corpus at %v (../shared beside the repository): skipped", corpora)
	}
	dir := t.TempDir()
	var plain, crlf, gz bytes.Buffer
	for i, p := range posts {
		rec, _ := json.Marshal(map[string]any{"id": i, "text": string(p)})
		switch i % 3 {
		case 0:
			plain.Write(rec)
			plain.WriteByte('\n')
		case 1:
			crlf.Write(rec)
			crlf.WriteString("\r\n")
		default:
			gz.Write(rec)
			gz.WriteByte('\n')
		}
	}
	crlf.Truncate(crlf.Len() - 2) // a last line without a line ending
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(gz.Bytes())
	zw.Close()
	os.WriteFile(filepath.Join(dir, "a.jsonl"), plain.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "b.jsonl"), crlf.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "c.jsonl.gz"), zipped.Bytes(), 0o644)

	out := filepath.Join(t.TempDir(), "clean")
	p, s := beam.NewPipelineWithRoot()
	Build(s, Options{Input: filepath.Join(dir, "*.jsonl*"), Output: out, Shards: 3, TextKey: "text"})
	res, err := prism.Execute(context.Background(), p)
	if err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	shards, _ := filepath.Glob(out + "-*-of-00003.jsonl")
	if len(shards) == 0 {
		t.Fatal("no output shards")
	}
	var got []string
	for _, f := range shards {
		data, _ := os.ReadFile(f)
		got = append(got, strings.SplitAfter(string(data), "\n")...)
	}
	got = slices.DeleteFunc(got, func(s string) bool { return s == "" })
	if left, _ := filepath.Glob(out + "*.tmp-*"); len(left) > 0 {
		t.Errorf("part files left: %v", left)
	}

	// mdclean --jsonl on the same records (the gzip'd ones decompressed).
	in := plain.String() + crlf.String() + "\n" + gz.String()
	// The CLI is built in its own module (the repository root), with its
	// own dependencies, not Beam's.
	cmd := exec.Command("go", "run", ".", "--jsonl")
	cmd.Dir = "../.."
	cmd.Stdin = strings.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil && cmd.ProcessState.ExitCode() != 2 {
		t.Fatalf("mdclean --jsonl: %v\n%s", err, stderr.String())
	}
	want := strings.SplitAfter(stdout.String(), "\n")
	want = slices.DeleteFunc(want, func(s string) bool { return s == "" })
	slices.Sort(got)
	slices.Sort(want)
	if len(got) != len(posts) || len(want) != len(posts) {
		t.Fatalf("records: pipeline %d, mdclean --jsonl %d, input %d", len(got), len(want), len(posts))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("record %d differs:\npipeline: %.300q\nmdclean:  %.300q", i, got[i], want[i])
		}
	}
	// The counters: every record counted once, most of the first family changed.
	counts := map[string]int64{}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		counts[c.Key.Name] = c.Committed
	}
	if counts["records"] != int64(len(posts)) || counts["changed"]+counts["unchanged"]+counts["errors"] != counts["records"] || counts["changed"] == 0 {
		t.Errorf("counters: %v for %d records", counts, len(posts))
	}
	t.Logf("%d records, %d shards; counters %v", len(posts), len(shards), counts)
}

// TestCheckAtLaunch: a bad rule id or config is refused before the run.
func TestCheckAtLaunch(t *testing.T) {
	for _, o := range []Options{
		{Input: "x", Output: "y", Shards: 1, Disable: []string{"tracking-param"}},
		{Input: "x", Output: "y", Shards: 1, Config: []byte("trackin: 1\n"), ConfigName: "c.yaml"},
		{Input: "x", Output: "y", Shards: 0},
		{Output: "y", Shards: 1},
		{Input: "x", Output: "y", Shards: 1, UnknownDate: "guess"},
		{Input: "x", Output: "y", Shards: 1, DateFormat: "2006-13-45"},
		{Input: "x", Output: "y", Shards: 1, Disable: []string{"widgets,tracking-param"}},
	} {
		if err := o.Check(); err == nil {
			t.Errorf("%+v: accepted", o)
		}
	}
	if err := (Options{Input: "x", Output: "y", Shards: 2, Config: []byte("tracking:\n  ids: [ad_slot]\n"), ConfigName: "c.yaml"}).Check(); err != nil {
		t.Errorf("a good config refused: %v", err)
	}
}
