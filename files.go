package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/frontmatter"
	"github.com/mdclean/mdclean/internal/textfile"
	"github.com/mdclean/mdclean/site"
)

// mode is what to do with each cleaned document, as gofmt and prettier
// users know the flags.
type mode struct {
	write bool // -w: rewrite files in place
	list  bool // -l: print names of files that would change
	diff  bool // -d: print a unified diff
	check bool // --check: print names, exit 1 if any would change
}

// job is one document to clean: a file, or stdin.
type job struct {
	name    string // as shown in messages
	path    string // on disk; for stdin, --stdin-filepath (evidence and config only)
	stdin   bool
	named   bool  // named on the command line (not found by a walk)
	walkErr error // a directory that could not be read
	ignored bool  // named, but an ignore file names it: not cleaned
	stale   int   // a temporary file left by mdclean process stale, killed: removed
}

// outcome is what cleaning one job produced, printed in argument order.
type outcome struct {
	content []byte // the cleaned document, when it goes to stdout (not copied)
	stdout  bytes.Buffer
	stderr  bytes.Buffer
	report  bytes.Buffer // --report lines
	status  int
	changed bool
	skipped skipKind      // found by a walk (or named and ignored), not a post: not cleaned
	stale   bool          // a stale temporary file, reported or removed
	changes []edit.Change // for the summary
	removed []removedKey  // for the summary's removed texts (tallyDetail)
	sarif   []sarifResult // --output-format sarif: this file's results
	review  *reviewPost   // --review: the changed post's entry
}

// isMDX reports whether a file is MDX (Astro, Docusaurus, Next.js): JSX
// and ES modules in Markdown, cleaned only with --all-files.
func isMDX(path string) bool { return strings.EqualFold(filepath.Ext(path), ".mdx") }

// collect expands the arguments into jobs: files as named, directories
// walked for posts. Symlinks met in a walk are not followed (so a link
// loop cannot trap it).
func (cfg *config) collect(args []string) []job {
	var jobs []job
	cfg.find(args, func(j job) { jobs = append(jobs, j) })
	return jobs
}

// find is collect calling found with each job, in order, as soon as it
// is known, so that a batch can clean the first posts while the walk
// goes on (streamJobs).
//
// A path named twice (or named and found again in a walk) is cleaned
// once: two workers on one file would race. A symlink to a directory
// named on the command line is followed, as gofmt follows it.
func (cfg *config) find(args []string, found func(job)) {
	seen := map[string]bool{}
	// filepath.Abs, with the working directory asked for once: Abs asks
	// for it for every relative path (two stats: $PWD and "."), and the
	// run does not change it.
	wd, wdErr := os.Getwd()
	add := func(j job) {
		j.name = quoteName(j.name)
		if !j.stdin && j.walkErr == nil {
			key := j.path
			if filepath.IsAbs(j.path) {
				key = filepath.Clean(j.path)
			} else if wdErr == nil {
				key = filepath.Join(wd, j.path)
			}
			if seen[key] {
				return
			}
			seen[key] = true
		}
		found(j)
	}
	for _, a := range args {
		if a == "-" {
			add(cfg.stdinJob())
			continue
		}
		if matches, isGlob, err := expandGlob(a); isGlob {
			// A quoted glob ("source/_posts/**/*.md"), as prettier and
			// markdownlint-cli2 take them: its matches are named files.
			if err != nil {
				add(job{name: a, path: a, walkErr: err})
				continue
			}
			for _, m := range matches {
				add(job{name: m, path: m, named: true, ignored: cfg.namedIgnored(m)})
			}
			continue
		}
		fi, err := os.Stat(a)
		if err != nil || !fi.IsDir() {
			add(job{name: a, path: a, named: true, ignored: err == nil && cfg.namedIgnored(a)})
			continue
		}
		cfg.dirs = append(cfg.dirs, quoteName(a))
		opt := site.WalkOptions{Include: cfg.include, Exclude: cfg.exclude, NoIgnore: cfg.noIgnore, AllFiles: cfg.allFiles,
			Special: func(name string) bool { _, ok := textfile.StaleTemp(name); return ok }}
		site.Walk(a, opt, func(e site.WalkEntry) {
			switch {
			case e.Err != nil:
				add(job{name: e.Path, path: e.Path, walkErr: e.Err})
			case e.SkipWhy != "":
				cfg.skippedDirs = append(cfg.skippedDirs, quoteName(e.Path)+": skipped: "+e.SkipWhy+" (name it, or use --all-files)")
			case e.Special:
				pid, _ := textfile.StaleTemp(filepath.Base(e.Path))
				add(job{name: e.Path, path: e.Path, stale: pid})
			default:
				add(job{name: e.Path, path: e.Path})
			}
		})
	}
}

