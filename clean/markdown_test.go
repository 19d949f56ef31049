package clean

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"golang.org/x/net/html"
)

// render renders Markdown with goldmark, as Hugo does.
func render(t *testing.T, md []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := goldmark.Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// renderedParts splits rendered HTML into its link targets (href, src)
// and the rest, with the targets blanked, and its code elements' texts.
func renderedParts(s string) (targets []string, rest string, code []string) {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	depth := 0
	var cur strings.Builder
	last := ""
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			for i, a := range tok.Attr {
				if a.Key == "href" || a.Key == "src" {
					targets = append(targets, a.Val)
					last = a.Val
					tok.Attr[i].Val = "•"
				}
			}
			if tok.Data == "code" {
				depth++
				cur.Reset()
			}
		case html.EndTagToken:
			if tok.Data == "code" && depth > 0 {
				depth--
				code = append(code, cur.String())
			}
		case html.TextToken:
			if depth > 0 {
				cur.WriteString(tok.Data)
			}
			if last != "" && strings.HasPrefix(last, "http") && tok.Data == strings.ReplaceAll(last, "%20", " ") || tok.Data == last {
				tok.Data = "•" // an autolink's text is its URL
			}
		}
		b.WriteString(tok.String())
	}
	return targets, b.String(), code
}

func bodyOf(doc []byte) []byte {
	if i := bytes.Index(doc[3:], []byte("\n---\n")); bytes.HasPrefix(doc, []byte("---\n")) && i >= 0 {
		return doc[3+i+5:]
	}
	return doc
}

// TestMarkdownLinksRender renders the Markdown link golden case before and
// after with goldmark: the pages differ in nothing but the link targets
// the rules rewrote, each now the target the change names, and every
// rewritten destination still parses as one destination (titles, text
// and code unchanged).
func TestMarkdownLinksRender(t *testing.T) {
	g := loadGolden(t, filepath.Join("testdata", "golden", "md-links.txtar"))
	res, err := Document(g.in, g.opts)
	if err != nil {
		t.Fatal(err)
	}
	inT, inRest, inCode := renderedParts(render(t, bodyOf(g.in)))
	outT, outRest, outCode := renderedParts(render(t, bodyOf(res.Out)))
	if inRest != outRest {
		t.Errorf("the pages differ beyond link targets:\n in: %s\nout: %s", inRest, outRest)
	}
	if strings.Join(inCode, "\x00") != strings.Join(outCode, "\x00") {
		t.Errorf("code changed: %q -> %q", inCode, outCode)
	}
	if len(inT) != len(outT) {
		t.Fatalf("%d targets became %d", len(inT), len(outT))
	}
	changed := 0
	for i := range inT {
		if inT[i] == outT[i] {
			continue
		}
		changed++
		for _, bad := range []string{"jianshu", "zhihu", "juejin", "google.com/url", "utm_"} {
			if strings.Contains(outT[i], bad) {
				t.Errorf("target %d still wrapped or tracked: %s", i, outT[i])
			}
		}
	}
	if changed != res.Count() {
		t.Errorf("%d rendered targets changed, %d changes reported", changed, res.Count())
	}
	if changed < 6 {
		t.Errorf("only %d targets changed", changed)
	}
}

// TestCommonMarkSpecCode runs every example of the CommonMark spec (the
// spec.json that ships with goldmark's tests) through mdclean with every
// rule on, twice: as it is, and with its link targets wrapped in a
// redirector and a tracking container appended. What goldmark renders as
// code must come out the same.
func TestCommonMarkSpecCode(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil {
		t.Skipf("goldmark's module directory not found: %v", err)
	}
	raw, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "_test", "spec.json"))
	if err != nil {
		t.Skipf("no spec.json in goldmark's module: %v", err)
	}
	var examples []struct {
		Markdown string
		Example  int
	}
	if err := json.Unmarshal(raw, &examples); err != nil {
		t.Fatal(err)
	}
	opts := Options{Now: goldenNow}
	for _, r := range Rules {
		opts.Enable = append(opts.Enable, r.ID)
	}
	wrap := strings.NewReplacer("/url", "https://link.zhihu.com/?target=https%3A%2F%2Fe.com%2Furl%3Futm_source%3Dx", "/uri", "https://e.com/uri?a=1&utm_source=rss")
	withCode, edited := 0, 0
	for _, ex := range examples {
		for _, md := range []string{ex.Markdown, wrap.Replace(ex.Markdown) + "\n\n<div id=\"recommend_bottom\"></div>\n"} {
			res, err := Document([]byte(md), opts)
			if err != nil {
				continue // not a post mdclean accepts (e.g. it opens like front matter)
			}
			_, _, before := renderedParts(render(t, []byte(md)))
			_, _, after := renderedParts(render(t, res.Out))
			if len(before) > 0 {
				withCode++
			}
			if res.Changed() {
				edited++
			}
			if strings.Join(before, "\x00") != strings.Join(after, "\x00") {
				t.Errorf("example %d: code changed:\n in: %q\nout: %q\ncode before: %q\ncode after: %q", ex.Example, md, res.Out, before, after)
			}
			again, err := Document(res.Out, opts)
			if err != nil || !bytes.Equal(again.Out, res.Out) {
				t.Errorf("example %d: not idempotent: %q -> %q", ex.Example, res.Out, again.Out)
			}
		}
	}
	if withCode < 100 || edited < 100 {
		t.Errorf("the test proves little: %d runs with code, %d edited", withCode, edited)
	}
	t.Logf("%d examples, %d runs with code, %d edited, code unchanged in all", len(examples), withCode, edited)
}
