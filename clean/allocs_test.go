package clean

import (
	"bytes"
	"testing"

	"golang.org/x/net/html"

	"github.com/mdclean/mdclean/frontmatter"
)

// TestAllocsBounded checks the allocation goal with counts, which do not
// depend on the machine's load: per document, the allocations mdclean
// adds to the floor's (x/net/html allocates a string per attribute name
// and yaml.v3 per node, in the floor as much as here) are bounded by the
// number of edits plus a constant, not by the number of tokens. A body
// that changed is read twice, once per round of the body rules, so its
// floor counts the tokenizer twice.
func TestAllocsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts: not in -short")
	}
	count := func(f func()) float64 {
		f() // warm the pools and the lazy tables
		return testing.AllocsPerRun(20, f)
	}
	ours := func(src []byte) (float64, float64) {
		res, err := Document(src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		doc := count(func() { Document(src, Options{}) })
		fl := count(func() { floor(src) })
		if fb, _ := frontmatter.Split(src); !bytes.HasSuffix(res.Out, src[fb.Body:]) {
			// The body changed, so the body rules ran a second round over
			// their output (fixpoint), tokenizing it again: the floor of
			// that round is the tokenizer's, which allocates a string per
			// attribute name.
			ob, _ := frontmatter.Split(res.Out)
			fl += count(func() {
				z := html.NewTokenizer(bytes.NewReader(res.Out[ob.Body:]))
				for z.Next() != html.ErrorToken {
				}
			})
		}
		return doc - fl, fl
	}
	// Tokens: the seed's article 100 times, and 1,000 paragraphs with
	// attributes and links that need no change.
	one, _ := ours(scaled(t, 1))
	hundred, _ := ours(scaled(t, 100))
	src := seedDoc(t)
	at := bytes.Index(src, []byte("<p>有记者问"))
	insert := func(block []byte, n int) []byte {
		return append(append(append([]byte{}, src[:at]...), bytes.Repeat(block, n)...), src[at:]...)
	}
	attrs, floorAttrs := ours(insert([]byte(`<p class="lead" style="margin:0">段落，<a href="https://example.com/a" title="t">链接</a>。</p>`), 1000))
	t.Logf("beyond the floor: seed %.0f allocs; article x100 %.0f; 1,000 paragraphs with attributes %.0f (the floor's own: %.0f)", one, hundred, attrs, floorAttrs)
	if hundred > one+5 || attrs > one+5 {
		t.Errorf("allocations grow with the tokens: %.0f for the seed, %.0f at 100x, %.0f with 1,000 paragraphs", one, hundred, attrs)
	}

	// Edits: n tracking divs, each removed (one edit and one change each).
	div := []byte(`<p>段落。</p><div class="x" id="recommend_bottom"></div>`)
	base, _ := ours(insert(div, 0))
	more, _ := ours(insert(div, 100))
	perEdit := (more - base) / 100
	t.Logf("beyond the floor: %.0f allocs with no tracking div, %.0f with 100 removed: %.1f per edit", base, more, perEdit)
	if perEdit > 4 {
		t.Errorf("%.1f allocations per edit: more than a change's own strings", perEdit)
	}
}
