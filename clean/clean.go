// Package clean cleans a scraped post: it is the one place that composes
// the front matter repairs and the body rules into a whole document. It is
// pure: bytes in, bytes and a list of changes out, no I/O.
//
// Every change is an edit.Edit on the original bytes with a rule id, so a
// document that needs no change comes out byte-identical and every change
// can be reported and switched off.
//
// Rules (the front matter ones live in package frontmatter):
//
//	id                repairs or removes                                   example
//	leading-blank     blank lines before the opening ---                    "\n---" -> "---"
//	yaml-syntax       values that break YAML, tabs, duplicate keys          title: 'Apple's M2' -> 'Apple''s M2'
//	invalid-date      a date that is not a date                             date: Invalid Date -> date: 2021-07-19
//	portable-date     a real date some client misreads, in a portable form  date: 2021/07/19 10:00 -> "2021-07-19 10:00:00"
//	normalize-dates   (off) valid but non-ISO dates                         Thu, 14 Oct 2021 ... GMT -> 2021-10-14T...
//	link-bait-tail    trailing unrelated headlines, promos, copyright       <p>Copyright 1999-2021 ...</p> -> ""
//	tracking-markup   empty tracking containers, pixels, tracker scripts    <div id="recommend_bottom"></div> -> ""
//	widgets           share, like, related-post, subscribe, copy widgets    <div class="sharedaddy">...</div> -> ""
//	boilerplate       blocks of the site's boilerplate (config, learn)      <p>Read 12 times on Example Roads</p> -> ""
//	redirect-link     redirector links unwrapped to their target            link.php?...&b=aHR0...== -> http://www.chinanews.com/
//	tracking-params   tracking query parameters in links                    ?id=7&utm_source=rss -> ?id=7
//
// The table must list exactly the ids of Rules, and its examples are
// theirs (TestRuleRegistry checks it, the README's table and
// --list-rules).
//
// Each rule is a value (ruleDef, in its own file: rule_link_bait_tail.go
// for link-bait-tail, and so on): its id, default, summary and example,
// and only the hooks it needs (tail, element, image, blocks, link).
// registry.go lists them in order; Rules derives from that list. The body model is made once per body, as
// ranges into the source, and knows no rule: the tokens and elements
// (scan.go), the Markdown parse (markdown.go), the leaf blocks with their
// named kinds (paragraph, heading, list item, caption, quote, code,
// template, table cell) and visible text, read once (blocks.go), and the
// link and image references of HTML and Markdown alike, each with its
// element or Markdown block (refs.go). A rule's own verdicts on the model
// are its own state (the tail rule's tailBlock). The runner (bodyCleaner.run, body.go) walks the model
// once per kind of hook and calls the hooks of the rules that are on, in
// registry order.
//
// The tables the body rules match against (tracker ids, redirectors, end
// markers, promo and copyright phrases) are data: rules.yaml, embedded,
// extended by a user's .mdclean.yaml (see Config).
//
// One removal can expose another (a widget that shielded a footer from
// the tail rule): the body rules run again on their own output until a
// round changes nothing (at most maxRounds), and the rounds' edits are
// composed into edits on the original bytes (edit.Compose), so that one
// run gives the final result.
//
// Markdown code, fenced or inline, and template code (Liquid, Nunjucks
// and Hexo tag blocks, Hugo shortcodes) are masked before the body is
// tokenized and never edited; an element whose end tag is not found is
// never deleted.
//
// A post opts out in itself: <!-- mdclean-disable --> comments protect a
// region or a block of its body, a front matter key the whole post or
// some rules (optout.go).
package clean

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/agnivade/levenshtein"

	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/frontmatter"
)

// Rule describes one cleaning rule.
type Rule struct {
	ID      string
	Default bool // on unless switched off
	Summary string
	Example string // the package doc's one-line example
}

