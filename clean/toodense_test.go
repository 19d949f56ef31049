package clean

import (
	"strings"
	"testing"
)

// TestTooDenseSaysWhy: a body left alone for a line nested past
// maxMdNesting says so, not the memory bound; one left for its markup
// gives its size in a unit that is not 0.
func TestTooDenseSaysWhy(t *testing.T) {
	deep := "---\ntitle: t\n---\nA paragraph.\n\n" + strings.Repeat("*   ", maxMdNesting+1) + "1\n\nFollow us\n"
	res, err := Document([]byte(deep), Options{Path: "post.md"})
	if err != nil {
		t.Fatal(err)
	}
	changes := res.Changes
	found := false
	for _, c := range changes {
		if c.Rule == "body" && c.Note {
			found = true
			if !strings.Contains(c.Message, "nests Markdown lists or quotes 65 deep") || strings.Contains(c.Message, "memory") {
				t.Errorf("note = %q, want the nesting named", c.Message)
			}
		}
	}
	if !found {
		t.Fatalf("no body note for a line nested %d deep: %+v", maxMdNesting+1, changes)
	}
	c := tooDense(0, make([]byte, 10<<10), false)
	if !strings.Contains(c.Message, "10 KB of markup") {
		t.Errorf("note = %q, want the size in KB", c.Message)
	}
	c = tooDense(0, make([]byte, 3<<20), true)
	if !strings.Contains(c.Message, "3 MB of markup") {
		t.Errorf("note = %q, want the size in MB", c.Message)
	}
}