// expandGlob expands an argument that is a glob and names no file: the
// files it matches, in order, outside hidden directories and skipDirs.
// isGlob is false for an argument that is a path (a file may be named
// "a*b.md"). A glob that matches nothing is an error, as in prettier.
func expandGlob(a string) (matches []string, isGlob bool, err error) {
	if !strings.ContainsAny(a, "*?[{") {
		return nil, false, nil
	}
	if _, err := os.Lstat(a); err == nil {
		return nil, false, nil
	}
	pat := filepath.ToSlash(a)
	if !doublestar.ValidatePattern(pat) {
		return nil, false, nil
	}
	found, err := doublestar.FilepathGlob(a, doublestar.WithFilesOnly(), doublestar.WithFailOnIOErrors())
	if err != nil {
		return nil, true, fmt.Errorf("glob %q: %v", a, unwrapPathErr(err))
	}
	for _, m := range found {
		if !site.HiddenPath(m) {
			matches = append(matches, m)
		}
	}
	if len(matches) == 0 {
		return nil, true, fmt.Errorf("no files match the glob %q", a)
	}
	return matches, true, nil
}

// batchHeap is the heap a stream (--jsonl) or learn may grow to before
// collecting. 64 MiB checked the 10,000-post tree as fast as 128 MiB did
// (medians of 8 interleaved runs each, -j 1 and -j 2) with half the peak
// RSS and half the page faults (system time is ~15% of a batch's CPU on
// this kind of VM); 16 MiB collects so often that -j 2 slows down.
const batchHeap = 64 << 20

// filesHeap is batchHeap for a batch of files (runFiles): half of it.
// Every page the heap grows into is a page fault on first touch, ~25 µs
// on this kind of VM (a 64 MiB heap is 15,000 faults on the seed tree);
// 32 MiB halves them and the peak RSS (70 to 40 MB) for 1.4% more
// instructions (callgrind, --check -j 1 on the seed tree: collections
// every 28 MB instead of every 60), and took less CPU in -j 1 and -j 2
// in every interleaved comparison.
const filesHeap = 32 << 20

// jobQueue holds the jobs of a run, and hands them to the workers as a
// walk finds them (streamJobs): a walk of 10,000 posts takes ~40 ms,
// which the workers spend cleaning the first posts instead of waiting.
type jobQueue struct {
	mu      sync.Mutex
	more    sync.Cond // a job was added, or the walk ended
	jobs    []job
	taken   int  // jobs handed out so far
	walked  bool // every job is known
	waiting int  // workers waiting in next
}

// queueOf is the queue of jobs already known.
func queueOf(jobs []job) *jobQueue {
	q := newJobQueue()
	q.jobs, q.walked = jobs, true
	return q
}

func newJobQueue() *jobQueue {
	q := &jobQueue{}
	q.more.L = &q.mu
	return q
}

// add queues the next job. A worker is woken only when one waits: the
// walk is far ahead of the workers but for the first few posts.
func (q *jobQueue) add(j job) {
	q.mu.Lock()
	q.jobs = append(q.jobs, j)
	if q.waiting > 0 {
		q.more.Signal() // one job: one worker
	}
	q.mu.Unlock()
}

// end says every job is known.
func (q *jobQueue) end() {
	q.mu.Lock()
	q.walked = true
	q.more.Broadcast()
	q.mu.Unlock()
}

