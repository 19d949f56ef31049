package learn

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/internal/english"
)

// copyLong is the length, in characters, from which a shared block is a
// sentence: in fewer than three distinct articles it may be one quoted by
// both, or copies of one article.
const copyLong = 40

// Bounds of a template's varying part ({*}): a feed's or a site's name,
// not a sentence (the boilerplate rule's {*} matches at most 60
// characters).
const (
	maxVarRunes  = 60
	maxVarTokens = 10
)

// threshold is the posts a shape must recur in within a group.
func threshold(minDocs, posts int) int {
	if minDocs > 0 {
		return minDocs
	}
	return max(3, posts*2/100)
}

// Propose picks the entries, and fits them to the bound a config's lists
// are held to: dropped is how many of those found in the fewest posts
// were left out (see fitBound). c is the config the posts were read with:
// its credit words (tail.credits) mark the entries proposed commented
// out. It reads the posts back from the spill (a temporary file for a
// large tree), once: an error is the spill's.
func (l *Learner) Propose(minDocs int, c *clean.Config) (found []*Entry, dropped int, err error) {
	if err := l.tally(); err != nil {
		return nil, 0, err
	}
	l.vocab = vocabPhrases(c)
	found, dropped = fitBound(l.posts, minDocs, l.propose(minDocs, c.Tail.Credits))
	return found, dropped, nil
}

// propose picks the entries: per group (the whole tree and each source),
// the shapes that recur at an edge in enough distinct posts and pass the
// vetoes, and the templates induced from shapes alike but for a run of
// words. An entry found in several groups is written once, for the
// source it serves.
func (l *Learner) propose(minDocs int, credits []string) []*Entry {
	all := l.groups[""]
	if all == nil {
		return nil
	}
	var names []string
	for n := range l.groups {
		names = append(names, n)
	}
	sort.Strings(names)
	cands := map[string][]*Entry{}
	var order []string
	for _, gname := range names {
		g := l.groups[gname]
		m := threshold(minDocs, g.posts)
		if g.posts < m || gname != "" && g.posts == all.posts && len(g.shapes) == len(all.shapes) {
			continue // too small, or the whole tree again
		}
		var keys []string
		for k := range g.shapes {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var pool []*shapeStat
		var found []*Entry
		for _, k := range keys {
			s := g.shapes[k]
			distinct := len(s.fps)

			switch s.kind {
			case kindIDs, kindClasses:
				if s.edge >= m && distinct >= min(m, maxFingerprints) {
					found = append(found, l.entry(s, g, s.text))
				}
			case kindRelated:
				// (A heading that also heads the article's own lists, in
				// more than a fifth as many posts, in its source or in the
				// tree, is a section of the article: the entry would
				// remove those too.)
				if s.related >= m && distinct >= min(m, maxFingerprints) && validPattern(s.text) && s.ownList*5 <= s.related &&
					(all.shapes[k] == nil || all.shapes[k].ownList*5 <= all.shapes[k].related) {
					found = append(found, l.entry(s, g, s.text))
				}
			case kindText:
				if l.veto(s, all) != "" {
					continue
				}
				pool = append(pool, s)
				if s.edge < m || distinct < min(m, maxFingerprints) || utf8.RuneCountInString(s.key) >= copyLong && distinct < 3 {
					continue
				}
				if sentence(s.text) && float64(s.edge) < sentenceShare*float64(g.posts) {
					continue // a sentence of the story, unless most of the source's posts end with it
				}
				if urlTemplate(s.text) {
					continue // the post's own link or embed
				}
				e := l.entry(s, g, s.text)
				e.credit = isCredit(s.text, credits) || creditShape(s.text)
				if datelineRe().MatchString(s.text) {
					e.credit, e.entry = true, generalDateline(s.text)
				}
				if !validPattern(e.entry) {
					continue
				}
				e.own = !e.credit && !l.furniture(s.text, s.link*2 > s.edge, s.edge, g.posts)
				found = append(found, e)
			}
		}
		templates, covered := l.induce(pool, m, g, credits)
		for _, e := range found {
			if e.kind == kindText && covered[e.key()] {
				continue // a template stands for it
			}
			templates = append(templates, e)
		}
		for _, e := range templates {
			k := e.key()
			if cands[k] == nil {
				order = append(order, k)
			}
			cands[k] = append(cands[k], e)
		}
	}
	var out, templates []*Entry
	var patterns []string
	for _, k := range order {
		e := pickSource(cands[k])
		out = append(out, e)
		if e.variants > 0 {
			templates = append(templates, e)
			patterns = append(patterns, e.entry)
		}
	}
	// A literal that a template of another source matches is the
	// template's: one entry, not both.
	if len(templates) > 0 {
		m := clean.NewPatternMatcher(patterns)
		out = slices.DeleteFunc(out, func(e *Entry) bool {
			return e.kind == kindText && e.variants == 0 && !strings.Contains(e.entry, "{") && m.Match(e.entry) >= 0
		})
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].docs != out[b].docs {
			return out[a].docs > out[b].docs
		}
		return out[a].entry < out[b].entry
	})
	return proposeEnd(out)
}

