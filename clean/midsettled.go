package clean

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html/atom"

	"github.com/mdclean/mdclean/edit"
)

// noMidSettled turns midSettled off (tests: to tell the bodies it
// settles).
var noMidSettled bool

// midSettled is settled for a Markdown body whose removals are widget
// labels that the label walk took from among the article's blocks
// ("Loading…" under a picture, a copy-code button between a paragraph and
// its code), each a top-level paragraph of plain text alone between blank
// lines, and whose other edits are rewrites that leave the parse as it
// was (mdQuiet, as settledMarkdown counts them). The label walk left the
// body unsettled because a removal moves its neighbours; a second round
// reads the body without those paragraphs:
//
//   - Its parse is this one's without them. After a blank line, the next
//     kept line, unindented, opens a top-level block as it did after the
//     paragraph's blank line (a blank line ends a paragraph, a quote's
//     lazy lines, an HTML block of kinds 6 and 7; an unindented line ends
//     a list item and an indented code block), unless it is a list
//     marker after a list, which it would join. The paragraph's bytes
//     hold no tag, entity, bracket, backtick, fence or escape, so no
//     element, link or code range starts, ends or moves in them, and the
//     HTML tokenizer's only change is a shorter text token. The kept bytes
//     are whole lines, so whichever Markdown mark mayBeMarkdown finds in
//     one of them it finds in the output.
//   - The tail reads what it read: every removal ends before the 16
//     tokens before the block that stopped its walk (captionAt's; as
//     tailKeeps bounds it), and the article's character pairs judge its
//     headlines as they did (bigramsStand).
//   - The label walk decides again (labelEnds) on this round's reading of
//     the blocks, those removed taken out (labelState depends on each
//     block's own bytes), and must change nothing. Its readings of the
//     bytes between blocks (nextToCode and codeFollows for a label,
//     listGoesOn for a list item) are not made across a removal: the two
//     blocks with text on either side of each are neither labels nor
//     list items. No body with a pandoc fence (":::"), whose divs that
//     walk also reads.
//   - The other rules decide by an element, an image or a link alone, on
//     bytes no removal touches; no widget element was kept because text
//     followed it (nKept), which a removal could take away.
//
// Anything else (a cut at the end, a removal of another kind, a note)
// leaves it to cutSettled or the second round. TestMidSettled holds it to
// a real second round.
func (b *bodyCleaner) midSettled() bool {
	d := b.d
	src, md, lab := d.src, &d.md, b.labels
	if noMidSettled || !b.walkOnly || !b.mdParsed || md.root == nil || b.optOut != nil || len(d.tmpl) > 0 || lab.bs == nil ||
		b.nKept > 0 || len(b.mdSwaps) > 0 || len(b.edits) == 0 {
		return false
	}
	rewrites := 0
	for _, e := range b.edits {
		if e.New != nil {
			rewrites++
		}
	}
	if rewrites != b.mdQuiet || rewrites == len(b.edits) {
		return false
	}
	for _, c := range b.changes {
		switch {
		case c.Note:
			return false
		case c.Rule == RuleRedirectLink, c.Rule == RuleTrackingParams: // rewrites: mdQuiet
		case c.Rule == RuleWidgets && (strings.HasPrefix(c.Message, "removed copy-code button ") || strings.HasPrefix(c.Message, "removed widget label (")):
		default:
			return false
		}
	}
	var buf [8]edit.Edit
	dels := buf[:0]
	removed := 0
	for _, e := range b.edits {
		if e.New == nil {
			dels = append(dels, e)
			removed += e.End - e.Start
		}
	}
	slices.SortFunc(dels, func(x, y edit.Edit) int { return x.Start - y.Start })
	if b.limit < 2*removed || bytes.Contains(src, []byte(":::")) {
		// The memory budget shrinks with the body (see cutSettled).
		return false
	}
	bs := lab.bs
	drop := make([]bool, len(bs))
	keptFrom, markdown := 0, false // the kept bytes since the last removal
	var runFirst ast.Node          // the first paragraph of a run of removals
	for i := 0; i < len(dels); i++ {
		s, t := dels[i].Start-b.base, dels[i].End-b.base
		if s > 0 && src[s-1] != '\n' || t >= len(src) || src[t-1] != '\n' || !afterBlank(src, s) ||
			bytes.ContainsAny(src[s:t], "<>[]`&\\~") {
			return false
		}
		// One paragraph, a child of the root, a blank line after it.
		k := sort.Search(len(md.blocks), func(i int) bool { return md.blocks[i].start >= s })
		if k == len(md.blocks) || md.blocks[k].start != s || md.blocks[k].end > t || k+1 < len(md.blocks) && md.blocks[k+1].start < t {
			return false
		}
		m := &md.blocks[k]
		if _, ok := m.node.(*ast.Paragraph); !ok || m.node.Parent() != md.root || m.end >= len(src) || !blank(src[m.end:lineStop(src, m.end)]) {
			return false
		}
		if runFirst == nil {
			runFirst = m.node
		}
		// The blocks it removes.
		j := sort.Search(len(bs), func(j int) bool { return bs[j].start >= s })
		if j > 0 && bs[j-1].end > s {
			return false
		}
		for ; j < len(bs) && bs[j].start < t; j++ {
			if bs[j].end > t || bs[j].elem != mdLeaf {
				return false
			}
			drop[j] = true
		}
		if !markdown {
			markdown = mayBeMarkdown(src[keptFrom:s])
		}
		// The next line with text, past blank lines: another removal's,
		// or the first kept.
		next := t
		for next < len(src) && blank(src[next:lineStop(src, next)]) {
			next = lineStop(src, next) + 1
		}
		keptFrom = next
		if i+1 < len(dels) && dels[i+1].Start-b.base == next {
			continue
		}
		if next >= len(src) || src[next] == ' ' || src[next] == '\t' {
			return false // a cut at the end (cutSettled's), or an indented line
		}
		// The sibling before the run's first paragraph is the next line's.
		if _, ok := runFirst.PreviousSibling().(*ast.List); ok && strings.IndexByte("-*+0123456789", src[next]) >= 0 {
			return false // it would join the list
		}
		runFirst = nil
	}
	if !markdown && !mayBeMarkdown(src[keptFrom:]) {
		return false
	}
	// Not across a removal: the two blocks with text on either side.
	kinds := lab.read
	if kinds == nil {
		kinds = lab.kinds
	}
	near := func(j int) bool {
		return kinds[j] != labelNone || lab.kinds[j] != labelNone || lab.unsure != nil && lab.unsure[j] ||
			lab.gone[j] || bs[j].tag == atom.Li
	}
	for j := range bs {
		if !drop[j] {
			continue
		}
		for _, dir := range [2]int{-1, 1} {
			seen := 0
			for x := j + dir; x >= 0 && x < len(bs) && seen < 2; x += dir {
				if drop[x] || lab.empty[x] && !lab.gone[x] && (lab.unsure == nil || !lab.unsure[x]) {
					continue
				}
				if near(x) {
					return false
				}
				seen++
			}
		}
	}
	// The tail's bound: it classified the blocks from the end back to
	// the one that stopped its walk (what others classified only lowers
	// stop), each by its own bytes and by the last line of text before it
	// (captionAt: a picture's caption), and read the block before that
	// one only when it is headline-shaped but for a label
	// (headlineBefore): every removal ends before the block that stopped
	// it, that block before it stays, and where a removal was the last
	// text before either, the line before the removal is no picture's
	// either (captionStands).
	if ts := b.tailList; ts != nil {
		if stop := slices.IndexFunc(ts, func(t tailBlock) bool { return t.class >= 0 }); stop >= 0 {
			if dels[len(dels)-1].End-b.base > ts[stop].start || !captionStands(src, ts[stop].start, dels, b.base) ||
				ts[stop].specShaped && (stop < 1 || drop[stop-1] || !captionStands(src, ts[stop-1].start, dels, b.base)) {
				return false
			}
		}
	}
	if !b.bigramsStand() {
		return false
	}

	// The label walk again, on the blocks kept.
	n := 0
	for j := range bs {
		if !drop[j] {
			n++
		}
	}
	st := labelState{b: b, widgets: lab.widgets, bs: make([]block, 0, n), kinds: make([]labelKind, 0, n), runes: make([]int, 0, n),
		empty: make([]bool, 0, n), gone: make([]bool, 0, n)}
	if lab.unsure != nil {
		st.unsure = make([]bool, 0, n)
	}
	for j := range bs {
		if drop[j] {
			continue
		}
		st.bs, st.kinds, st.runes = append(st.bs, bs[j]), append(st.kinds, kinds[j]), append(st.runes, lab.runes[j])
		st.empty, st.gone = append(st.empty, lab.empty[j]), append(st.gone, lab.gone[j])
		if lab.unsure != nil {
			st.unsure = append(st.unsure, lab.unsure[j])
		}
	}
	saved := *b
	defer func() { *b = saved }()
	b.edits, b.changes, b.passes, b.passStart, b.passEnd = nil, nil, nil, 0, 0
	b.blockList, b.tailList = st.bs, nil
	b.labels = st
	b.pass()
	b.labelEnds(&b.labels)
	return len(b.edits) == 0 && len(b.changes) == 0
}

// captionStands reports whether the last line with text before offset x
// of src reads as a picture's line (captionAt's question of a Markdown
// block at x) as it did once the deletions dels (in order, each of whole
// lines with no tag or bracket, base the body's offset) are made: when
// the line was removed, the last kept line before it must hold no tag
// and be no picture's line, as the removed one was none.
func captionStands(src []byte, x int, dels []edit.Edit, base int) bool {
	skipped := false
	for p := x; p > 0; {
		ls := lineStart(src, p-1)
		if blank(src[ls:p]) {
			p = ls
			continue
		}
		k := sort.Search(len(dels), func(i int) bool { return dels[i].End-base > ls })
		if k < len(dels) && dels[k].Start-base <= ls {
			p, skipped = dels[k].Start-base, true
			continue
		}
		if !skipped {
			return true
		}
		line := bytes.TrimLeft(bytes.TrimRight(src[ls:p], " \t\r\n"), " \t>")
		return bytes.IndexByte(src[ls:p], '<') < 0 &&
			!((bytes.HasPrefix(line, []byte("![")) || bytes.HasPrefix(line, []byte("[!["))) && bytes.HasSuffix(line, []byte(")")))
	}
	return true
}
