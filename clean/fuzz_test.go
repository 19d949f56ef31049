package clean

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
)

// FuzzDocument checks the properties every rule must keep, on any input:
// no panic; cleaning is idempotent; no reported change means the output is
// the input, byte for byte. It is seeded from every golden case.
func FuzzDocument(f *testing.F) {
	for _, file := range goldenFiles(f) {
		g := loadGolden(f, file)
		f.Add(g.in)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		opts := Options{Now: goldenNow}
		orig := append([]byte(nil), src...)
		res, err := Document(src, opts)
		if !bytes.Equal(src, orig) {
			t.Fatalf("Document modified its input")
		}
		if err != nil {
			return
		}
		if !res.Changed() && !bytes.Equal(res.Out, src) {
			t.Fatalf("no change reported but output differs:\n in: %q\nout: %q", src, res.Out)
		}
		// The output is never larger than the input plus what the changes
		// wrote: nothing is duplicated or invented.
		written := 0
		for _, c := range res.Changes {
			written += len(c.After)
		}
		if len(res.Out) > len(src)+written {
			t.Fatalf("output %d bytes > input %d + rewrites %d:\n in: %q\nout: %q", len(res.Out), len(src), written, src, res.Out)
		}
		again, err := Document(res.Out, opts)
		if err != nil {
			t.Fatalf("cleaned output fails to clean: %v\n in: %q\nout: %q", err, src, res.Out)
		}
		if !bytes.Equal(again.Out, res.Out) {
			t.Fatalf("not idempotent:\n in: %q\nout: %q\nagain: %q\nchanges: %s", src, res.Out, again.Out, formatChanges(again.Changes))
		}
	})
}

// FuzzBody checks the body cleaner: no panic, idempotent, and with only
// the deleting rules on, the output is a subsequence of the input.
func FuzzBody(f *testing.F) {
	for _, file := range goldenFiles(f) {
		g := loadGolden(f, file)
		f.Add(g.in)
	}
	f.Add([]byte("<div><p>a ( 完 ) </p><p>标题一二三四五六</p><p>标题二三四五六七</p><p>Copyright x</p><div id=\"recommend_bottom\"></div></div>"))
	f.Add([]byte("<p>x</p>\n```\n<div id=\"article_bottom\"></div>\n```\n<textarea><div id=\"article_bottom\"></div>"))
	deleting := Options{Now: goldenNow, Disable: []string{"redirect-link", "tracking-params", "yaml-syntax", "invalid-date", "portable-date"}}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := append([]byte(nil), src...)
		res, err := Document(src, deleting)
		if !bytes.Equal(src, orig) {
			t.Fatalf("Document modified its input")
		}
		if err != nil {
			return
		}
		if !isSubsequence(res.Out, src) {
			t.Fatalf("deleting rules produced bytes not in the input:\n in: %q\nout: %q", src, res.Out)
		}
		again, err := Document(res.Out, deleting)
		if err != nil || !bytes.Equal(again.Out, res.Out) {
			t.Fatalf("not idempotent (err %v):\n in: %q\nout: %q\nagain: %q", err, src, res.Out, again.Out)
		}
		all := Options{Now: goldenNow}
		res, err = Document(src, all)
		if err != nil {
			return
		}
		again, err = Document(res.Out, all)
		if err != nil || !bytes.Equal(again.Out, res.Out) {
			t.Fatalf("not idempotent with all rules (err %v):\n in: %q\nout: %q\nagain: %q", err, src, res.Out, again.Out)
		}
	})
}

func isSubsequence(sub, s []byte) bool {
	i := 0
	for j := 0; j < len(s) && i < len(sub); j++ {
		if sub[i] == s[j] {
			i++
		}
	}
	return i == len(sub)
}

// FuzzMarkdown checks Markdown bodies: no panic, idempotent, and what
// goldmark renders as code is the same before and after.
func FuzzMarkdown(f *testing.F) {
	for _, file := range goldenFiles(f) {
		if strings.HasPrefix(filepath.Base(file), "md-") {
			f.Add(loadGolden(f, file).in)
		}
	}
	f.Add([]byte("- a\n\n      <div id=\"recommend_bottom\"></div>\n\n> ```\n> <div id=\"article_bottom\"></div>\n\n`a\nb` [x](https://link.zhihu.com/?target=https%3A%2F%2Fa.com%2F%60)\n"))
	opts := Options{Now: goldenNow}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := Document(src, opts)
		if err != nil {
			return
		}
		var before, after bytes.Buffer
		if goldmark.Convert(src, &before) != nil || goldmark.Convert(res.Out, &after) != nil {
			return
		}
		_, _, cb := renderedParts(before.String())
		_, _, ca := renderedParts(after.String())
		if strings.Join(cb, "\x00") != strings.Join(ca, "\x00") {
			t.Fatalf("code changed:\n in: %q\nout: %q\ncode: %q -> %q", src, res.Out, cb, ca)
		}
		again, err := Document(res.Out, opts)
		if err != nil || !bytes.Equal(again.Out, res.Out) {
			t.Fatalf("not idempotent (err %v):\n in: %q\nout: %q\nagain: %q", err, src, res.Out, again.Out)
		}
	})
}
