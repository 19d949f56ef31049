package clean

import (
	"bytes"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/mdclean/mdclean/edit"
)

// bodyCleaner runs the body rules over one tokenized body. Rules add
// edits in body offsets; add shifts them to document offsets.
type bodyCleaner struct {
	d      *doc
	base   int
	noKeep bool // texts are read and dropped: not copied to the arena (peekText)
	// anyImage: a text read counts every image as media, a beacon too,
	// without asking (an upper bound for a caller that asks again when
	// it matters: see roughText).
	anyImage bool
	// blockList is the body's leaf blocks, once built (see blocks).
	blockList []block
	// tailList is the tail rule's view of them, once built (tailBlocks).
	tailList []tailBlock
	// refList is the body's link and image references, once built
	// (refsBuilt: see linkRefs).
	refList   []linkRef
	refsBuilt bool
	refBuf    *[]linkRef // refList's pooled memory (see releaseRefs)
	cfg       *Config
	rules     RuleSet
	onBits    uint64 // bit i: bodyRules[i] is on (see run)
	edits     []edit.Edit
	changes   []edit.Change
	scratch   *scratch
	tables    *tables
	// passes are the start indexes in edits of the finished rule passes;
	// passStart and passEnd, the current pass's first edit and furthest end.
	passes             []int
	passStart, passEnd int
	// texts is the arena of the blocks' texts (see keep).
	texts []byte
	// spent is what the edits and changes so far take; past limit, the
	// body rules give up (see memoryBudget), over says so.
	spent, limit int
	over         bool
	// optOut is what the body's mdclean comments protect (optout.go).
	optOut *optOut
	// kinds are the answers of trackingKind so far, by element (nil
	// until the first is asked).
	kinds []kindAnswer
	// attrSpans are the elements' parsed attributes in scratch.elemAttrs,
	// by element (nil until the first is asked: see elemAttrs).
	attrSpans [][2]int
	// unsettled: some rule's decision here depends on what stands around
	// a block or element, or an edit is not of a kind known to leave the
	// rest reading as it did (see settled).
	unsettled bool
	// walkOnly: only the block walks (the labels, the fenced divs) left
	// the body unsettled; midSettled asks them again.
	walkOnly bool
	// tailKept: the tail kept a run that a second round keeps too when
	// no edit but its own, b.edits[tailEdits[0]:tailEdits[1]], ends past
	// tailBound (see tailKeeps).
	tailKept  bool
	tailBound int
	tailEdits [2]int
	// mdQuiet counts the edits that rewrite a Markdown destination or an
	// HTML link target and leave the parse as it was (see
	// settledMarkdown); mdParsed: the body was parsed as Markdown.
	mdQuiet  int
	mdParsed bool
	mdRaw    *mdRaw // what mdAttrSettled read, made by its first call
	// mdSwaps are the autolinks among them, whose blocks' texts change
	// (mdAutolinkSettled, swapsSettled).
	mdSwaps []mdSwap
	// bigramsEnd is the furthest offset up to which the tail read the
	// article's text (unrelated), 0 if it did not.
	bigramsEnd int
	// labels is what the label walk read of the blocks (widgetBlocks),
	// and keptWidgets the widget elements it left because article text
	// follows them: cutSettled asks both again at a cut.
	labels      labelState
	keptWidgets [4]int
	nKept       int // past len(keptWidgets), only counted
	// labelMem is labels' memory, kept with the pooled cleaner.
	labelMem struct {
		kinds []labelKind
		runes []int
		bools []bool
	}
	// beaconFn is b.isBeacon, made by textOf's first read of a
	// Markdown block.
	beaconFn func(string) bool
	// listMem is the memory of edits and changes, kept with the pooled
	// cleaner: the lists grow there, and cleanBodyParsed returns copies
	// of their final length, rather than what doubling left behind.
	listMem struct {
		edits   []edit.Edit
		changes []edit.Change
	}
}

// maxPooledList bounds the edits and changes a pooled cleaner keeps room
// for (a change is 18 words).
const maxPooledList = 1024

// clipped returns a copy of list, its own memory of its own length; nil
// for an empty list, as a list never appended to is.
func clipped[E any](list []E) []E {
	if len(list) == 0 {
		return nil
	}
	return append(make([]E, 0, len(list)), list...)
}

func (b *bodyCleaner) on(rule string) bool { return b.rules.On(rule) }

// attrs parses a start tag's attributes into the scratch slice: valid
// until the next call.
func (b *bodyCleaner) attrs(tag []byte) []attr {
	b.scratch.attrs = appendAttrs(b.scratch.attrs[:0], tag)
	return b.scratch.attrs
}

