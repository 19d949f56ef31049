package clean

import (
	"strings"
	"testing"
)

// TestMdDestinationAmpersand holds mdDestination to a spelling of '&'
// that every Markdown reader takes for '&': bare where it cannot start a
// character reference, "&amp;" where it could, never "\&", which
// kramdown (Jekyll's default renderer) copies into the href backslash
// and all.
func TestMdDestinationAmpersand(t *testing.T) {
	for _, c := range []struct{ url, want string }{
		{"https://shop.example/item?id=7&ref=home", "https://shop.example/item?id=7&ref=home"},
		{"https://shop.example/?a=1&copy;=2", "https://shop.example/?a=1&amp;copy;=2"},
		{"https://shop.example/?a=1&#38;b", "https://shop.example/?a=1&amp;#38;b"},
		{"https://shop.example/?a=1&copy", "https://shop.example/?a=1&copy"},
		{"https://shop.example/a\\&b", "https://shop.example/a\\\\&b"},
		{"https://shop.example/&", "https://shop.example/&"},
	} {
		got, ok := mdDestination(c.url, false)
		if !ok || got != c.want {
			t.Errorf("mdDestination(%q) = %q, %v; want %q", c.url, got, ok, c.want)
		}
		if strings.Contains(got, `\&`) && !strings.Contains(c.url, `\`) {
			t.Errorf("mdDestination(%q) = %q: a backslash before '&'", c.url, got)
		}
	}
}
