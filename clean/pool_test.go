package clean

import (
	"fmt"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// TestDocumentConcurrent runs Document on the golden cases from several
// goroutines at once, as a batch's workers (-j) and the JSONL and Beam
// front ends do, and holds each result to the one Document gave alone:
// what the pools keep from one document (the scratch, the cleaner's
// lists, the front matter repairer) is never shared by two, nor read by
// a result. Run it with -race.
func TestDocumentConcurrent(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	type answer struct {
		res Result
		err string
	}
	run := func(g *golden) answer {
		res, err := Document(g.in, g.opts)
		a := answer{res: res}
		if err != nil {
			a.err = err.Error()
		}
		return a
	}
	var cases []*golden
	var want []answer
	for _, f := range files {
		g := loadGolden(t, f)
		cases = append(cases, g)
		want = append(want, run(g))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for w := range 4 {
		wg.Go(func() {
			for k := range 2 * len(cases) {
				i := (k*5 + w*17) % len(cases)
				if got := run(cases[i]); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("%s: concurrent Document gave\n%+v\nalone\n%+v", cases[i].file, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}