// proposeEnd writes the datelines that differ only in their month name
// ("Jan {n}th {n}", "Feb {n}th {n}") as one commented-out entry, the
// others named in its comment: a pattern has no month wildcard, and
// twelve entries of metadata are clutter.
func proposeEnd(out []*Entry) []*Entry {
	first := map[string]*Entry{}
	return slices.DeleteFunc(out, func(e *Entry) bool {
		if !e.credit || !monthRe().MatchString(e.entry) {
			return false
		}
		k := e.source + "\x00" + strings.ToLower(monthRe().ReplaceAllString(e.entry, "{month}"))
		if f := first[k]; f != nil {
			f.months = append(f.months, e.entry)
			f.docs += e.docs
			return true
		}
		first[k] = e
		return false
	})
}

// pickSource chooses, among one entry's finds, the source it serves: the
// whole tree unless one source holds nearly all of its posts.
func pickSource(es []*Entry) *Entry {
	var whole, best *Entry
	for _, e := range es {
		switch {
		case e.source == "":
			whole = e
		case best == nil || e.docs > best.docs || e.docs == best.docs && e.posts < best.posts:
			best = e
		}
	}
	switch {
	case whole == nil:
		return best
	case best != nil && best.docs*10 >= whole.docs*9 && best.posts < whole.posts:
		return best
	}
	return whole
}

func (e *Entry) key() string { return strconv.Itoa(e.kind) + "\x00" + strings.ToLower(e.entry) }

// entry makes a proposal of shape s found in group g.
func (l *Learner) entry(s *shapeStat, g *group, text string) *Entry {
	at := "at the start"
	switch {
	case s.start == 0:
		at = "at the end"
	case s.end > 0:
		at = "at the start or the end"
	}
	if s.kind == kindRelated {
		at = "at the end, heading a list of links"
	}
	return &Entry{kind: s.kind, entry: text, source: g.name, docs: s.edge, posts: g.posts, at: at, examples: s.examples}
}

// veto says why a text shape is never proposed, or "".
func (l *Learner) veto(s *shapeStat, all *group) string {
	key := strconv.Itoa(s.kind) + "\x00" + s.key
	edge := s.edge
	if a := all.shapes[key]; a != nil {
		edge = a.edge
	}
	mid := int(l.middle[hashKey(s.key)])
	switch {
	case float64(mid) > middleShare*float64(edge+mid):
		return "found in the middle of posts"
	case s.heading*2 > s.edge:
		return "a heading"
	case s.related*2 > s.edge:
		return "the heading of a list of links that is not at the end"
	case s.inList*2 > s.edge:
		return "an entry of a list of links"
	case s.listLink*2 > s.edge && !l.callToAction(s.text):
		return "an entry of a list of headline links" // a book, a course, a reference: the article's
	case s.afterLabel*2 > s.edge && !l.callToAction(s.text):
		return "what a label introduces" // "Study group of the day:" and its item: one unit or nothing
	case s.only*2 > s.edge:
		return "the only text of its posts"
	case numberedSection(s.text) && !l.callToAction(s.text):
		return "a numbered section heading" // a series' structure ("一、本周动态"), or an entry of a numbered list
	case tagWords(s.text):
		return "a word or a tag"
	}
	return ""
}

// numberedSection reports whether a short text that ends no sentence
// starts with a section number: "一、", "（二）", "第三章", "1.", "{n}、"
// (a number, as learn writes it). A number and a space is no section
// number here: "{n} 人阅读" is a counter.
func numberedSection(text string) bool {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(text), "*_#"))
	return utf8.RuneCountInString(t) <= 40 && !sentence(t) && sectionNumberRe().MatchString(t)
}

var sectionNumberRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:(?:[一二三四五六七八九十]+|\d{1,2}|\{n\})\s*[、.．]\s*\S|[（(][一二三四五六七八九十\d]+[)）]\s*\S|第[一二三四五六七八九十\d]+[章节部分篇]\s*\S)`)
})

// sentenceShare: a block that reads as a sentence of the story is
// proposed only when at least this share of its source's posts have it.
const sentenceShare = 0.4

// sentence reports whether a text ends as a sentence does.
func sentence(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(text))
	return strings.ContainsRune(".!?。！？", r)
}

// validPattern: what the config's validation accepts (4 characters of
// its own besides {n} and {*}).
func validPattern(p string) bool {
	lit := strings.NewReplacer("{n}", "", "{*}", "").Replace(p)
	return utf8.RuneCountInString(strings.TrimSpace(lit)) >= 4
}

// tagWords reports whether a text is a word or a few words without a
// sentence's or a label's punctuation: a tag, a category, a section
// heading ("Technology", "Machine Learning", "人工智能"), which a post
// holds as its own.
func tagWords(text string) bool {
	lit := strings.ReplaceAll(text, "{n}", "")
	han, latinWords, punct := 0, 0, false
	for _, w := range strings.Fields(lit) {
		hasLatin := false
		for _, r := range w {
			switch {
			case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
				han++
			case unicode.IsLetter(r):
				hasLatin = true
			case unicode.IsPunct(r) || unicode.IsSymbol(r):
				punct = true
			}
		}
		if hasLatin {
			latinWords++
		}
	}
	if strings.Contains(text, "{n}") {
		punct = true
	}
	if han > 0 {
		return han < 6 && !punct && latinWords < 3
	}
	if latinWords < 3 {
		return !strings.Contains(text, "{n}") // "Views: {n}" is a counter
	}
	if latinWords <= 4 && !punct {
		for _, w := range strings.Fields(lit) {
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
				return false
			}
		}
		return true // "Machine Learning Tools": title-cased words, a tag
	}
	return false
}

// tokenRe splits a text into tokens, each with the white space before it:
// a CJK character, a word, a {n}, or one other character.
var tokenRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\s*(?:\{n\}|[\p{Han}\p{Hiragana}\p{Katakana}]|[\p{L}\p{N}_'’]+|\S)`)
})

// tokens are a text's tokens, as found and normalised (trimmed,
// lower-cased), or nil for a text too short or too long to be a
// template's member.
func tokens(text string) (toks, norm []string) {
	toks = tokenRe().FindAllString(text, -1)
	if len(toks) < 4 || len(toks) > 80 {
		return nil, nil
	}
	norm = make([]string, len(toks))
	for i, t := range toks {
		norm[i] = strings.ToLower(strings.TrimSpace(t))
	}
	return toks, norm
}

// bucketings are Drain's fixed-depth tree, three ways: shapes that share
// their first two and last two tokens, their first three, or their last
// three may be one template.
var bucketings = [][2]int{{2, 2}, {3, 0}, {0, 3}}

// bucketKey is a shape's bucket in one bucketing (ok false when it is too
// short for it).
func bucketKey(norm []string, bucketing [2]int) (string, bool) {
	a, b := bucketing[0], bucketing[1]
	if len(norm) < a+b+1 {
		return "", false
	}
	return strings.Join(norm[:a], " ") + "\x00" + strings.Join(norm[len(norm)-b:], " "), true
}

// bucketHashes are the hashes of a text shape's buckets, as the sketch
// marks them: a shape of one post is kept for the second pass when it
// shares a bucket with a shape that recurs, as a template's member.
func bucketHashes(text string) []uint64 {
	_, norm := tokens(text)
	if norm == nil {
		return nil
	}
	var hs []uint64
	for i, b := range bucketings {
		if k, ok := bucketKey(norm, b); ok {
			hs = append(hs, hashKey("b"+strconv.Itoa(i)+"\x00"+k))
		}
	}
	return hs
}

type tokShape struct {
	s    *shapeStat
	toks []string // as found
	norm []string // trimmed, lower-cased
}