// elemAttrs returns the attributes of element i's start tag, parsed the
// first time a rule asks and kept for the body: the tail's trackingKind,
// the element walk, the reference list and the beacons all read the same
// image's, and an image tag (srcset, data-* attributes) is the costliest
// to parse. The slice stays valid for the body; it is never appended to.
// Past maxElemAttrs attributes kept, the memory bound holds (a body of
// "<p a b c d e f g>" would keep 30 times its size): the rest are parsed
// for each call, as b.attrs does, valid until its next call.
func (b *bodyCleaner) elemAttrs(i int) []attr {
	s := b.scratch
	if b.attrSpans == nil {
		n := len(b.d.elems)
		b.attrSpans = grow(s.attrSpans[:0], n)[:n]
		clear(b.attrSpans)
		s.attrSpans = b.attrSpans
		s.elemAttrs = s.elemAttrs[:0]
	}
	sp := &b.attrSpans[i]
	if sp[1] == 0 { // not parsed yet: the span is stored as [lo, hi+1)
		e := &b.d.elems[i]
		if len(s.elemAttrs) >= maxElemAttrs {
			return b.attrs(b.d.src[e.start:e.openEnd])
		}
		lo := len(s.elemAttrs)
		s.elemAttrs = appendAttrs(s.elemAttrs, b.d.src[e.start:e.openEnd])
		sp[0], sp[1] = lo, len(s.elemAttrs)+1
	}
	return s.elemAttrs[sp[0] : sp[1]-1 : sp[1]-1]
}

// maxElemAttrs bounds the attributes elemAttrs keeps for a body (a
// variable for the test of what lies past it).
var maxElemAttrs = maxPooled

// add records a change of body bytes [start, end).
func (b *bodyCleaner) add(rule string, start, end int, repl []byte, msg string) {
	if b.over {
		return
	}
	if repl == nil && start > 0 && b.d.src[start-1] == '\n' && blank(b.d.src[end:]) {
		// The last lines of the body: the blank lines before them go too,
		// up to the line ending of the last line kept, unless an earlier
		// edit took them (a fenced div's cut takes the blank lines after
		// it): edits never overlap.
		s := start
		for s > 1 && isSpaceByte(b.d.src[s-2]) {
			s--
		}
		if i := bytes.IndexByte(b.d.src[s-1:end], '\n'); i >= 0 {
			s += i
		}
		if s >= start || !b.covered(s, start) {
			start = s
		}
	}
	if len(b.d.tmpl) > 0 && overlapsRanges(b.d.tmpl, start, end) {
		return // template code is code: never edited (template.go)
	}
	if b.optOut != nil {
		if by := b.optOut.blocks(rule, start, end); by != "" {
			note := "left alone, as " + by + " asks: " + msg
			if b.spent += costPerChange + 2*len(note); b.spent > b.limit {
				b.over = true
				return
			}
			b.changes = append(b.changes, edit.Change{Rule: rule, Offset: b.base + start, Note: true, Message: note})
			return
		}
	}
	before := truncateBytes(b.d.src[start:end], 300)
	if b.spent += costPerChange + 2*(len(before)+len(msg)+len(repl)); b.spent > b.limit {
		b.over = true
		return
	}
	b.edits = append(b.edits, edit.Edit{Start: b.base + start, End: b.base + end, New: repl})
	b.passEnd = max(b.passEnd, b.base+end)
	c := edit.Change{Rule: rule, Offset: b.base + start, Message: msg, Before: before}
	if repl != nil {
		c.After = string(repl)
	}
	b.changes = append(b.changes, c)
}

// covered reports whether [start, end) overlaps a range already edited:
// a later rule never edits inside an earlier rule's edit. Each rule's pass
// adds its edits in document order without overlaps, so the edits of a
// finished pass are searched by bisection and the current pass only needs
// the end of its last edit: no quadratic scan, even with 100,000 edits.
func (b *bodyCleaner) covered(start, end int) bool {
	start, end = b.base+start, b.base+end
	if start < b.passEnd {
		return true // inside (or before) an edit of the current pass
	}
	for i, lo := range b.passes {
		hi := len(b.edits)
		if i+1 < len(b.passes) {
			hi = b.passes[i+1]
		} else if b.passStart > lo {
			hi = b.passStart
		}
		seg := b.edits[lo:hi]
		// The first edit of the pass that ends after start.
		k := sort.Search(len(seg), func(j int) bool { return seg[j].End > start })
		if k < len(seg) && (seg[k].Start < end || seg[k].Start == start && start == end) {
			return true
		}
	}
	return false
}

// pass starts a rule's pass over the body (see covered).
func (b *bodyCleaner) pass() {
	if len(b.edits) > b.passStart {
		// A pass may add its edits out of order (the tail, group by
		// group); bisection needs them sorted.
		seg := b.edits[b.passStart:]
		slices.SortFunc(seg, func(x, y edit.Edit) int { return x.Start - y.Start })
		b.passes = append(b.passes, b.passStart)
	}
	b.passStart, b.passEnd = len(b.edits), 0
}

