package clean

import (
	"strings"
	"testing"
)

// Kinds of junk from the field that issue 23 added, with examples
// written for the test: each goes at the post's edge, and its words in
// the middle of the article stay.

func TestEdgeFooterKinds(t *testing.T) {
	for _, c := range []struct{ name, tail, gone string }{
		{"feed importer footer", "This post appeared first on \"Harbour Notes\". [Read the entire article here](https://harbour.example.org/2023/tides/)\n", "appeared first"},
		{"feed importer footer, plain", "This article appeared first on Garden Weekly\n", "appeared first"},
		{"back to the index", "[Back to all posts](/journal/)\n", "Back to"},
		{"back to the index (Japanese)", "[記事一覧に戻る](/journal/)\n", "記事一覧"},
	} {
		body := article + "\n\n" + article + "\n\n" + c.tail
		out, rules := cleanMD(t, body)
		if strings.Contains(out, c.gone) {
			t.Errorf("%s: stayed (%q):\n%s", c.name, rules, out)
		}
		if strings.Count(out, article) != 2 {
			t.Errorf("%s: article text lost:\n%s", c.name, out)
		}
	}
}

func TestEdgeFooterKindsStay(t *testing.T) {
	for _, keep := range []string{
		// the words in a sentence of the article, not at its end
		article + "\n\nThis post appeared first on a friend's blog, and I moved it here with her leave.\n\n" + article + "\n",
		article + "\n\n[Back to list](/journal/)\n\n" + article + "\n", // not at an edge
	} {
		if out, rules := cleanMD(t, keep); out != keep {
			t.Errorf("changed (%q):\n%s", rules, out)
		}
	}
}

func TestRelatedHeadingKinds(t *testing.T) {
	for _, c := range []struct{ name, tail string }{
		{"More like this", "## More like this\n\n- [Walking the coast path](https://harbour.example.org/2024/coast-path/)\n- [A winter garden](https://harbour.example.org/2024/winter-garden/)\n"},
		{"traditional Chinese", "### 延伸閱讀\n\n- [海邊的步道](https://harbour.example.org/p/101)\n- [冬天的花園](https://harbour.example.org/p/102)\n"},
	} {
		body := article + "\n\n" + article + "\n\n" + c.tail
		out, rules := cleanMD(t, body)
		if strings.Contains(out, "harbour.example.org") {
			t.Errorf("%s: stayed (%q):\n%s", c.name, rules, out)
		}
		if strings.Count(out, article) != 2 {
			t.Errorf("%s: article text lost:\n%s", c.name, out)
		}
	}
	// A section of the article under the same heading stays.
	keep := article + "\n\n## More like this\n\nThe second garden is more like this one than I thought: the same walls, the same old pear tree by the gate, and the same pond.\n\n" + article + "\n"
	if out, rules := cleanMD(t, keep); out != keep {
		t.Errorf("mid-article heading changed (%q):\n%s", rules, out)
	}
}

func TestWordPressChromeLabels(t *testing.T) {
	for _, c := range []struct{ name, body, gone string }{
		{"skip link", "[Skip to content](#content)\n\n" + article + "\n\n" + article + "\n", "Skip to"},
		{"skip link, translated, with pandoc attributes", "[Direkt zum Inhalt wechseln](#main){.skip-link .screen-reader-text}\n\n" + article + "\n\n" + article + "\n", "Inhalt"},
		{"post navigation heading with attributes", article + "\n\n" + article + "\n\nPost navigation {#post-nav .screen-reader-text}\n", "navigation"},
	} {
		out, rules := cleanMD(t, c.body)
		if strings.Contains(out, c.gone) {
			t.Errorf("%s: stayed (%q):\n%s", c.name, rules, out)
		}
		if strings.Count(out, article) != 2 {
			t.Errorf("%s: article text lost:\n%s", c.name, out)
		}
	}
	keep := article + "\n\nSkip to content you care about, the guide says, and leave the rest for later.\n\n" + article + "\n"
	if out, rules := cleanMD(t, keep); out != keep {
		t.Errorf("sentence changed (%q):\n%s", rules, out)
	}
}

