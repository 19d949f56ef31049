package clean

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mdclean/mdclean/edit"
)

// TestBigramsStand holds bigramsStand to what articleBigrams reads: the
// text tokens before bigramsEnd, and a table sized by that offset.
func TestBigramsStand(t *testing.T) {
	md := "Read [the docs](https://example.com/p?utm_source=zebra).\n\n<p>Intro</p>\n<div id=\"x\"></div>\n<p><a href=\"https://example.com/q?utm_source=rss\">A link</a></p>\n\nShort line\n"
	at := func(s string) int { return strings.Index(md, s) }
	cut := func(s string) edit.Edit { return edit.Edit{Start: at(s), End: at(s) + len(s)} }
	tail := at("Short line")
	for _, c := range []struct {
		name  string
		edits []edit.Edit
		end   int
		want  bool
	}{
		{"no bigrams read", []edit.Edit{{Start: at("?utm"), End: at(")."), New: []byte{}}}, 0, true},
		{"a Markdown destination is text", []edit.Edit{{Start: at("https://example.com/p"), End: at(")."), New: []byte("https://example.com/p")}}, tail, false},
		{"after the article's end", []edit.Edit{cut("Short")}, tail, true},
		{"an attribute is no text", []edit.Edit{{Start: at("https://example.com/q"), End: at("\">A link"), New: []byte("https://example.com/q")}}, tail, true},
		{"an empty element between tags", []edit.Edit{cut("<div id=\"x\"></div>\n")}, tail, true},
		{"a word's bytes go", []edit.Edit{cut("Intro")}, tail, false},
		{"an edit across the end", []edit.Edit{{Start: at("Intro"), End: tail + 2}}, tail, false},
		{"the table's size moves", []edit.Edit{cut("<div id=\"x\"></div>\n")}, 1024 + 2, false},
		{"the table's size stays", []edit.Edit{cut("<div id=\"x\"></div>\n")}, 1024 + 40, true},
	} {
		body := []byte(md)
		if c.end > len(body) {
			body = append(body, bytes.Repeat([]byte("<br>"), (c.end-len(body))/4+1)...)
		}
		s := &scratch{}
		b := &bodyCleaner{d: parse(body, s, true, bytes.Count(body, []byte{'<'})), scratch: s, edits: c.edits, bigramsEnd: c.end}
		if got := b.bigramsStand(); got != c.want {
			t.Errorf("%s: bigramsStand() = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestCutBigramsStand: where the deletions cut the body's end
// (cutSettled), the headlines its walk judged related by the words of a
// link's target that the round rewrites are judged again on the output,
// where they are not related: a second round cuts them, and the round is
// not settled.
func TestCutBigramsStand(t *testing.T) {
	article := strings.Repeat("The harbour city counts its ferries every morning before the tide turns.\n\n", 3) +
		"See [the docs](https://link.juejin.cn?target=https%3A%2F%2Fexample.com%2Fdocs).\n\n"
	tail := "<p>Juejin link target</p>\n\n<p>扫码关注我们的公众号</p>\n\n<p>Juejin link target</p>\n"
	for _, end := range []string{"", "\n<div id=\"recommend_bottom\"></div>\n"} {
		src := []byte("---\ntitle: x\n---\n" + article + tail + end)
		checkShortcut(t, src, Options{Now: goldenNow})
		res, err := Document(src, Options{Now: goldenNow})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(res.Out, []byte("Juejin")) {
			t.Errorf("the headlines are kept:\n%s", res.Out)
		}
	}
}