// next hands out the next job and its index, waiting for the walk to
// find it; false when there is none left.
func (q *jobQueue) next() (int, job, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.taken >= len(q.jobs) && !q.walked {
		q.waiting++
		q.more.Wait()
		q.waiting--
	}
	if q.taken >= len(q.jobs) {
		return 0, job{}, false
	}
	q.taken++
	return q.taken - 1, q.jobs[q.taken-1], true
}

// known waits until n jobs are known or the walk has ended, and returns
// how many are known and whether that is all of them.
func (q *jobQueue) known(n int) (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.jobs) < n && !q.walked {
		q.waiting++
		q.more.Wait()
		q.waiting--
	}
	return len(q.jobs), q.walked
}

// streamJobs reports whether the jobs of args can go to the workers as
// the walk finds them, which changes nothing a user sees: not when
// something must be said before the first post (-v's skipped
// directories), or depends on every input (--report FILE refuses to be
// one; the progress bar shows the total), nor with stdin among the
// files (its job and the walk would both look up ignore files).
func (cfg *config) streamJobs(args []string) bool {
	return cfg.reportPath == "" && !cfg.verbose && !cfg.progress && !slices.Contains(args, "-")
}

// walkJobs queues the jobs of args as find finds them, in the
// background.
func (cfg *config) walkJobs(args []string) *jobQueue {
	q := newJobQueue()
	go func() {
		cfg.find(args, q.add)
		q.end()
	}()
	return q
}

// runFiles cleans every job with cfg.jobs workers and prints the outcomes
// in argument order (gofmt's approach), so output is deterministic. The
// worker that finishes the next outcome in order prints it, and any that
// waited behind it: no goroutine is woken per file to hand work out or to
// print (those wake-ups were ~8% of a batch's CPU profile). The workers
// start once two jobs are known (a batch) or the walk has ended (one
// file, or none).
func (cfg *config) runFiles(ctx context.Context, q *jobQueue, stdin io.Reader, stdout, stderr io.Writer) int {
	if cfg.verbose {
		for _, line := range cfg.skippedDirs {
			fmt.Fprintln(stderr, line)
		}
	}
	n, walked := q.known(2)
	workers := max(cfg.jobs, 1)
	if walked {
		workers = min(workers, n)
	}
	bar := cfg.newProgress(n, stderr) // all of them: no bar on a stream (streamJobs)
	if n > 1 {
		// A batch keeps little alive between posts, so the collector runs
		// only when the heap reaches filesHeap (or a huge post needs it),
		// not every few posts: a tenth of the CPU back, for the workers.
		defer debug.SetGCPercent(debug.SetGCPercent(-1))
		// The heap it grows into, in huge pages: 5/8 of the limit,
		// which also counts the heap in use and the runtime's own
		// memory. With more, the scavenger gives back parts of huge
		// pages to stay under the limit, and each one comes back as 512
		// faults. The limit, set after, starts the collection that
		// frees the block at once, in the background (runtime.GC here
		// would wait for it: 2-50 ms, the walk allocating meanwhile).
		hugeHeap(filesHeap / 8 * 5)
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(filesHeap))
	}
	cfg.single = n == 1
	cfg.detail = cfg.tallyDetail(stderr)
	p := &printer{cfg: cfg, ctx: ctx, outs: make([]*outcome, n), bar: bar, stdout: stdout, stderr: stderr, status: exitOK, tally: newTally()}
	p.tally.detail = cfg.detail
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i, j, ok := q.next()
				if !ok {
					return
				}
				// After an interrupt, process reports the job as not
				// processed without touching it.
				o := cfg.process(ctx, j, stdin)
				bar.add()
				p.done(i, o)
			}
		}()
	}
	wg.Wait()
	n, _ = q.known(0) // all: no worker stops before the walk has ended
	p.tally.dirs = cfg.dirs
	bar.finish()
	if cfg.outFormat == formatSARIF {
		writeSARIF(stdout, p.sarif)
	}
	if cfg.reviewPath != "" && !p.interrupted {
		if err := cfg.writeReviewFile(p); err != nil {
			fmt.Fprintf(stderr, "mdclean: %v\n", err)
			p.status = exitError
		}
	}
	if p.interrupted {
		fmt.Fprintln(stderr, "mdclean: interrupted: every file is either as it was or fully rewritten")
		p.status = exitError
	}
	if cfg.summary && (n > 1 || len(cfg.dirs) > 0) && !p.interrupted {
		p.tally.print(stderr, cfg.mode, cfg.verbose || isTerminal(stderr), cfg.summaryColor)
	} else if !cfg.quiet && p.tally.posts == 0 && p.tally.errors == 0 && len(cfg.dirs) > 0 {
		p.tally.print(stderr, cfg.mode, false, cfg.summaryColor) // "no posts found" is said even in a pipe
	}
	return p.status
}