// induce finds templates: shapes of one group that share a literal start
// and end and differ in a bounded run of words between them (a feed's
// name in an importer's footer) become one entry with {*}, as a log
// template miner (Drain) turns lines alike but for some tokens into one
// template. Shapes are bucketed by their first and last tokens (Drain's
// fixed-depth tree), then each bucket's common prefix and suffix are the
// template's literal parts. It returns the templates and the shapes they
// cover.
func (l *Learner) induce(pool []*shapeStat, m int, g *group, credits []string) ([]*Entry, map[string]bool) {
	var shapes []tokShape
	for _, s := range pool {
		toks, norm := tokens(s.text)
		if toks == nil {
			continue
		}
		shapes = append(shapes, tokShape{s: s, toks: toks, norm: norm})
	}
	type cand struct {
		text    string
		members []int
		docs    int
		lit     int
	}
	var cands []cand
	seen := map[string]bool{}
	for _, bucketing := range bucketings {
		buckets := map[string][]int{}
		var bkeys []string
		for i, sh := range shapes {
			k, ok := bucketKey(sh.norm, bucketing)
			if !ok {
				continue
			}
			if buckets[k] == nil {
				bkeys = append(bkeys, k)
			}
			buckets[k] = append(buckets[k], i)
		}
		for _, k := range bkeys {
			members := buckets[k]
			for round := 0; round < 2 && len(members) >= 2; round++ {
				text, keep, lit, ok := template(shapes, members)
				if !ok {
					break
				}
				if len(keep) < len(members) {
					members = keep
					continue
				}
				if !seen[text] {
					seen[text] = true
					docs := 0
					for _, i := range members {
						docs += shapes[i].s.edge
					}
					cands = append(cands, cand{text: text, members: members, docs: docs, lit: lit})
				}
				break
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].docs != cands[b].docs {
			return cands[a].docs > cands[b].docs
		}
		return cands[a].lit > cands[b].lit
	})
	covered := map[string]bool{}
	var out []*Entry
	for _, c := range cands {
		matcher := clean.NewPatternMatcher([]string{c.text})
		docs, mid, start, end, repeated, link := 0, 0, 0, 0, 0, 0
		var fps []uint64
		var exs []example
		var members []int
		for _, i := range c.members {
			s := shapes[i].s
			if covered[s.key] || matcher.Match(s.examples[0].text) < 0 {
				continue
			}
			members = append(members, i)
			docs += s.edge
			if s.edge >= 2 {
				repeated += s.edge
			}
			start += s.start
			end += s.end
			link += s.link
			mid += int(l.middle[hashKey(s.key)])
			for _, f := range s.fps {
				if len(fps) < maxFingerprints && !containsU64(fps, f) {
					fps = append(fps, f)
				}
			}
			exs = append(exs, s.examples[0])
		}
		if len(members) < 2 || urlTemplate(c.text) || docs < m || len(fps) < min(m, maxFingerprints) || float64(mid) > middleShare*float64(docs+mid) ||
			sentence(c.text) && float64(docs) < sentenceShare*float64(g.posts) || repeated*2 < docs {
			// (The varying part must recur: a feed's or a site's name is
			// found in many posts, a post's own topic in one.)
			continue
		}
		for _, i := range members {
			covered[shapes[i].s.key] = true
		}
		sortExamples(exs)
		if len(exs) > maxExamples {
			exs = exs[:maxExamples]
		}
		at := "at the start"
		switch {
		case start == 0:
			at = "at the end"
		case end > 0:
			at = "at the start or the end"
		}
		e := &Entry{kind: kindText, entry: c.text, source: g.name, docs: docs, posts: g.posts, at: at, examples: exs, variants: len(members)}
		e.credit = isCredit(c.text, credits) || datelineRe().MatchString(c.text) || creditShape(c.text)
		e.own = !e.credit && !l.furniture(c.text, link*2 > docs, docs, g.posts)
		out = append(out, e)
	}
	// Keys of covered shapes, as the literal entries spell them.
	byEntry := map[string]bool{}
	for k := range covered {
		byEntry[strconv.Itoa(kindText)+"\x00"+k] = true
	}
	return out, byEntry
}