// cleanBody runs the body rules on src[base:] and returns their edits.
// A body is Markdown unless its file is HTML (isMarkdown false); it is
// parsed as Markdown only when it may hold some (mayBeMarkdown), and the
// third result, when it was or when the body holds template code, has its
// code ranges, for Document's check that the edits left the code as it
// was. The fourth says whether the rules would change nothing more on
// their own output (see settled, settledMarkdown and cutSettled).
func cleanBody(src []byte, base int, cfg *Config, rules RuleSet, isMarkdown bool) ([]edit.Edit, []edit.Change, *markdown, bool) {
	return cleanBodyParsed(src, base, cfg, rules, isMarkdown, nil)
}

var cleanerPool = sync.Pool{New: func() any { return new(bodyCleaner) }}

// cleanBodyParsed is cleanBody with the body's Markdown parse already
// made (parsed, when not nil: see fixpoint).
func cleanBodyParsed(src []byte, base int, cfg *Config, rules RuleSet, isMarkdown bool, parsed *markdown) ([]edit.Edit, []edit.Change, *markdown, bool) {
	var on uint64 // bit i: bodyRules[i] is on
	for i, r := range bodyRules {
		if rules.On(r.ID) {
			on |= 1 << i
		}
	}
	if on == 0 {
		return nil, nil, nil, true
	}
	markdownBody := isMarkdown
	isMarkdown = isMarkdown && mayBeMarkdown(src[base:])
	tags := bytes.Count(src[base:], []byte{'<'})
	cost, budget := bodyCost(src[base:], tags, isMarkdown), memoryBudget(len(src)-base)
	if cost > budget {
		return nil, []edit.Change{tooDense(base, src[base:], isMarkdown)}, nil, true
	}
	s := scratchPool.Get().(*scratch)
	defer s.release()
	// The rules' hooks are called through function values, so b lives
	// on the heap: it is pooled rather than allocated for every body.
	b := cleanerPool.Get().(*bodyCleaner)
	mem, lists := b.labelMem, b.listMem
	*b = bodyCleaner{d: parseWith(src[base:], s, isMarkdown, tags, parsed), scratch: s, base: base, cfg: cfg, rules: rules, onBits: on, tables: cfg.compiled(), limit: budget - cost}
	b.labelMem = mem
	b.edits, b.changes = lists.edits[:0], lists.changes[:0]
	defer func() {
		b.releaseRefs()
		mem := b.labelMem
		// The lists as they grew: what is returned is a copy. Cleared,
		// so that they hold no text of this body.
		lists.edits, lists.changes = clearedList(b.edits), clearedList(b.changes)
		*b = bodyCleaner{}
		if cap(mem.kinds) <= maxPooled && cap(mem.bools) <= 2*maxPooled {
			b.labelMem = mem
		}
		b.listMem = lists
		cleanerPool.Put(b)
	}()
	b.d.markdownBody = markdownBody
	b.mdParsed = isMarkdown
	var optNotes []edit.Change
	b.optOut, optNotes = scanOptOut(b.d, base)
	b.changes = append(b.changes, optNotes...)
	b.run()
	if b.over {
		return nil, []edit.Change{tooDense(base, src[base:], false)}, nil, true
	}
	b.wholeLines()
	edits, changes := b.edits, b.changes // cutSettled works on b's model; these stand
	// The lists are copied out of the cleaner's memory (listMem) once the
	// settled checks, which read b, are done.
	if !isMarkdown && len(b.d.tmpl) == 0 {
		settled := b.settled() || b.cutSettled()
		return clipped(edits), clipped(changes), nil, settled
	}
	md := b.d.md
	if len(b.d.tmpl) > 0 {
		// Its code ranges hold the template code's too: spliceMarkdown,
		// which makes a parse from them, must not take it for one.
		md.root = nil
	}
	settled := len(b.d.tmpl) == 0 && (b.settledMarkdown() || b.cutSettled() || b.midSettled())
	return clipped(edits), clipped(changes), &md, settled
}

// clearedList returns list's memory, its entries zeroed, to be kept for
// the next body's list, or nil when it is too large to keep.
func clearedList[E any](list []E) []E {
	if cap(list) > maxPooledList {
		return nil
	}
	clear(list)
	return list[:0]
}

// run applies the body rules that are on: it walks the body once per
// kind of hook, in this order, and at each element, image or link calls
// the hooks of the rules in the order of the registry. Each walk is a
// pass (see covered): a later walk never edits inside an earlier one's
// edit.
func (b *bodyCleaner) run() {
	// The tail: the trailing run of blocks, before any rule edits them.
	for m := b.onBits & hooks.tail; m != 0; m &= m - 1 {
		b.pass()
		bodyRules[bits.TrailingZeros64(m)].tail(b)
	}
	if on := b.onBits & hooks.element; on != 0 {
		b.pass()
		b.elementWalk(on)
	}
	if on := b.onBits & hooks.image; on != 0 {
		b.pass()
		b.imageWalk(on)
	}
	// The block walks, each once, when any rule that shares it runs.
	// (What left the body unsettled, the walks or the rest, is told
	// apart for midSettled.)
	before := b.unsettled
	b.unsettled = false
	for _, w := range hooks.blocks {
		for m := b.onBits & w.rules; m != 0; m &= m - 1 {
			if r := bodyRules[bits.TrailingZeros64(m)]; r.ready == nil || r.ready(b.cfg) {
				b.pass()
				w.walk.run(b)
				break
			}
		}
	}
	walks := b.unsettled
	b.unsettled = false
	if b.onBits&hooks.link != 0 {
		b.pass()
		b.links()
	}
	b.walkOnly = walks && !before && !b.unsettled
	b.unsettled = before || walks || b.unsettled
}

