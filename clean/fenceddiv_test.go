package clean

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestFenceLine(t *testing.T) {
	for _, c := range []struct {
		line        string
		open, close bool
		attrs       string
	}{
		{"::: {#secondary .widget-area}", true, false, "#secondary .widget-area"},
		{":::: {.nav-links} ::::", true, false, ".nav-links"},
		{"::: warning", true, false, ".warning"},
		{":::", false, true, ""},
		{"::::::", false, true, ""},
		{"  :::", false, true, ""},
		{"::: two words", false, false, ""},
		{"::: {.a {b}}", false, false, ""},
		{":: not a fence", false, false, ""},
		{"::: : ", false, false, ""},
		{"a ::: b", false, false, ""},
	} {
		open, close, attrs := fenceLine([]byte(c.line))
		if open != c.open || close != c.close || attrs != c.attrs {
			t.Errorf("fenceLine(%q) = %v, %v, %q; want %v, %v, %q", c.line, open, close, attrs, c.open, c.close, c.attrs)
		}
	}
}

// A whole page whose fences do not pair up, or whose chrome holds code, is
// left as it is: what a div holds is unsure.
func TestFencedDivsUnsure(t *testing.T) {
	page := func(sidebar string) string {
		return "::: {#page .site}\n::: {.sidebar}\n" + sidebar + ":::\n\n::: {.entry-content}\n" + article + "\n:::\n\n::: {.site-info}\n[Powered by a CMS](https://cms.example.net/)\n:::\n:::\n"
	}
	for _, body := range []string{
		page("[Home](/)\n::: {.widget}\n"),          // the widget's div is never closed
		page("```\n:::\n```\n[Home](/)\n"),          // a fence inside code is no fence
		"::: {.yarpp-related}\n" + article + "\n",   // never closed
		page("[Home](/)\n\n    go build ./...\n\n"), // an indented code block in the sidebar
	} {
		out, rules := cleanMD(t, body)
		if strings.Contains(body, "go build") {
			// The sidebar holds an indented code block: the div stays, the
			// footer goes.
			if !strings.Contains(out, "go build") || strings.Contains(out, "Powered by") {
				t.Errorf("code in chrome (%q):\n%s", rules, out)
			}
			continue
		}
		if strings.Contains(body, "```") {
			// Paired once the code is skipped: the chrome goes, the code
			// with it is not edited (it is inside the sidebar: left alone).
			if !strings.Contains(out, "```\n:::\n```") {
				t.Errorf("code edited (%q):\n%s", rules, out)
			}
			continue
		}
		if out != body {
			t.Errorf("unpaired fences changed (%q):\n%s", rules, out)
		}
	}
}

// A widget class's div in the middle of a post goes only when it holds
// nothing but labels; one that holds a sentence stays.
func TestFencedWidgetDiv(t *testing.T) {
	gone := article + "\n\n::: {.sharedaddy .sd-sharing-enabled}\nShare this:\n\n[Mastodon](https://toot.example.net/share?text=x)\n:::\n\n" + article + "\n"
	out, rules := cleanMD(t, gone)
	if strings.Contains(out, "Share this") || strings.Count(out, article) != 2 {
		t.Errorf("share widget div (%q):\n%s", rules, out)
	}
	stays := article + "\n\n::: {.yarpp-related}\nThe plugin that builds related lists was slow on this site, so I switched it off last year.\n:::\n\n" + article + "\n"
	if out, rules := cleanMD(t, stays); out != stays {
		t.Errorf("a sentence in a widget-classed div changed (%q):\n%s", rules, out)
	}
}

// TestIndexTagMark holds indexTagMark to bytes.Index on generated texts
// of the mark's pieces (brackets side by side, a brace without its
// bracket, the mark cut short).
func TestIndexTagMark(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 15))
	pieces := []string{"]", "]]", "{", "{.tags-links}", "]{.tags-links}", "]{.tags-link", "x", "[a](b)", " ", "\n", "{.tags-links", "é"}
	found := 0
	for n := 0; n < 50000; n++ {
		var sb strings.Builder
		for k := rng.IntN(8); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		b := []byte(sb.String())
		want := bytes.Index(b, []byte(tagMark))
		if got := indexTagMark(b); got != want {
			t.Fatalf("indexTagMark(%q) = %d, want %d", b, got, want)
		}
		if want >= 0 {
			found++
		}
	}
	if found < 5000 || found > 45000 {
		t.Fatalf("%d of 50000 texts hold the mark: the inputs do not exercise both answers", found)
	}
}
