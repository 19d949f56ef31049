package frontmatter

import "testing"

// TestClassifyYearLastOrder: a numeric date with the year last is called
// ambiguous only when both of its first numbers could be a month. When
// one of them is over 12 ("21.02.2010", a German site's form) day and
// month cannot be either way round: it is a form mdclean does not read,
// left alone and reported as such, never guessed either way.
func TestClassifyYearLastOrder(t *testing.T) {
	for _, c := range []struct {
		v    string
		want Verdict
	}{
		{"07/08/2021", Ambiguous},
		{"08-07-21", Ambiguous},
		{"3.4.2019", Ambiguous},
		{"21.02.2010", Unknown},
		{"02.21.2010", Unknown},
		{"30/11/2015 10:00", Unknown},
		{"00.05.2010", Unknown},
	} {
		if _, got := Classify(c.v); got != c.want {
			t.Errorf("Classify(%q) = %v, want %v", c.v, got, c.want)
		}
	}
}
