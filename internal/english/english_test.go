package english

import "testing"

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		word string
		want string
	}{
		{0, "post", "0 posts"},
		{1, "post", "1 post"},
		{1, "entry", "1 entry"},
		{2, "entry", "2 entries"},
		{999, "file", "999 files"},
		{4564, "post", "4,564 posts"},
		{1234567, "change", "1,234,567 changes"},
	} {
		if got := Plural(c.n, c.word); got != c.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", c.n, c.word, got, c.want)
		}
	}
}