// elementWalk calls the element hooks of the rules on (on, bits of
// bodyRules) at each element of the body that is closed, not code and
// not inside an edit, with its start tag's attributes parsed once for all
// of them; the first hook that takes the element ends its turn.
func (b *bodyCleaner) elementWalk(on uint64) {
	for i := range b.d.elems {
		e := &b.d.elems[i]
		if !e.closed() || e.code || b.covered(e.start, e.end) {
			continue
		}
		as := b.elemAttrs(i)
		for m := on; m != 0; m &= m - 1 {
			if bodyRules[bits.TrailingZeros64(m)].element(b, i, as) {
				break
			}
		}
	}
}

// imageWalk calls the image hooks of the rules on (on, bits of
// bodyRules) at each image reference of the body (linkRefs): a Markdown
// image's destination, an <img>'s src.
func (b *bodyCleaner) imageWalk(on uint64) {
	refs := b.linkRefs()
	for i := range refs {
		if !b.imageRef(&refs[i]) {
			continue
		}
		for m := on; m != 0; m &= m - 1 {
			bodyRules[bits.TrailingZeros64(m)].image(b, &refs[i])
		}
	}
}

// settled reports whether the rules, run again on the body their edits
// give, would change nothing more, so that Document need not run them
// again to know (fixpoint). It holds for the commonest changed post: an
// HTML body (no Markdown parse, no template code) whose only edits remove
// empty tracking containers or ad slots (which hold no text or media at
// all) standing between tags, where no rule met a
// candidate whose fate depends on its surroundings (a widget, a label, a
// tail run: b.unsettled). Such a removal joins no text and takes no text
// or image from any element, so every other token, element, block and
// text reads as before, and each rule decides as it did. So do a tail
// run removed whole from among its siblings (tailSettled) and a link
// target rewritten to one that is no share link and needs no further
// rewrite (links), and a tail run kept whole before which all edits lie
// (tailKeeps). Document checks that the output does not start reading as
// Markdown.
func (b *bodyCleaner) settled() bool {
	if b.unsettled {
		return false
	}
	if b.tailKept {
		for i, e := range b.edits {
			if (i < b.tailEdits[0] || i >= b.tailEdits[1]) && e.End-b.base > b.tailBound {
				return false
			}
		}
	}
	if !b.bigramsStand() {
		return false
	}
	for _, c := range b.changes {
		switch {
		case c.Note:
			return false
		case c.Rule == RuleTrackingMarkup && (strings.HasPrefix(c.Message, "removed empty tracking container") || strings.HasPrefix(c.Message, "removed empty ad slot (EasyList)")):
		case c.Rule == RuleLinkBaitTail, c.Rule == RuleRedirectLink, c.Rule == RuleTrackingParams:
			// Checked where they were made: tailSettled, links.
		default:
			return false
		}
	}
	return true
}

// settledMarkdown is settled for a body parsed as Markdown: it holds when
// every edit rewrites a link destination, or the href of an HTML link
// that settled would let stand, to one that leaves the parse as it was
// (mdRewriteSettled, mdAttrSettled: the same blocks, links, texts and
// code; or, for an autolink's URL, all but the text of its block, on
// which the rules decide as they did: mdAutolinkSettled, swapsSettled),
// so that the rules would decide as they did. Such an edit lies
// inside a link the parse found (mdLinkRef) or inside raw HTML, never in
// code, and neither its old nor its new bytes can open or close a fence,
// a code span, an HTML block or a link (mdPlainURL), so the code ranges
// of the output are the input's and Document need not parse it again to
// check them (sameCode). Anything else, a removal included, runs the
// second round as before.
func (b *bodyCleaner) settledMarkdown() bool {
	if b.unsettled || len(b.edits) == 0 || len(b.edits) != b.mdQuiet {
		return false
	}
	for _, c := range b.changes {
		if c.Note || c.Rule != RuleRedirectLink && c.Rule != RuleTrackingParams {
			return false
		}
	}
	for _, e := range b.edits {
		if e.New == nil {
			return false
		}
	}
	return b.bigramsStand() && b.swapsSettled()
}

// bigramsStand reports whether the headlines the tail judged by the
// article's character pairs (unrelated, which read them up to
// bigramsEnd) get the same verdicts in the output, so that a second
// round would find the same headlines related: most often because the
// pairs did not move (pairsStand); where they did, verdictsStand judges
// the headlines again on the output's pairs.
func (b *bodyCleaner) bigramsStand() bool {
	return b.pairsStand() || b.verdictsStand()
}

