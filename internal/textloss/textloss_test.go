package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func texts(ts []token) []string {
	var s []string
	for _, t := range ts {
		s = append(s, t.Text)
	}
	return s
}

func TestVisibleTokens(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<p>Hello <b>world</b> &amp; more</p>`, "Hello world & more"},
		{`See [the docs](https://example.org/a?utm_source=x) now.`, "See the docs now ."},
		{`<img src="https://cdn.example/p/pixel.gif?id=1" width="1">`, "⟦img pixel.gif⟧"},
		{`![A cat](/img/cat.jpg "title")`, "A cat ⟦img cat.jpg⟧"},
		{`Visit https://example.org/x?utm_medium=feed today`, "Visit ⟦url example.org/x⟧ today"},
		{"<script>var a = '<p>no</p>';</script><!-- hidden -->shown", "shown"},
		{`他表示：「不会。」`, "他 表 示 ： 「 不 会 。 」"},
		{"[1]: https://example.org/ref\nText", "Text"},
		{`Tom &unknown; Jerry`, "Tom & unknown ; Jerry"},
	} {
		got := strings.Join(texts(visibleTokens([]byte(c.in), 0)), " ")
		if got != c.want {
			t.Errorf("visibleTokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestVisibleText(t *testing.T) {
	got := visibleText([]byte(`<p>Thanks for reading, <a href="/x">friends</a>!</p><p>他说：「好。」</p>`))
	want := "Thanks for reading, friends! 他说：「好。」"
	if got != want {
		t.Errorf("visibleText = %q, want %q", got, want)
	}
}

func TestDiffTokens(t *testing.T) {
	tok := func(s string) []token {
		var ts []token
		for _, w := range strings.Fields(s) {
			ts = append(ts, token{Text: w})
		}
		return ts
	}
	a := tok("a b c d e f g")
	b := tok("a c d x f g")
	got := diffTokens(a, b)
	want := []op{{Del: true, Start: 1, End: 2}, {Del: true, Start: 4, End: 5}, {Start: 3, End: 4}}
	// The order of a deletion and an insertion at the same place is free;
	// compare as sets.
	if len(got) != len(want) {
		t.Fatalf("diffTokens = %v, want %v", got, want)
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if g == w {
				found = true
			}
		}
		if !found {
			t.Errorf("diffTokens = %v, missing %v", got, w)
		}
	}
	if ops := diffTokens(a, a); ops != nil {
		t.Errorf("diffTokens(a, a) = %v, want none", ops)
	}
}

// TestAudit runs the comparison on a synthetic tree and its "cleaned"
// copy, as mdclean -w would have left it: a footer removed at the end (a
// junk removal, attributed to its rule), a sentence removed from the
// middle (what the audit exists to show), a tracking parameter stripped
// (no visible text lost) and an untouched post.
func TestAudit(t *testing.T) {
	orig, cleaned := t.TempDir(), t.TempDir()
	write := func(dir, name, s string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fm := "---\ntitle: T\n---\n\n"
	footer := fm + "The story goes on.\n\nThe end of the story.\n\nShare this: Twitter Facebook\n"
	write(orig, "posts/a.md", footer)
	write(cleaned, "posts/a.md", fm+"The story goes on.\n\nThe end of the story.\n")
	middle := fm + "First paragraph.\n\nLike this:\n\n```js\nx()\n```\n\nLast paragraph.\n"
	write(orig, "posts/b.md", middle)
	write(cleaned, "posts/b.md", fm+"First paragraph.\n\n```js\nx()\n```\n\nLast paragraph.\n")
	write(orig, "posts/c.md", fm+"A [link](https://example.org/?utm_source=feed).\n")
	write(cleaned, "posts/c.md", fm+"A [link](https://example.org/).\n")
	write(orig, "posts/d.md", fm+"Nothing to do.\n")
	write(cleaned, "posts/d.md", fm+"Nothing to do.\n")
	rep := map[string][]entry{
		"posts/a.md": {{Path: "posts/a.md", Rule: "widgets", Offset: strings.Index(footer, "Share")}},
		"posts/b.md": {{Path: "posts/b.md", Rule: "widgets", Offset: strings.Index(middle, "Like")}},
		"posts/c.md": {{Path: "posts/c.md", Rule: "tracking-params", Offset: 30}},
	}
	res, err := audit(orig, cleaned, rep)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 4 || res.Posts != 4 || res.Changed != 3 {
		t.Errorf("files, posts, changed = %d, %d, %d; want 4, 4, 3", res.Files, res.Posts, res.Changed)
	}
	var got []span
	for _, s := range res.Spans {
		got = append(got, span{Path: s.Path, Rule: s.Rule, Removed: s.Removed, Text: s.Text, Position: s.Position, Line: s.Line})
	}
	want := []span{
		{Path: "posts/a.md", Line: 9, Rule: "widgets", Removed: true, Text: "Share this: Twitter Facebook", Position: "end"},
		{Path: "posts/b.md", Line: 7, Rule: "widgets", Removed: true, Text: "Like this:", Position: "middle"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spans:\n got %+v\nwant %+v", got, want)
	}
	if rc := res.Rules["tracking-params"]; rc == nil || rc.Changes != 1 || rc.Spans != 0 {
		t.Errorf("tracking-params count = %+v, want 1 change and no text lost", rc)
	}
	gs := res.groups()
	if len(gs) != 2 || gs[0].Count != 1 {
		t.Errorf("groups = %d, want 2", len(gs))
	}
}

func TestNormalise(t *testing.T) {
	if got := normalise("  © 2021  Example   News 123 "); got != "© 0 example news 0" {
		t.Errorf("normalise = %q", got)
	}
}
