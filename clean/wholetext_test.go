package clean

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestWholePatHoldsToRegexp holds wholePat to wholeText's regexp: the
// same answer for every pattern of the default lists and generated ones
// (holes side by side, spaces around them, folds, closers and braces in
// them) on texts generated near them and from their pieces.
func TestWholePatHoldsToRegexp(t *testing.T) {
	c := DefaultConfig()
	var pats []string
	for _, list := range [][]string{c.Widgets.Labels, c.Widgets.Edges, c.Widgets.CopyCode, c.Widgets.Related} {
		pats = append(pats, list...)
	}
	rng := rand.New(rand.NewPCG(12, 13))
	pieces := []string{"a", "K", "k", "\u212a", "ſ", "S", "Ä", "ä", "中", "分享", " ", "  ", "\t", "\n", "\u00a0", "\v", ":", "：", ".",
		"。", "!", "…", "+", "1", "2,5", "万", "m", "W", "{", "}", "{#", "{.", "{n}", "{*}", "{t}", "{x}", "\\s", "(", "*", "é", "Σ", "σ", "ς"}
	for n := 0; n < 400; n++ {
		var b strings.Builder
		for k := rng.IntN(7); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		pats = append(pats, b.String())
	}
	pats = append(pats, "Posted by {*} at {n}", "Kelvin 5 {t}", "{t} Ärger {t}", "{n}{n}", "{*}{*}", "{t} {n} {*}", "a {t} b", ":", " . ",
		"{n}k", "{n} k", "{n}+", "Copy…", "Partager :")
	texts := labelTexts(pats, 3, 3000)
	// {*}'s bound of 60 characters, and {n}'s units, each side of them:
	// every such text against every such pattern.
	var edges []string
	for k := 55; k <= 65; k++ {
		for _, x := range []string{"x", "é", " ", "\xff"} {
			fill := strings.Repeat(x, k)
			edges = append(edges, "a"+fill+"b", fill+"b", "a"+fill, "a "+fill+" b", fill)
		}
	}
	for _, u := range []string{"k", "K", "\u212a", "m", "M", "w", "W", "万", "千", "x", "ſ", ""} {
		for _, plus := range []string{"", "+", "++"} {
			edges = append(edges, "3"+u+plus+" read", "1,2. "+u+plus+"read", "阅读 7"+u+plus, "阅读 7 "+u+plus+" :")
		}
	}
	for _, p := range []string{"a{*}b", "{*}b", "a{*}", "a {*} b", "{n} read", "阅读 {n}"} {
		re, w := regexp.MustCompile(wholeTextSource([]string{p})), newWholePat(p)
		for _, text := range edges {
			if got, want := w.match(text), re.MatchString(text); got != want {
				t.Fatalf("pattern %q, text %q: wholePat = %v, regexp %v", p, text, got, want)
			}
		}
	}
	textPieces := append(pieces[:len(pieces):len(pieces)], "12", "1,234.5", "3 k", "3k+", "3 +", "x{.c}", " {#id .c} ", "{.a{b}}",
		"Share this", "Discuss this article", "weiterlesen", "\xff", "\xe2\x80", strings.Repeat("x", 70), strings.Repeat(" ", 30))
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for k := rng.IntN(9); k >= 0; k-- {
			b.WriteString(textPieces[rng.IntN(len(textPieces))])
		}
		texts = append(texts, b.String())
	}
	yes, no := 0, 0
	for _, p := range pats {
		if strings.TrimSpace(p) == "" {
			continue
		}
		re := regexp.MustCompile(wholeTextSource([]string{p}))
		w := newWholePat(p)
		// Each pattern against texts near the others, and near itself.
		own := labelTexts([]string{p}, uint64(len(p)), 30)
		for i := 0; i < 60; i++ {
			own = append(own, texts[rng.IntN(len(texts))])
		}
		for _, text := range own {
			want := re.MatchString(text)
			if got := w.match(text); got != want {
				t.Fatalf("pattern %q, text %q: wholePat = %v, regexp %v", p, text, got, want)
			}
			if want {
				yes++
			} else {
				no++
			}
		}
	}
	if yes < 3000 || no < 3000 {
		t.Fatalf("%d matches, %d not: the inputs do not exercise both answers", yes, no)
	}
	t.Logf("%d patterns: %d matches, %d not", len(pats), yes, no)
}
