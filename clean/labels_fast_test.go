package clean

import (
	"bytes"
	"math/rand"
	"testing"
)

// TestOneTagLinkParts holds oneTagLinkParts to oneTagLink.FindSubmatch on
// generated items: links and near-links built from the bytes that decide
// the shape (brackets, parentheses, white space, a byte that is no UTF-8,
// a multi-byte character).
func TestOneTagLinkParts(t *testing.T) {
	pieces := []string{"[", "]", "(", ")", "](", " ", "\t", "\n", "\f", "\r", "\v",
		"a", "tag", "/tags/go", "\xff", "é", "标签", "\\", "x"}
	rng := rand.New(rand.NewSource(1))
	check := func(item []byte) {
		t.Helper()
		text, target, ok := oneTagLinkParts(item)
		m := oneTagLink.FindSubmatch(item)
		if ok != (m != nil) || ok && (!bytes.Equal(text, m[1]) || !bytes.Equal(target, m[2])) {
			t.Fatalf("oneTagLinkParts(%q) = %q, %q, %v; the regexp: %q", item, text, target, ok, m)
		}
	}
	for _, s := range []string{"", "[a](b)", "[](b)", "[a]()", "[a](b) ", "[a](b)x", "[a b](c/d)",
		"[a](b c)", "[a\nb](c)", "[[a]](b)", "[a](b))", "[a](b(c)", "[\xff](\xff)"} {
		check([]byte(s))
	}
	for n := 0; n < 200000; n++ {
		var b []byte
		if rng.Intn(2) == 0 { // a link, then edits
			b = append(b, '[')
			for k := rng.Intn(4); k >= 0; k-- {
				b = append(b, pieces[rng.Intn(len(pieces))]...)
			}
			b = append(b, "]("...)
			for k := rng.Intn(4); k >= 0; k-- {
				b = append(b, pieces[rng.Intn(len(pieces))]...)
			}
			b = append(b, ')')
			if rng.Intn(4) == 0 && len(b) > 0 {
				i := rng.Intn(len(b))
				b = append(b[:i:i], append([]byte(pieces[rng.Intn(len(pieces))]), b[i:]...)...)
			}
		} else {
			for k := rng.Intn(10); k >= 0; k-- {
				b = append(b, pieces[rng.Intn(len(pieces))]...)
			}
		}
		check(b)
	}
}
