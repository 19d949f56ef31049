package clean

import (
	"strings"
	"testing"
)

// Substack's editor inserts a share widget into a post with a default
// text naming the publication, followed by its button; an export to
// Markdown keeps the text as a paragraph of its own and the button as a
// link. The example is written for the test.
func TestSubstackShareWidgetText(t *testing.T) {
	for _, w := range []string{
		"Thanks for reading The Tuesday Letter on Gardens! This post is public so feel free to share it.",
		"Thank you for reading Notes from the Allotment. This post is public so feel free to share it.",
	} {
		body := "# Pruning roses\n\n" + article + "\n\n" + w + "\n\n[Share](https://gardens.example.com/p/pruning-roses?action=share)\n\n" + article + "\n"
		out, rules := cleanMD(t, body)
		if strings.Contains(out, w) {
			t.Errorf("widget text stayed:\n%s", out)
		}
		if strings.Count(out, article) != 2 || !strings.Contains(out, "# Pruning roses") {
			t.Errorf("article text lost:\n%s", out)
		}
		if len(rules) == 0 || !strings.HasPrefix(rules[0], RuleWidgets) {
			t.Errorf("rules = %q, want %s", rules, RuleWidgets)
		}
	}
	// The same words inside a paragraph of the author's: kept.
	para := "A reader wrote back after the banner that said Thanks for reading The Tuesday Letter on Gardens! This post is public so feel free to share it. She did."
	out, _ := cleanMD(t, article+"\n\n"+para+"\n")
	if !strings.Contains(out, para) {
		t.Errorf("a paragraph quoting the widget lost text:\n%s", out)
	}
}
