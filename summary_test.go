package main

import (
	"strings"
	"testing"
)

// TestPlainKey: a text plainKey passes is its own key, as the regexps and
// the join would make it.
func TestPlainKey(t *testing.T) {
	slow := func(text string) string {
		text = urlTail.ReplaceAllString(text, "$1/…")
		return digits.ReplaceAllString(strings.Join(strings.Fields(text), " "), "#")
	}
	for _, text := range []string{
		`<div id="recommend_bottom"></div>`, "Like this:", "相关文章推荐", "Copyright 2021 Example",
		`<img src="https://px.example.com/p.gif?id=7">`, " lead", "trail ", "two  spaces", "a\tb",
		"line\nbreak", "full\u3000width", "no\u00a0break", "//host", "a/b", "", "x",
	} {
		if plainKey(text) && slow(text) != text {
			t.Errorf("plainKey(%q) but its key is %q", text, slow(text))
		}
	}
	for _, text := range []string{`<div id="recommend_bottom"></div>`, "Like this:", "相关文章推荐"} {
		if !plainKey(text) {
			t.Errorf("plainKey(%q) = false", text)
		}
	}
}