// template makes the template of members: their common prefix, {*}, their
// common suffix. It drops the members whose varying part is too long for
// {*} (keep lists the others); ok is false when no template fits.
func template(shapes []tokShape, members []int) (text string, keep []int, lit int, ok bool) {
	first := shapes[members[0]]
	pre, suf := len(first.norm), len(first.norm)
	for _, i := range members[1:] {
		n := shapes[i].norm
		p := 0
		for p < pre && p < len(n) && n[p] == first.norm[p] {
			p++
		}
		pre = p
		s := 0
		for s < suf && s < len(n) && n[len(n)-1-s] == first.norm[len(first.norm)-1-s] {
			s++
		}
		suf = s
	}
	shortest := len(first.norm)
	for _, i := range members {
		shortest = min(shortest, len(shapes[i].norm))
	}
	if pre+suf > shortest {
		suf = shortest - pre
	}
	variants := map[string]bool{}
	varLetters := 0
	for _, i := range members {
		sh := shapes[i]
		mid := sh.toks[pre : len(sh.toks)-suf]
		v := strings.TrimSpace(strings.Join(mid, ""))
		if len(mid) > maxVarTokens || utf8.RuneCountInString(v) > maxVarRunes || v == "" {
			continue
		}
		variants[strings.ToLower(v)] = true
		varLetters = max(varLetters, letters(v))
		keep = append(keep, i)
	}
	if len(keep) < 2 || len(variants) < 2 {
		return "", nil, 0, false
	}
	prefix := strings.Join(first.toks[:pre], "")
	suffix := strings.Join(first.toks[len(first.toks)-suf:], "")
	lit = letters(prefix + suffix)
	need := 12
	if suf == 0 || pre == 0 {
		need = 16 // a template open at one end matches more
	}
	if lit < need || lit < varLetters || tagWords(prefix+" "+suffix) {
		return "", nil, 0, false
	}
	sep := ""
	if pre > 0 && pre < len(first.toks) && strings.TrimSpace(first.toks[pre]) != first.toks[pre] {
		sep = " "
	}
	text = strings.TrimSpace(prefix + sep + "{*}" + suffix)
	if !validPattern(text) {
		return "", nil, 0, false
	}
	return text, keep, lit, true
}

// Text is the entry as the config lists it.
func (e *Entry) Text() string { return e.entry }

// Commented reports whether the entry is proposed commented out: a
// credit, a dateline or byline, or a line that may be the author's own.
func (e *Entry) Commented() bool { return e.credit || e.own }

// IsBoilerplate reports whether the entry goes in the boilerplate list
// (not widgets.related or tracking).
func (e *Entry) IsBoilerplate() bool { return e.kind == kindText }

// Source is the source the entry serves, as its comment names it.
func (e *Entry) Source() string { return sourceName(e.source) }

// sourceName is a group's name as an entry's comment gives it.
func sourceName(g string) string {
	if g == "" {
		return "all sources"
	}
	return g
}

// Write prints the proposed config: found (Propose's entries, dropped of
// them left out), learned over posts posts in args by mdclean version.
func Write(w io.Writer, version string, args []string, posts, minDocs int, found []*Entry, dropped int) {
	fmt.Fprintf(w, "# Proposed by mdclean learn, version %s, over %s in %s.\n", version, english.Plural(posts, "post"), strings.Join(args, " "))
	if minDocs > 0 {
		fmt.Fprintf(w, "# Each entry recurs at the start or the end of at least %d posts of a source (--min-docs).\n", minDocs)
	} else {
		fmt.Fprintln(w, "# Each entry recurs at the start or the end of at least 3 posts (or 2%) of a source.")
	}
	fmt.Fprintln(w, "# Read every entry before you commit this file as .mdclean.yaml: a block whose")
	fmt.Fprintln(w, "# whole text matches one is removed from every post. Delete what is article text.")
	fmt.Fprintln(w, "# {n} stands for a number, {*} for a short text, which differ from post to post.")
	if dropped > 0 {
		fmt.Fprintf(w, "# %s found in the fewest posts left out: with them the lists would\n", english.Plural(dropped, "entry"))
		fmt.Fprintln(w, "# compile to more regexp instructions than mdclean loads (see clean/patterns.go).")
	}
	by := map[int][]*Entry{}
	var credits []*Entry
	for _, e := range found {
		if e.credit || e.own {
			credits = append(credits, e)
		} else {
			by[e.kind] = append(by[e.kind], e)
		}
	}
	fmt.Fprintln(w, "boilerplate:")
	if len(by[kindText]) == 0 && len(credits) == 0 {
		fmt.Fprintln(w, "  [] # nothing recurs")
	}
	for _, line := range entryLines(by[kindText], credits, "  ") {
		fmt.Fprintln(w, line)
	}
	if len(by[kindRelated]) > 0 {
		fmt.Fprintln(w, "widgets:")
		fmt.Fprintln(w, "  # Headings of a list of links at the end of posts (related posts, further")
		fmt.Fprintln(w, "  # reading): the heading and its list are removed together, only at the end.")
		fmt.Fprintln(w, "  related:")
		for _, line := range entryLines(by[kindRelated], nil, "    ") {
			fmt.Fprintln(w, line)
		}
	}
	if len(by[kindIDs])+len(by[kindClasses]) > 0 {
		fmt.Fprintln(w, "tracking:")
		fmt.Fprintln(w, "  # Empty containers a script fills (recommendations, ads, counters); removed")
		fmt.Fprintln(w, "  # only when empty.")
		for _, l := range []struct {
			key  string
			kind int
		}{{"ids", kindIDs}, {"classes", kindClasses}} {
			if len(by[l.kind]) == 0 {
				continue
			}
			fmt.Fprintf(w, "  %s:\n", l.key)
			for _, line := range entryLines(by[l.kind], nil, "    ") {
				fmt.Fprintln(w, line)
			}
		}
	}
}

