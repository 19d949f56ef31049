// Package pipeline is mdclean's cleaning as an Apache Beam pipeline: JSONL
// records in, the same records out, each cleaned by package record exactly
// as mdclean --jsonl cleans it. It runs on Prism in process (tests, one
// machine) and on Dataflow, Flink or Spark through their runners.
package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"hash/fnv"
	"io"
	"path"
	"sort"
	"strings"

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
	Input   string // a glob of JSONL files (.gz and other compressed files too), each read as a stream
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
	register.DoFn3x1[context.Context, fileio.ReadableFile, func(int, string), error](&cleanFileFn{})
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeShardFn{})
	register.Emitter2[int, string]()
	register.Iter1[string]()
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
//
// No record passes through the runner: Prism keeps every element of a
// stage in memory (a Reshuffle and a GroupByKey of the records held the
// whole corpus, 3.8 GB for 50,000 records), and a runner that spills
// them still moves every byte twice. Each input file is streamed, line
// by line, by one worker, which cleans each record and appends it to a
// part file of its shard beside the output; the GroupByKey then carries
// only the parts' names, and each shard's writer joins its parts in
// input order. A worker holds one record and a buffer per shard, however
// many records there are.
func Build(s beam.Scope, o Options) {
	files := fileio.MatchFiles(s, o.Input)
	readable := fileio.ReadMatches(s, files)
	// Spread the files over the workers: they come from one bundle.
	readable = beam.Reshuffle(s, readable)
	parts := beam.ParDo(s, &cleanFileFn{TextKey: o.TextKey, Config: o.Config, ConfigName: o.ConfigName, Disable: o.Disable, Enable: o.Enable,
		DateFormat: o.DateFormat, UnknownDate: o.UnknownDate, Prefix: o.Output, Shards: o.Shards}, readable)
	grouped := beam.GroupByKey(s, parts)
	beam.ParDo0(s, &writeShardFn{Prefix: o.Output, Shards: o.Shards}, grouped)
}

// cleanFileFn cleans the records of one input file, as mdclean --jsonl
// does, and counts what it did as Beam metrics. It reads the file line by
// line (each line with its line ending: CRLF stays CRLF; a last line
// without one gets "\n", as it may not be last in its output shard), and
// appends each cleaned record to a part file of its shard (a hash of its
// bytes: the same input gives the same shards), whose name it emits with
// the shard: (shard, "INPUT\x00PART").
type cleanFileFn struct {
	TextKey    string
	Config     []byte
	ConfigName string
	Disable    []string
	Enable     []string
	// DateFormat and UnknownDate as in Options.
	DateFormat  string
	UnknownDate string
	// Prefix and Shards as Options' Output and Shards.
	Prefix string
	Shards int

	cfg *clean.Config
}

func (f *cleanFileFn) Setup() error {
	cfg, err := Options{Config: f.Config, ConfigName: f.ConfigName}.rules()
	f.cfg = cfg
	return err
}

func (f *cleanFileFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(int, string)) (err error) {
	in := file.Metadata.Path
	rc, err := file.Open(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	defer rc.Close()
	// A part's name is new for each attempt (a retried or speculative
	// bundle never writes into another's part); only the parts of a
	// bundle that succeeded reach the GroupByKey, and each shard's writer
	// removes its parts, the others' too.
	var id [8]byte
	rand.Read(id[:])
	ph := fnv.New64a()
	ph.Write([]byte(in))
	parts := make(map[int]*part)
	defer func() {
		for _, p := range parts {
			if cerr := p.close(); err == nil && cerr != nil {
				err = cerr
			}
		}
		if err == nil {
			for shard, p := range parts {
				emit(shard, in+"\x00"+p.name)
			}
		}
	}()
	br := bufio.NewReaderSize(rc, 1<<16)
	for {
		line, rerr := br.ReadBytes('\n')
		if rerr != nil && rerr != io.EOF {
			return fmt.Errorf("%s: %w", in, rerr)
		}
		if len(line) > 0 {
			if line[len(line)-1] != '\n' {
				line = append(line, '\n')
			}
			out := f.clean(ctx, line)
			shard := shardOf(out, f.Shards)
			p := parts[shard]
			if p == nil {
				name := fmt.Sprintf("%s-%05d-of-%05d.jsonl.tmp-%016x-%x", f.Prefix, shard, f.Shards, ph.Sum64(), id)
				if p, err = openPart(ctx, name); err != nil {
					return err
				}
				parts[shard] = p
			}
			if _, err := p.w.Write(out); err != nil {
				return fmt.Errorf("%s: %w", path.Base(p.name), err)
			}
		}
		if rerr == io.EOF {
			return nil
		}
	}
}

// part is a part file being written.
type part struct {
	name string
	fs   filesystem.Interface
	wc   io.WriteCloser
	w    *bufio.Writer
}

func openPart(ctx context.Context, name string) (*part, error) {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return nil, err
	}
	wc, err := fs.OpenWrite(ctx, name)
	if err != nil {
		fs.Close()
		return nil, fmt.Errorf("%s: %w", path.Base(name), err)
	}
	return &part{name: name, fs: fs, wc: wc, w: bufio.NewWriterSize(wc, 1<<16)}, nil
}

func (p *part) close() error {
	err := p.w.Flush()
	if cerr := p.wc.Close(); err == nil {
		err = cerr
	}
	p.fs.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path.Base(p.name), err)
	}
	return nil
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

// clean cleans one record, as mdclean --jsonl does, and counts it.
func (f *cleanFileFn) clean(ctx context.Context, line []byte) []byte {
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
	return r.Line
}

// shardOf gives a record its output shard, by a hash of its bytes.
func shardOf(line []byte, shards int) int {
	h := fnv.New32a()
	h.Write(line)
	return int(h.Sum32() % uint32(shards))
}

// writeShardFn writes one shard, PREFIX-SSSSS-of-NNNNN.jsonl, in parallel
// with the others (textio.Write writes one file from one worker): the
// parts the cleaning wrote for it, in the order of their input files,
// then removes them.
type writeShardFn struct {
	Prefix string
	Shards int
}

func (f *writeShardFn) ProcessElement(ctx context.Context, shard int, parts func(*string) bool) error {
	var names []string // "INPUT\x00PART", one per input file
	var p string
	for parts(&p) {
		names = append(names, p)
	}
	sort.Strings(names)
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
	for i, n := range names {
		_, n, _ = strings.Cut(n, "\x00")
		names[i] = n
		if err := appendFile(ctx, fs, w, n); err != nil {
			w.Close()
			return err
		}
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("%s: %w", path.Base(name), err)
	}
	// The shard is written: its parts go, and those of failed attempts.
	if !strings.ContainsAny(name, "*?[\\") {
		if stray, err := fs.List(ctx, name+".tmp-*"); err == nil {
			names = append(names, stray...)
		}
	}
	if rm, ok := fs.(filesystem.Remover); ok {
		for _, n := range names {
			rm.Remove(ctx, n) // a part already gone is no harm
		}
	}
	return nil
}

func appendFile(ctx context.Context, fs filesystem.Interface, w io.Writer, name string) error {
	r, err := fs.OpenRead(ctx, name)
	if err != nil {
		return fmt.Errorf("%s: %w", path.Base(name), err)
	}
	defer r.Close()
	if _, err := io.Copy(w, r); err != nil {
		return fmt.Errorf("%s: %w", path.Base(name), err)
	}
	return nil
}
