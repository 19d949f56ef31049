package clean

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/mdclean/mdclean/frontmatter"
)

// The pieces of the bodies TestListCut generates: a post that ends in a
// list whose last items a rule may take (a tag list, an edge line, a
// related post), after items of the article, in lists tight and loose,
// bulleted and ordered, with nested items, lazy lines, code and HTML.
var (
	listArticleItems = []string{
		"**Ada Example**. [Ada](https://example.com/ada) wrote the parser, and she keeps it working to this day.",
		"A step of the article, long enough to read as a sentence of its own text.",
		"一个列表项，讲述了文章的一个要点，内容比较长。",
		"An item with `code` in it, and a sentence.",
		"An item\nwith a lazy line, a sentence.",
		"An item with a nested list:\n  - nested one\n  - nested two",
		"An item with a code block:\n\n      indented code",
		"An item with a fence:\n\n  ```\n  fenced\n  ```",
		"[A post of the article](https://example.com/post) with a sentence after it.",
		"<span>raw HTML</span> in an item, a sentence.",
		"",
	}
	listJunkItems = []string{
		"[Culture & Careers](https://example.com/news/?tags=culture-careers)",
		"[2016](https://example.com/news/?tags=2016)",
		"[Go](https://example.com/tags/go/)",
		"[golang](https://example.com/tag/golang/)",
		"Subscribe to my [Example Newsletter](https://example.substack.com/)",
		"[Follow me on Example for more](https://example.com/me)",
		"Share this:",
		"Loading...",
		"[Tweet](https://twitter.com/intent/tweet?url=x)",
		"Copyright 2021 Example. All rights reserved.",
		"Related posts",
		"[An older post](https://example.com/a)",
		"<div id=\"recommend_bottom\"></div>",
		"![](https://hm.baidu.com/hm.gif?x)",
	}
	listIntros = []string{
		"The article says what it has to say in a full sentence, and then it lists.\n\n",
		"Another paragraph of the article, long enough to read as prose.\n\n",
		"## Tags\n\n",
		"Related posts:\n\n",
		"",
	}
	listMarkers = []string{"- ", "* ", "+ ", "1. ", "2) "}
)

// listBody generates a body that ends in a list, its last items junk.
func listBody(r *rand.Rand) []byte {
	var sb strings.Builder
	sb.WriteString(listIntros[r.IntN(len(listIntros))])
	marker := listMarkers[r.IntN(len(listMarkers))]
	item := func(text string) {
		m := marker
		if r.IntN(12) == 0 {
			m = listMarkers[r.IntN(len(listMarkers))] // another list starts
		}
		sb.WriteString(m + text + "\n")
		switch r.IntN(3) {
		case 0:
			sb.WriteString("\n") // loose
		case 1:
			if r.IntN(4) == 0 {
				sb.WriteString("\n\n")
			}
		}
	}
	for k := 1 + r.IntN(3); k > 0; k-- {
		item(listArticleItems[r.IntN(len(listArticleItems))])
	}
	for k := 1 + r.IntN(4); k > 0; k-- {
		item(listJunkItems[r.IntN(len(listJunkItems))])
	}
	if r.IntN(5) == 0 {
		sb.WriteString(cutEndings[r.IntN(len(cutEndings))])
	}
	body := sb.String()
	if r.IntN(3) == 0 {
		body = strings.TrimRight(body, "\n")
	}
	if r.IntN(8) == 0 {
		body = strings.ReplaceAll(body, "\n", "\r\n")
	}
	return []byte(body)
}

// TestListCut holds cutSettled's cut between the items of a post's last
// list (listCut) to a real second round: on generated bodies that end in
// list items a rule may take, Document gives what the full run
// (everyRound) gives, and enough of them are settled by a cut inside a
// list for the test to mean something.
func TestListCut(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 25))
	n := 8000
	if testing.Short() {
		n = 3000
	}
	inside := 0
	for range n {
		src := append([]byte("---\ntitle: x\n---\n"), listBody(r)...)
		opts := Options{Now: goldenNow}
		checkShortcut(t, src, opts)
		fb, _ := frontmatter.Split(src)
		be, _, md, settled := cleanBody(src, fb.Body, DefaultConfig(), defaultRuleSet(), true)
		if !settled || !hasDeletion(be) || md == nil || md.root == nil {
			continue
		}
		cut := len(src)
		for _, e := range be {
			if e.New == nil {
				cut = min(cut, e.Start-fb.Body)
			}
		}
		if l, ok := md.root.LastChild().(*ast.List); ok && l.Pos() < cut {
			inside++
		}
	}
	t.Logf("%d bodies, %d settled by a cut inside their last list", n, inside)
	if inside < n/20 {
		t.Fatalf("only %d of %d bodies settled by a cut inside a list", inside, n)
	}
}
