package clean

import (
	"strings"
	"testing"
)

// TestLabelWithMediaStays: a block holding an image and a label's words
// ("Like this:" under a picture) is no label, whether the tail rule read
// it first or not: the first run keeps it, and so does a second run, in
// which the label after it is gone and the tail rule reads it.
func TestLabelWithMediaStays(t *testing.T) {
	for _, label := range []string{"Like this:", "Share this:", "Loading..."} {
		src := "---\ntitle: t\n---\n\nAn article paragraph that says something about the world and goes on for a while.\n\n" +
			"![A picture of the harbour](https://example.com/p.png)\n" + label + "\n\nLoading...\n"
		out := src
		for run := 1; run <= 2; run++ {
			res, err := Document([]byte(out), Options{Path: "post.md"})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(res.Out), "![A picture of the harbour](https://example.com/p.png)") {
				t.Fatalf("%q, run %d: the picture is gone:\n%s", label, run, res.Out)
			}
			if run == 2 && string(res.Out) != out {
				t.Fatalf("%q: a second run changed the post:\n%s\n-- to --\n%s", label, out, res.Out)
			}
			out = string(res.Out)
		}
	}
}
