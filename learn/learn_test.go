package learn

import (
	"strings"
	"testing"
)

// TestLearnDatelines: datelines and bylines are the post's metadata,
// proposed commented out; other lines are not taken for them.
func TestLearnDatelines(t *testing.T) {
	for text, want := range map[string]bool{
		"Published {n}年{n}月{n}日 by the Road Desk": true,
		"Jan {n}th {n}":                           true,
		"{n}-{n}-{n}":                             true,
		"By Jane Doe":                             true,
		"作者 | 王小明，李华":                             true,
		"翻译：赵六":                                   true,
		"文件下载请到附件区":                               false,
		"Discuss this article in our forums":      false,
		"Bye for now from the Example Roads team": false,
	} {
		if got := datelineRe.MatchString(text); got != want {
			t.Errorf("%q: dateline %v, want %v", text, got, want)
		}
	}
}

// TestLearnTemplateOpenEnd: when the first of a template's members is all
// literal (the others add words at its end), the template is open at
// that end; the induction once read past the first member's tokens.
func TestLearnTemplateOpenEnd(t *testing.T) {
	mk := func(text string) tokShape {
		toks := tokenRe.FindAllString(text, -1)
		norm := make([]string, len(toks))
		for i, tk := range toks {
			norm[i] = strings.ToLower(strings.TrimSpace(tk))
		}
		return tokShape{s: &shapeStat{text: text}, toks: toks, norm: norm}
	}
	shapes := []tokShape{
		mk("Read the whole story on the Example Harbour site"),
		mk("Read the whole story on the Example Harbour site today"),
		mk("Read the whole story on the Example Harbour site this week"),
	}
	template(shapes, []int{0, 1, 2}) // must not panic
}
