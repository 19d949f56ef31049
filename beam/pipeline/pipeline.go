// Package pipeline is mdclean's cleaning as an Apache Beam pipeline: JSONL
// records in, the same records out, each cleaned by package record exactly
// as mdclean --jsonl cleans it. It runs on Prism in process (tests, one
// machine) and on Dataflow, Flink or Spark through their runners.
package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"path"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths; the command adds gcs and s3
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/record"
)

// Options are what a run cleans with. The config travels as its contents
// (workers do not see the launcher's files), checked once at launch.
type Options struct {
	Input   string // a glob of JSONL files; .gz and other compressed files are read whole
	Output  string // the shards' prefix: PREFIX-SSSSS-of-NNNNN.jsonl
	Shards  int
	TextKey string
	Config  []byte // the rules file's contents, or nil for the defaults
	// ConfigName names the config in messages and in changes it caused.
	ConfigName string
	// Disable and Enable are rule ids (each may be a comma list), as
	// mdclean's repeatable --disable and --enable give them.
	Disable []string
	Enable  []string
	// DateFormat and UnknownDate: mdclean's --date-format and
	// --unknown-date ("" for the defaults); --normalize-dates is Enable
	// with normalize-dates.
	DateFormat  string
	UnknownDate string
}

// Check refuses, at launch, what every worker would refuse: a config that
// does not parse or validate, an unknown rule id or date option (the
// check mdclean makes, clean.Options.Validate), a shard count below 1.
func (o Options) Check() error {
	if o.Input == "" || o.Output == "" {
		return fmt.Errorf("--input and --output are needed")
	}
	if o.Shards < 1 {
		return fmt.Errorf("--shards must be at least 1, not %d", o.Shards)
	}
	if _, err := o.rules(); err != nil {
		return err
	}
	return o.cleanOptions(nil).Validate()
}

// cleanOptions are the options each record is cleaned with.
func (o Options) cleanOptions(cfg *clean.Config) clean.Options {
	return clean.Options{Config: cfg, Disable: o.Disable, Enable: o.Enable, DateFormat: o.DateFormat, UnknownDate: o.UnknownDate}
}

func (o Options) rules() (*clean.Config, error) {
	if o.Config == nil {
		return clean.DefaultConfig(), nil
	}
	return clean.LoadConfig(o.Config, o.ConfigName)
}

func init() {
	register.DoFn3x1[context.Context, fileio.ReadableFile, func([]byte), error](&readLinesFn{})
	register.DoFn3x0[context.Context, []byte, func([]byte)](&cleanFn{})
	register.DoFn1x2[[]byte, int, []byte](&shardFn{})
	register.DoFn3x1[context.Context, int, func(*[]byte) bool, error](&writeShardFn{})
	register.Emitter1[[]byte]()
	register.Iter1[[]byte]()
	beam.RegisterType(reflect.TypeOf((*readLinesFn)(nil)).Elem())
}

// CountInputs returns how many files the glob matches, for a launcher
// that refuses a glob matching nothing.
func CountInputs(ctx context.Context, glob string) (int, error) {
	fs, err := filesystem.New(ctx, glob)
	if err != nil {
		return 0, fmt.Errorf("--input %s: %w", glob, err)
	}
	defer fs.Close()
	files, err := fs.List(ctx, glob)
	if err != nil {
		return 0, fmt.Errorf("--input %s: %w", glob, err)
	}
	return len(files), nil
}

// Build adds the pipeline to s.
func Build(s beam.Scope, o Options) {
	files := fileio.MatchFiles(s, o.Input)
	// Whole files, not textio.Read: on a .gz file textio caps offsets at the
	// compressed size and silently drops most lines.
	readable := fileio.ReadMatches(s, files)
	lines := beam.ParDo(s, &readLinesFn{}, readable)
	// Spread the records over the workers: one file is one bundle otherwise.
	lines = beam.Reshuffle(s, lines)
	cleaned := beam.ParDo(s, &cleanFn{TextKey: o.TextKey, Config: o.Config, ConfigName: o.ConfigName, Disable: o.Disable, Enable: o.Enable,
		DateFormat: o.DateFormat, UnknownDate: o.UnknownDate}, lines)
	keyed := beam.ParDo(s, &shardFn{Shards: o.Shards}, cleaned)
	grouped := beam.GroupByKey(s, keyed)
	beam.ParDo0(s, &writeShardFn{Prefix: o.Output, Shards: o.Shards}, grouped)
}

