package clean

import (
	"strings"
	"testing"
)

func TestPathRedirect(t *testing.T) {
	wrapped := "https://feeds.feedblitz.com/~/t/0/0/exampleblog/~https://blog.example.org/2024/05/walk/"
	for _, c := range []struct{ path, body, want string }{
		{"post.md", "Read [the walk](" + wrapped + ") first.\n", "Read [the walk](https://blog.example.org/2024/05/walk/) first.\n"},
		{"post.html", `<p>Read <a href="` + wrapped + `">the walk</a>.</p>`, `<p>Read <a href="https://blog.example.org/2024/05/walk/">the walk</a>.</p>`},
		// Not a web URL after the marker: left alone.
		{"post.md", "[x](https://feeds.feedblitz.com/~/t/0/0/exampleblog/~javascript:alert(1))\n", "[x](https://feeds.feedblitz.com/~/t/0/0/exampleblog/~javascript:alert(1))\n"},
		// Another host with the same path: left alone.
		{"post.md", "[x](https://feeds.example.com/~/t/0/0/b/~https://a.example/)\n", "[x](https://feeds.example.com/~/t/0/0/b/~https://a.example/)\n"},
	} {
		out, rules := cleanAs(t, c.path, c.body)
		if out != c.want {
			t.Errorf("%s: got %q (%q), want %q", c.path, out, rules, c.want)
		}
	}
	if _, err := ParseConfig([]byte("redirectors:\n  - {host: t.example.com, path: /c/, param: /~, encoding: path}\n")); err != nil {
		t.Errorf("encoding path: %v", err)
	}
	if _, err := ParseConfig([]byte("redirectors:\n  - {host: t.example.com, param: u, encoding: rot13}\n")); err == nil || !strings.Contains(err.Error(), "query, base64 or path") {
		t.Errorf("bad encoding: %v", err)
	}
}
