// Package edit holds the one mechanism every mdclean rule uses to change a
// document: a byte-range replacement on the original source. Everything
// outside the edits is copied verbatim, so a document that needs no change
// comes out byte-identical and the bytes no rule touched are never
// re-encoded.
package edit

import (
	"bytes"
	"fmt"
	"slices"
)

// Edit replaces src[Start:End] with New. An Edit with Start == End inserts.
type Edit struct {
	Start, End int
	New        []byte
}

// Change is one reported change: which rule made it, where, and why. It is
// what -v prints and what the JSON report holds.
type Change struct {
	Rule     string `json:"rule"`
	Offset   int    `json:"offset"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
	Before   string `json:"before,omitempty"`
	After    string `json:"after,omitempty"`
	Evidence string `json:"evidence,omitempty"`
	// Config names the config file that caused the change: without it,
	// the default tables would not have made it.
	Config string `json:"config,omitempty"`
	// Blocks are the texts of the footer blocks a removal took (promos,
	// copyright and credit lines), for the batch summary: what repeats
	// across posts, unlike the headlines before them.
	Blocks []string `json:"blocks,omitempty"`
	// Note marks a report that changed nothing (a kept invalid date, a
	// conflict a rule left alone): shown by -v, not counted as a change.
	Note bool `json:"note,omitempty"`
}

// Apply returns src with edits applied. The edits must not overlap; they
// need not be sorted. Apply never modifies src.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	if len(edits) == 0 {
		return src, nil
	}
	cmp := func(x, y Edit) int {
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return x.End - y.End
	}
	// The edits in order: edits[order[k]] is the k-th, or edits[k] when
	// order is nil. Unsorted edits are sorted stably by their indexes,
	// not copied (the caller's order is its own): the same order as a
	// stable sort of a copy, without a copy of 5 words an edit (and for
	// up to 64 edits, without an allocation). The common case, edits
	// already in order, allocates nothing.
	var order []int32
	if !slices.IsSortedFunc(edits, cmp) {
		var buf [64]int32
		order = buf[:0]
		if len(edits) > len(buf) {
			order = make([]int32, 0, len(edits))
		}
		for i := range edits {
			order = append(order, int32(i))
		}
		slices.SortStableFunc(order, func(i, j int32) int { return cmp(edits[i], edits[j]) })
	}
	at := func(k int) *Edit {
		if order == nil {
			return &edits[k]
		}
		return &edits[order[k]]
	}
	size := len(src)
	prev := 0
	for k := range edits {
		e := at(k)
		if e.Start < prev || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) overlaps or is out of range (previous end %d, size %d)", e.Start, e.End, prev, len(src))
		}
		prev = e.End
		size += len(e.New) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	pos := 0
	for k := range edits {
		e := at(k)
		out = append(out, src[pos:e.Start]...)
		out = append(out, e.New...)
		pos = e.End
	}
	return append(out, src[pos:]...), nil
}

// NumberLines sets the Line of each change from its Offset. The changes
// must be sorted by offset; it counts line ends between consecutive
// offsets, so the cost is one pass over the source up to the last change.
func NumberLines(src []byte, changes []Change) {
	line, pos := 1, 0
	for i := range changes {
		off := min(max(changes[i].Offset, pos), len(src))
		seg := src[pos:off]
		line += bytes.Count(seg, []byte{'\n'})
		if bytes.IndexByte(seg, '\r') >= 0 {
			// A CR not followed by LF ends a line too (old Mac files).
			line += bytes.Count(seg, []byte{'\r'}) - bytes.Count(seg, []byte("\r\n"))
			if len(seg) > 0 && seg[len(seg)-1] == '\r' && off < len(src) && src[off] == '\n' {
				line-- // the CR's LF is in the next segment
			}
		}
		changes[i].Line = line
		pos = off
	}
}

// Compose returns the edits on src that do what applying first to src,
// then second to the result, does: Apply(src, Compose(first, second)) ==
// Apply(Apply(src, first), second). Each list must be non-overlapping;
// neither need be sorted; the result is sorted. Where an edit of second
// touches or overlaps the new bytes of one of first, the two become one
// edit of the original bytes, whose new bytes are what the two wrote;
// every other edit keeps its own range. A cleaner that runs its rules
// again on its own output (a fixpoint) reports edits on the input this
// way, so that a caller holding the input in another spelling (a JSON
// string) can still splice them.
func Compose(first, second []Edit) ([]Edit, error) {
	a, err := sortedEdits(first)
	if err != nil {
		return nil, err
	}
	b, err := sortedEdits(second)
	if err != nil {
		return nil, err
	}
	if len(a) == 0 {
		return b, nil
	}
	if len(b) == 0 {
		return a, nil
	}
	// mid[i] is where a[i]'s new bytes start in the intermediate text.
	mid := make([]int, len(a))
	d := 0
	for i, e := range a {
		mid[i] = e.Start + d
		d += len(e.New) - (e.End - e.Start)
	}
	out := make([]Edit, 0, len(a)+len(b))
	delta := 0 // of the edits of first before the current cluster
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		// A cluster: the intervals (in the intermediate text) of edits of
		// first and second that overlap or touch, taken in order.
		ci, cj := i, j
		ms, me := -1, -1
		for {
			takeA := i < len(a) && (j >= len(b) || mid[i] <= b[j].Start)
			var s, t int
			switch {
			case takeA:
				s, t = mid[i], mid[i]+len(a[i].New)
			case j < len(b):
				s, t = b[j].Start, b[j].End
			default:
				s = -1
			}
			if s < 0 || ms >= 0 && s > me {
				break
			}
			if ms < 0 {
				ms, me = s, t
			}
			me = max(me, t)
			if takeA {
				i++
			} else {
				j++
			}
		}
		as, bs := a[ci:i], b[cj:j]
		switch {
		case len(bs) == 0:
			out = append(out, as...)
		case len(as) == 0:
			for _, e := range bs {
				out = append(out, Edit{Start: e.Start - delta, End: e.End - delta, New: e.New})
			}
		default:
			end := delta
			for _, e := range as {
				end += len(e.New) - (e.End - e.Start)
			}
			var nb []byte
			cur := ms
			copyMid := func(x, y int) error {
				n := 0
				for k, e := range as {
					s := mid[ci+k]
					lo, hi := max(x, s), min(y, s+len(e.New))
					if lo < hi {
						nb = append(nb, e.New[lo-s:hi-s]...)
						n += hi - lo
					}
				}
				if n != y-x {
					return fmt.Errorf("compose: bytes [%d,%d) of the intermediate text lie in no edit", x, y)
				}
				return nil
			}
			for _, e := range bs {
				if err := copyMid(cur, e.Start); err != nil {
					return nil, err
				}
				nb = append(nb, e.New...)
				cur = e.End
			}
			if err := copyMid(cur, me); err != nil {
				return nil, err
			}
			if nb == nil {
				nb = []byte{}
			}
			out = append(out, Edit{Start: ms - delta, End: me - end, New: nb})
		}
		for _, e := range as {
			delta += len(e.New) - (e.End - e.Start)
		}
	}
	return out, nil
}

// Origin maps offset off of Apply(src, edits) back to src: an offset in
// bytes no edit wrote moves by what the edits before it added or removed;
// one in an edit's new bytes maps to the start of the bytes it replaced.
// The edits must be sorted and non-overlapping.
func Origin(edits []Edit, off int) int {
	offs := []int{off}
	Origins(edits, offs)
	return offs[0]
}

// Origins maps each of the sorted offsets offs of Apply(src, edits) back
// to src in place, as Origin does, in one pass over both lists.
func Origins(edits []Edit, offs []int) {
	d, k := 0, 0
	for i, off := range offs {
		for k < len(edits) {
			e := edits[k]
			s := e.Start + d
			if off < s {
				break
			}
			if off < s+len(e.New) {
				break // in e's new bytes
			}
			d += len(e.New) - (e.End - e.Start)
			k++
		}
		if k < len(edits) && off >= edits[k].Start+d {
			offs[i] = edits[k].Start
			continue
		}
		offs[i] = off - d
	}
}

// sortedEdits returns a sorted copy of edits, or an error if two overlap.
func sortedEdits(edits []Edit) ([]Edit, error) {
	s := slices.Clone(edits)
	slices.SortStableFunc(s, func(x, y Edit) int {
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return x.End - y.End
	})
	prev := 0
	for _, e := range s {
		if e.Start < prev || e.End < e.Start {
			return nil, fmt.Errorf("edit [%d,%d) overlaps or is out of range (previous end %d)", e.Start, e.End, prev)
		}
		prev = e.End
	}
	return s, nil
}