// Options controls Document.
type Options struct {
	// Path names the document (for date evidence from the file name); "" if unknown.
	Path string
	// Disable and Enable switch rules by id, on top of their defaults.
	Disable, Enable []string
	// DateFormat, UnknownDate, Fallback and Now: see frontmatter.Options.
	DateFormat  string
	UnknownDate string
	Fallback    *frontmatter.Date
	Now         time.Time
	// Config holds the body rules' tables; nil means DefaultConfig().
	Config *Config
	// everyRound runs the body rules a second time even on a settled
	// body (tests: the shortcut must give what the full run gives).
	everyRound bool
}

// Result is a cleaned document and what changed, in document order.
type Result struct {
	Out     []byte
	Changes []edit.Change
	// Edits are the byte edits that turned the input into Out, sorted.
	// A caller that holds the text in another spelling (a JSON string
	// with its escapes) splices them there, keeping every other byte.
	Edits []edit.Edit
}

// Changed reports whether any rule changed the document (notes that
// changed nothing do not count).
func (r Result) Changed() bool { return r.Count() > 0 }

// Count is the number of changes, notes not counted.
func (r Result) Count() int {
	n := 0
	for _, c := range r.Changes {
		if !c.Note {
			n++
		}
	}
	return n
}

// Error is a document that cannot be cleaned, with the 1-based line it
// concerns (0 when it concerns no line). It is frontmatter.Error: one
// positioned error for both packages.
type Error = frontmatter.Error

// RuleSet resolves which rules are on.
type RuleSet map[string]bool

// NewRuleSet applies enable and disable lists to the defaults. An unknown
// id is an error, so a typo never silently leaves a rule on.
func NewRuleSet(disable, enable []string) (RuleSet, error) {
	rs := RuleSet{}
	for _, r := range Rules {
		rs[r.ID] = r.Default
	}
	for _, lists := range []struct {
		ids []string
		on  bool
	}{{enable, true}, {disable, false}} {
		for _, id := range lists.ids {
			for _, one := range strings.Split(id, ",") {
				one = strings.TrimSpace(one)
				if one == "" {
					continue
				}
				if _, ok := rs[one]; !ok {
					return nil, unknownRule(one)
				}
				rs[one] = lists.on
			}
		}
	}
	return rs, nil
}

// RuleState is whether a rule is on for a document, and what decided it:
// "default", "--enable", "--disable", or the config file that set it.
type RuleState struct {
	Rule
	On bool
	By string
}

// States resolves every rule as Document does: the flags win over the
// config's rules table, which wins over the defaults.
func States(cfg *Config, disable, enable []string) ([]RuleState, error) {
	flags, err := NewRuleSet(disable, enable)
	if err != nil {
		return nil, err
	}
	states := make([]RuleState, len(Rules))
	for i, r := range Rules {
		st := RuleState{Rule: r, On: r.Default, By: "default"}
		if v, ok := cfg.Rules[r.ID]; ok {
			st.On, st.By = v == "on", "config"
			if cfg.Source != "" {
				st.By = cfg.Source
			}
		}
		switch {
		case listed(disable, r.ID):
			st.On, st.By = false, "--disable"
		case listed(enable, r.ID):
			st.On, st.By = flags[r.ID], "--enable"
		}
		states[i] = st
	}
	return states, nil
}

// listed reports whether id is in a list of flag values, each of which
// may hold several ids separated by commas.
func listed(list []string, id string) bool {
	for _, v := range list {
		for _, one := range strings.Split(v, ",") {
			if strings.TrimSpace(one) == id {
				return true
			}
		}
	}
	return false
}

// unknownRule is the error for a rule id that does not exist, with the
// nearest id when one is close (a typo), as git and cargo suggest.
func unknownRule(id string) error {
	if near := Nearest(id, ruleIDList()); near != "" {
		return fmt.Errorf("unknown rule %q: did you mean %s?", id, near)
	}
	return fmt.Errorf("unknown rule %q (rules: %s)", id, ruleIDs())
}

