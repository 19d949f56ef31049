package clean

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/mdclean/mdclean/edit"
)

// naiveMayBeMarkdown is mayBeMarkdown as first written: a search per
// mark. The one-scan version must agree with it.
func naiveMayBeMarkdown(b []byte) bool {
	if bytes.IndexByte(b, '`') >= 0 || bytes.Contains(b, []byte("~~~")) || bytes.Contains(b, []byte("](")) ||
		bytes.Contains(b, []byte("]:")) || bytes.Contains(b, []byte("<http")) || bytes.Contains(b, []byte("<HTTP")) {
		return true
	}
	return hasIndentedLine(b)
}

// markdownPieces are the bytes a generated body is made of: markup, text,
// and every mark mayBeMarkdown looks for, split so that joins make them.
var markdownPieces = []string{
	"<p>", "</p>", "<div></div>", "<b>x</b>", "text", " ", "  ", "    ", "\t", "\n", "\r\n", "\n\n",
	"-", "- ", "*", "+", "#", "# ", "1", "12", ".", ")", ">", "=", "==", "~", "~~", "`", "]", "(", ":", "[",
	"<", "h", "http", "ttp", "HTTP", "<http", "<a href=\"", "\">", "x", "中文",
}

func genBody(r *rand.Rand) []byte {
	var b []byte
	for n := r.IntN(24); n >= 0; n-- {
		b = append(b, markdownPieces[r.IntN(len(markdownPieces))]...)
	}
	return b
}

func TestMayBeMarkdownScan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := genBody(r)
		if got, want := mayBeMarkdown(b), naiveMayBeMarkdown(b); got != want {
			t.Fatalf("mayBeMarkdown(%q) = %v, want %v", b, got, want)
		}
	}
}

// TestOutMayBeMarkdown checks the shortcut of Document against a full
// scan of the output: bodies without Markdown, deletions anywhere and
// rewrites of attribute values, kept when joinsMarkdown passes them.
func TestOutMayBeMarkdown(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	checked, gained := 0, 0
	for range 400000 {
		// A body of pieces, with attribute values to rewrite.
		var body []byte
		var values [][2]int
		for n := r.IntN(16); n >= 0; n-- {
			if r.IntN(6) == 0 {
				body = append(body, "<a href=\""...)
				s := len(body)
				body = append(body, "http://e.com/?utm=1"...)
				values = append(values, [2]int{s, len(body)})
				body = append(body, "\">"...)
				continue
			}
			body = append(body, markdownPieces[r.IntN(len(markdownPieces))]...)
		}
		if naiveMayBeMarkdown(body) {
			continue
		}
		const base = 7 // a front matter before the body
		src := append([]byte("---\n-\n\n"), body...)
		var be []edit.Edit
		for _, v := range values {
			if r.IntN(2) == 0 {
				news := []string{"", "http://e.com/", "a`b", "x\ny", "#", "http://e.com/]"}
				be = append(be, edit.Edit{Start: base + v[0], End: base + v[1], New: []byte(news[r.IntN(len(news))])})
			}
		}
		for n := r.IntN(4); n > 0; n-- {
			s := r.IntN(len(body) + 1)
			e := min(len(body), s+1+r.IntN(8))
			if slices.ContainsFunc(be, func(x edit.Edit) bool { return x.Start-base < e && s < x.End-base }) {
				continue
			}
			be = append(be, edit.Edit{Start: base + s, End: base + e})
		}
		if len(be) == 0 {
			continue
		}
		slices.SortFunc(be, func(x, y edit.Edit) int { return x.Start - y.Start })
		out, err := edit.Apply(src, be)
		if err != nil {
			t.Fatal(err)
		}
		outBody := out[base:]
		if at, ends := joins(be, base); joinsMarkdown(outBody, at, src[base:], ends) {
			continue
		}
		checked++
		want := mayBeMarkdown(outBody)
		if want {
			gained++
		}
		if got := outMayBeMarkdown(src, outBody, be, base); got != want {
			t.Fatalf("body %q, edits %v: outMayBeMarkdown = %v, mayBeMarkdown = %v (out %q)", body, be, got, want, outBody)
		}
	}
	if checked < 10000 || gained < 100 {
		t.Fatalf("only %d cases checked, %d that gained Markdown", checked, gained)
	}
	t.Logf("%d cases, %d gained Markdown", checked, gained)
}