// pairsStand reports whether the article's character pairs, where the
// tail read them, read the same in the output. The pairs come from the
// text tokens before bigramsEnd, and a Markdown link's destination is
// such text: no edit there may touch a text token, but for one it
// removes whole that holds no word's byte (white space between tags:
// each text token's pairs start afresh). And pairMask sizes its table
// by the offset, which the edits before it move: the size must stay, or
// the pairs' hashes would meet otherwise.
func (b *bodyCleaner) pairsStand() bool {
	if b.bigramsEnd == 0 {
		return true
	}
	toks, delta := b.d.toks, 0
	for _, e := range b.edits {
		start, end := e.Start-b.base, e.End-b.base
		if start >= b.bigramsEnd {
			continue
		}
		if end > b.bigramsEnd {
			return false
		}
		delta += len(e.New) - (end - start)
		k := sort.Search(len(toks), func(i int) bool { return toks[i].end > start })
		for ; k < len(toks) && toks[k].start < max(end, start+1); k++ {
			t := toks[k]
			if t.kind != html.TextToken {
				continue
			}
			if len(e.New) > 0 || t.start < start || t.end > end || hasWordByte(b.d.src[t.start:t.end]) {
				return false
			}
		}
	}
	return pairMask(b.bigramsEnd) == pairMask(b.bigramsEnd+delta)
}

// cutBigramsStand is bigramsStand for cutSettled's walk of the tail on
// the model cut where the deletions start: the headlines that walk judged
// by the body's pairs (up to its own bigramsEnd) must get the same
// verdicts by the output's, those of the body with the round's rewrites
// before the cut (after it stands only white space, which holds no
// pairs). It leaves bigramsEnd the furthest of the round's (was) and
// the walk's, as the walk would have.
func (b *bodyCleaner) cutBigramsStand(edits []edit.Edit, was int) bool {
	if b.bigramsEnd == 0 {
		b.bigramsEnd = was
		return true
	}
	rewrites := make([]edit.Edit, 0, len(edits))
	for _, e := range edits {
		if e.New != nil {
			rewrites = append(rewrites, e)
		}
	}
	b.edits = rewrites
	stand := b.bigramsStand()
	b.edits, b.bigramsEnd = nil, max(was, b.bigramsEnd)
	return stand
}

// hasWordByte reports whether text holds a byte of a word (asciiWord) or
// any byte beyond ASCII.
func hasWordByte(text []byte) bool {
	for _, c := range text {
		if c >= 0x80 || asciiWord[c] != 0 {
			return true
		}
	}
	return false
}

