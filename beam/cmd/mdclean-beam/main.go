// Command mdclean-beam cleans JSONL records as mdclean --jsonl does, as an
// Apache Beam pipeline: on Prism in process by default, on Dataflow, Flink
// or Spark with --runner. See docs/scale.md.
//
//	mdclean-beam --input 'corpus/*.jsonl.gz' --output out/clean --shards 8
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/mdclean/mdclean/beam/pipeline"
)

var (
	input   = flag.String("input", "", "the JSONL files to read: a glob (local, gs://, s3://); compressed files (.gz) are read whole")
	output  = flag.String("output", "", "the output prefix: shards are written as PREFIX-SSSSS-of-NNNNN.jsonl")
	shards  = flag.Int("shards", 4, "how many output files, written in parallel")
	textKey = flag.String("text-key", "text", "the field holding the document")
	config  = flag.String("config", "", "a rules file (.mdclean.yaml); its contents are shipped to the workers")
	disable = flag.String("disable", "", "rule ids to switch off, comma-separated")
	enable  = flag.String("enable", "", "rule ids to switch on, comma-separated")
)

func main() {
	flag.Parse()
	beam.Init() // right after the flags: a worker binary starts here too
	o := pipeline.Options{Input: *input, Output: *output, Shards: *shards, TextKey: *textKey, ConfigName: *config}
	if *disable != "" {
		o.Disable = []string{*disable}
	}
	if *enable != "" {
		o.Enable = []string{*enable}
	}
	if *config != "" {
		data, err := os.ReadFile(*config)
		if err != nil {
			fail(err)
		}
		o.Config = data
	}
	// Bad rule ids and configs are refused here, not on every worker.
	if err := o.Check(); err != nil {
		fail(err)
	}
	p, s := beam.NewPipelineWithRoot()
	pipeline.Build(s, o)
	res, err := beamx.RunWithMetrics(context.Background(), p)
	if err != nil {
		fail(err)
	}
	if res != nil {
		printCounters(res)
	}
}

// printCounters prints the run's counters. Committed values: Prism
// reports them; Attempted lags behind.
func printCounters(res beam.PipelineResult) {
	var lines []string
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Key.Namespace == "mdclean" {
			lines = append(lines, fmt.Sprintf("%-24s %d", c.Key.Name, c.Committed))
		}
	}
	sort.Strings(lines)
	fmt.Fprintln(os.Stderr, "mdclean-beam: "+strings.Join(lines, "\nmdclean-beam: "))
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "mdclean-beam: %v\n", err)
	os.Exit(2)
}
