package clean

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"

	"github.com/mdclean/mdclean/frontmatter"
)

func seedDoc(tb testing.TB) []byte {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "seed.md"))
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

// floor is the least any cleaner must do: split the front matter, parse
// it with yaml.v3, and tokenize the body with x/net/html.
func floor(src []byte) {
	b, _ := frontmatter.Split(src)
	var n yaml.Node
	_ = yaml.Unmarshal(src[b.Start:b.End], &n)
	z := html.NewTokenizer(bytes.NewReader(src[b.Body:]))
	for z.Next() != html.ErrorToken {
		_ = z.Raw()
	}
}

// scaled returns the seed with its article paragraphs repeated k times
// (the front matter and the tail stay as they are).
func scaled(tb testing.TB, k int) []byte {
	src := seedDoc(tb)
	start := bytes.Index(src, []byte("<p>有记者问"))
	end := bytes.Index(src, []byte("<p>发言人表示，网络安全"))
	if start < 0 || end < 0 {
		tb.Fatal("seed changed: cannot find the paragraphs to repeat")
	}
	var out bytes.Buffer
	out.Write(src[:start])
	for i := 0; i < k; i++ {
		out.Write(src[start:end])
	}
	out.Write(src[end:])
	return out.Bytes()
}

// BenchmarkFloor and BenchmarkDocument run side by side: the goal
// is Document within 2x of the floor on the same input.
func BenchmarkFloor(b *testing.B) {
	src := seedDoc(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		floor(src)
	}
}

func BenchmarkDocument(b *testing.B) {
	src := seedDoc(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Document(src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClean documents with no change: the common case of a re-run.
func BenchmarkDocumentClean(b *testing.B) {
	res, err := Document(seedDoc(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	src := res.Out
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Document(src, Options{})
	}
}

// BenchmarkScale shows time growing linearly with the body: 1x, 10x and
// 100x the seed's article.
func BenchmarkScale(b *testing.B) {
	for _, k := range []int{1, 10, 100} {
		src := scaled(b, k)
		b.Run(fmt.Sprintf("floor-%dx", k), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				floor(src)
			}
		})
		b.Run(fmt.Sprintf("document-%dx", k), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				Document(src, Options{})
			}
		})
	}
}

// markdownDoc is a Markdown-heavy post of our own (code of every kind,
// lists, a table, links of every kind, trackers), the body shape of
// Markdown generators.
func markdownDoc(tb testing.TB) []byte {
	src, err := os.ReadFile(filepath.Join("testdata", "bench", "markdown-post.md"))
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

// BenchmarkMarkdownVsFloor is BenchmarkVsFloor on the Markdown-heavy post.
// Its floor is the HTML floor plus a goldmark parse of the body: a
// Markdown body cannot be cleaned without knowing what is code.
func BenchmarkMarkdownVsFloor(b *testing.B) {
	vsFloorWith(b, [][]byte{markdownDoc(b)}, func(src []byte) {
		floor(src)
		fb, _ := frontmatter.Split(src)
		mdParser().Parse(text.NewReader(src[fb.Body:]))
	})
}

// BenchmarkVsFloor runs the floor and Document alternately on the seed and
// reports the ratio of their times: on a shared, noisy machine the two see
// the same load, so the ratio is steadier than either time.
func BenchmarkVsFloor(b *testing.B) { vsFloor(b, [][]byte{seedDoc(b)}) }

// BenchmarkCorpusVsFloor is BenchmarkVsFloor over every post of the dev
// corpus (skipped where ../shared is absent): the mix of posts users have,
// most of which need fewer repairs than the seed.
func BenchmarkCorpusVsFloor(b *testing.B) { vsFloor(b, corpusDocs(b, devCorpus)) }

// BenchmarkCorpus2VsFloor is BenchmarkCorpusVsFloor over the dev2 corpus:
// posts of other generators, more of them Markdown.
func BenchmarkCorpus2VsFloor(b *testing.B) {
	vsFloor(b, corpusDocs(b, filepath.Join(filepath.Dir(devCorpus), "dev2")))
}

// corpusDocs reads every post of a corpus directory, or skips the
// benchmark where the corpus is absent.
func corpusDocs(b *testing.B, dir string) [][]byte {
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(files) == 0 {
		b.Skipf("corpus not found at %s", dir)
	}
	var docs [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, src)
	}
	return docs
}

