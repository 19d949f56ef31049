package clean

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The seed's fast paths in the tail rule, held to the general answers
// they replace on many generated inputs.

func TestLastRuneKeepsAnswers(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	pieces := append([]string{"\xe0\x80\x80", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xed\xa0\x80", "\xef\xbf\xbf", "\xe4\xb8", "\x80", "\xbf\xbf", "\xf0\x9f\x98"}, textPieces...)
	for n := 0; n < 300000; n++ {
		s := randomText(rng, pieces, 4)
		if rng.IntN(4) == 0 {
			s += string([]byte{byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(256))}[:rng.IntN(4)])
		}
		r, size := lastRune(s)
		wr, wsize := utf8.DecodeLastRuneInString(s)
		if r != wr || size != wsize {
			t.Fatalf("lastRune(%q) = %q, %d, want %q, %d", s, r, size, wr, wsize)
		}
	}
	for _, s := range []string{"", "a", "中", "\xe4\xb8\xad", "\xed\xa0\x80", "\xe0\x80\xaf"} {
		r, size := lastRune(s)
		wr, wsize := utf8.DecodeLastRuneInString(s)
		if r != wr || size != wsize {
			t.Fatalf("lastRune(%q) = %q, %d, want %q, %d", s, r, size, wr, wsize)
		}
	}
}

// findSlow is phraseSet.find as it was: each phrase of class searched
// for with strings.Index, all sorted stably by position.
func (s *phraseSet) findSlow(text string, class phraseClass) []phraseAt {
	var out []phraseAt
	for _, list := range [][]phrase{s.short, s.long} {
		for _, p := range list {
			if p.class&class == 0 {
				continue
			}
			for i := 0; ; {
				j := strings.Index(text[i:], p.text)
				if j < 0 {
					break
				}
				out = append(out, phraseAt{i + j, p.text})
				i += j + len(p.text)
			}
		}
	}
	slices.SortStableFunc(out, func(x, y phraseAt) int { return x.at - y.at })
	return out
}

func TestPhraseSetFindKeepsAnswers(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	// Phrases that overlap themselves ("aaa", "abab"), prefixes of each
	// other, repeated in one list and in two, and broken characters.
	alphabet := []string{"a", "b", "A", "©", "中", "文", " ", "é", "\xe4\xb8", "\xbf", "\xad"}
	for round := 0; round < 400; round++ {
		var s phraseSet
		lists := 1 + rng.IntN(4)
		var pool []string
		for l := 0; l < lists; l++ {
			class := phraseClass(1) << rng.IntN(3)
			var pats []string
			for k := rng.IntN(20); k >= 0; k-- {
				if len(pool) > 0 && rng.IntN(4) == 0 {
					pats = append(pats, pool[rng.IntN(len(pool))])
					continue
				}
				p := randomText(rng, alphabet, 5)
				pats = append(pats, p)
				pool = append(pool, p)
			}
			s.add(pats, class)
		}
		for k := 0; k < 100; k++ {
			text := randomText(rng, append(alphabet, "aaaa", "abab", "\xe4\xb8\xad"), 30)
			class := phraseClass(1+rng.IntN(7)) & (classCopyright | classPromo | classCredit)
			if got, want := s.find(text, class), s.findSlow(text, class); !slices.Equal(got, want) {
				t.Fatalf("find(%q, %b) = %v, want %v", text, class, got, want)
			}
		}
	}
	// The default lists on texts of their own phrases.
	cfg := DefaultConfig()
	s := &cfg.compiled().phrases
	for k := 0; k < 20000; k++ {
		pieces := append(append(append([]string{" ", "2021", "中文", "a"}, cfg.Tail.Copyright...), cfg.Tail.Promo...), cfg.Tail.Credits...)
		text := randomText(rng, pieces, 8)
		for _, class := range []phraseClass{classCopyright, classPromo, classCredit} {
			if got, want := s.find(text, class), s.findSlow(text, class); !slices.Equal(got, want) {
				t.Fatalf("find(%q, %b) = %v, want %v", text, class, got, want)
			}
		}
	}
}

func TestHasURLKeepsAnswers(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	pieces := []string{"http", "https", "://", ":/", "/", "w", "ww", "www", ".", "中", "a", " ", "s", "h", "t", "p", ":"}
	yes := 0
	for n := 0; n < 200000; n++ {
		s := randomText(rng, pieces, 12)
		want := strings.Contains(s, "http://") || strings.Contains(s, "https://") || strings.Contains(s, "www.")
		if got := hasURL(s); got != want {
			t.Fatalf("hasURL(%q) = %v, want %v", s, got, want)
		}
		if want {
			yes++
		}
	}
	if yes < 1000 {
		t.Fatalf("only %d URLs", yes)
	}
}

// captionAtSlow is captionAt as it was: the token before the block by
// sort.Search, the text before it trimmed with bytes.TrimRight.
func (b *bodyCleaner) captionAtSlow(bl *block) bool {
	if bl.kind == blockCaption {
		return true
	}
	for e := bl.parent; e >= 0; e = b.d.elems[e].parent {
		if t := b.d.elems[e].tag; t == atom.Figure || t == atom.Figcaption {
			return true
		}
	}
	toks := b.d.toks
	k := sort.Search(len(toks), func(i int) bool { return toks[i].start >= bl.start }) - 1
	for n := 0; k >= 0 && n < 16; k, n = k-1, n+1 {
		t := toks[k]
		switch t.kind {
		case html.TextToken:
			text := bytes.TrimRight(b.d.src[t.start:min(t.end, bl.start)], " \t\r\n")
			if len(text) == 0 {
				continue
			}
			if bl.elem != mdLeaf {
				return false
			}
			line := text[bytes.LastIndexByte(text, '\n')+1:]
			line = bytes.TrimLeft(line, " \t>")
			return (bytes.HasPrefix(line, []byte("![")) || bytes.HasPrefix(line, []byte("[!["))) && bytes.HasSuffix(line, []byte(")"))
		case html.StartTagToken, html.SelfClosingTagToken:
			if t.tag == atom.Img {
				return t.elem < 0 || b.trackingKind(int(t.elem)).what == ""
			}
		case html.EndTagToken:
			if t.tag == atom.Figure || t.tag == atom.Picture {
				return true
			}
		}
	}
	return false
}

func TestCaptionAtKeepsAnswers(t *testing.T) {
	cfg := DefaultConfig()
	rng := rand.New(rand.NewPCG(17, 18))
	bodies := widgetBodies(3, 4000)
	// Markdown bodies: images, text and HTML around paragraphs.
	lines := []string{"![a](p.png)", "[![a](p.png)](x)", "> ![a](p.png)", "Some text", "中文 ", "<p>x</p>", "<img src=\"i.png\">",
		"<figure><img src=\"i.png\"></figure>", "  \t", "Photo © Agency", "<div>\n", "</div>"}
	for n := 0; n < 2000; n++ {
		var sb strings.Builder
		for k := rng.IntN(8); k >= 0; k-- {
			sb.WriteString(lines[rng.IntN(len(lines))])
			sb.WriteString([]string{"\n", "\n\n", " ", "\r\n"}[rng.IntN(4)])
		}
		bodies = append(bodies, []byte(sb.String()))
	}
	yes, checked := 0, 0
	for i, body := range bodies {
		md := i >= 4000
		s := scratchPool.Get().(*scratch)
		b := &bodyCleaner{d: parse(body, s, md, bytes.Count(body, []byte{'<'})), scratch: s, cfg: cfg, tables: cfg.compiled()}
		b.d.markdownBody = md
		for _, bl := range b.blocks() {
			got, want := b.captionAt(&bl), b.captionAtSlow(&bl)
			if got != want {
				t.Fatalf("body %q, block %q: captionAt = %v, want %v", body, body[bl.start:bl.end], got, want)
			}
			checked++
			if got {
				yes++
			}
		}
		s.release()
	}
	if checked < 10000 || yes < 1000 {
		t.Fatalf("only %d blocks, %d captions", checked, yes)
	}
	t.Logf("%d blocks, %d captions", checked, yes)
}

func TestTrimmedLenKeepsAnswers(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	pieces := append([]string{"\u1680", "\u2028", "\u202f", "\u205f", "\u3001", "\ufeff", "\xed\xa0\x80", "\xe3\x80", "\xe3\x80\x80\x80",
		"\xe1\x9a\x80", "\xc2\x85", "\xc2", "\xf0\x9f\x98\x80", "\xe0\xa0\x80", "\u0800", "\u0fff", "\u4e00", "\uffff"}, textPieces...)
	for n := 0; n < 300000; n++ {
		s := []byte(randomText(rng, pieces, 6))
		if rng.IntN(4) == 0 {
			s = append(s, byte(rng.IntN(256)))
		}
		if rng.IntN(4) == 0 {
			s = append([]byte{byte(rng.IntN(256))}, s...)
		}
		if got, want := trimmedLen(s), len(bytes.TrimSpace(s)); got != want {
			t.Fatalf("trimmedLen(%q) = %d, want %d", s, got, want)
		}
	}
}
