package frontmatter

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/mdclean/mdclean/edit"
)

// TestSmallRepairer holds newRepairer's small path (the per-line slices
// in the repairer's own allocation) to the general one (each made
// apart), on generated blocks of up to twice smallLines lines, with LF,
// CRLF and lone CR line ends: the same lines, text, deleted and entries,
// and after Repair's rules run on each, the same changes; each small
// repairer is released, so that the next reuses its memory.
func TestSmallRepairer(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 25))
	pieces := []string{"title: a", "date: 2020-01-02", "tags:", "- x", "  - y", "  more", "# c", "",
		"k: 'open", "close'", "q: \"a", "b\"", "x:y", "url: http://e.com/?utm_source=z", " ", "\t- t", "desc: |", "  lit"}
	opt := Options{Now: time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)}
	ends := []string{"\n", "\n", "\n", "\r\n", "\r"}
	for iter := 0; iter < 6000; iter++ {
		var buf bytes.Buffer
		buf.WriteString("---\n")
		start := buf.Len()
		n := rng.IntN(2*smallLines + 2)
		for i := 0; i < n; i++ {
			buf.WriteString(pieces[rng.IntN(len(pieces))])
			if i < n-1 || rng.IntN(2) == 0 {
				buf.WriteString(ends[rng.IntN(len(ends))])
			}
		}
		end := buf.Len()
		buf.WriteString("---\nbody\n")
		src := buf.Bytes()
		b := Block{Found: true, Format: FormatYAML, Start: start, End: end}
		nl := bytes.Count(src[start:end], []byte{'\n'}) + 1
		if nl > smallLines {
			continue
		}
		gen := newRepairerIn(src, b, opt, nl, false)
		small := newRepairerIn(src, b, opt, nl, true)
		if !reflect.DeepEqual(gen.lines, small.lines) || !reflect.DeepEqual(gen.text, small.text) ||
			!reflect.DeepEqual(gen.deleted, small.deleted) || !reflect.DeepEqual(gen.entries, small.entries) {
			t.Fatalf("block %q: small repairer differs:\n%+v %+v\n%+v %+v", src[start:end], gen.lines, gen.entries, small.lines, small.entries)
		}
		errG, errS := gen.run(), small.run()
		eg, cg := gen.result()
		es, cs := small.result()
		if (errG == nil) != (errS == nil) || errG != nil && errG.Error() != errS.Error() ||
			!reflect.DeepEqual(eg, es) || !reflect.DeepEqual(cg, cs) {
			t.Fatalf("block %q: the rules differ on the small repairer:\n%v %+v %+v\n%v %+v %+v", src[start:end], errG, eg, cg, errS, es, cs)
		}
		// The next block's small repairer reuses this one's memory
		// (the pool): it must read as new.
		small.release()
	}
}

// TestRepairConcurrent runs Repair on the same blocks from several
// goroutines at once, as a batch's workers (-j) and the JSONL and Beam
// front ends do, and holds each answer to the one Repair gave alone: the
// pooled memory of small repairers (release) is never shared by two
// repairs, nor read by what a repair returned. Run it with -race.
func TestRepairConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 12))
	opt := Options{Now: time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)}
	type answer struct {
		edits   any
		changes any
		err     string
	}
	repair := func(src []byte) answer {
		b, err := Split(src)
		if err != nil {
			return answer{err: err.Error()}
		}
		e, c, err := Repair(src, b, opt)
		a := answer{edits: e, changes: c}
		if err != nil {
			a.err = err.Error()
		}
		return a
	}
	var docs [][]byte
	var want []answer
	edited := 0
	for range 300 {
		src := append([]byte("---\n"), randomFrontMatter(rng)...)
		src = append(src, "\ndate: Invalid Date\nupdated: 2020-13-45\n---\nbody\n"...)
		docs = append(docs, src)
		want = append(want, repair(src))
		if e, _ := want[len(want)-1].edits.([]edit.Edit); len(e) > 0 {
			edited++
		}
	}
	if edited < len(docs)/4 {
		t.Fatalf("only %d of %d blocks repaired: the test needs more", edited, len(docs))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := range 4 {
		wg.Go(func() {
			for k := range 3 * len(docs) {
				i := (k*7 + g*31) % len(docs)
				if got := repair(docs[i]); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("%q: concurrent Repair gave\n%+v\nalone\n%+v", docs[i], got, want[i])
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
