package clean

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/frontmatter"
)

// attrURLs are href values (as written) that the link rules rewrite, to
// targets plain and not: parentheses, a backtick, brackets, quotes, a
// star, a share endpoint, old values that are not plain, a value long enough that a link text holding
// it passes goldmark's 999 bytes until it is rewritten.
var attrURLs = []string{
	"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2Fa",
	"https://example.com/a?utm_source=x&amp;id=3",
	"https://example.com/a?utm_source=x",
	"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2Fa_(b)",
	"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2F%60x%60",
	"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2F%5Bx%5D",
	"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2Fx%22y",
	"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2Fx%27y",
	"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2F*x*",
	"https://links.jianshu.com/go?to=https%3A%2F%2Ftwitter.com%2Fintent%2Ftweet%3Furl%3Dx",
	"https://example.com/" + strings.Repeat("a", 960) + "?utm_source=x&utm_medium=y",
	"https://example.com/a?utm_source=`x`", "https://example.com/a?utm_source=x]", "https://example.com/a?utm_source=--&gt;",
	"https://example.com/a?utm_source=x%0A&utm_medium=*_y_*",
}

// mdURLs are Markdown destinations that the link rules rewrite, to
// targets that mdDestination spells with "\&" or with other escapes.
var mdURLs = []string{
	"https://link.juejin.cn/?target=https%3A%2F%2Fexample.com%2Fx%3Fa%3D1%26b%3D2",
	"https://link.juejin.cn/?target=https%3A%2F%2Fexample.com%2Fx%3Fnot%3D1%26copy%3D2%26lt",
	"https://example.com/x?a=1&utm_source=x&b=2",
	"https://link.juejin.cn/?target=https%3A%2F%2Fexample.com%2Fa_(b)%26c",
	"https://link.juejin.cn/?target=https%3A%2F%2Fexample.com%2Fa%5C%26b",
	"https://link.juejin.cn/?target=https%3A%2F%2Fexample.com%2Fa%26%60b%60",
	"https://link.juejin.cn/?target=https%3A%2F%2Fexample.com%2Fa%26%5Cb%5D",
}

// mdAttrPieces are what the lines of the generated bodies are made of:
// the starts of blocks and containers, inline marks, raw HTML that may
// swallow a tag, and a reference definition whose label a rewritten tag
// may come to match.
var mdAttrPieces = []string{
	"text", "x", "中文", " ", "<p>", "</p>", "<div>", "</div>", "<b>", "`", "[", "]", "](https://example.com/u)",
	"]: /u", "*", "_", "\\", "<!--", "-->", "'", "\"", "(", ")", "<", ">", "<?", "?>", "<pre>", "</pre>", "~~~",
	"[<a href=\"https://example.com/a\">]: /u", "[<a href=\"https://example.com/a\">]",
}

var mdAttrStarts = []string{"", "", "", "    ", "> ", "- ", "1. ", "# ", "```", "<div>", "<p>", "[r]: /u '", "<a href=\"x\" ", "<!-- "}

// TestMdAttrSettled holds mdAttrSettled and mdRewriteSettled to the truth
// on generated Markdown bodies holding <a> tags and Markdown links to
// rewrite: when cleanBody calls such a body
// settled, the rules run again on its output change nothing, and the
// output parses as the input did (the same tree, raw HTML aside: the same
// blocks, texts, links and code).
func TestMdAttrSettled(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	n := 10000
	if testing.Short() {
		n = 6000
	}
	settled, changed := 0, 0
	for range n {
		var body []byte
		tags := 0 // one tag a body, mostly: one unsettled tag hides what another's verdict is worth
		for lines := 1 + r.IntN(6); lines > 0; lines-- {
			body = append(body, mdAttrStarts[r.IntN(len(mdAttrStarts))]...)
			for k := r.IntN(6); k >= 0; k-- {
				if r.IntN(3+9*tags) == 0 {
					tags++
					if r.IntN(2) == 0 {
						// A Markdown link, a link around an image or a beacon,
						// a reference, a link after a backtick that a new one
						// could close.
						w := []string{"[t](%s)", "[t](%s \"title\")", "[t](<%s>)", "[![i](https://example.com/i.png)](%s)", "[![](https://hm.baidu.com/hm.gif)](%s)", "\n\n[r]: %s\n\n[t][r]", "`[t](%s)"}[r.IntN(7)]
						body = fmt.Appendf(body, w, mdURLs[r.IntN(len(mdURLs))])
						continue
					}
					// A tag, alone, closed, or in brackets: a link's text,
					// a reference's label.
					q := []string{"\"", "\"", "'", ""}[r.IntN(4)]
					w := []string{"%s", "%s", "%st</a>", "[%s](https://example.com/u)", "[%st</a>](https://example.com/u)", "[%s]", "[%s][]"}[r.IntN(7)]
					body = fmt.Appendf(body, w, fmt.Sprintf("<a href=%s%s%s>", q, attrURLs[r.IntN(len(attrURLs))], q))
					continue
				}
				body = append(body, mdAttrPieces[r.IntN(len(mdAttrPieces))]...)
			}
			body = append(body, []string{"\n", "\n", "\n\n"}[r.IntN(3)]...)
		}
		// Text that keeps the tail and label rules from deciding by
		// where the tags stand.
		body = append([]byte("The article says what it has to say in a sentence of `code`.\n\n"), body...)
		src := append([]byte("---\ntitle: x\n---\n"), body...)
		fb, _ := frontmatter.Split(src)
		be, _, md, ok := cleanBody(src, fb.Body, DefaultConfig(), defaultRuleSet(), true)
		if len(be) == 0 || md == nil {
			continue
		}
		out, err := edit.Apply(src, be)
		if err != nil {
			t.Fatal(err)
		}
		// A body cut at its end (cutSettled) parses as the part before
		// the cut did; one whose edits are all rewrites, as it did.
		cut := len(src)
		for _, e := range be {
			if e.New == nil {
				cut = min(cut, e.Start)
			}
		}
		same := mdShape(src[fb.Body:cut]) == mdShape(out[fb.Body:])
		if !same {
			changed++
		}
		if !ok {
			continue
		}
		settled++
		if !same {
			t.Fatalf("settled, but the parse changed:\n in: %q\nout: %q", src[fb.Body:], out[fb.Body:])
		}
		if again, _, _, _ := cleanBody(out, fb.Body, DefaultConfig(), defaultRuleSet(), true); len(again) > 0 {
			t.Fatalf("settled, but a second round edits %v:\n in: %q\nout: %q", again, src[fb.Body:], out[fb.Body:])
		}
		if same, _ := sameCode(src[fb.Body:], md.code, out[fb.Body:], true); !same {
			t.Fatalf("settled, but the code changed:\n in: %q\nout: %q", src[fb.Body:], out[fb.Body:])
		}
	}
	t.Logf("%d bodies: %d settled, %d whose parse the edits changed", n, settled, changed)
	if settled < n/20 || changed < n/200 {
		t.Fatalf("of %d bodies, only %d settled and %d whose parse the edits changed", n, settled, changed)
	}
}

