package clean

import (
	"bytes"
	"sort"

	"github.com/mdclean/mdclean/edit"
)

// bodyCleaner runs the body rules over one tokenized body. Rules add
// edits in body offsets; add shifts them to document offsets.
type bodyCleaner struct {
	d       *doc
	base    int
	cfg     *Config
	rules   RuleSet
	edits   []edit.Edit
	changes []edit.Change
	scratch *scratch
	tables  *tables
}

func (b *bodyCleaner) on(rule string) bool { return b.rules.On(rule) }

// attrs parses a start tag's attributes into the scratch slice: valid
// until the next call.
func (b *bodyCleaner) attrs(tag []byte) []attr {
	b.scratch.attrs = appendAttrs(b.scratch.attrs[:0], tag)
	return b.scratch.attrs
}

// add records a change of body bytes [start, end).
func (b *bodyCleaner) add(rule string, start, end int, repl []byte, msg string) {
	b.edits = append(b.edits, edit.Edit{Start: b.base + start, End: b.base + end, New: repl})
	before := b.d.src[start:end]
	if len(before) > 400 {
		before = before[:400] // truncate cuts it to 300 at a rune boundary
	}
	c := edit.Change{Rule: rule, Offset: b.base + start, Message: msg, Before: truncate(string(before), 300)}
	if repl != nil {
		c.After = string(repl)
	}
	b.changes = append(b.changes, c)
}

// covered reports whether [start, end) overlaps a range already edited:
// a later rule never edits inside an earlier rule's edit.
func (b *bodyCleaner) covered(start, end int) bool {
	for _, e := range b.edits {
		if b.base+start < e.End && b.base+end > e.Start || b.base+start == e.Start && start == end {
			return true
		}
	}
	return false
}

// cleanBody runs the body rules on src[base:] and returns their edits.
func cleanBody(src []byte, base int, cfg *Config, rules RuleSet) ([]edit.Edit, []edit.Change) {
	if !rules.On(RuleLinkBaitTail) && !rules.On(RuleTrackingMarkup) && !rules.On(RuleRedirectLink) && !rules.On(RuleTrackingParams) {
		return nil, nil
	}
	s := scratchPool.Get().(*scratch)
	defer s.release()
	b := &bodyCleaner{d: parse(src[base:], s), scratch: s, base: base, cfg: cfg, rules: rules, tables: cfg.compiled()}
	if rules.On(RuleLinkBaitTail) {
		b.tail()
	}
	if rules.On(RuleTrackingMarkup) {
		b.tracking()
	}
	if rules.On(RuleRedirectLink) || rules.On(RuleTrackingParams) {
		b.links()
	}
	b.wholeLines()
	return b.edits, b.changes
}

// wholeLines widens deletions that leave a line holding only white space
// to the whole line and its line ending, so that removing an element that
// stood on its own line does not leave a blank line behind (as gofmt and
// shfmt delete). Deletions on the same line are merged.
func (b *bodyCleaner) wholeLines() {
	src := b.d.src
	var dels []int // indices of deletions, in order
	for i, e := range b.edits {
		if e.New == nil {
			dels = append(dels, i)
		}
	}
	if len(dels) == 0 {
		return
	}
	sort.Slice(dels, func(x, y int) bool { return b.edits[dels[x]].Start < b.edits[dels[y]].Start })
	drop := map[int]bool{}
	for x := 0; x < len(dels); {
		first := b.edits[dels[x]]
		ls := first.Start - b.base
		for ls > 0 && src[ls-1] != '\n' {
			ls--
		}
		// Gather the deletions that start on this line.
		y := x
		pos := ls
		ok := true
		end := -1
		for ; y < len(dels); y++ {
			e := b.edits[dels[y]]
			s, t := e.Start-b.base, e.End-b.base
			if end >= 0 && bytes.IndexByte(src[end:s], '\n') >= 0 {
				break
			}
			if !blank(src[pos:s]) {
				ok = false
			}
			pos, end = t, t
		}
		le := bytes.IndexByte(src[end:], '\n')
		if le < 0 {
			le = len(src)
		} else {
			le += end + 1
		}
		if ok && blank(src[end:le]) && y > x {
			// Replace the deletions of this line by one of the whole line.
			for z := x + 1; z < y; z++ {
				drop[dels[z]] = true
			}
			b.edits[dels[x]] = edit.Edit{Start: b.base + ls, End: b.base + le}
		}
		x = y
	}
	if len(drop) == 0 {
		return
	}
	kept := b.edits[:0]
	for i, e := range b.edits {
		if !drop[i] {
			kept = append(kept, e)
		}
	}
	b.edits = kept
}

func blank(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }
