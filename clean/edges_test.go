package clean

import (
	"strings"
	"testing"
)

// The shapes of site furniture at a post's end (edges.go), with examples
// written for the test.

func TestChromeRunRemoved(t *testing.T) {
	for _, c := range []struct{ name, tail, gone string }{
		{"related list then the site's footer", "## Related posts\n\n- [Walking the coast path](/2024/coast-path/)\n- [A winter garden](/2024/winter-garden/)\n\nAbout us\n\n- [Contact](/contact)\n- [Privacy](/privacy)\n\n© 2024 Example Press. All rights reserved.\n",
			"Related posts"},
		{"the author's posts, then a related list (Chinese)", "### 作者的文章\n\n- [海边的步道](/p/101)\n- [冬天的花园](/p/102)\n\n### 相关文章\n\n- [山里的夏天](/p/103)\n\n  2024-05-01\n- [城市的河](/p/104)\n\n  2024-05-02\n\n关于我们\n",
			"作者的文章"},
	} {
		body := article + "\n\n" + article + "\n\n" + c.tail
		out, rules := cleanMD(t, body)
		if strings.Contains(out, c.gone) || strings.Contains(out, "/p/10") || strings.Contains(out, "/2024/") {
			t.Errorf("%s: stayed (%q):\n%s", c.name, rules, out)
		}
		if strings.Count(out, article) != 2 {
			t.Errorf("%s: article text lost:\n%s", c.name, out)
		}
	}
}

func TestChromeRunKeepsArticle(t *testing.T) {
	for _, c := range []struct{ name, tail, keep string }{
		{"a reference list before it", "## References\n\n- [The survey](https://journal.example.org/a/1)\n- [The data](https://data.example.net/set)\n\n## Related posts\n\n- [A winter garden](/2024/winter-garden/)\n\nAbout us\n",
			"## References\n\n- [The survey](https://journal.example.org/a/1)\n- [The data](https://data.example.net/set)\n"},
		{"a list of steps before it", "## Steps\n\n- Fill the tank\n- Close the valve\n\n## Related posts\n\n- [A winter garden](/2024/winter-garden/)\n\nAbout us\n",
			"## Steps\n\n- Fill the tank\n- Close the valve\n"},
		{"a sentence after it", "## Related posts\n\n- [A winter garden](/2024/winter-garden/)\n\nThanks to everyone who wrote in about last week's post.\n",
			"## Related posts\n\n- [A winter garden](/2024/winter-garden/)\n\nThanks to everyone who wrote in about last week's post.\n"},
	} {
		body := article + "\n\n" + c.tail
		out, rules := cleanMD(t, body)
		if !strings.Contains(out, c.keep) {
			t.Errorf("%s: lost (%q):\n%s", c.name, rules, out)
		}
	}
}

func TestLastLineRelated(t *testing.T) {
	body := article + "\n\n" + article + "\nSee the survey for details.\nRelated posts\n"
	out, _ := cleanMD(t, body)
	if want := article + "\n\n" + article + "\nSee the survey for details.\n"; out != want {
		t.Errorf("got\n%q\nwant\n%q", out, want)
	}
	for _, keep := range []string{
		article + "\n\nThe two results are closely\nRelated\n",    // no sentence ends before it
		article + "\nRelated posts\n\n" + article + "\n",          // not the last paragraph
		article + "\n\n```\nsee the notes.\nRelated posts\n```\n", // code
	} {
		if out, rules := cleanMD(t, keep); out != keep {
			t.Errorf("changed (%q):\n%s", rules, out)
		}
	}
}

func TestShareShape(t *testing.T) {
	for href, want := range map[string]bool{
		"https://twitter.com/intent/tweet?url=https%3A%2F%2Fa.example%2Fp":       true,
		"https://bookmarks.example.net/save?url=https%3A%2F%2Fa.example%2Fp":     true,
		"https://www.facebook.com/sharer.php?u=https%3A%2F%2Fa.example%2Fp":      true,
		"https://social.example.org/share?text=A%20post":                         true,
		"https://a.example/2024/share-your-story/":                               false, // a post about sharing
		"https://forms.example.org/save":                                         false, // no page to share
		"https://a.example/search?url=x":                                         false,
		"https://docs.example.com/api/share?url=https%3A%2F%2Fa.example&x=1#doc": true,
	} {
		if got := shareShape([]byte(href)); got != want {
			t.Errorf("shareShape(%q) = %v", href, got)
		}
	}
}

func TestMarkdownShareLine(t *testing.T) {
	line := "[Tweet](https://twitter.com/intent/tweet?url=https%3A%2F%2Fa.example%2Fp) · [Save](https://bookmarks.example.net/save?url=https%3A%2F%2Fa.example%2Fp)"
	out, _ := cleanMD(t, article+"\n\n"+line+"\n\n"+article+"\n")
	if strings.Contains(out, "Tweet") {
		t.Errorf("share line stayed:\n%s", out)
	}
	// A sentence with a share link is the author's.
	keep := article + "\n\nIf you liked it, [tweet it](https://twitter.com/intent/tweet?url=https%3A%2F%2Fa.example%2Fp) to your friends.\n"
	if out, rules := cleanMD(t, keep); out != keep {
		t.Errorf("changed (%q):\n%s", rules, out)
	}
}
