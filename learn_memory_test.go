package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// learnWords make each generated post's text its own: numbers are masked
// before counting, so posts that differ only in numbers would be one.
var learnWords = strings.Fields("amber basin cedar delta ember fjord grove heron inlet juniper kestrel lagoon meadow nettle orchard pebble quarry reed saddle thistle upland valley willow yarrow")

// learnWord is i spelt in learnWords: a word of its own for every i.
func learnWord(i int) string {
	var b strings.Builder
	for {
		b.WriteString(learnWords[i%len(learnWords)])
		i /= len(learnWords)
		if i == 0 {
			return b.String()
		}
		b.WriteByte('-')
	}
}

// learnTreeGen writes n posts of a generated site under dir: each with
// its own title, intro line and article, from one of 40 feeds (the
// author key), ending with the importer's footer naming the feed and a
// counter line; every tenth post has a related-posts list. It is what
// learn is made for, at any size.
func learnTreeGen(t testing.TB, dir string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i%500))
		if i < 500 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		w := learnWord(i)
		feed := "Feed " + learnWords[i%40%len(learnWords)] + " " + learnWords[i%40/len(learnWords)]
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: On the %s walk\nauthor: %s\n---\n", w, feed)
		fmt.Fprintf(&b, "A short word on %s before we start.\n\nWalked with %s and %s.\n\n", w, learnWord(5*i+1), learnWord(11*i+2))
		for k := 0; k < 4; k++ {
			fmt.Fprintf(&b, "### The %s bend\n\n", learnWord(13*i+k))
			fmt.Fprintf(&b, "The %s path, part %d, climbs from the %s shore past the %s huts and the old %s mill, where the keepers of %s still count the birds each morning before the ferry leaves for the islands.\n\n", w, k, learnWord(i+k), learnWord(3*i+k), learnWord(7*i+k), w)
		}
		fmt.Fprintf(&b, "Back at the %s gate by dusk.\n\n", learnWord(17*i+3))
		if i%10 == 0 {
			b.WriteString("## More walks\n\n")
			for k := 1; k <= 3; k++ {
				fmt.Fprintf(&b, "- [The %s walk](/walks/%s/)\n", learnWord(i+k), learnWord(i+k))
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "This post appeared first on \"%s\". Read the entire article here.\n\nThis walk was read %d times.\n", feed, i%997)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%s.md", w)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLearnMemory: learn's memory grows with the shapes that recur, not
// with the tree (issue 25: 1.04 GB at 100,000 posts when every block was
// kept): peak RSS of the real binary over a generated tree of 10,000
// posts stays under 120 MB, and of 100,000 posts (with MDCLEAN_E2E=1)
// under 200 MB.
func TestLearnMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and a tree of 10,000 posts; skipped in -short mode")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	sizes := []struct {
		n     int
		bound int64
	}{{10000, 120 << 20}}
	if os.Getenv("MDCLEAN_E2E") == "1" {
		sizes = append(sizes, struct {
			n     int
			bound int64
		}{100000, 200 << 20})
	}
	for _, s := range sizes {
		tree := filepath.Join(dir, fmt.Sprintf("tree%d", s.n))
		learnTreeGen(t, tree, s.n)
		got := peakRSS(t, dir, bin, "", "learn", "-q", tree)
		t.Logf("%d posts: peak %d MB (bound %d MB)", s.n, got>>20, s.bound>>20)
		if got > s.bound {
			t.Errorf("%d posts: peak %d MB over %d MB", s.n, got>>20, s.bound>>20)
		}
		os.RemoveAll(tree)
	}
}
