package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/record"
)

// runJSONL is the stream mode for corpus pipelines (Hadoop Streaming,
// Spark's RDD.pipe, datatrove): each input line is a JSON object; the
// document in field cfg.textKey is cleaned and the line written back with
// every other byte untouched, one line out per line in, in order. A record
// that fails keeps its text and gets the error in "mdclean_error".
func (cfg *config) runJSONL(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	inputs := args
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	w := bufio.NewWriterSize(stdout, 1<<16)
	defer w.Flush()
	// The tree modes' heap policy (runFiles): a record keeps nothing
	// alive after it is written, so the collector runs when the heap
	// reaches batchHeap, not every few records (GC was ~30% of a stream's
	// instructions with Go's default).
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(batchHeap))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	status := exitOK
	for _, in := range inputs {
		name := in
		var r io.Reader = stdin
		if in == "-" {
			name = stdinName
		} else {
			f, err := os.Open(in)
			if err != nil {
				fmt.Fprintf(stderr, "%s: %v\n", in, unwrapPathErr(err))
				status = exitError
				continue
			}
			defer f.Close()
			r = f
		}
		if s := cfg.streamJSONL(ctx, name, r, w, stderr); s > status {
			status = s
		}
	}
	return status
}

func (cfg *config) streamJSONL(ctx context.Context, name string, r io.Reader, w *bufio.Writer, stderr io.Writer) int {
	br := bufio.NewReaderSize(r, 1<<16)
	status := exitOK
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			fmt.Fprintf(stderr, "%s: interrupted at record %d\n", name, n)
			return exitError
		}
		line, err := br.ReadBytes('\n')
		if need := int64(4*len(line)) + 96<<20; need > batchHeap {
			// A huge record: the memory bound of a single document (as
			// runFiles sets for one file), not a collector that never
			// stops for a heap over batchHeap.
			debug.SetMemoryLimit(need)
		} else {
			debug.SetMemoryLimit(batchHeap)
		}
		if len(line) > 0 {
			out, s := cfg.cleanRecord(fmt.Sprintf("%s:%d", name, n), line, stderr)
			w.Write(out)
			if s > status {
				status = s
			}
		}
		if err == io.EOF {
			return status
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: read: %v\n", name, err)
			return exitError
		}
	}
}

// cleanRecord cleans one JSONL line (with its line ending, kept as is):
// record.Clean does the work, shared with the Beam pipeline; this prints
// its messages and reports.
func (cfg *config) cleanRecord(where string, line []byte, stderr io.Writer) ([]byte, int) {
	r := record.Clean(line, cfg.textKey, func(text []byte) (clean.Result, error) { return cfg.clean(where, "", text) })
	if r.Failed() {
		if r.ProblemLine > 0 {
			fmt.Fprintf(stderr, "%s:%d: %s\n", where, r.ProblemLine, r.Problem)
		} else {
			fmt.Fprintf(stderr, "%s: %s\n", where, r.Problem)
		}
	}
	if len(r.Changes) > 0 {
		var rep bytes.Buffer
		cfg.report(stderr, where, r.Changes)
		cfg.reportJSON(&rep, where, r.Changes)
		if cfg.reportOut != nil {
			cfg.reportOut.Write(rep.Bytes())
		}
	}
	if r.Failed() {
		return r.Line, exitError
	}
	return r.Line, exitOK
}