func vsFloor(b *testing.B, docs [][]byte) { vsFloorWith(b, docs, floor) }

func vsFloorWith(b *testing.B, docs [][]byte, floor func([]byte)) {
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	b.SetBytes(int64(size))
	var tf, td time.Duration
	var pairs []float64 // Document's time over the floor's, pair by pair
	for b.Loop() {
		for _, src := range docs {
			t0 := time.Now()
			floor(src)
			t1 := time.Now()
			Document(src, Options{})
			d, f := time.Since(t1), t1.Sub(t0)
			td += d
			tf += f
			pairs = append(pairs, float64(d)/float64(f))
		}
	}
	n := float64(b.N * len(docs))
	b.ReportMetric(float64(td)/float64(tf), "doc/floor")
	// The median of the pairs' ratios: a burst of load from elsewhere
	// on a shared machine skews the sums above, not this.
	slices.Sort(pairs)
	b.ReportMetric(pairs[len(pairs)/2], "doc/floor-median")
	b.ReportMetric(float64(tf.Nanoseconds())/n, "floor-ns/doc")
	b.ReportMetric(float64(td.Nanoseconds())/n, "doc-ns/doc")
}

// BenchmarkStartup is what a run pays before its first post: the rule set
// and the default tables (parsed once, lazily).
func BenchmarkStartup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewRuleSet(nil, nil); err != nil {
			b.Fatal(err)
		}
		_ = DefaultConfig()
	}
}

// BenchmarkCallgrind runs only the floor (…-floor) or only Document
// (…-doc) over the seed, dev, dev2 or the Markdown post, after a warm-up
// that builds the lazy tables, through the functions callgrindFloor and
// callgrindDocs, so that callgrind can count their instructions alone,
// which no load on the machine changes (docs/benchmarks.md):
//
//	go test -c -o clean.test ./clean && cd clean
//	GOGC=off GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind \
//	  --toggle-collect='*clean.callgrindDocs' ../clean.test -test.run '^$' \
//	  -test.bench 'Callgrind/seed-doc$' -test.benchtime 10x
func BenchmarkCallgrind(b *testing.B) {
	for _, name := range []string{"seed", "dev", "dev2", "md"} {
		// Each sub-benchmark reads and warms up its own posts: callgrind
		// keeps collecting after the first toggle when goroutines switch
		// stacks, so no other corpus's warm-up may run after it.
		load := func(b *testing.B) [][]byte {
			var docs [][]byte
			switch name {
			case "seed":
				docs = [][]byte{seedDoc(b)}
			case "md":
				docs = [][]byte{markdownDoc(b)}
			default:
				docs = corpusDocs(b, filepath.Join(filepath.Dir(devCorpus), name))
			}
			for _, d := range docs {
				Document(d, Options{})
				floor(d)
			}
			mdParser()
			return docs
		}
		b.Run(name+"-floor", func(b *testing.B) {
			docs := load(b)
			for b.Loop() {
				callgrindFloor(docs, name == "md")
			}
		})
		// The floor of a cleaner that must know what CommonMark calls
		// code: the floor plus a goldmark parse of each body that may
		// be Markdown (mayBeMarkdown), as Document parses it.
		b.Run(name+"-mdfloor", func(b *testing.B) {
			docs := load(b)
			for b.Loop() {
				callgrindMdFloor(docs)
			}
		})
		b.Run(name+"-doc", func(b *testing.B) {
			docs := load(b)
			for b.Loop() {
				callgrindDocs(docs)
			}
		})
	}
}

//go:noinline
func callgrindFloor(docs [][]byte, markdown bool) {
	for _, d := range docs {
		floor(d)
		if markdown {
			fb, _ := frontmatter.Split(d)
			mdParser().Parse(text.NewReader(d[fb.Body:]))
		}
	}
}

//go:noinline
func callgrindMdFloor(docs [][]byte) {
	for _, d := range docs {
		floor(d)
		fb, _ := frontmatter.Split(d)
		if body := d[fb.Body:]; mayBeMarkdown(body) {
			mdParser().Parse(text.NewReader(body))
		}
	}
}

//go:noinline
func callgrindDocs(docs [][]byte) {
	for _, d := range docs {
		Document(d, Options{})
	}
}