// cutSettled is settled for a body whose edits cut its end: deletions
// that leave nothing after the first of them but white space (a counter
// or feed line at the post's edge, a trailing tracking container and
// pixel), and before it only rewrites that leave the parse as it was
// (mdQuiet, as settledMarkdown counts them). A second round reads the
// body up to the cut, as this one did, with nothing after it:
//
//   - The model of what stays is this round's, cut there (the tokens, the
//     elements, the blocks, the Markdown blocks, links and code), when
//     the cut splits none of them: every element before it that closes
//     closes before it (one left open stays open, and decides nothing),
//     no token but text, no block, link or code range crosses it (loose
//     text only over white space), no template, and in Markdown what goes
//     starts a top-level block, or an item of the last one, a list
//     (listCut), after
//     a blank line, with no link reference definition in it (a reference
//     before the cut may use one). What a CommonMark parser makes of the
//     lines before such a block does not depend on the lines after it
//     (no lazy line or setext underline after a blank line; an open
//     fence, HTML block or list that ran into the cut would not let a
//     top-level block start there), so its code is the same, and Document
//     need not parse the output again to check it (sameCode).
//   - The rules that read where a block or element stands decide again on
//     that model, and must change nothing: the tail rule's walk from the
//     new end, the label walk's edges, related lists and evidence (from
//     what it read of each block, which depends on the block's own bytes
//     only: labelState), the fenced divs, and whether article text still
//     follows each widget element kept. The others decide by an element,
//     an image or a link alone, on bytes the cut leaves as they were.
//
// Anything unsure (a note, an opt-out, an edit of another kind, a cut the
// model cannot make) leaves it to the second round, which is always
// right. TestCutSettled holds it to a real second round.
func (b *bodyCleaner) cutSettled() bool {
	d := b.d
	src := d.src
	if b.optOut != nil || len(d.tmpl) > 0 || len(b.edits) == 0 {
		return false
	}
	for _, c := range b.changes {
		if c.Note {
			return false
		}
	}
	cut, rewrites := len(src), 0
	for _, e := range b.edits {
		if e.New != nil {
			rewrites++
		} else {
			cut = min(cut, e.Start-b.base)
		}
	}
	if cut == len(src) || rewrites > 0 && (!b.mdParsed || rewrites != b.mdQuiet) {
		return false
	}
	if b.limit < 2*(len(src)-cut) {
		// The memory budget shrinks with the body (memoryBudget): near it,
		// the shorter body could be too dense for a second round.
		return false
	}
	if b.nKept > len(b.keptWidgets) {
		return false
	}
	var buf [8]edit.Edit // the deletions, sorted: most cuts make one or two
	dels := buf[:0]
	for _, e := range b.edits {
		if e.New != nil {
			if e.End-b.base > cut {
				return false
			}
			continue
		}
		dels = append(dels, e)
	}
	slices.SortFunc(dels, func(x, y edit.Edit) int { return x.Start - y.Start })
	// What stays after the cut is white space; the model holds the same
	// bytes right after it (the common case: none, or the line ending
	// that ends the body), so the body a second round reads is src[:end].
	end, pos := cut, cut
	for i := 0; i <= len(dels); i++ {
		next := len(src)
		if i < len(dels) {
			next = dels[i].Start - b.base
		}
		gap := src[pos:next]
		if !blank(gap) || !bytes.Equal(gap, src[end:end+len(gap)]) {
			return false
		}
		end += len(gap)
		if i < len(dels) {
			pos = dels[i].End - b.base
		}
	}
	ne := 0
	for ; ne < len(d.elems) && d.elems[ne].start < end; ne++ {
		// An element left open ("List<T>" in a sentence) stays open with
		// less after it: what it holds decides nothing, as no rule edits
		// an element without its end. One whose content the tokenizer
		// reads as raw text (a <script>) would swallow what comes after.
		if e := &d.elems[ne]; e.closed() && e.end > end || !e.closed() && (codeTags(e.tag) || rawText(e.tag)) {
			return false
		}
	}
	nt := b.tokenAt(end)
	if nt > 0 && d.toks[nt-1].end > end && d.toks[nt-1].kind != html.TextToken {
		return false
	}
	md := &d.md
	nb, nl := len(md.blocks), len(md.links)
	if b.mdParsed {
		if md.root == nil || len(md.code) > 0 && md.code[len(md.code)-1][1] > end || bytes.Contains(src[end:], []byte("]:")) {
			return false
		}
		if !mayBeMarkdown(src[:end]) {
			return false // the Markdown marks went with the cut: a second round would not parse it
		}
		nb = sort.Search(len(md.blocks), func(i int) bool { return md.blocks[i].start >= end })
		nl = sort.Search(len(md.links), func(i int) bool { return md.links[i].start >= end })
		if nb == 0 || md.blocks[nb-1].end > end {
			return false // none (then the blocks are read otherwise: splitMarkdown), or one cut
		}
		if nl > 0 {
			if l := &md.links[nl-1]; l.end > end || l.close > end || l.wrapClose > end {
				return false
			}
		}
		first := -1 // the first top-level block after the cut
		for n := md.root.LastChild(); n != nil && n.Pos() >= end; n = n.PreviousSibling() {
			first = n.Pos()
		}
		if first < 0 {
			// None: the cut may fall between the items of the last one,
			// a list (a tag list that goes, an edge line as its last
			// item).
			if first = listCut(md.root.LastChild(), end); first < 0 {
				return false
			}
		}
		ls := lineStart(src, first)
		if !blank(src[end:ls]) || ls > 0 && !blank(src[lineStart(src, ls-1):ls]) {
			return false
		}
	}
	bs := b.blockList
	nbl := sort.Search(len(bs), func(i int) bool { return bs[i].start >= end })
	var loose *block // loose text that runs into the cut over white space only ("---" before an edge line)
	if nbl > 0 && bs[nbl-1].end > end {
		if loose = &bs[nbl-1]; loose.elem != -1 || !blank(src[end:loose.end]) {
			return false
		}
	}
	lab := b.labels // what the label walk read, if it ran
	if lab.bs != nil && slices.Contains(lab.gone[:nbl], true) {
		return false
	}

	// The model, cut; b and its doc as they were afterwards.
	saved, savedDoc := *b, *d
	var tok *token
	var tokEnd int
	if nt > 0 && d.toks[nt-1].end > end {
		tok = &d.toks[nt-1]
		tokEnd = tok.end
		tok.end = end
	}
	var looseEnd int
	if loose != nil {
		// A second round's run of loose text ends where the body does.
		looseEnd, loose.end = loose.end, end
	}
	defer func() {
		if tok != nil {
			tok.end = tokEnd
		}
		if loose != nil {
			loose.end = looseEnd
		}
		*b, *d = saved, savedDoc
	}()
	d.src, d.toks, d.elems = src[:end], d.toks[:nt], d.elems[:ne]
	md.blocks, md.links = md.blocks[:nb], md.links[:nl]
	b.edits, b.changes, b.passes, b.passStart, b.passEnd = nil, nil, nil, 0, 0
	b.bigramsEnd = 0 // the walk's own (cutBigramsStand)
	if bs != nil {
		b.blockList = bs[:nbl]
	}
	if b.tailList != nil {
		ts := b.tailList[:nbl]
		for i := range ts {
			ts[i] = tailBlock{block: &bs[i], class: -1}
		}
		b.tailList = ts
	}
	for m := b.onBits & hooks.tail; m != 0; m &= m - 1 {
		b.pass()
		bodyRules[bits.TrailingZeros64(m)].tail(b)
	}
	if len(b.edits) > 0 || len(b.changes) > 0 || !b.cutBigramsStand(saved.edits, saved.bigramsEnd) {
		return false
	}
	for _, i := range saved.keptWidgets[:saved.nKept] {
		if i < ne && b.nothingAfter(d.elems[i].end) {
			return false
		}
	}
	if lab.bs != nil {
		b.pass()
		if lab.widgets && d.markdownBody {
			b.divRules()
			b.pass()
		}
		kinds := lab.read
		if kinds == nil {
			kinds = lab.kinds
		}
		b.labels = labelState{b: b, bs: bs[:nbl], widgets: lab.widgets, kinds: slices.Clone(kinds[:nbl]), runes: slices.Clone(lab.runes[:nbl]),
			empty: slices.Clone(lab.empty[:nbl]), gone: make([]bool, nbl)}
		if lab.unsure != nil {
			b.labels.unsure = slices.Clone(lab.unsure[:nbl])
		}
		b.labelEnds(&b.labels)
	}
	return len(b.edits) == 0 && len(b.changes) == 0 && b.swapsSettled()
}