// entryLines are a list's lines: each entry under its comment, then the
// credits commented out.
func entryLines(es, credits []*Entry, indent string) []string {
	var out []string
	for _, e := range es {
		out = append(out, indent+"# "+e.comment(), indent+"- "+yamlQuote(e.entry))
	}
	var own, cr []*Entry
	for _, e := range credits {
		if e.own {
			own = append(own, e)
		} else {
			cr = append(cr, e)
		}
	}
	if len(own) > 0 {
		out = append(out, indent+"# Lines with no link (but to a code repository), no call to action and no widget's",
			indent+"# shape: they may be the author's own words (sign-offs, bios, intros, notes",
			indent+"# pointing to the author's code). Uncomment what is boilerplate.")
		for _, e := range own {
			out = append(out, indent+"# "+e.comment(), indent+"# - "+yamlQuote(e.entry))
		}
	}
	if len(cr) > 0 {
		out = append(out, indent+"# Credit, source, date and byline lines: they say where and when a post came",
			indent+"# from, and are the post's own. Uncomment those you want removed.")
		for _, e := range cr {
			out = append(out, indent+"# "+e.comment(), indent+"# - "+yamlQuote(e.entry))
		}
	}
	return out
}

// comment says where an entry was found: its source, in how many posts,
// where, and examples.
func (e *Entry) comment() string {
	var ex []string
	for _, x := range e.examples {
		t := x.text
		if utf8.RuneCountInString(t) > 80 {
			t = string([]rune(t)[:79]) + "…"
		}
		ex = append(ex, strconv.Quote(t)+" in "+x.file)
	}
	s := fmt.Sprintf("%s: in %d of %s, %s", sourceName(e.source), e.docs, english.Plural(e.posts, "post"), e.at)
	if e.variants > 0 {
		s += fmt.Sprintf("; {*} stands for %d texts", e.variants)
	}
	s += "; e.g. " + strings.Join(ex, ", ")
	if len(e.months) > 0 {
		var q []string
		for _, m := range e.months {
			q = append(q, strconv.Quote(m))
		}
		s += "; the same for other months: " + strings.Join(q, ", ")
	}
	return s
}

// furniture reports whether a text has the evidence of a site's furniture
// rather than of the author's words: a call to action or a widget's
// words, a link or URL in a line that is no sentence (a promotion points
// somewhere), or a line that is no
// sentence (or holds a counter, {n}) and recurs in a large share of its
// source's posts.
func (l *Learner) furniture(text string, link bool, docs, posts int) bool {
	t := strings.TrimSpace(liquidTail().ReplaceAllString(text, ""))
	if l.callToAction(t) || link && !sentence(t) {
		return true // (a sentence with a link in it may be the author's: "see [the docs](…) as well.")
	}
	if float64(docs) < sentenceShare*float64(posts) {
		return false
	}
	// (A number in a short line is a counter's, "Read {n} times", or in a
	// promotion's with a link, "Browse {n}+ articles"; in a longer line
	// without one it is the story's, "more than {n} schools …".)
	return strings.Contains(t, "{n}") && (link || utf8.RuneCountInString(t) <= counterRunes) || t != "" && !sentence(t) && !strings.ContainsAny(t[len(t)-1:], ":,;") && !strings.HasSuffix(t, "：") && !strings.HasSuffix(t, "，")
}

// counterRunes: a line this long at most whose number varies is a
// counter ("This post has been read {n} times"), a longer one prose.
const counterRunes = 100