// mdShape describes the CommonMark parse of body: its nodes in order,
// with their texts, destinations and code, and raw HTML as "raw" (its
// bytes are what the link rules rewrite), as a destination that reads as
// a URL.
func mdShape(body []byte) string {
	var sb strings.Builder
	dest := func(d []byte) string {
		if _, ok := webURL(string(d)); ok && !bytes.ContainsAny(d, " \t\n<>") {
			return "url"
		}
		return string(d)
	}
	doc := mdParser().Parse(text.NewReader(body))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			sb.WriteString(")")
			return ast.WalkContinue, nil
		}
		sb.WriteString("(" + n.Kind().String())
		switch n := n.(type) {
		case *ast.RawHTML:
			sb.WriteString(" raw")
		case *ast.HTMLBlock:
			fmt.Fprintf(&sb, " %d lines", n.Lines().Len())
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			fmt.Fprintf(&sb, " %q", n.Segment.Value(body))
		case *ast.String:
			fmt.Fprintf(&sb, " %q", n.Value)
		case *ast.Link:
			fmt.Fprintf(&sb, " %q %q", dest(n.Destination), n.Title)
		case *ast.Image:
			fmt.Fprintf(&sb, " %q %q", dest(n.Destination), n.Title)
		case *ast.AutoLink:
			fmt.Fprintf(&sb, " %q", n.URL(body))
		case *ast.Heading:
			fmt.Fprintf(&sb, " %d", n.Level)
		case *ast.LinkReferenceDefinition:
			fmt.Fprintf(&sb, " %q %q %q", n.Label, dest(n.Destination), n.Title)
		}
		switch n.(type) {
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				l := n.Lines().At(i)
				fmt.Fprintf(&sb, " %q", l.Value(body))
			}
		}
		return ast.WalkContinue, nil
	})
	return sb.String()
}

// TestMdAttrGolden: the golden case of HTML links in a Markdown body is
// settled after one round, the one whose tags stand in brackets is not,
// and either way the shortcut gives the full run's result.
func TestMdAttrGolden(t *testing.T) {
	for file, want := range map[string]bool{"md-html-links.txtar": true, "md-html-links-label.txtar": false} {
		g := loadGolden(t, filepath.Join("testdata", "golden", file))
		fb, _ := frontmatter.Split(g.in)
		_, _, md, settled := cleanBody(g.in, fb.Body, DefaultConfig(), defaultRuleSet(), true)
		if md == nil || settled != want {
			t.Errorf("%s: parsed as Markdown %v, settled %v, want %v", file, md != nil, settled, want)
		}
		res, _ := Document(g.in, g.opts)
		every := g.opts
		every.everyRound = true
		if full, _ := Document(g.in, every); !bytes.Equal(res.Out, full.Out) || len(res.Changes) != len(full.Changes) {
			t.Errorf("%s: the shortcut gives\n%s\nthe full run\n%s", file, res.Out, full.Out)
		}
	}
}

// TestMdPlainDest holds mdPlainDest and the table of mdPlainURL to their
// definitions on generated strings: every byte a letter, a digit or one
// of "/.:?=&%+,;@#-_", and for a destination also "\&".
func TestMdPlainDest(t *testing.T) {
	naive := func(s []byte) bool {
		for _, c := range s {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("/.:?=&%+,;@#-_", c) >= 0) {
				return false
			}
		}
		return true
	}
	for c := range 256 {
		if got, want := mdPlainURL([]byte{byte(c)}), naive([]byte{byte(c)}); got != want {
			t.Fatalf("mdPlainURL(%q) = %v, want %v", byte(c), got, want)
		}
	}
	r := rand.New(rand.NewPCG(5, 9))
	const alphabet = "ab0/&\\()`_ "
	for range 100000 {
		s := make([]byte, r.IntN(8))
		for i := range s {
			s[i] = alphabet[r.IntN(len(alphabet))]
		}
		if got, want := mdPlainDest(s), naive(bytes.ReplaceAll(s, []byte(`\&`), []byte("&"))); got != want || mdPlainDest(string(s)) != want {
			t.Fatalf("mdPlainDest(%q) = %v, want %v", s, got, want)
		}
	}
}