// printer prints outcomes in job order as they come in from the workers.
type printer struct {
	cfg            *config
	ctx            context.Context
	bar            *progress
	stdout, stderr io.Writer

	mu       sync.Mutex
	outs     []*outcome // finished, not yet printed
	next     int        // the first job not printed
	printing bool       // a worker is printing: the fields below are its own

	ready       []*outcome // the outcomes it prints now, in order
	status      int
	interrupted bool
	tally       *tally
	sarif       []sarifResult // --output-format sarif, in job order
	reviews     []*reviewPost // --review, in job order
}

// done records the outcome of job i and prints every outcome now in
// order. One worker prints at a time, and not under the lock: a worker
// that finishes while another prints leaves its outcome to it and goes
// back to cleaning, instead of waiting behind the other's writes (on the
// seed tree, -j 2 made twice the context switches of -j 1).
func (p *printer) done(i int, o *outcome) {
	p.mu.Lock()
	if i >= len(p.outs) {
		// A job the walk found after the workers started.
		p.outs = append(p.outs, make([]*outcome, i+1-len(p.outs))...)
	}
	p.outs[i] = o
	if p.printing {
		p.mu.Unlock() // the printer looks for it before it stops
		return
	}
	p.printing = true
	for {
		p.ready = p.ready[:0]
		for ; p.next < len(p.outs) && p.outs[p.next] != nil; p.next++ {
			p.ready = append(p.ready, p.outs[p.next])
			p.outs[p.next] = nil // let the document go
		}
		if len(p.ready) == 0 {
			p.printing = false
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
		for _, o := range p.ready {
			p.print(o)
		}
		clear(p.ready)
		p.mu.Lock()
	}
}

// print prints one outcome and counts it.
func (p *printer) print(o *outcome) {
	if bytes.HasSuffix(o.stderr.Bytes(), []byte("interrupted\n")) && p.ctx.Err() != nil {
		p.interrupted = true
		return
	}
	if o.stderr.Len() > 0 || p.cfg.color && (o.stdout.Len() > 0 || len(o.content) > 0) {
		p.bar.clear() // the bar shares the terminal with what comes next
	}
	// Only what there is: a write of nothing is still a system call,
	// three a post in a batch.
	writeSome(p.stdout, o.stdout.Bytes())
	writeSome(p.stdout, o.content)
	writeSome(p.stderr, o.stderr.Bytes())
	if p.cfg.reportOut != nil {
		writeSome(p.cfg.reportOut, o.report.Bytes())
	}
	p.status = max(p.status, o.status)
	p.sarif = append(p.sarif, o.sarif...)
	if o.review != nil {
		p.reviews = append(p.reviews, o.review)
	}
	p.tally.add(o)
}

// formatted adds a file's changes or error to its outcome in the
// --output-format chosen (nothing for text).
func (cfg *config) formatted(o *outcome, name string, changes []edit.Change, errMsg string) {
	switch cfg.outFormat {
	case formatGitHub, formatJSON:
		cfg.formatChanges(&o.stdout, name, changes, errMsg)
	case formatSARIF:
		o.sarif = sarifResults(name, changes, errMsg)
	}
}

func writeSome(w io.Writer, b []byte) {
	if len(b) > 0 {
		w.Write(b)
	}
}

// process cleans one job and decides, by mode, what to print and write.
func (cfg *config) process(ctx context.Context, j job, stdin io.Reader) *outcome {
	o := &outcome{}
	if j.stale != 0 {
		o.stale = true
		// Only -w removes; the other modes report.
		if !cfg.mode.write {
			fmt.Fprintf(&o.stderr, "%s: temporary file left by an interrupted mdclean run (pid %d); mdclean -w removes it\n", j.name, j.stale)
			return o
		}
		if err := os.Remove(j.path); err != nil {
			fmt.Fprintf(&o.stderr, "%s: %v\n", j.name, unwrapPathErr(err))
			o.status = exitError
			return o
		}
		fmt.Fprintf(&o.stderr, "%s: removed a temporary file left by an interrupted mdclean run (pid %d)\n", j.name, j.stale)
		return o
	}
	fail := func(format string, args ...any) *outcome {
		msg := fmt.Sprintf(format, args...)
		fmt.Fprintf(&o.stderr, "%s: %s\n", j.name, msg)
		o.status = exitError
		cfg.formatted(o, j.name, nil, msg)
		return o
	}
	if ctx.Err() != nil {
		return fail("not processed: interrupted")
	}
	if j.walkErr != nil {
		return fail("%v", unwrapPathErr(j.walkErr))
	}
	var src []byte
	var info os.FileInfo
	var err error
	if j.stdin {
		if cfg.mode.write {
			return fail("cannot rewrite standard input in place (-w)")
		}
		readingStdin.Store(true)
		src, err = textfile.ReadAll(stdin)
		readingStdin.Store(false)
		if err != nil {
			return fail("read: %v", err)
		}
	} else {
		if src, info, err = textfile.ReadRegular(j.path, j.named, cfg.mode.write); err != nil {
			return fail("%v", err)
		}
	}
	text := src
	if cfg.single {
		// The collector keeps the heap under the memory bound (4x the
		// document plus a constant; see clean.memoryBudget) rather than
		// letting it reach twice what is live first.
		debug.SetMemoryLimit(int64(4*len(src)) + 96<<20)
	}
	if cfg.enc != nil {
		if text, err = textfile.DecodeExact(src, cfg.enc, cfg.encName); err != nil {
			return fail("%v", err)
		}
	}
	if err := textfile.Check(text); err != nil {
		return fail("%v", err)
	}
	if j.ignored || j.stdin && j.path != "" && cfg.namedIgnored(j.path) {
		// As prettier does: pre-commit and lint-staged name every staged
		// file, and an ignored post must not be rewritten at commit; an
		// editor's --stdin-filepath gets its text back unchanged.
		o.skipped = skipIgnored
		if cfg.mode == (mode{}) {
			o.content = src // a filter never swallows its input
		}
		if cfg.verbose {
			fmt.Fprintf(&o.stderr, "%s: skipped: named in an ignore file (.mdcleanignore, .gitignore; --no-ignore cleans it)\n", j.name)
		}
		return o
	}
	if !j.stdin && !cfg.allFiles && isMDX(j.path) {
		// MDX mixes JSX and ES modules into Markdown: a JSX tag is no HTML
		// element (its attributes may be {expressions}), so an edit made
		// as for HTML could break a component. Left alone unless asked.
		o.skipped = skipMDX
		if cfg.mode == (mode{}) {
			o.content = src
		}
		if cfg.verbose {
			fmt.Fprintf(&o.stderr, "%s: skipped: MDX (JSX in Markdown) is not cleaned; --all-files cleans it as Markdown\n", j.name)
		}
		return o
	}
	if !j.stdin && (!j.named && !cfg.allFiles || cfg.postsOnly) && !hasFrontMatter(text) {
		// A walk cleans posts only: a site's layouts, its built pages and
		// a theme's README have no front matter, and their markup is the
		// site's own (an owner's analytics tag is not junk).
		o.skipped = skipNoFrontMatter
		if cfg.mode == (mode{}) {
			o.content = src // a filter never swallows its input
		}
		if cfg.verbose {
			fmt.Fprintf(&o.stderr, "%s: skipped: no front matter (name the file, or use --all-files)\n", j.name)
		}
		return o
	}
	res, err := cfg.clean(j.name, j.path, text)
	var ce *configError
	if errors.As(err, &ce) {
		if ce.First() {
			fmt.Fprintf(&o.stderr, "mdclean: %v (the posts it governs are not cleaned)\n", ce)
		}
		o.status = exitError
		return o
	}
	if err != nil {
		fmt.Fprintln(&o.stderr, errorLine(j.name, err))
		o.status = exitError
		cfg.formatted(o, j.name, nil, err.Error())
		return o
	}
	cleaned := res.Out // UTF-8, for the diff
	if cfg.enc != nil && res.Changed() {
		if res.Out, err = textfile.EncodeBack(res.Out, cfg.enc, cfg.encName); err != nil {
			return fail("%v", err)
		}
	} else if !res.Changed() {
		res.Out = src // byte for byte, whatever the encoding
	}
	cfg.report(&o.stderr, j.name, res.Changes)
	if cfg.summary || cfg.reviewPath != "" {
		o.changes = res.Changes
	}
	if cfg.detail {
		o.removed = removedKeys(res.Changes)
	}
	cfg.reportJSON(&o.report, j.name, res.Changes)
	o.changed = !bytes.Equal(res.Out, src)
	m := cfg.mode
	if m.write && o.changed {
		if err := textfile.WriteAtomic(j.path, res.Out, info); err != nil {
			return fail("%v", err)
		}
	}
	if o.changed {
		cfg.formatted(o, j.name, res.Changes, "")
		if cfg.reviewPath != "" {
			o.review = reviewPostOf(j.name, text, res.Changes)
		}
	}
	switch {
	case m.check:
		if o.changed {
			if cfg.outFormat == formatText {
				fmt.Fprintln(&o.stdout, j.name)
			}
			o.status = exitChanged
		}
	case m.list || m.diff:
		if m.list && o.changed && cfg.outFormat == formatText {
			fmt.Fprintln(&o.stdout, j.name)
		}
		if m.diff && o.changed {
			o.stdout.Write(edit.Diff(j.name, text, cleaned, res.Edits, cfg.diffOptions()))
			o.status = exitChanged // as gofmt -d and shfmt -d: a diff is a finding
		}
	case !m.write:
		o.content = res.Out
	}
	return o
}

// unwrapPathErr is textfile.UnwrapPathErr: the command names the path
// itself in its messages.
func unwrapPathErr(err error) error { return textfile.UnwrapPathErr(err) }

// hasFrontMatter reports whether src opens with a front matter block, or
// with one too broken to delimit (that is a post, and its error is worth
// reporting).
func hasFrontMatter(src []byte) bool {
	b, err := frontmatter.Split(src)
	return err != nil || b.Found
}

// quoteName shows a path so that a line of output names one file: a name
// with a control character (a newline), a double quote, a backslash
// (where it is no separator) or bytes that are not UTF-8 is C-quoted, as git quotes
// paths ("a\nb.md", "caf\351.md"); strconv.Unquote gives the bytes back.
func quoteName(name string) string {
	plain := utf8.ValidString(name) && !strings.Contains(name, `"`) &&
		(filepath.Separator == '\\' || !strings.Contains(name, `\`))
	for i := 0; plain && i < len(name); i++ {
		if name[i] < ' ' || name[i] == 0x7f {
			plain = false
		}
	}
	if plain {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); {
		r, n := utf8.DecodeRuneInString(name[i:])
		switch {
		case r == utf8.RuneError && n == 1, r < ' ' && r != '\n' && r != '\t', r == 0x7f:
			fmt.Fprintf(&b, "\\%03o", name[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteByte(byte(r))
		default:
			b.WriteString(name[i : i+n])
		}
		i += n
	}
	b.WriteByte('"')
	return b.String()
}