// listCut returns where the first item of n, the body's last top-level
// block, that starts at or after end starts, when n is a list and that
// item is not its first; -1 otherwise. Its caller asks of the item what
// cutSettled asks of a top-level block that starts after the cut: a
// blank line before its line, only white space from the cut to it, no
// code and no link reference definition after it. Then a CommonMark
// parser reads the items before it line by line as it did (no lazy line
// or setext underline follows a blank line), and makes one decision at
// the list's end, over all its items: whether it is tight, which fewer
// items can turn from loose to tight. goldmark then makes TextBlocks of
// the items' paragraphs (listParser's Close), which the body model
// reads as it reads paragraphs: textBlock makes the same block of
// either, the text walks (mdText, plainTexts, forceDeferred) read their
// inlines alike, and htmlBlockLines skips both. An item whose position
// goldmark does not know (an empty one) leaves it unsure.
func listCut(n ast.Node, end int) int {
	l, ok := n.(*ast.List)
	if !ok || l.Pos() < 0 || l.Pos() >= end {
		return -1
	}
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		switch pos := c.Pos(); {
		case pos < 0:
			return -1
		case pos >= end:
			if c == l.FirstChild() {
				return -1
			}
			return pos
		}
	}
	return -1
}

// rawText reports whether the tokenizer reads the content of an element
// of tag a as text up to its end tag (besides codeTags'), or as foreign
// content.
func rawText(a atom.Atom) bool {
	switch a {
	case atom.Iframe, atom.Noembed, atom.Noframes, atom.Svg, atom.Math:
		return true
	}
	return false
}

// Peak memory is bounded for any input: at most 4x the document plus
// memoryConstant. The input and the output take two of the four; the
// token and element tables, the blocks and goldmark's tree grow with the
// markup, not the bytes, so a body whose markup would need more than the
// rest is left alone (10 MB of "<b>" would need over 1 GB). The costs per
// tag, per Markdown mark and per block are measured (TestMemoryBounded).
const (
	memoryConstant = 128 << 20
	costPerTag     = 240  // tokens, element, block share, GC headroom
	costPerMdMark  = 1200 // goldmark nodes and segments per '[' or '`', list item, quote or heading
	// costPerBlock is what a leaf block takes beyond the tags' share
	// (one block for two tags: "<p>…</p>"): the block (64 bytes), the
	// tail rule's view (32), the label state (11), with headroom. A big
	// body's blocks are counted before they are made (blocks): 10 MB
	// of unclosed "<p>" lines make a block a tag, and of Markdown
	// paragraphs "a\n\n" 3.5 million blocks and no tag (770 MB).
	costPerBlock = 128
	// costPerMdLine is what goldmark takes per line of a body it parses
	// (a text node and segment; at a blank line, the paragraph that ends
	// there: 10 MB of "Ab cd.\n\n" with one backtick took 850 MB, of one
	// word's lines 220 MB), with the block's share and headroom.
	costPerMdLine = 400
	// maxMdNesting bounds how deep Markdown containers (block quotes,
	// list items) may nest on one line before the body is left alone:
	// goldmark's work per line grows with the depth, so a line nested
	// 10^6 quotes deep took time quadratic in its length. No post nests
	// that deep.
	maxMdNesting = 64
)

func memoryBudget(n int) int { return 2*n + memoryConstant }

// costPerChange is what one edit and its change take besides their texts.
const costPerChange = 400

