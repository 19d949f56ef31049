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
	} {
		if out, rules := cleanMD(t, keep); out != keep {
			t.Errorf("changed (%q):\n%s", rules, out)
		}
	}
}
