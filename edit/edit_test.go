package edit

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

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

// applyCopy is Apply as it was before it sorted indexes: a stable sort
// of a copy of the edits. TestApplyOrder holds Apply to it.
func applyCopy(src []byte, edits []Edit) ([]byte, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(x, y Edit) int {
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return x.End - y.End
	})
	var out []byte
	pos := 0
	for _, e := range sorted {
		if e.Start < pos || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("overlap")
		}
		out = append(append(out, src[pos:e.Start]...), e.New...)
		pos = e.End
	}
	return append(out, src[pos:]...), nil
}

// TestApplyOrder holds Apply, which sorts unsorted edits by their indexes
// (on the stack up to 64), to a stable sort of a copy, on generated edit
// lists in every order: sorted and shuffled, with insertions at the same
// offset (ties the stable sort keeps in the caller's order), overlaps and
// edits out of range (errors), up to 200 edits.
func TestApplyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 11))
	src := []byte(strings.Repeat("abcdefghij", 60))
	for iter := 0; iter < 20000; iter++ {
		n := rng.IntN(200)
		if iter%2 == 0 {
			n = rng.IntN(70)
		}
		var edits []Edit
		pos := 0
		for i := 0; i < n && pos <= len(src); i++ {
			start := pos + rng.IntN(8)
			end := start + rng.IntN(4)
			if rng.IntN(3) == 0 {
				end = start // an insertion: ties with the next edit's start
			}
			e := Edit{Start: start, End: end}
			if rng.IntN(2) == 0 {
				e.New = []byte(fmt.Sprintf("<%d>", i))
			}
			edits = append(edits, e)
			pos = end
			if rng.IntN(50) == 0 {
				pos -= 2 // an overlap, or a tie of two deletions
			}
		}
		switch rng.IntN(4) {
		case 0: // in order
		case 1:
			slices.Reverse(edits)
		default:
			rng.Shuffle(len(edits), func(i, j int) { edits[i], edits[j] = edits[j], edits[i] })
		}
		before := slices.Clone(edits)
		got, err := Apply(src, edits)
		want, wantErr := applyCopy(src, edits)
		if (err != nil) != (wantErr != nil) || err == nil && !bytes.Equal(got, want) {
			t.Fatalf("%v:\ngot  %q, %v\nwant %q, %v", edits, got, err, want, wantErr)
		}
		if !slices.EqualFunc(edits, before, func(x, y Edit) bool {
			return x.Start == y.Start && x.End == y.End && bytes.Equal(x.New, y.New)
		}) {
			t.Fatal("Apply reordered its edits")
		}
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

func TestCompose(t *testing.T) {
	src := []byte("0123456789")
	e := func(s, end int, n string) Edit { return Edit{Start: s, End: end, New: []byte(n)} }
	cases := []struct {
		name          string
		first, second []Edit
		want          []Edit // nil: only the bytes are checked
	}{
		{"none", nil, nil, []Edit{}},
		{"apart", []Edit{e(1, 2, "")}, []Edit{e(5, 6, "x")}, []Edit{e(1, 2, ""), e(6, 7, "x")}},
		// The second run removes what the first deletion exposed, right
		// after it: one deletion of the original bytes.
		{"adjacent deletions", []Edit{e(2, 4, "")}, []Edit{e(2, 3, "")}, []Edit{e(2, 5, "")}},
		{"adjacent before", []Edit{e(4, 6, "")}, []Edit{e(2, 4, "")}, []Edit{e(2, 6, "")}},
		// A second edit over the first's new bytes and beyond.
		{"overlapping", []Edit{e(2, 4, "ab")}, []Edit{e(3, 6, "Z")}, []Edit{e(2, 6, "aZ")}},
		{"covering", []Edit{e(2, 4, "ab"), e(5, 6, "c")}, []Edit{e(1, 7, "")}, []Edit{e(1, 7, "")}},
		// An insertion inside a rewrite: the rewrite's bytes around it.
		{"insertion inside a rewrite", []Edit{e(2, 5, "abcd")}, []Edit{e(4, 4, "+")}, []Edit{e(2, 5, "ab+cd")}},
		{"rewrite of an insertion", []Edit{e(3, 3, "ins")}, []Edit{e(4, 5, "N")}, []Edit{e(3, 3, "iNs")}},
		{"deletion of a rewrite", []Edit{e(0, 1, "xyz")}, []Edit{e(0, 3, "")}, []Edit{e(0, 1, "")}},
		{"unsorted", []Edit{e(8, 9, ""), e(0, 1, "")}, []Edit{e(5, 6, "Q"), e(0, 1, "")}, nil},
	}
	for _, c := range cases {
		got, err := Compose(c.first, c.second)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		mid, err := Apply(src, c.first)
		if err != nil {
			t.Fatalf("%s: first: %v", c.name, err)
		}
		want, err := Apply(mid, c.second)
		if err != nil {
			t.Fatalf("%s: second: %v", c.name, err)
		}
		out, err := Apply(src, got)
		if err != nil || string(out) != string(want) {
			t.Errorf("%s: composed %v gives %q (%v), want %q", c.name, got, out, err, want)
		}
		if c.want != nil && fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
	if _, err := Compose([]Edit{e(1, 3, ""), e(2, 4, "")}, nil); err == nil {
		t.Error("overlapping first edits: no error")
	}
}

// TestComposeRandom checks Compose against applying the two lists in turn,
// on random non-overlapping edit lists, and Origin on the bytes no edit
// touched.
func TestComposeRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	randomEdits := func(n int) []Edit {
		var es []Edit
		for pos := 0; pos <= n; {
			pos += rng.IntN(4)
			if pos > n {
				break
			}
			end := min(n, pos+rng.IntN(3))
			var nb []byte
			for k := rng.IntN(3); k > 0; k-- {
				nb = append(nb, byte('a'+rng.IntN(26)))
			}
			es = append(es, Edit{Start: pos, End: end, New: nb})
			if end > pos {
				pos = end + rng.IntN(2) // touching edits too
			} else {
				pos = end + 1 // two insertions at one offset have no order
			}
		}
		rng.Shuffle(len(es), func(i, j int) { es[i], es[j] = es[j], es[i] })
		return es
	}
	for iter := 0; iter < 2000; iter++ {
		src := []byte("0123456789ABCDEFGHIJ"[:rng.IntN(21)])
		first := randomEdits(len(src))
		mid, err := Apply(src, first)
		if err != nil {
			t.Fatal(err)
		}
		second := randomEdits(len(mid))
		want, err := Apply(mid, second)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Compose(first, second)
		if err != nil {
			t.Fatalf("%q %v %v: %v", src, first, second, err)
		}
		out, err := Apply(src, got)
		if err != nil || string(out) != string(want) {
			t.Fatalf("src %q first %v second %v: composed %v gives %q (%v), want %q", src, first, second, got, out, err, want)
		}
		// Origin: a byte of mid that no edit wrote came from src.
		sorted, _ := sortedEdits(first)
		for off := range mid {
			o := Origin(sorted, off)
			if o < 0 || o > len(src) {
				t.Fatalf("Origin(%d) = %d out of range", off, o)
			}
			written := false
			d := 0
			for _, e := range sorted {
				if s := e.Start + d; off >= s && off < s+len(e.New) {
					written = true
				}
				d += len(e.New) - (e.End - e.Start)
			}
			if !written && (o >= len(src) || src[o] != mid[off]) {
				t.Fatalf("src %q edits %v: Origin(%d) = %d, byte %q, want %q", src, sorted, off, o, src[min(o, len(src)-1)], mid[off])
			}
		}
	}
}

func TestOrigin(t *testing.T) {
	// "0123456789" with [2,4) deleted and "xy" inserted at 6: "01 45 xy 6789".
	edits := []Edit{{Start: 2, End: 4}, {Start: 6, End: 6, New: []byte("xy")}}
	want := map[int]int{0: 0, 1: 1, 2: 4, 3: 5, 4: 6, 5: 6, 6: 6, 7: 7, 9: 9, 10: 10}
	for off, w := range want {
		if got := Origin(edits, off); got != w {
			t.Errorf("Origin(%d) = %d, want %d", off, got, w)
		}
	}
}
