package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mdclean/mdclean/clean"
)

// TestRuleRegistry checks that every list of the rules a user reads
// names exactly the rules of clean.Rules, the one registry: the package
// doc's table in clean/clean.go, the README's table and --list-rules (as
// staticcheck checks its documentation against its registered checks).
func TestRuleRegistry(t *testing.T) {
	var want []string
	for _, r := range clean.Rules {
		want = append(want, r.ID)
	}
	slices.Sort(want)
	check := func(where string, got []string) {
		t.Helper()
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s lists %v, want the ids of clean.Rules %v", where, got, want)
		}
	}

	// The package doc: the lines of its table after the "id" header.
	src, err := os.ReadFile(filepath.Join("clean", "clean.go"))
	if err != nil {
		t.Fatal(err)
	}
	// Its example column is each rule's Example.
	var doc []string
	examples := map[string]string{}
	in, col := false, 0
	for _, line := range strings.Split(string(src), "\n") {
		row, ok := strings.CutPrefix(line, "//\t")
		switch {
		case ok && strings.HasPrefix(row, "id "):
			in, col = true, strings.Index(row, "example")
		case in && ok:
			id := strings.Fields(row)[0]
			doc = append(doc, id)
			if col > 0 && len(row) > col {
				examples[id] = strings.TrimSpace(row[col:])
			}
		case in:
			in = false
		}
	}
	check("the package doc of clean", doc)
	for _, r := range clean.Rules {
		if got, ok := examples[r.ID]; ok && got != r.Example {
			t.Errorf("the package doc of clean gives %s the example %q, its Example is %q", r.ID, got, r.Example)
		}
	}

	// The README: the first cell of each row of the table under "## Rules".
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Rules\n")
	if !ok {
		t.Fatal("README.md has no ## Rules section")
	}
	var table []string
	for _, line := range strings.Split(section, "\n") {
		if strings.HasPrefix(line, "## ") {
			break
		}
		if cell, ok := strings.CutPrefix(line, "| `"); ok {
			table = append(table, cell[:strings.IndexByte(cell, '`')])
		}
	}
	check("the README's rule table", table)

	// --list-rules: the first field of each line.
	var stdout, stderr bytes.Buffer
	if code := run([]string{"mdclean", "--list-rules"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("--list-rules: exit %d: %s", code, stderr.String())
	}
	var listed []string
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		listed = append(listed, strings.Fields(line)[0])
	}
	check("mdclean --list-rules", listed)
}
