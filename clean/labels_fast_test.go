package clean

import (
	"bytes"
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// oneTagLink is the regexp oneTagLinkParts replaced: a list item's one
// link, its text and its target.
var oneTagLink = regexp.MustCompile(`^\[([^\[\]\n]+)\]\(([^)\s]+)\)$`)

// TestOneTagLinkParts holds oneTagLinkParts to oneTagLink.FindSubmatch on
// generated items: links and near-links built from the bytes that decide
// the shape (brackets, parentheses, white space, a byte that is no UTF-8,
// a multi-byte character).
func TestOneTagLinkParts(t *testing.T) {
	pieces := []string{"[", "]", "(", ")", "](", " ", "\t", "\n", "\f", "\r", "\v",
		"a", "tag", "/tags/go", "\xff", "é", "标签", "\\", "x"}
	rng := rand.New(rand.NewSource(1))
	check := func(item []byte) {
		t.Helper()
		text, target, ok := oneTagLinkParts(item)
		m := oneTagLink.FindSubmatch(item)
		if ok != (m != nil) || ok && (!bytes.Equal(text, m[1]) || !bytes.Equal(target, m[2])) {
			t.Fatalf("oneTagLinkParts(%q) = %q, %q, %v; the regexp: %q", item, text, target, ok, m)
		}
	}
	for _, s := range []string{"", "[a](b)", "[](b)", "[a]()", "[a](b) ", "[a](b)x", "[a b](c/d)",
		"[a](b c)", "[a\nb](c)", "[[a]](b)", "[a](b))", "[a](b(c)", "[\xff](\xff)"} {
		check([]byte(s))
	}
	for n := 0; n < 200000; n++ {
		var b []byte
		if rng.Intn(2) == 0 { // a link, then edits
			b = append(b, '[')
			for k := rng.Intn(4); k >= 0; k-- {
				b = append(b, pieces[rng.Intn(len(pieces))]...)
			}
			b = append(b, "]("...)
			for k := rng.Intn(4); k >= 0; k-- {
				b = append(b, pieces[rng.Intn(len(pieces))]...)
			}
			b = append(b, ')')
			if rng.Intn(4) == 0 && len(b) > 0 {
				i := rng.Intn(len(b))
				b = append(b[:i:i], append([]byte(pieces[rng.Intn(len(pieces))]), b[i:]...)...)
			}
		} else {
			for k := rng.Intn(10); k >= 0; k-- {
				b = append(b, pieces[rng.Intn(len(pieces))]...)
			}
		}
		check(b)
	}
}

// TestMayOpen holds the open edge patterns' gate (mayOpen) to
// matchLabel: no generated text that an open pattern matches is turned
// away. The texts are the patterns with their holes filled, in either
// case, with the closers and attributes their regexps allow after them,
// and edits of those.
func TestMayOpen(t *testing.T) {
	tables := compileWidgets(DefaultConfig())
	w := &tables
	open := w.openEdges.pats
	if len(open) == 0 {
		t.Fatal("no open edge patterns: the gate is not tested")
	}
	fills := []string{"", "a", "Mehr", "标签", "x y", "3", "\xff", "é", "n", "N", "기", "K", "}", "{.a}", "{#b}", "{"}
	tails := []string{"", ".", " ", " :", "…", "。", "！", "!", " {#id}", " {.c} ", "  ", "\t", "\n", "…{.x}", "x"}
	rng := rand.New(rand.NewSource(2))
	matched, gated := 0, 0
	for n := 0; n < 80000; n++ {
		p := open[rng.Intn(len(open))]
		for _, h := range []string{"{t}", "{*}", "{n}"} {
			for strings.Contains(p, h) {
				f := fills[rng.Intn(len(fills))]
				if h == "{n}" {
					f = "12"
				}
				p = strings.Replace(p, h, f, 1)
			}
		}
		switch rng.Intn(3) {
		case 0:
			p = strings.ToUpper(p)
		case 1:
			p = strings.ToLower(p)
		}
		if rng.Intn(3) == 0 { // any text
			p = ""
			for k := rng.Intn(4); k >= 0; k-- {
				p += fills[rng.Intn(len(fills))]
			}
		}
		text := p + tails[rng.Intn(len(tails))]
		if rng.Intn(4) == 0 && len(text) > 0 {
			i := rng.Intn(len(text))
			text = text[:i] + fills[rng.Intn(len(fills))] + text[i+1:]
		}
		may := w.mayOpen(text, isASCII(text))
		if !may {
			gated++
		}
		if matchLabel(w.openEdges, text) {
			matched++
			if !may {
				t.Fatalf("%q matches an open edge pattern, but mayOpen turns it away", text)
			}
		}
	}
	if matched < 10000 || gated < 5000 {
		t.Fatalf("only %d generated texts matched, %d turned away", matched, gated)
	}
	t.Logf("%d texts matched, %d turned away", matched, gated)
}