// Nearest returns the word of words closest to w by edit distance, when it
// is close enough to be a typo of it: about a third of its length, and
// at most 3 edits. A word of one letter has no typo worth guessing.
func Nearest(w string, words []string) string {
	if len(w) < 2 {
		return ""
	}
	best, bestD := "", min(3, max(1, (len(w)+1)/3))+1
	for _, c := range words {
		if d := levenshtein.ComputeDistance(w, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func ruleIDList() []string {
	ids := make([]string, len(Rules))
	for i, r := range Rules {
		ids[i] = r.ID
	}
	return ids
}

func ruleIDs() string {
	ids := make([]string, len(Rules))
	for i, r := range Rules {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}

var defaultRuleSet = sync.OnceValue(func() RuleSet {
	rs, _ := NewRuleSet(nil, nil)
	return rs
})

// On reports whether rule id is on.
func (rs RuleSet) On(id string) bool { return rs[id] }

// Document cleans one document.
func Document(src []byte, opt Options) (Result, error) {
	cfg := opt.Config
	if cfg == nil {
		cfg = DefaultConfig()
	}
	var rules RuleSet
	if len(opt.Disable) == 0 && len(opt.Enable) == 0 && len(cfg.Rules) == 0 {
		rules = defaultRuleSet() // the common case: built once, shared, read-only
	} else {
		states, err := States(cfg, opt.Disable, opt.Enable)
		if err != nil {
			return Result{}, &Error{Err: err}
		}
		rules = RuleSet{}
		for _, st := range states {
			rules[st.ID] = st.On
		}
	}
	b, err := frontmatter.Split(src)
	if err != nil {
		return Result{}, wrapLine(err)
	}
	whole, rules, optNotes := frontMatterOptOut(src, b, rules)
	if whole {
		edit.NumberLines(src, optNotes)
		return Result{Out: src, Changes: optNotes}, nil
	}
	edits, changes, err := frontmatter.Repair(src, b, frontmatter.Options{
		Path:        opt.Path,
		On:          rules.On,
		DateFormat:  opt.DateFormat,
		UnknownDate: opt.UnknownDate,
		Fallback:    opt.Fallback,
		Now:         opt.Now,
	})
	if err != nil {
		return Result{}, wrapLine(err)
	}
	bodyStart := 0
	if b.Found {
		bodyStart = b.Body
	}
	isMarkdown := !isHTMLPath(opt.Path)
	be, bc, md, settled := cleanBody(src, bodyStart, cfg, rules, isMarkdown)
	if len(src) > hugeDocument {
		// The token tables of a huge body are garbage now: collect them
		// before the output is allocated, so that it reuses their memory
		// and the peak stays near three times the input.
		runtime.GC()
	}
	all := be // the body's own list (cleanBody's copy): not copied again
	if len(edits) > 0 || len(be) == 0 {
		all = append(edits, be...)
	}
	out, err := edit.Apply(src, all)
	if err != nil {
		return Result{}, &Error{Err: fmt.Errorf("internal error: %w", err)}
	}
	if len(be) > 0 {
		// A settled Markdown body's edits leave its code as it was
		// (settledMarkdown, cutSettled): no second parse to check it.
		check := md
		if settled && md != nil && !opt.everyRound {
			check = nil
		}
		if why, parsed := unsafeBody(src, out, be, bodyStart, b.Found, isMarkdown, check); why != "" {
			if out, err = edit.Apply(src, edits); err != nil {
				return Result{}, &Error{Err: fmt.Errorf("internal error: %w", err)}
			}
			all = edits
			bc = []edit.Change{{Rule: "body", Offset: bodyStart, Note: true, Message: "body rules skipped: " + why}}
		} else if !settled || opt.everyRound || isMarkdown && md == nil && outMayBeMarkdown(src, out[len(out)-(len(src)-bodyStart+bodyLenDelta(be)):], be, bodyStart) {
			// One removal can expose another (a widget that shielded a
			// footer from the tail rule, a div whose HTML block hid a
			// Markdown link): the body rules run again on their own
			// output until it stands, so that one run gives the final
			// result.
			slices.SortStableFunc(all, func(x, y edit.Edit) int { return x.Start - y.Start })
			outBodyStart := bodyStart
			for _, e := range edits {
				outBodyStart += len(e.New) - (e.End - e.Start)
			}
			if out, all, bc, err = fixpoint(out, all, bc, outBodyStart, b.Found, cfg, rules, isMarkdown, parsed); err != nil {
				return Result{}, &Error{Err: fmt.Errorf("internal error: %w", err)}
			}
		}
	}
	if len(changes) == 0 && len(bc) > 0 {
		changes = bc // as all is be above
	} else {
		changes = append(changes, bc...)
	}
	changes = append(changes, optNotes...)
	if len(changes) > 0 {
		slices.SortStableFunc(changes, func(x, y edit.Change) int { return x.Offset - y.Offset })
		edit.NumberLines(src, changes)
	}
	slices.SortStableFunc(all, func(x, y edit.Edit) int { return x.Start - y.Start })
	if cfg.Source != "" && len(changes) > 0 {
		attribute(src, opt, changes, cfg.Source)
	}
	return Result{Out: out, Changes: changes, Edits: all}, nil
}

// maxRounds bounds how often the body rules run over their own output
// in one Document call. The fixtures of one removal exposing another
// (fixpoint_test.go) need two rounds; a chain longer than this is noted,
// and the result of the last round kept.
const maxRounds = 8

// noSplice makes unsafeBody parse every cleaned Markdown body again, as
// before spliceMarkdown (tests: the splice must give what the parse gives).
var noSplice bool

// unsafeBody says why the body edits be, which turned src into out, must
// not stand ("" when they may): unsure, the body rules leave the bytes
// alone when their edits would change how the document reads on the next
// run. It also returns the Markdown parse of out's body, when its check
// made one (see sameCode).
func unsafeBody(src, out []byte, be []edit.Edit, bodyStart int, found, isMarkdown bool, md *markdown) (string, *markdown) {
	outBody := out[len(out)-(len(src)-bodyStart+bodyLenDelta(be)):]
	var at, ends []int
	if isMarkdown {
		at, ends = joins(be, bodyStart)
	}
	switch {
	case !found && !sameShape(out):
		// No front matter and a "---" first line (a thematic break):
		// the edits made it read as an unclosed front matter block,
		// which a second run would reject.
		return "their edits would make the opening \"---\" line read as an unclosed front matter block", nil
	case isMarkdown && joinsMarkdown(outBody, at, src[bodyStart:], ends):
		// Where an edit joined what stood around it, the join reads
		// as Markdown that was not there ("[x]<div …></div>(url)" is
		// a link once the div goes): a second run would edit more.
		return "their edits would join text into new Markdown", nil
	case md != nil:
		var spliced *markdown
		if !noSplice {
			spliced = spliceMarkdown(src[bodyStart:], md, be, bodyStart)
		}
		same, parsed := sameCodeSpliced(src[bodyStart:], md.code, outBody, isMarkdown, spliced)
		if !same {
			// Removing an element before a fence can close a fence that
			// was open: a second run would see other code and edit more
			// (a fuzz finding).
			return "their edits would change what Markdown reads as code", nil
		}
		return "", parsed
	}
	return "", nil
}

// fixpoint runs the body rules again over out, the result of their first
// round, until a round changes nothing (at most maxRounds rounds in all).
// all are the edits so far, on the original input, sorted, and changes
// the body changes so far; a round's edits are composed into all and its
// changes' offsets mapped back to the input, so the result still speaks
// of the input's bytes. A round whose edits fail unsafeBody is dropped,
// with a note, as the first round's would be. Only a round that changed
// something pays for the next, and it reuses the Markdown parse of its
// body that the previous round's check made (parsed, when not nil).
func fixpoint(out []byte, all []edit.Edit, changes []edit.Change, bodyStart int, found bool, cfg *Config, rules RuleSet, isMarkdown bool, parsed *markdown) ([]byte, []edit.Edit, []edit.Change, error) {
	for round := 2; ; round++ {
		be, rc, md, _ := cleanBodyParsed(out, bodyStart, cfg, rules, isMarkdown, parsed)
		if len(out) > hugeDocument {
			runtime.GC() // as in Document: the tables go before the output
		}
		why := ""
		switch {
		case len(be) == 0:
			return out, all, addNotes(changes, rc, all), nil
		case round > maxRounds:
			why = fmt.Sprintf("after %d rounds over their own output, a further run would still change the body", maxRounds)
		}
		var next []byte
		if why == "" {
			var err error
			if next, err = edit.Apply(out, be); err != nil {
				return nil, nil, nil, err
			}
			why, parsed = unsafeBody(out, next, be, bodyStart, found, isMarkdown, md)
		}
		if why != "" {
			note := edit.Change{Rule: "body", Offset: edit.Origin(all, bodyStart), Note: true,
				Message: fmt.Sprintf("body rules stopped at round %d: %s", round, why)}
			return out, all, append(changes, note), nil
		}
		offs := make([]int, len(rc))
		slices.SortStableFunc(rc, func(x, y edit.Change) int { return x.Offset - y.Offset })
		for i, c := range rc {
			offs[i] = c.Offset
		}
		edit.Origins(all, offs)
		for i := range rc {
			rc[i].Offset = offs[i]
		}
		composed, err := edit.Compose(all, be)
		if err != nil {
			return nil, nil, nil, err
		}
		out, all, changes = next, composed, addNotes(changes, rc, nil)
	}
}

// addNotes appends the changes of a later round to changes: every change,
// and the notes no earlier round made (a note said in every round is said
// once). With offsets, the later round's notes are mapped back first.
func addNotes(changes, later []edit.Change, offsets []edit.Edit) []edit.Change {
	for _, c := range later {
		if c.Note {
			if slices.ContainsFunc(changes, func(x edit.Change) bool { return x.Note && x.Rule == c.Rule && x.Message == c.Message }) {
				continue
			}
			if offsets != nil {
				c.Offset = edit.Origin(offsets, c.Offset)
			}
		}
		changes = append(changes, c)
	}
	return changes
}

// attribute names the config file in each change that the defaults alone
// would not have made: the document is cleaned again without the user's
// file, and what that run does not do, the file caused.
func attribute(src []byte, opt Options, changes []edit.Change, source string) {
	opt.Config = nil
	base, err := Document(src, opt)
	if err != nil {
		base = Result{}
	}
	type key struct {
		rule, msg string
		off       int
	}
	seen := make(map[key]int, len(base.Changes))
	for _, c := range base.Changes {
		seen[key{c.Rule, c.Message, c.Offset}]++
	}
	for i, c := range changes {
		k := key{c.Rule, c.Message, c.Offset}
		if seen[k] > 0 {
			seen[k]--
			continue
		}
		changes[i].Config = source
	}
}

// bodyLenDelta is how much the body edits lengthen the body (negative
// when they shorten it): the cleaned body is the last len(body)+delta
// bytes of the output, since every other edit lies before the body.
func bodyLenDelta(be []edit.Edit) int {
	d := 0
	for _, e := range be {
		d += len(e.New) - (e.End - e.Start)
	}
	return d
}

// joins returns where, in the cleaned body, a deletion among the body
// edits be made the bytes around it meet, and where in the body (the
// input's) the bytes after each deletion stand. (A rewrite's new bytes
// are a link target, spelled to stay one.)
func joins(be []edit.Edit, bodyStart int) (at, ends []int) {
	cmp := func(x, y edit.Edit) int { return x.Start - y.Start }
	sorted := be
	if !slices.IsSortedFunc(be, cmp) {
		sorted = slices.Clone(be) // one allocation (SortedFunc grew its copy: 11 a post)
		slices.SortFunc(sorted, cmp)
	}
	n := len(sorted)
	buf := make([]int, 2*n) // one allocation for both
	at, ends = buf[:0:n], buf[n:n]
	delta := 0
	for _, e := range sorted {
		if len(e.New) == 0 {
			at = append(at, e.Start-bodyStart+delta)
			ends = append(ends, e.End-bodyStart)
		}
		delta += len(e.New) - (e.End - e.Start)
	}
	return at, ends
}

// joinsMarkdown reports whether Markdown that a parser would act on
// starts at one of the joins in body, the cleaned body: a link or
// reference ("](", "]:"), an autolink, a fence, or a line that a deletion
// left indented by four spaces or a tab or starting with a block marker,
// unless that line opened a block before the deletion too (blockKept;
// in is the body the deletions were made in, ends where in it the bytes
// after each stand; nil when not known). A body without Markdown can
// gain it only there.
func joinsMarkdown(body []byte, at []int, in []byte, ends []int) bool {
	for i, j := range at {
		if crossesMark(body, j) {
			return true
		}
		ls, ok := blankBefore(body, j)
		if ok && hasIndentedLine(body[ls:]) && bytes.IndexByte(body[ls:j], '\n') < 0 {
			if le := bytes.IndexByte(body[ls:], '\n'); le < 0 || hasIndentedLine(body[ls:ls+le]) {
				if in == nil || !blockKept(in, body, ls, j, ends[i]) {
					return true
				}
			}
		}
	}
	return false
}

// blockKept reports whether the line of out at the join j (its start at
// ls) started a block before the deletion that ends at end in in: the
// join is at the start of an unindented line, that line is in's line at
// end, unchanged, and it follows a blank line (or starts the body) in in
// and in out. After a blank line an unindented line opens a block at the
// top level, in any container as in none (a blank line ends a
// paragraph, a quote's lazy lines and an HTML block of kinds 6 and 7,
// and an unindented line ends a list item), so a heading, list item,
// quote or break there read as one before the deletion too: removing
// "Loading…" and its blank line before "## Next" makes no new Markdown.
// A fence opened in what was deleted is the code check's (sameCode).
func blockKept(in, out []byte, ls, j, end int) bool {
	return ls == j && (j == len(out) || out[j] != ' ' && out[j] != '\t') && afterBlank(out, j) &&
		end <= len(in) && (end == 0 || in[end-1] == '\n') && afterBlank(in, end) &&
		bytes.Equal(out[j:lineStop(out, j)], in[end:lineStop(in, end)])
}

// lineStop returns where the line at i stops: at its '\n', or len(b).
func lineStop(b []byte, i int) int {
	if k := bytes.IndexByte(b[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(b)
}

// afterBlank reports whether the line starting at i (a line start) is
// the first of b or follows a blank line.
func afterBlank(b []byte, i int) bool {
	if i == 0 {
		return true
	}
	p := i - 1 // the '\n' ending the line before
	ps := bytes.LastIndexByte(b[:p], '\n') + 1
	return blank(b[ps:p])
}

// crossesMark reports whether a link or reference ("](", "]:"), an
// autolink or a fence crosses the join j of body. Only a mark that
// crosses the join is new: one wholly on either side stood there before.
func crossesMark(body []byte, j int) bool {
	ws := max(0, j-5)
	w := body[ws:min(len(body), j+5)]
	for _, m := range [][]byte{[]byte("]("), []byte("]:"), []byte("<http"), []byte("<HTTP"), []byte("```"), []byte("~~~")} {
		for p := 0; p < len(w); {
			k := bytes.Index(w[p:], m)
			if k < 0 {
				break
			}
			if start := ws + p + k; start < j && j < start+len(m) {
				return true
			}
			p += k + 1
		}
	}
	return false
}

// outMayBeMarkdown is mayBeMarkdown(outBody), for the cleaned body of a
// body src[bodyStart:] in which mayBeMarkdown found nothing, by edits be
// that passed joinsMarkdown: it looks only where the edits could have
// made Markdown, not at the whole body again (the first family's bodies
// are settled and long, and this ran on each).
//
// Outside the edits, a line of the output is a line of the input. A mark
// that crosses a deletion's join is what joinsMarkdown refused; what is
// left is the line a join lands in, whose start (an indent, a list or
// heading mark: at most 14 bytes) may now be other bytes: it is read
// again when it starts less than 16 bytes before the join (further, its
// start is the input's, and so is whether the line holds text: a line
// of white space up to the join is joinsMarkdown's). A rewrite's new
// bytes stand inside an attribute value, after its tag's name: they
// make Markdown only with a mark of their own or at a line's start.
func outMayBeMarkdown(src, outBody []byte, be []edit.Edit, bodyStart int) bool {
	for _, e := range be {
		if e.New == nil {
			continue
		}
		if bytes.ContainsAny(e.New, "\n\r`~]<") {
			return mayBeMarkdown(outBody)
		}
		if _, lineStart := blankBefore(src, e.Start); lineStart {
			return mayBeMarkdown(outBody)
		}
	}
	at, _ := joins(be, bodyStart)
	for _, j := range at {
		ls := j
		for ls > 0 && j-ls < 16 && outBody[ls-1] != '\n' {
			ls--
		}
		if ls > 0 && outBody[ls-1] != '\n' {
			continue // the line's start is the input's
		}
		le := len(outBody)
		if k := bytes.IndexByte(outBody[j:], '\n'); k >= 0 {
			le = j + k
		}
		if hasIndentedLine(outBody[ls:le]) {
			return true
		}
	}
	return false
}

// sameCode reports whether the cleaned body out holds the same Markdown
// and template code, in the same order, as the body it came from, whose
// code ranges are x (isMarkdown: the body is Markdown, not HTML). It also
// returns its parse of out, when it made one: the next round of the body
// rules reads the same bytes.
func sameCode(body []byte, x [][2]int, out []byte, isMarkdown bool) (bool, *markdown) {
	return sameCodeSpliced(body, x, out, isMarkdown, nil)
}

// sameCodeSpliced is sameCode with out's parse, when spliced is not nil,
// made without parsing (spliceMarkdown).
func sameCodeSpliced(body []byte, x [][2]int, out []byte, isMarkdown bool, spliced *markdown) (bool, *markdown) {
	var y [][2]int
	var md *markdown
	if isMarkdown && mayBeMarkdown(out) {
		if md = spliced; md == nil {
			p := parseMarkdown(out)
			md = &p
		}
		y = md.code
	}
	if t := templateCode(out, y); len(t) > 0 {
		y = mergeRanges(append(y[:len(y):len(y)], t...))
	}
	if len(x) != len(y) {
		return false, md
	}
	for i := range x {
		if string(body[x[i][0]:x[i][1]]) != string(out[y[i][0]:y[i][1]]) {
			return false, md
		}
	}
	return true, md
}

// isHTMLPath reports whether path names an HTML file, whose body is not
// Markdown: a 4-space indent there is layout, not code.
func isHTMLPath(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".html" || ext == ".htm"
}

// hugeDocument is the size above which Document collects garbage between
// its passes (see the 100 MB case in the README's limits).
const hugeDocument = 16 << 20

// sameShape reports whether out, cleaned from a document without front
// matter, still splits as one.
func sameShape(out []byte) bool {
	b, err := frontmatter.Split(out)
	return err == nil && !b.Found
}

func wrapLine(err error) error {
	var fe *frontmatter.Error
	if errors.As(err, &fe) {
		return &Error{Line: fe.Line, Err: fe.Err}
	}
	return &Error{Err: err}
}
