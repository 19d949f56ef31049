package edit

import "testing"

func TestApply(t *testing.T) {
	src := []byte("0123456789")
	cases := []struct {
		edits []Edit
		want  string
		err   bool
	}{
		{nil, "0123456789", false},
		{[]Edit{{Start: 2, End: 4, New: []byte("ab")}}, "01ab456789", false},
		{[]Edit{{Start: 8, End: 10}, {Start: 0, End: 1}}, "1234567", false},
		{[]Edit{{Start: 5, End: 5, New: []byte("+")}}, "01234+56789", false},
		{[]Edit{{Start: 2, End: 5}, {Start: 4, End: 6}}, "", true},
		{[]Edit{{Start: 9, End: 11}}, "", true},
	}
	for _, c := range cases {
		got, err := Apply(src, c.edits)
		if (err != nil) != c.err {
			t.Fatalf("%v: err = %v", c.edits, err)
		}
		if err == nil && string(got) != c.want {
			t.Errorf("%v: got %q, want %q", c.edits, got, c.want)
		}
	}
	if string(src) != "0123456789" {
		t.Fatal("Apply modified its input")
	}
}

func TestNumberLines(t *testing.T) {
	src := []byte("a\nb\r\nc\rd\r\n\r\ne")
	// line of each offset, counted by hand: LF, CRLF and a lone CR end lines
	want := []int{1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6}
	var cs []Change
	for off := 0; off <= len(src); off++ {
		cs = append(cs, Change{Offset: off})
	}
	NumberLines(src, cs)
	for _, c := range cs {
		if w := want[c.Offset]; c.Line != w {
			t.Errorf("offset %d: line %d, want %d", c.Offset, c.Line, w)
		}
	}
}
