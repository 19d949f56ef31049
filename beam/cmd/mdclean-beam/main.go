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
	"github.com/mdclean/mdclean/frontmatter"
	"github.com/mdclean/mdclean/site"
)

// listFlag is a repeatable flag, as mdclean's --disable and --enable are:
// "--disable A --disable B" and "--disable A,B" both switch off A and B.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

var (
	input           = flag.String("input", "", "the JSONL files to read: a glob (local, gs://, s3://); compressed files (.gz) too, each streamed by one worker")
	output          = flag.String("output", "", "the output prefix: shards are written as PREFIX-SSSSS-of-NNNNN.jsonl")
	shards          = flag.Int("shards", 4, "how many output files, written in parallel")
	textKey         = flag.String("text-key", "text", "the field holding the document")
	config          = flag.String("config", "", "a rules file (.mdclean.yaml), refused as mdclean refuses it; its contents are shipped to the workers")
	dateFormat      = flag.String("date-format", "rfc3339", "as mdclean's --date-format: rfc3339, hexo, or a Go time layout")
	unknownDate     = flag.String("unknown-date", "drop", "as mdclean's --unknown-date: drop, keep or error")
	normalizeDates  = flag.Bool("normalize-dates", false, "as mdclean's --normalize-dates: also rewrite valid but non-ISO dates")
	disable, enable listFlag
)

func init() {
	flag.Var(&disable, "disable", "switch rule ID off (repeatable, or comma-separated)")
	flag.Var(&enable, "enable", "switch rule ID on (repeatable, or comma-separated)")
}

func main() {
	flag.Parse()
	beam.Init() // right after the flags: a worker binary starts here too
	o := pipeline.Options{Input: *input, Output: *output, Shards: *shards, TextKey: *textKey,
		Disable: disable, Enable: enable, DateFormat: *dateFormat, UnknownDate: *unknownDate}
	if *normalizeDates {
		o.Enable = append(o.Enable, frontmatter.RuleNormalizeDates)
	}
	if *config != "" {
		// The CLI's reader, with its refusals: not a regular file, over
		// 1 MiB, writable by other users.
		data, err := site.ReadConfig(*config)
		if err != nil {
			fail(fmt.Errorf("%s: %w", *config, err))
		}
		o.Config, o.ConfigName = data, *config
	}
	// Bad options and configs are refused here, not on every worker.
	if err := o.Check(); err != nil {
		fail(err)
	}
	ctx := context.Background()
	// A glob that matches nothing is a mistake (a typo, the wrong bucket),
	// not an empty corpus: say so, exit 2.
	if n, err := pipeline.CountInputs(ctx, o.Input); err != nil {
		fail(err)
	} else if n == 0 {
		fail(fmt.Errorf("--input %s: no file matches", o.Input))
	}
	p, s := beam.NewPipelineWithRoot()
	pipeline.Build(s, o)
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		fail(err)
	}
	if res == nil {
		fmt.Fprintln(os.Stderr, "mdclean-beam: this runner reports no counters here: check the job's errors counter for failed records")
		return
	}
	if errs := printCounters(res); errs > 0 {
		// As mdclean --jsonl: a failed record is exit 2.
		fmt.Fprintf(os.Stderr, "mdclean-beam: %d records failed (see mdclean_error in the output)\n", errs)
		os.Exit(2)
	}
}

// printCounters prints the run's counters with what each means, and
// returns the errors counter. Committed values: Prism reports them;
// Attempted lags behind.
func printCounters(res beam.PipelineResult) int64 {
	var lines []string
	var errs int64
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Key.Namespace != "mdclean" {
			continue
		}
		name := c.Key.Name
		if name == "errors" {
			errs = c.Committed
		}
		meaning := pipeline.CounterMeanings[name]
		if rule, ok := strings.CutPrefix(name, "rule."); ok {
			meaning = "changes made by " + rule
		}
		lines = append(lines, fmt.Sprintf("%-24s %8d  %s", name, c.Committed, meaning))
	}
	sort.Strings(lines)
	if len(lines) > 0 {
		fmt.Fprintln(os.Stderr, "mdclean-beam: "+strings.Join(lines, "\nmdclean-beam: "))
	}
	return errs
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "mdclean-beam: %v\n", err)
	os.Exit(2)
}