// liquidTail is a Liquid tag ending a line ("{% endraw %}"): not the
// line's words.
var liquidTail = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\s*\{%[^%]*%\})+\s*$`) })

// ctaRe finds the words of a call to action: what a widget or a promotion
// asks of the reader.
var ctaRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(subscrib\w*|follow|newsletters?|share|sharing|sign[ -]?up|join|connect with|download|register|enrol\w*|donate|sponsor\w*|patreon|buy me a coffee|support (us|me|the)|click|tap|scan|rss|copyright|all rights reserved|instagram|facebook|twitter|youtube|linkedin|mastodon|bluesky|telegram|wechat|weibo)\b|©|关注|關注|订阅|訂閱|分享|扫码|掃碼|扫描|微博|微信|點擊|点击|加入|下载|下載|转载|轉載|版权|版權|赞赏|打赏`)
})

// vocabPhrases are the widget labels and edges of the config (rules.yaml's
// and the user's) long enough to tell a widget's words.
func vocabPhrases(c *clean.Config) []string {
	var out []string
	for _, l := range [][]string{c.Widgets.Labels, c.Widgets.Edges} {
		for _, p := range l {
			if !strings.Contains(p, "{") && utf8.RuneCountInString(p) >= 6 {
				out = append(out, strings.ToLower(p))
			}
		}
	}
	return out
}

// callToAction reports whether a text asks something of the reader, or
// holds a widget's words from the config's vocabulary (see Propose).
func (l *Learner) callToAction(text string) bool {
	if ctaRe().MatchString(text) {
		return true
	}
	lower := strings.ToLower(text)
	for _, p := range l.vocab {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}

// creditRe finds the shapes of credits, bylines and captions: a short
// parenthesised note at the end (an agency, "compiled"), "courtesy of", a
// signature's dash or "and the … Team", a caption's marker.
var creditRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^[^.!?。！？]{0,30}[（(][^（()）]{1,30}[）)]\s*$|\bcourtesy of\b|^\s*[–—―-]+\s*\S|\band the\b.{1,40}\bteam\s*$|` +
		`^\s*(by|photo|photos|image|images|illustration|illustrations|credits?|source|via)\b|\b(photo|image|illustration)s?\s+(by|courtesy|credit)|` +
		`^\s*▲|^\s*[图圖]\s*[=＝:：/|｜]|[图圖][表片]?\s*[=＝]|插[画圖图畫]|示意[圖图]|[圖图]取自|[图圖]片[来來]源|[图圖]片提供|[图圖]源|摄影|攝影`)
})

// creditShape reports whether a text has a credit's, a byline's or a
// caption's shape.
func creditShape(text string) bool { return creditRe().MatchString(text) }

var urlInRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)(https?://|www\.)\S*`) })

// urlTemplate reports whether an entry's varying part is inside a URL, or
// the entry is only a URL or an embed: a post's own link or video.
func urlTemplate(text string) bool {
	for _, u := range urlInRe().FindAllString(text, -1) {
		if strings.Contains(u, "{*}") || strings.Contains(u, "{n}") {
			return true
		}
	}
	rest := strings.ReplaceAll(urlInRe().ReplaceAllString(text, ""), "{n}", "")
	return letters(strings.ReplaceAll(rest, "{*}", "")) < 4
}

// fitBound drops, until the proposal loads as a config, the uncommented
// entries found in the fewest posts from the list the config refuses (a
// list's patterns are bounded, clean/patterns.go): learn prints only a
// config mdclean loads. It returns the entries kept and how many went.
func fitBound(posts, minDocs int, found []*Entry) ([]*Entry, int) {
	dropped := 0
	for {
		var b strings.Builder
		Write(&b, "", nil, posts, minDocs, found, dropped)
		c, err := clean.ParseConfig([]byte(b.String()))
		if err == nil {
			err = c.Validate()
		}
		if err == nil {
			return found, dropped
		}
		kind := kindText
		if strings.Contains(err.Error(), "widgets.related") {
			kind = kindRelated
		}
		worst := -1
		for i, e := range found {
			if e.kind == kind && !e.credit && !e.own && (worst < 0 || e.docs <= found[worst].docs) {
				worst = i // (sorted by posts: the last of the fewest)
			}
		}
		if worst < 0 {
			return found, dropped // not a bound learn can meet: the error shows when the config is used
		}
		found = slices.Delete(found, worst, worst+1)
		dropped++
	}
}
