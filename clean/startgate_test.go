package clean

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestFoldRune holds foldRune to the least rune of each rune's
// unicode.SimpleFold orbit, for every rune.
func TestFoldRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		want := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			want = min(want, f)
		}
		if got := foldRune(r); got != want {
			t.Fatalf("foldRune(%U) = %U, want %U", r, got, want)
		}
	}
}

// gatedPatterns are the patterns of the default config that widgetBlocks
// matches a block's text against (compileWidgets' starts): all but the
// edges that start with a hole (openEdges, read in the walk back from
// the post's end).
func gatedPatterns(c *Config) []string {
	var out []string
	for _, list := range [][]string{c.Widgets.Labels, c.Widgets.Edges, c.Widgets.CopyCode, c.Widgets.Related, c.Boilerplate} {
		for _, p := range list {
			if !openPattern(p) || !slices.Contains(c.Widgets.Edges, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// labelTexts generates texts near the patterns: whole, cut, re-cased
// (the Kelvin sign and the long s among the folds), spaced otherwise,
// holes filled, closers and attribute lists after, other words before
// and after.
func labelTexts(pats []string, seed uint64, n int) []string {
	rng := rand.New(rand.NewPCG(seed, 11))
	fill := []string{"", "12", "1,234", "3.5k", "x", "某某", "Foo Bar", "{", "}", ":", " "}
	tails := []string{"", ":", "：", ".", "。", "!", "…", " {.c}", " {#id .c}", "{x}", " x", "s", "1", " 分享", "\u00a0", "\n", " :"}
	heads := []string{"", "", "", " ", "\t", "\n", "\u00a0", "x ", "1 ", "#", "{.c} "}
	var out []string
	for ; n > 0; n-- {
		p := strings.TrimSpace(pats[rng.IntN(len(pats))])
		for _, h := range holes {
			for strings.Contains(p, h) {
				p = strings.Replace(p, h, fill[rng.IntN(len(fill))], 1)
			}
		}
		rs := []rune(p)
		var b strings.Builder
		b.WriteString(heads[rng.IntN(len(heads))])
		cut := len(rs)
		if rng.IntN(4) == 0 {
			cut = rng.IntN(len(rs) + 1)
		}
		for _, r := range rs[:cut] {
			switch rng.IntN(30) {
			case 0:
				r = unicode.SimpleFold(r)
			case 1:
				r = unicode.SimpleFold(unicode.SimpleFold(r))
			case 2:
				if r == ' ' {
					continue // no space
				}
			case 3:
				if r == ' ' {
					b.WriteString(" \t")
				}
			case 4:
				b.WriteByte(' ')
			}
			b.WriteRune(r)
		}
		b.WriteString(tails[rng.IntN(len(tails))])
		if rng.IntN(3) == 0 {
			b.WriteString(tails[rng.IntN(len(tails))])
		}
		out = append(out, b.String())
	}
	return out
}

// TestStartGateHoldsToRegexps holds startGate.may and endGate.may to the
// patterns' regexps: a text one of them matches is never turned away,
// those that start with a hole (the tail trie) among them.
func TestStartGateHoldsToRegexps(t *testing.T) {
	c := DefaultConfig()
	c.Boilerplate = []string{"Posted by {*} at {n}", "Kelvin 5 {t}", "ſome label", "{n} Ärger", "Ende.",
		"{*} is a member-funded zine. Join to read every issue", "{t} gefällt das!", "{*} shared {n} times", "{*}… Ende …"}
	c.tables = nil
	w := &c.compiled().widgets
	g := &w.starts
	pats := gatedPatterns(c)
	res := make([]*regexp.Regexp, len(pats))
	for i, p := range pats {
		res[i] = wholeText([]string{p})
	}
	n := 10000
	if testing.Short() {
		n = 2000
	}
	matched, turned := 0, 0
	for _, text := range labelTexts(pats, 1, n) {
		// (endGate reads a text as the blocks' are: white space collapsed
		// and trimmed.)
		if collapsed := strings.Join(strings.Fields(text), " "); !w.ends.may(collapsed) {
			for i, re := range res {
				if re != nil && re.MatchString(collapsed) {
					t.Fatalf("ends.may(%q) = false, but pattern %q matches it", collapsed, pats[i])
				}
			}
		}
		if g.may(text) {
			for _, re := range res {
				if re != nil && re.MatchString(text) {
					matched++
					break
				}
			}
			continue
		}
		turned++
		for i, re := range res {
			if re != nil && re.MatchString(text) {
				t.Fatalf("may(%q) = false, but pattern %q matches it", text, pats[i])
			}
		}
	}
	if matched < n/8 || turned < n/4 {
		t.Fatalf("of %d texts, %d matched and %d were turned away: the inputs do not exercise the gate", n, matched, turned)
	}
	t.Logf("%d texts: %d matched, %d turned away", n, matched, turned)
}

// TestStartGateTailHoldsToRegexps holds the tail trie (mayTail) to the
// regexps of the patterns that start with a hole, on texts near them:
// one they match is never turned away, and most others are.
func TestStartGateTailHoldsToRegexps(t *testing.T) {
	pats := []string{"{*} is a member-funded zine. To read every issue, consider joining", "{t} gefällt das!", "{*} shared {n} times",
		"{*}… Ende …", "{*} ſays hi.", "{*}Kelvin", "{t} 分享到 {*} 平台", "{*}x:"}
	var g startGate
	for _, p := range pats {
		g.add(p)
	}
	if len(g.nodes) != 0 || g.tail == nil {
		t.Fatalf("open patterns in the start trie (%d nodes) or none in the tail", len(g.nodes))
	}
	res := make([]*regexp.Regexp, len(pats))
	for i, p := range pats {
		res[i] = wholeText([]string{p})
	}
	texts := labelTexts(pats, 7, 4000)
	for _, p := range pats { // their ends cut short and spaced otherwise
		texts = append(texts, strings.ReplaceAll(p, "{*}", "Weekly Paper"), strings.ReplaceAll(p, " ", ""), strings.ToUpper(p)+" {.c}")
	}
	matched, turned := 0, 0
	for _, text := range texts {
		if g.may(text) {
			for _, re := range res {
				if re.MatchString(text) {
					matched++
					break
				}
			}
			continue
		}
		turned++
		for i, re := range res {
			if re.MatchString(text) {
				t.Fatalf("may(%q) = false, but pattern %q matches it", text, pats[i])
			}
		}
	}
	if matched < len(texts)/8 || turned < len(texts)/8 {
		t.Fatalf("of %d texts, %d matched and %d were turned away: the inputs do not exercise the gate", len(texts), matched, turned)
	}
	t.Logf("%d texts: %d matched, %d turned away", len(texts), matched, turned)
}
