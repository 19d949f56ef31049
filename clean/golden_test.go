package clean

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/mdclean/mdclean/edit"
)

var update = flag.Bool("update", false, "rewrite the out.md, changes and err sections of golden files (never in.md)")

// goldenNow is the "now" of golden tests, so that id plausibility does
// not depend on the day the tests run.
var goldenNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// golden is one case of testdata/golden/*.txtar. The archive comment holds
// options, one "key: value" a line: path, disable, enable, date-format,
// unknown-date, and the byte assertions crlf, bom, no-final-newline (the
// input must really contain those bytes; no-final-newline also strips the
// last newline of in.md and out.md, which txtar cannot express).
type golden struct {
	file    string
	arch    *txtar.Archive
	opts    Options
	asserts []string
	noFinal bool
	in      []byte
	out     []byte // nil: must come back byte-identical
	changes *string
	wantErr *string
}

func loadGolden(t testing.TB, file string) *golden {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	g := &golden{file: file, arch: a, opts: Options{Now: goldenNow}}
	for _, line := range strings.Split(string(a.Comment), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "path":
			g.opts.Path = v
		case "disable":
			g.opts.Disable = append(g.opts.Disable, v)
		case "enable":
			g.opts.Enable = append(g.opts.Enable, v)
		case "date-format":
			g.opts.DateFormat = v
		case "unknown-date":
			g.opts.UnknownDate = v
		case "assert":
			for _, f := range strings.Fields(v) {
				g.asserts = append(g.asserts, f)
				if f == "no-final-newline" {
					g.noFinal = true
				}
			}
		}
	}
	for i := range a.Files {
		f := &a.Files[i]
		data := f.Data
		if g.noFinal && (f.Name == "in.md" || f.Name == "out.md") {
			data = bytes.TrimSuffix(data, []byte("\n"))
		}
		switch f.Name {
		case "in.md":
			g.in = data
		case "out.md":
			g.out = data
		case "changes":
			s := string(data)
			g.changes = &s
		case "err":
			s := string(data)
			g.wantErr = &s
		}
	}
	if g.in == nil {
		t.Fatalf("%s: no in.md section", file)
	}
	return g
}

func formatChanges(changes []edit.Change) string {
	var b strings.Builder
	for _, c := range changes {
		fmt.Fprintf(&b, "%d: %s: %s\n", c.Line, c.Rule, c.Message)
	}
	return b.String()
}

func goldenFiles(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	return files
}

func TestGolden(t *testing.T) {
	for _, file := range goldenFiles(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			g := loadGolden(t, file)
			checkBytes(t, g)
			res, err := Document(g.in, g.opts)
			if *update {
				g.write(t, res, err)
				return
			}
			if g.wantErr != nil {
				if err == nil {
					t.Fatalf("want error %q, got none", strings.TrimSpace(*g.wantErr))
				}
				if got := err.Error(); got != strings.TrimSpace(*g.wantErr) {
					t.Fatalf("error:\n got %q\nwant %q", got, strings.TrimSpace(*g.wantErr))
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			want := g.out
			if want == nil {
				want = g.in
			}
			if !bytes.Equal(res.Out, want) {
				t.Errorf("output differs (run go test ./clean -update to accept):\n--- got ---\n%s\n--- want ---\n%s", res.Out, want)
			}
			if g.out == nil && res.Changed() {
				t.Errorf("no out.md means no change, but got changes:\n%s", formatChanges(res.Changes))
			}
			if g.changes != nil && formatChanges(res.Changes) != *g.changes {
				t.Errorf("changes:\n got:\n%s\nwant:\n%s", formatChanges(res.Changes), *g.changes)
			}
			if !res.Changed() && !bytes.Equal(res.Out, g.in) {
				t.Errorf("no reported change, but the output differs from the input")
			}
			// Idempotence, as gofmt and shfmt check it: the output cleaned
			// again must come back unchanged.
			again, err := Document(res.Out, g.opts)
			if err != nil {
				t.Fatalf("re-cleaning the output: %v", err)
			}
			if !bytes.Equal(again.Out, res.Out) || again.Changed() {
				t.Errorf("not idempotent: second pass changed:\n%s", formatChanges(again.Changes))
			}
		})
	}
}

// checkBytes asserts that fixtures meant to hold CRLF, a BOM or no final
// newline really hold them (an editor or git could strip them silently).
func checkBytes(t *testing.T, g *golden) {
	t.Helper()
	for _, a := range g.asserts {
		var ok bool
		switch a {
		case "crlf":
			ok = bytes.Contains(g.in, []byte("\r\n"))
		case "bom":
			ok = bytes.HasPrefix(g.in, []byte{0xEF, 0xBB, 0xBF})
		case "lone-cr":
			ok = bytes.Contains(bytes.ReplaceAll(g.in, []byte("\r\n"), nil), []byte("\r"))
		case "no-final-newline":
			ok = len(g.in) > 0 && g.in[len(g.in)-1] != '\n'
		default:
			t.Fatalf("unknown assertion %q", a)
		}
		if !ok {
			t.Fatalf("fixture should contain %s bytes but does not (check .gitattributes)", a)
		}
	}
}

func (g *golden) write(t *testing.T, res Result, err error) {
	a := g.arch
	var files []txtar.File
	for _, f := range a.Files {
		if f.Name == "in.md" {
			files = append(files, f)
		}
	}
	if err != nil {
		files = append(files, txtar.File{Name: "err", Data: []byte(err.Error() + "\n")})
	} else {
		if !bytes.Equal(res.Out, g.in) {
			out := res.Out
			if g.noFinal {
				out = append(append([]byte{}, out...), '\n')
			}
			files = append(files, txtar.File{Name: "out.md", Data: out})
		}
		if len(res.Changes) > 0 {
			files = append(files, txtar.File{Name: "changes", Data: []byte(formatChanges(res.Changes))})
		}
	}
	a.Files = files
	if err := os.WriteFile(g.file, txtar.Format(a), 0o644); err != nil {
		t.Fatal(err)
	}
}
