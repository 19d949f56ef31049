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

// Substack's subscribe widget has a default text that starts with the
// publication's name ("… is a reader-supported publication. …"): a
// label that starts with a hole, told by the gates from its end
// (startGate.mayTail). It goes where it stands alone: between two
// thematic breaks, as a paragraph, an HTML paragraph, at the post's end;
// never inside the author's paragraph, nor in a block quote (as no label
// goes there: labelEvidence). The examples are written for the test.
func TestSubstackSubscribeWidgetText(t *testing.T) {
	boxes := []string{
		"Notes from the Allotment is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.",
		"The Tuesday Letter on Gardens is a reader-supported publication. To receive new posts and support our work, consider becoming a free or paid subscriber.",
		"Allotment Weekly is a reader-supported publication. To receive new posts and support my work, consider becoming a subscriber.",
	}
	for _, w := range boxes {
		for _, body := range []string{
			"# Pruning roses\n\n" + article + "\n\n---\n\n" + w + "\n\n---\n\n## Tools\n\n" + article + "\n",
			article + "\n\n" + w + "\n\n" + article + "\n",
			article + "\n\n" + w + "\n",
			"<p>" + article + "</p>\n<p>" + w + "</p>\n<p>" + article + "</p>\n",
		} {
			out, rules := cleanMD(t, body)
			if strings.Contains(out, "reader-supported") {
				t.Errorf("widget text stayed:\n%s", out)
			}
			if want := strings.Count(body, article); strings.Count(out, article) != want {
				t.Errorf("article text lost:\n%s", out)
			}
			if strings.Count(out, "---") != strings.Count(body, "---") || strings.Contains(body, "#") && !strings.Contains(out, "# Pruning roses") {
				t.Errorf("breaks or headings lost:\n%s", out)
			}
			if len(rules) != 1 || !strings.HasPrefix(rules[0], RuleWidgets) {
				t.Errorf("rules = %q, want one of %s", rules, RuleWidgets)
			}
		}
	}
	// The same words inside the author's paragraph, or with more of the
	// author's text before them than a publication's name: kept.
	for _, para := range []string{
		"The banner said that " + boxes[0] + " I did.",
		boxes[0] + " I did, the next morning.",
		"A reader wrote back after the banner at the top of the page, and quoted it to me: " + boxes[1],
		"Notes from the Allotment is a reader-supported publication. I write it on Sundays.",
		"> " + boxes[2],
	} {
		out, rules := cleanMD(t, article+"\n\n"+para+"\n\n"+article+"\n")
		if !strings.Contains(out, para) || len(rules) != 0 {
			t.Errorf("a paragraph quoting the widget lost text (%q):\n%s", rules, out)
		}
	}
}
