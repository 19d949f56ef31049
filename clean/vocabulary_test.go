package clean

import (
	"slices"
	"strings"
	"testing"
)

// TestVocabularyLanguages checks that the generated vocabulary holds a
// translated string of each source in each language it covers (one
// example a language; the per-entry tests in widgets_test.go run every
// entry).
func TestVocabularyLanguages(t *testing.T) {
	c := DefaultConfig()
	for _, w := range []struct {
		lang, list, pattern string
	}{
		{"de", "labels", "Teilen mit:"},
		{"es", "labels", "Comparte esto:"},
		{"fr", "labels", "Partager :"},
		{"ja", "labels", "共有:"},
		{"ko", "edges", "{n}개의 댓글"},
		{"pt", "edges", "O post {t} apareceu primeiro em {t}."},
		{"ru", "edges", "{n} комментариев"},
		{"zh-Hans", "edges", "{t}最先出现在{t}。"},
		{"zh-Hant", "related", "相關文章"},
		{"en", "edges", "The post {t} appeared first on {t}."},
	} {
		var list []string
		switch w.list {
		case "labels":
			list = c.Widgets.Labels
		case "edges":
			list = c.Widgets.Edges
		case "related":
			list = c.Widgets.Related
		}
		if !slices.Contains(list, w.pattern) {
			t.Errorf("%s: widgets.%s lacks %q", w.lang, w.list, w.pattern)
		}
	}
}

// TestFeedFooterLines: a feed item's footer, loose lines between <br>s
// at the end of an HTML body.
func TestFeedFooterLines(t *testing.T) {
	body := "<p>" + article + "</p>\n<br/>The post <a href=\"https://blog.example.org/2024/05/a-long-walk-along-the-old-canal-from-the-harbour-to-the-mill/\">A Long Walk Along the Old Canal, From the Harbour to the Mill and Back Again</a> appeared first on <a href=\"https://blog.example.org\">Example Blog</a>.<br/><br/><a href=\"https://forum.example.org/t/1\">Discuss this article</a> in the forum<br/>\n"
	out, rules := cleanAs(t, "post.html", body)
	if strings.Contains(out, "appeared first") || strings.Contains(out, "Discuss") {
		t.Errorf("footer lines stayed (%q):\n%s", rules, out)
	}
	if !strings.Contains(out, article) {
		t.Errorf("article lost:\n%s", out)
	}
	// The same words in the middle of the article stay.
	mid := "<p>" + article + "</p>\n<br/>Discuss this article with your class<br/>\n<p>" + article + "</p>\n"
	if out, rules := cleanAs(t, "post.html", mid); out != mid {
		t.Errorf("changed in the middle (%q):\n%s", rules, out)
	}
}