func TestTrimAttrs(t *testing.T) {
	for in, want := range map[string]string{
		"Post navigation {#nav .screen-reader-text}": "Post navigation ",
		"Skip{.skip-link}":                           "Skip",
		"a set {1, 2}":                               "a set {1, 2}",
		"no braces":                                  "no braces",
		"{#only}":                                    "",
	} {
		if got := trimAttrs(in); got != want {
			t.Errorf("trimAttrs(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPostCardsAtEnd(t *testing.T) {
	cards := "[![A winter garden](img/winter.png)](https://harbour.example.org/winter-garden/)\n\n[**A winter garden**](https://harbour.example.org/winter-garden/)\n\n[By Ann Lee](https://harbour.example.org/author/ann/) 4 min read\n\n" +
		"[![The coast path](img/coast.png)](https://harbour.example.org/coast-path/)\n\n[**The coast path**](https://harbour.example.org/coast-path/)\n\n[By Ann Lee](https://harbour.example.org/author/ann/) 6 min read\n"
	body := article + "\n\n" + article + "\n\n" + cards
	out, rules := cleanMD(t, body)
	if strings.Contains(out, "harbour.example.org") {
		t.Errorf("cards stayed (%q):\n%s", rules, out)
	}
	if strings.Count(out, article) != 2 {
		t.Errorf("article text lost:\n%s", out)
	}
	for _, keep := range []string{
		// one card is no run of them
		article + "\n\n[**A winter garden**](https://harbour.example.org/winter-garden/)\n\n[By Ann Lee](https://harbour.example.org/author/ann/) 4 min read\n",
		// a reading list in the article's own sentences
		article + "\n\nI read [the survey](https://journal.example.org/a/1) in 5 min read\n\n[The data](https://data.example.net/set)\n\nand [the notes](https://journal.example.org/a/2) took another 3 min read\n",
	} {
		if out, rules := cleanMD(t, keep); out != keep {
			t.Errorf("changed (%q):\n%s", rules, out)
		}
	}
}

func TestTagListAndCookieNotice(t *testing.T) {
	body := article + "\n\n" + article + "\n\n**Tags:**\n\n- [gardens](/tags/gardens)\n- [walks](/tags/walks)\n\n> _This website uses privacy-friendly cookies. See the [privacy page](/privacy)._\n"
	out, rules := cleanMD(t, body)
	if strings.Contains(out, "/tags/") || strings.Contains(out, "cookies") {
		t.Errorf("stayed (%q):\n%s", rules, out)
	}
	if strings.Count(out, article) != 2 {
		t.Errorf("article text lost:\n%s", out)
	}
	for _, keep := range []string{
		// a section on tags, in the article's words
		article + "\n\n## Tags\n\n- The `<p>` tag opens a paragraph, as the [spec](https://html.example.org/p) says.\n- The `<a>` tag makes a link.\n",
		// the cookie words in a sentence in the middle
		article + "\n\nThis website uses cookies only for the shop, and I explain why below.\n\n" + article + "\n",
	} {
		if out, rules := cleanMD(t, keep); out != keep {
			t.Errorf("changed (%q):\n%s", rules, out)
		}
	}
}

func TestTrailingTagLinks(t *testing.T) {
	body := article + "\n\n" + article + "\n\n- [Gardening](https://harbour.example.org/blog/?tags=gardening)\n- [Walks](https://harbour.example.org/tag/walks/)\n"
	out, rules := cleanMD(t, body)
	if strings.Contains(out, "harbour.example.org") {
		t.Errorf("stayed (%q):\n%s", rules, out)
	}
	if strings.Count(out, article) != 2 {
		t.Errorf("article text lost:\n%s", out)
	}
	for _, keep := range []string{
		// a reference list of other sites' pages
		article + "\n\n- [The survey](https://journal.example.org/a/1)\n- [The data](https://data.example.net/set)\n",
		// a tag link with the article's words
		article + "\n\n- See every post on [gardening](https://harbour.example.org/tag/gardening/) for the plans.\n",
	} {
		if out, rules := cleanMD(t, keep); out != keep {
			t.Errorf("changed (%q):\n%s", rules, out)
		}
	}
}

// The tag list under a post, as Markdown list items of links to the
// site's tag archives, goes at the post's end; a link to a tag page in the
// article, one whose text says more than the tag, or a last line with
// words of the author's around it, stays.
func TestTagLinksAtEnd(t *testing.T) {
	for _, tail := range []string{
		"- [gardening](https://harbour.example.org/tag/gardening/)\n- [winter](https://harbour.example.org/tag/winter/)\n",
		"- [Hugo](/tags/hugo/)\n- [Static sites](/categories/static-sites/)\n- [旅行](/tags/%E6%97%85%E8%A1%8C/)\n",
		"- [Travel](https://notes.example.net/search/label/Travel)\n",
		"- [2019](https://harbour.example.org/archive/?tags=2019)\\\n\\\n",                                                         // hard breaks of a converter
		"- [Boats and Sails](https://harbour.example.org/?tags=boat-sail)\n- [船和帆](https://harbour.example.org/?tags=boat-sail)\n", // a tag and its translated name
	} {
		body := article + "\n\n" + article + "\n\n" + tail
		out, rules := cleanMD(t, body)
		if strings.Contains(out, "](") {
			t.Errorf("tag links stayed (%q):\n%s", rules, out)
		}
		if strings.Count(out, article) != 2 {
			t.Errorf("article text lost:\n%s", out)
		}
	}
	for _, keep := range []string{
		article + "\n\n- [gardening](https://harbour.example.org/tag/gardening/)\n\n" + article + "\n",                                                             // in the middle
		article + "\n\n" + article + "\n\nMore of my notes on [gardening](https://harbour.example.org/tag/gardening/).\n",                                          // the author's words
		article + "\n\n" + article + "\n\n- [The tag line](https://harbour.example.org/tag-line/)\n",                                                               // no archive: a page named tag-line
		article + "\n\nThe knots are all on one page, as the text above says.\n\n- [All the knots I use on the boat](https://knots.example.com/category/knots/)\n", // a pointer: its text is no tag
		article + "\n\nLearn more:\n\n- [Tide tables explained](https://sea.example.com/tides/)\n- [Knots](https://harbour.example.org/tag/knots/)\n",              // the end of the author's list
		article + "\n\n" + article + "\n\n- [船和帆](https://harbour.example.org/?tags=boat-sail)\n",                                                                  // no link names its tag
		article + "\n\n" + article + "\n\n- [v2.1.0](https://forge.example.org/o/r/releases/tag/v2.1.0)\n",                                                         // a release, not a tag archive
	} {
		if out, rules := cleanMD(t, keep); out != keep {
			t.Errorf("changed (%q):\n%s", rules, out)
		}
	}
}

func TestTagLink(t *testing.T) {
	for _, c := range []struct {
		text, dest string
		want       bool
	}{
		{"Exploration & Games", "https://example.org/?tags=exploration-game", true},
		{"Policies and Procedures", "https://example.org/?tags=policies-procedures", true},
		{"旅行", "/tags/%E6%97%85%E8%A1%8C/", true},
		{"Full list of selectors", "https://example.org/category/selectors/", false},
		{"Agent Factory Blog Series", "https://example.org/blog/tag/agent-factory/", false},
		{"Go", "https://example.org/tag/golang/", false}, // too short to be a prefix
	} {
		if got := tagLink(c.text, c.dest); got != c.want {
			t.Errorf("tagLink(%q, %q) = %v, want %v", c.text, c.dest, got, c.want)
		}
	}
}

func TestTagTerm(t *testing.T) {
	for u, want := range map[string]string{
		"https://example.org/tag/go/":                 "go",
		"/tags/rust/":                                 "rust",
		"https://example.org/category/news/":          "news",
		"https://example.org/search/label/Recipes":    "Recipes",
		"https://example.org/?tag=go":                 "go",
		"https://example.org/index/?tags=2025":        "2025",
		"https://example.org/tags/":                   "",
		"https://example.org/2024/05/tagging-photos/": "",
		"https://example.org/post?id=3":               "",
		"https://github.com/o/r/releases/tag/v2.1.0":  "",
		"https://gitlab.com/o/r/-/tags/v2.1.0":        "",
	} {
		if got := tagTerm(u); got != want {
			t.Errorf("tagTerm(%q) = %q, want %q", u, got, want)
		}
	}
}
