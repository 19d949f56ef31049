package clean

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// tokenDump lists the tokens of src as x/net/html's Tokenizer returns
// them (xnet) or as tokenizer does: type and raw range each. cdata says,
// after each token (by its index and type), whether CDATA is allowed
// from there on: both tokenizers are steered alike, as parseWith steers
// its own.
func tokenDump(src []byte, xnet bool, cdata func(i int, tt html.TokenType) bool) string {
	var sb strings.Builder
	if xnet {
		z := html.NewTokenizer(bytes.NewReader(src))
		pos := 0
		for i := 0; ; i++ {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			n := len(z.Raw())
			fmt.Fprintf(&sb, "%v[%d:%d] ", tt, pos, pos+n)
			pos += n
			z.AllowCDATA(cdata(i, tt))
		}
		return sb.String()
	}
	z := tokenizer{buf: src}
	for i := 0; ; i++ {
		tt := z.next()
		if tt == html.ErrorToken {
			break
		}
		fmt.Fprintf(&sb, "%v[%d:%d] ", tt, z.start, z.end)
		z.allowCDATA = cdata(i, tt)
	}
	return sb.String()
}

// tokenPieces make inputs that reach every state of the tokenizer: tags
// with and without attributes, quotes and "/", raw text elements and
// their near-end tags, script's escape states, comments' odd ends,
// doctypes, CDATA, processing instructions, truncations.
var tokenPieces = []string{
	"<", ">", "/", "/>", "</", "<!", "<?", "!", "?", "-", "--", "=", "'", "\"", " ", "\t", "\n", "\r", "\f", "\x00",
	"a", "B", "x", "é", "\xff", "text ", "1",
	"<a", "<A", "<p>", "</p>", "<p", "<div class=\"x\">", "</div>", "<a href='u'>", "</a>", "<br/>", "<img src=x/>",
	"<p a=/>", "<p a=\"/\"/>", "<p a a=/>", "<p A=1 a=/>", "<p =a/>", "<p a= />", "<p a/>", "<p a =b>", "<x-y z>",
	"<svg>", "</svg>", "<math>", "</math>", "<![CDATA[", "]]>", "]]", "]",
	"<!--", "-->", "--!>", "<!-->", "<!--->", "--!", "<!- ", "</>", "</ a>", "</1>",
	"<!DOCTYPE", "<!doctype html>", "<!DOCTYP", "<!DOC", "<![CDAT",
	"<script>", "</script>", "<SCRIPT>", "</SCRIPT ", "</script", "<script ", "<script/>", "<!--<script>", "</scriptx>", "<scr",
	"<style>", "</style>", "<title>", "</title>", "<textarea>", "</textarea>", "<xmp>", "</xmp>",
	"<iframe>", "</iframe>", "<noscript>", "</noscript>", "<noembed>", "</noembed>", "<noframes>", "</noframes>",
	"<plaintext>", "<PlainText>", "<TITLE>", "</Title/", "</title\t",
}

func randomTokenInput(r *rand.Rand) []byte {
	var src []byte
	for n := r.IntN(24); n >= 0; n-- {
		src = append(src, tokenPieces[r.IntN(len(tokenPieces))]...)
	}
	return src
}

// TestTokenizerMatchesXNet holds tokenizer to html.Tokenizer on many
// generated inputs, under three CDATA policies (never, always, and
// switched at random), and on the corpus posts where present.
func TestTokenizerMatchesXNet(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 8))
	never := func(int, html.TokenType) bool { return false }
	always := func(int, html.TokenType) bool { return true }
	n := 60000
	if testing.Short() {
		n = 15000
	}
	for range n {
		src := randomTokenInput(r)
		seed := r.Uint64()
		random := func(i int, tt html.TokenType) bool { return (seed>>(uint(i)%64))&1 == 1 }
		for _, cdata := range []func(int, html.TokenType) bool{never, always, random} {
			want, got := tokenDump(src, true, cdata), tokenDump(src, false, cdata)
			if got != want {
				t.Fatalf("tokens of %q:\n got %s\nwant %s", src, got, want)
			}
		}
	}
	for _, dir := range []string{devCorpus, filepath.Join(filepath.Dir(devCorpus), "dev2")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			want, got := tokenDump(src, true, never), tokenDump(src, false, never)
			if got != want {
				t.Fatalf("tokens of %s differ:\n got %.400s\nwant %.400s", f, got, want)
			}
		}
	}
}

// FuzzTokenizer: tokenizer and html.Tokenizer split any input alike.
func FuzzTokenizer(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		f.Add(randomTokenInput(r), uint64(r.Uint64()))
	}
	f.Fuzz(func(t *testing.T, src []byte, seed uint64) {
		cdata := func(i int, tt html.TokenType) bool { return (seed>>(uint(i)%64))&1 == 1 }
		if got, want := tokenDump(src, false, cdata), tokenDump(src, true, cdata); got != want {
			t.Fatalf("tokens of %q:\n got %s\nwant %s", src, got, want)
		}
	})
}