// tooDense is the note on a body left alone for its cost (parsed: it was
// to be parsed as Markdown, whose lines may also nest too deep).
func tooDense(base int, body []byte, parsed bool) edit.Change {
	c := edit.Change{Rule: "body", Offset: base, Note: true}
	if _, depth, _ := containerMarks(body); parsed && depth > maxMdNesting {
		c.Message = fmt.Sprintf("body rules skipped: a line nests Markdown lists or quotes %d deep, more than the %d a parse is bounded to (its work grows with each line's depth): left as it is",
			depth, maxMdNesting)
		return c
	}
	size := fmt.Sprintf("%d MB", len(body)>>20)
	if len(body) < 1<<20 {
		size = fmt.Sprintf("%d KB", max(1, len(body)>>10))
	}
	c.Message = fmt.Sprintf("body rules skipped: %s of markup and changes is denser than any post; cleaning it would take more than the memory bound (4x the input plus %d MB): left as it is",
		size, memoryConstant>>20)
	return c
}

// bodyCost estimates what cleaning body, with tags '<' in it, takes
// beyond its input and output (isMarkdown: it will be parsed as Markdown).
func bodyCost(body []byte, tags int, isMarkdown bool) int {
	cost := tags * costPerTag
	if isMarkdown {
		marks, depth, lines := containerMarks(body)
		if depth > maxMdNesting {
			return math.MaxInt / 2
		}
		cost += (bytes.Count(body, []byte{'['})+bytes.Count(body, []byte{'`'})+marks)*costPerMdMark +
			lines*costPerMdLine
	}
	return cost
}

// containerMarks counts the marks at the starts of body's lines that open
// a Markdown block goldmark builds nodes for (a list item, a block quote,
// an ATX heading: 10 MiB of "- item" lines took 1.3 GiB), and returns the
// deepest nesting of list and quote marks on one line, and the number of
// line feeds (bytes.Count(body, "\n"): each line's mark reading stops
// before its "\n", which the search for the line's end then finds, once;
// TestContainerMarksLines holds it on generated bodies).
func containerMarks(body []byte) (marks, depth, lines int) {
	for i := 0; i < len(body); {
		d := 0
		j := i
	line:
		for j < len(body) {
			c := body[j]
			if !lineMarkByte[c] {
				break // a letter, most lines' first byte: no case reads it
			}
			switch {
			case c == ' ' || c == '\t':
				j++
			case c == '>':
				d++
				j++
			case (c == '-' || c == '*' || c == '+') && (j+1 == len(body) || body[j+1] == ' ' || body[j+1] == '\t'):
				d++
				j = min(j+2, len(body))
			case c >= '0' && c <= '9':
				k := j
				for k < len(body) && k-j < 9 && body[k] >= '0' && body[k] <= '9' {
					k++
				}
				if k+1 < len(body) && (body[k] == '.' || body[k] == ')') && (body[k+1] == ' ' || body[k+1] == '\t') {
					d++
					j = k + 2
					continue
				}
				break line
			case c == '#':
				marks++
				break line
			default:
				break line
			}
		}
		marks += d
		depth = max(depth, d)
		k := bytes.IndexByte(body[j:], '\n')
		if k < 0 {
			break
		}
		lines++
		i = j + k + 1
	}
	return marks, depth, lines
}

// lineMarkByte holds the bytes a case of containerMarks' switch reads;
// any other ends the line's marks (its default case).
var lineMarkByte = func() (t [256]bool) {
	for _, c := range []byte(" \t>-*+#0123456789") {
		t[c] = true
	}
	return t
}()

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
	slices.SortFunc(dels, func(x, y int) int { return b.edits[x].Start - b.edits[y].Start })
	var drop []bool // by edit index, allocated on the first merge
	for x := 0; x < len(dels); {
		first := b.edits[dels[x]]
		// The line's start, if only white space lies before the first
		// deletion on it (scanning back no further than that: a body on
		// one long line is common).
		ls, ok := blankBefore(src, first.Start-b.base)
		// Gather the deletions that start on this line.
		y := x
		pos := first.Start - b.base
		end := -1
		for ; y < len(dels); y++ {
			e := b.edits[dels[y]]
			s, t := e.Start-b.base, e.End-b.base
			if end >= 0 && bytes.IndexByte(src[end:s], '\n') >= 0 {
				break
			}
			if ok && !blank(src[pos:s]) {
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
			if drop == nil {
				drop = make([]bool, len(b.edits))
			}
			for z := x + 1; z < y; z++ {
				drop[dels[z]] = true
			}
			b.edits[dels[x]] = edit.Edit{Start: b.base + ls, End: b.base + le}
		}
		x = y
	}
	if drop == nil {
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

// blank reports whether b is only white space (as bytes.TrimSpace sees
// it), stopping at the first byte that is not.
func blank(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				i++
				continue
			}
			return false
		}
		r, n := utf8.DecodeRune(b[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	return true
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// blankBefore returns the start of the line holding offset i and whether
// only white space lies between the two.
func blankBefore(src []byte, i int) (int, bool) {
	for i > 0 {
		c := src[i-1]
		if c == '\n' {
			return i, true
		}
		if c < utf8.RuneSelf {
			if !asciiSpace[c] {
				return i, false
			}
			i--
			continue
		}
		r, n := utf8.DecodeLastRune(src[:i])
		if !unicode.IsSpace(r) {
			return i, false
		}
		i -= n
	}
	return 0, true
}
