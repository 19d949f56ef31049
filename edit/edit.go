// Package edit holds the one mechanism every mdclean rule uses to change a
// document: a byte-range replacement on the original source. Everything
// outside the edits is copied verbatim, so a document that needs no change
// comes out byte-identical and the bytes no rule touched are never
// re-encoded.
package edit

import (
	"bytes"
	"fmt"
	"sort"
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
	sorted := make([]Edit, len(edits))
	copy(sorted, edits)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Start != sorted[j].Start {
			return sorted[i].Start < sorted[j].Start
		}
		return sorted[i].End < sorted[j].End
	})
	size := len(src)
	prev := 0
	for _, e := range sorted {
		if e.Start < prev || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) overlaps or is out of range (previous end %d, size %d)", e.Start, e.End, prev, len(src))
		}
		prev = e.End
		size += len(e.New) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	pos := 0
	for _, e := range sorted {
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