// readLinesFn emits the lines of a file, each with its line ending (CRLF
// stays CRLF); a last line without one gets "\n", as it may not be last in
// its output shard.
type readLinesFn struct{}

func (f *readLinesFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func([]byte)) error {
	data, err := file.Read(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", file.Metadata.Path, err)
	}
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			emit(append(append([]byte{}, data...), '\n'))
			break
		}
		emit(data[:i+1])
		data = data[i+1:]
	}
	return nil
}

// cleanFn cleans one record, as mdclean --jsonl does, and counts what it
// did as Beam metrics.
type cleanFn struct {
	TextKey    string
	Config     []byte
	ConfigName string
	Disable    []string
	Enable     []string
	// DateFormat and UnknownDate as in Options.
	DateFormat  string
	UnknownDate string

	cfg *clean.Config
}

func (f *cleanFn) Setup() error {
	cfg, err := Options{Config: f.Config, ConfigName: f.ConfigName}.rules()
	f.cfg = cfg
	return err
}

// The counters, in namespace "mdclean"; CounterMeanings says what each
// means, for the summary mdclean-beam prints.
var (
	records   = beam.NewCounter("mdclean", "records")
	changed   = beam.NewCounter("mdclean", "changed")
	unchanged = beam.NewCounter("mdclean", "unchanged")
	failed    = beam.NewCounter("mdclean", "errors")
	removed   = beam.NewCounter("mdclean", "bytes_removed")
)

// CounterMeanings says what each counter counts.
var CounterMeanings = map[string]string{
	"records":       "records read",
	"changed":       "records whose text a rule changed",
	"unchanged":     "records written back byte for byte",
	"errors":        "records that failed: written with mdclean_error (or passed through, if not a JSON object); the run exits 2",
	"bytes_removed": "bytes the changed records lost",
	"rule.":         "changes made by that rule",
}

func (f *cleanFn) ProcessElement(ctx context.Context, line []byte, emit func([]byte)) {
	r := record.Clean(line, f.TextKey, func(text []byte) (clean.Result, error) {
		o := Options{Disable: f.Disable, Enable: f.Enable, DateFormat: f.DateFormat, UnknownDate: f.UnknownDate}
		return clean.Document(text, o.cleanOptions(f.cfg))
	})
	records.Inc(ctx, 1)
	switch {
	case r.Failed():
		failed.Inc(ctx, 1)
	case bytes.Equal(r.Line, line):
		unchanged.Inc(ctx, 1)
	default:
		changed.Inc(ctx, 1)
		if d := len(line) - len(r.Line); d > 0 {
			removed.Inc(ctx, int64(d))
		}
	}
	for _, c := range r.Changes {
		if !c.Note {
			beam.NewCounter("mdclean", "rule."+c.Rule).Inc(ctx, 1)
		}
	}
	emit(r.Line)
}

// shardFn gives a record its output shard, by a hash of its bytes: the same
// input gives the same shards.
type shardFn struct{ Shards int }

func (f *shardFn) ProcessElement(line []byte) (int, []byte) {
	h := fnv.New32a()
	h.Write(line)
	return int(h.Sum32() % uint32(f.Shards)), line
}

// writeShardFn writes one shard, PREFIX-SSSSS-of-NNNNN.jsonl, in parallel
// with the others (textio.Write writes one file from one worker).
type writeShardFn struct {
	Prefix string
	Shards int
}

func (f *writeShardFn) ProcessElement(ctx context.Context, shard int, lines func(*[]byte) bool) error {
	name := fmt.Sprintf("%s-%05d-of-%05d.jsonl", f.Prefix, shard, f.Shards)
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return fmt.Errorf("%s: %w", path.Base(name), err)
	}
	var line []byte
	for lines(&line) {
		if _, err := w.Write(line); err != nil {
			w.Close()
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return w.Close()
}
