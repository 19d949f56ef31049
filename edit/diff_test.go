package edit

import (
	"bytes"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffPatches checks -d's hunks on documents of short lines
// with the real patch(1): applied to the original, they give the cleaned
// post, for random edits of every shape (inside a line, whole lines,
// joining lines, at the end of a file with and without a last newline).
func TestDiffPatches(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("patch(1) not installed")
	}
	rng := rand.New(rand.NewSource(1))
	dir := t.TempDir()
	for n := 0; n < 300; n++ {
		var lines []string
		for i := rng.Intn(30) + 1; i > 0; i-- {
			lines = append(lines, strings.Repeat(string(rune('a'+rng.Intn(26))), rng.Intn(20)))
		}
		src := []byte(strings.Join(lines, "\n"))
		if rng.Intn(2) == 0 {
			src = append(src, '\n')
		}
		edits := randomEdits(rng, src)
		out, err := Apply(src, edits)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(out, src) {
			continue
		}
		d := Diff("p.md", src, out, edits, DiffOptions{})
		if bytes.Contains(d, []byte("\n~ ")) {
			t.Fatalf("short lines shown as spans:\n%s", d)
		}
		f := filepath.Join(dir, "p.md")
		os.WriteFile(f, src, 0o644)
		cmd := exec.Command(patch, "-s", "-p0", f)
		cmd.Stdin = bytes.NewReader(d)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch: %v\n%s\nsrc %q\nedits %v\ndiff:\n%s", err, msg, src, edits, d)
		}
		got, _ := os.ReadFile(f)
		if !bytes.Equal(got, out) {
			t.Fatalf("patched %q, want %q\ndiff:\n%s", got, out, d)
		}
	}
}

func randomEdits(rng *rand.Rand, src []byte) []Edit {
	var edits []Edit
	pos := 0
	for pos < len(src) && len(edits) < 4 {
		start := pos + rng.Intn(len(src)-pos+1)
		end := min(start+rng.Intn(12), len(src))
		var repl []byte
		if rng.Intn(3) == 0 {
			repl = []byte([]string{"X", "\n", "new line\n", ""}[rng.Intn(4)])
		}
		if start == end && len(repl) == 0 {
			repl = []byte("+")
		}
		edits = append(edits, Edit{Start: start, End: end, New: repl})
		pos = end + 1
	}
	return edits
}

// TestDiffLongLine: a change in a long line is shown by its span
// with context, long unchanged lines by their start, and nothing far from
// the change.
func TestDiffLongLine(t *testing.T) {
	para := strings.Repeat("The article goes on. ", 30)
	src := []byte("---\ntitle: t\n---\n" + para + "<div id=\"x\"></div>" + para + "\n" + para + "\n")
	start := bytes.Index(src, []byte("<div"))
	edits := []Edit{{Start: start, End: start + len(`<div id="x"></div>`)}}
	out, _ := Apply(src, edits)
	d := string(Diff("p.md", src, out, edits, DiffOptions{}))
	want := `--- p.md.orig
+++ p.md
@@ -1,5 +1,5 @@
 ---
 title: t
 ---
~ line 4, 1,279 bytes: 1 change shown with 40 bytes of context
~ …e article goes on. The article goes on. [-<div id="x"></div>-]The article goes on. The article goes on…
 The article goes on. The article goes on. The article goes on. The article goes … (631 bytes unchanged)
`
	if d != want {
		t.Errorf("got:\n%s\nwant:\n%s", d, want)
	}
}

// TestColorUnifiedHeaders: only the two header lines are headers; a
// removed line that starts with "--" is a removal.
func TestColorUnifiedHeaders(t *testing.T) {
	d := []byte("--- a\n+++ b\n@@ -1 +1 @@\n--- not a header\n+++ nor this\n")
	got := string(colorUnified(d, true, DiffMarks{Header: Mark{"\x1b[1m", "\x1b[0m"}, Hunk: Mark{"\x1b[36m", "\x1b[0m"}, Removed: Mark{"\x1b[31m", "\x1b[0m"}, Added: Mark{"\x1b[32m", "\x1b[0m"}}))
	if !strings.Contains(got, "\x1b[31m--- not a header\x1b[0m") || !strings.Contains(got, "\x1b[32m+++ nor this\x1b[0m") {
		t.Errorf("removed/added lines coloured as headers:\n%q", got)
	}
}

// TestUnifiedDiffApplies: --diff-format unified (the default when stdout
// is not a terminal) shows long lines whole, and both patch(1) and git
// apply take it: random edits in documents of long lines.
func TestUnifiedDiffApplies(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	dir := t.TempDir()
	tools := map[string][]string{}
	if p, err := exec.LookPath("patch"); err == nil {
		tools["patch"] = []string{p, "-s", "-p0"}
	}
	if g, err := exec.LookPath("git"); err == nil {
		tools["git"] = []string{g, "apply", "-p0", "--unidiff-zero"}
	}
	if len(tools) == 0 {
		t.Skip("neither patch(1) nor git installed")
	}
	for n := 0; n < 100; n++ {
		var lines []string
		for i := rng.Intn(8) + 1; i > 0; i-- {
			lines = append(lines, strings.Repeat("word"+string(rune('a'+rng.Intn(26)))+" ", rng.Intn(400)))
		}
		src := []byte(strings.Join(lines, "\n"))
		if rng.Intn(2) == 0 {
			src = append(src, '\n')
		}
		edits := randomEdits(rng, src)
		out, err := Apply(src, edits)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(out, src) {
			continue
		}
		d := Diff("p.md", src, out, edits, DiffOptions{Unified: true})
		if bytes.Contains(d, []byte("\n~ ")) || bytes.Contains(d, []byte("bytes unchanged)")) {
			t.Fatalf("unified diff shortened a line:\n%s", d)
		}
		for name, argv := range tools {
			f := filepath.Join(dir, "p.md")
			os.WriteFile(f, src, 0o644)
			os.Remove(filepath.Join(dir, "p.md.orig"))
			args := argv[1:]
			if name == "patch" {
				args = append(args, f)
			}
			cmd := exec.Command(argv[0], args...)
			cmd.Dir = dir
			cmd.Stdin = bytes.NewReader(d)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s\ndiff:\n%s", name, err, msg, d)
			}
			got, _ := os.ReadFile(f)
			if !bytes.Equal(got, out) {
				t.Fatalf("%s gave %q, want %q", name, got, out)
			}
		}
	}
}
