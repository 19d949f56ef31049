// Package learn finds a site's own boilerplate where it repeats: the blocks
// whose text (numbers aside, or a short varying part aside) or whose empty
// tracking container recurs at the start or the end of many of its posts,
// and the headings that introduce a per-post list of links at the end. It
// learns within each source of a mixed tree (an author, a site, a
// directory, the domain a post's links point to) as well as over the whole
// tree, so one site's footer among thousands of other posts is found. It
// writes a proposed config for the user to read, edit and commit; cleaning
// stays per document, so -w, --check and pre-commit give the same answer
// for a post alone or in its tree.
//
// The method is the corpus cleaners' (CCNet's and datatrove's paragraph
// frequencies: normalise numbers, case and white space, then count across
// documents) with a log miner's template step (Drain: shapes alike but for
// a run of words become one template whose varying part is a wildcard).
// The posts are read after the shipped rules and the user's config have
// cleaned them: what those remove is never proposed again.
package learn

import (
	"bytes"
	"hash/fnv"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/frontmatter"
)

// Where a block stands in its body, counted in blocks with text: the start
// run is at most edgeStart short blocks before the article's first long
// block, the end run at most edgeEnd short blocks after its last; the rest
// is the middle.
const (
	edgeStart = 3
	edgeEnd   = 5
	// maxLearnRunes: a longer block is article text, never boilerplate.
	maxLearnRunes = 200
	// middleShare: a text found in the middle of more than this share of
	// its posts is the posts' own (a quotation, a recurring phrase).
	middleShare = 0.1
	// maxExamples are kept per shape, for the entry's comment.
	maxExamples = 3
	// maxFingerprints: distinct articles counted per shape (enough to tell
	// copies of one article from a site's posts).
	maxFingerprints = 8
)

// Kinds of entries.
const (
	kindText    = iota // boilerplate:
	kindRelated        // widgets: related: a heading with its list of links
	kindIDs            // tracking: ids:
	kindClasses        // tracking: classes:
)

// obs is one short block of one post, as learn counts it.
type obs struct {
	key     string // the shape: numbers masked, white space collapsed, lower-cased
	text    string // the same, case kept (the entry)
	raw     string // as found
	kind    int
	where   uint8 // 1 start run, 2 middle, 4 end run
	heading bool  // a heading (h1–h6)
	related bool  // a heading-like block followed by links to the post's end
	inList  bool  // an entry of such a list
	link    bool  // holds a link or a URL, not to the author's code (awayLink): furniture points somewhere
	ownList bool  // the heading of a list at the end that is the article's (see headlineList)
	// listLink: an entry of a list that is one headline link, with or
	// without a heading over the list (a book, a course, a reference):
	// the article's, unless it asks something of the reader.
	listLink bool
	// afterLabel: the block follows a short label ending with a colon
	// ("Study group of the day:"): it is what the label introduces, and
	// goes with it or not at all.
	afterLabel bool
}

// Post is what learn keeps of one post while it counts it (see Read).
type Post struct {
	index   int
	name    string
	groups  []string
	obs     []obs
	article uint64 // a fingerprint of its article, to tell copies apart (see Read)
	only    string // the key of its only text, when a short block is all it holds
}

// example is a block as found, and where.
type example struct {
	index int
	text  string
	file  string
}

// shapeStat counts one shape in one group.
type shapeStat struct {
	key, text  string
	kind       int
	firstIndex int // the first post (in the order named) that had it: its text is the entry's
	// Posts that have it: at an edge, in the start or end run, also in
	// the middle, as a heading, heading a list of links to the end, as
	// their only text.
	edge, start, end, middle, heading, related, only, inList, link, ownList, listLink, afterLabel int
	fps                                                                                           []uint64 // the distinct articles of those posts, up to maxFingerprints
	examples                                                                                      []example
}

// group is the posts of one source (or "" for the whole tree).
type group struct {
	name   string
	posts  int
	shapes map[string]*shapeStat
}

// Learner aggregates posts as they are read: memory grows with the
// distinct shapes that recur, not with the posts (see spill.go).
type Learner struct {
	// The first pass (Add).
	posts      int
	groupPosts map[string]int // posts of each group
	seen       *sketch        // shapes at an edge, by hash: seen twice?
	spill      spill
	// The second pass (tally, from Propose).
	tallied bool
	groups  map[string]*group
	middle  map[uint64]int32 // posts holding a shape in their middle, by hash
	vocab   []string         // the config's widget words (see Propose)
}

func hashKey(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// New returns a Learner with no post read.
func New() *Learner {
	return &Learner{groupPosts: map[string]int{}, seen: newSketch(), groups: map[string]*group{}, middle: map[uint64]int32{}}
}

// Posts is how many posts the Learner has counted.
func (l *Learner) Posts() int { return l.posts }

// Add counts one post's blocks, in the whole tree and in each of its
// sources (the first pass: the post is kept in the spill, its shapes
// counted in the sketch). Posts may be added in any order: the entries
// follow the posts' indexes.
func (l *Learner) Add(p *Post) {
	l.posts++
	for _, g := range append([]string{""}, p.groups...) {
		l.groupPosts[g]++
	}
	done := map[string]bool{}
	for _, o := range p.obs {
		if o.where&(1|4) == 0 && !o.related && !o.ownList {
			continue
		}
		k := strconv.Itoa(o.kind) + "\x00" + o.key
		if !done[k] {
			done[k] = true
			l.seen.add(hashKey(k))
		}
	}
	l.spill.write(p)
}

// tally is the second pass: it reads the posts back from the spill and
// counts, per group, the shapes seen at an edge of at least two posts;
// then reads them again for the shapes of one post that share a bucket
// (see induce) with a text shape that recurs: a template's members whose
// varying part is one post's. (The buckets are those of the shapes
// counted, exactly: a sketch's rare false "twice" would make a bucket of
// every post's own intro hot.)
func (l *Learner) tally() error {
	if l.tallied {
		return nil
	}
	l.tallied = true
	defer l.spill.close()
	if err := l.spill.each(func(p *Post) { l.count(p, nil) }); err != nil {
		return err
	}
	hot := map[uint64]bool{}
	if all := l.groups[""]; all != nil {
		for _, s := range all.shapes {
			if s.kind == kindText && s.edge >= 2 {
				for _, h := range bucketHashes(s.text) {
					hot[h] = true
				}
			}
		}
	}
	if len(hot) == 0 {
		return nil
	}
	err := l.spill.each(func(p *Post) { l.count(p, hot) })
	return err
}

// count counts a post's shapes: with hot nil, those seen at an edge of two
// posts (and its middle blocks); else the others that share a hot bucket.
func (l *Learner) count(p *Post, hot map[uint64]bool) {
	if hot == nil {
		seen := map[string]bool{}
		for _, o := range p.obs {
			if o.where&2 != 0 && !seen["m\x00"+o.key] {
				seen["m\x00"+o.key] = true
				if l.seen.twice(hashKey(strconv.Itoa(kindText) + "\x00" + o.key)) {
					l.middle[hashKey(o.key)]++ // (only the veto of a text shape reads it)
				}
			}
		}
	}
	recurs := map[string]bool{}
	for _, o := range p.obs {
		if o.where&(1|4) == 0 && !o.related && !o.ownList {
			continue
		}
		k := strconv.Itoa(o.kind) + "\x00" + o.key
		if _, ok := recurs[k]; !ok {
			twice := l.seen.twice(hashKey(k))
			if hot == nil {
				recurs[k] = twice
			} else {
				recurs[k] = !twice && o.kind == kindText && slices.ContainsFunc(bucketHashes(o.text), func(h uint64) bool { return hot[h] })
			}
		}
	}
	for _, gname := range append([]string{""}, p.groups...) {
		g := l.groups[gname]
		if g == nil {
			g = &group{name: gname, posts: l.groupPosts[gname], shapes: map[string]*shapeStat{}}
			l.groups[gname] = g
		}
		done := map[string]bool{}
		for _, o := range p.obs {
			if o.where&(1|4) == 0 && !o.related && !o.ownList {
				continue
			}
			k := strconv.Itoa(o.kind) + "\x00" + o.key
			if done[k] || !recurs[k] {
				continue // (a shape of one post: no entry is made of it; or counted in the other round)
			}
			done[k] = true
			s := g.shapes[k]
			if s == nil {
				s = &shapeStat{key: o.key, text: o.text, kind: o.kind, firstIndex: p.index}
				g.shapes[k] = s
			}
			if p.index < s.firstIndex {
				s.firstIndex, s.text = p.index, o.text
			}
			s.edge++
			if o.where&1 != 0 {
				s.start++
			}
			if o.where&4 != 0 {
				s.end++
			}
			if o.where&2 != 0 {
				s.middle++
			}
			if o.heading {
				s.heading++
			}
			if o.related {
				s.related++
			}
			if o.inList {
				s.inList++
			}
			if o.link {
				s.link++
			}
			if o.listLink {
				s.listLink++
			}
			if o.afterLabel {
				s.afterLabel++
			}
			if o.ownList {
				s.ownList++
				continue // (no example: the entry's are of its related lists)
			}
			if p.only != "" && p.only == o.key {
				s.only++
			}
			if len(s.fps) < maxFingerprints && !containsU64(s.fps, p.article) {
				s.fps = append(s.fps, p.article)
			}
			s.addExample(example{index: p.index, text: o.raw, file: p.name})
		}
	}
}

func containsU64(s []uint64, v uint64) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// addExample keeps the examples of the first posts (in the order the
// posts were named), distinct texts first: the output does not depend on
// which worker read a post first.
func (s *shapeStat) addExample(e example) {
	for i, x := range s.examples {
		if x.text == e.text {
			if e.index < x.index {
				s.examples[i] = e
			}
			sortExamples(s.examples)
			return
		}
	}
	s.examples = append(s.examples, e)
	sortExamples(s.examples)
	if len(s.examples) > maxExamples {
		s.examples = s.examples[:maxExamples]
	}
}

func sortExamples(es []example) {
	sort.Slice(es, func(a, b int) bool { return es[a].index < es[b].index })
}

// Entry is one proposed entry.
type Entry struct {
	kind     int
	entry    string
	credit   bool   // a credit, source, dateline or byline: proposed commented out
	own      bool   // no evidence of furniture: may be the author's words, proposed commented out
	source   string // the group it serves ("" for the whole tree)
	docs     int
	posts    int // of its source
	at       string
	examples []example
	variants int      // distinct texts a template stands for
	months   []string // a dateline's other spellings, one per month (see proposeEnd)
}

func isCredit(text string, words []string) bool {
	for _, w := range words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// datelineRe finds a date or a byline: metadata of the post, not
// boilerplate (and "Jan {n}th {n}" only matches January).
var datelineRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\{n\}\s*年\s*\{n\}\s*月|\{n\}\s*月\s*\{n\}\s*日|\{n\}[-/.]\{n\}[-/.]\{n\}|` +
		`\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\{n\}|\{n\}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|` +
		`^\s*(published|posted|updated|written|last updated|by)\b|发布于|发表于|更新于|` +
		`^\s*(作者|撰文|文|译者|翻译|记者|图)\s*[|｜:：/]|` +
		// WeChat's byline: 原创 (original), the author, the account.
		`^\s*原创\s+\S`)
})

var monthRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?\b`)
})

// generalDateline writes a dateline's month name as {*}, so one entry
// matches every month, when enough literal text stays to be valid.
func generalDateline(s string) string {
	g := monthRe().ReplaceAllString(s, "{*}")
	lit := strings.NewReplacer("{n}", "", "{*}", "").Replace(g)
	if utf8.RuneCountInString(strings.TrimSpace(lit)) < 4 {
		return s
	}
	return g
}

// Read reads one post (src, a file's bytes, named name in reports,
// found at path), cleaned as its config c would clean it, and returns its
// short blocks by where they stand, and its sources. index is the post's
// place in the order the posts were named: examples and entries follow
// it, whatever order the posts are added in.
func Read(index int, name, path string, src []byte, c *clean.Config) (*Post, error) {
	p := &Post{index: index, name: name}
	// What the shipped rules and the config remove is not learned again:
	// the body is read as they leave it (the front matter apart, whose
	// repair removes no block).
	fm, err := frontmatter.Split(src)
	if err != nil {
		return nil, err
	}
	p.groups = sources(name, src[:fm.Body], src[fm.Body:])
	// The post's title in a footer ("The post <title> appeared first on
	// …") varies as the post does: masked as {*}, as numbers are as {n}.
	var title, site string
	if fm.Found && fm.Format == frontmatter.FormatYAML {
		site = siteHost(src[fm.Start:fm.End])
		title = frontValue(src[fm.Start:fm.End], "title")
		if n := utf8.RuneCountInString(title); n < 8 || n > 60 {
			title = "" // short titles are words of any text; long ones more than {*} matches
		}
	}
	opt := clean.Options{Path: path, Config: c, Disable: blockless}
	body := src[fm.Body:]
	if res, err := clean.Document(body, opt); err == nil && !bytes.HasPrefix(bytes.TrimSpace(body), []byte("---")) {
		body = res.Out
	}
	blocks, err := clean.Blocks(body, opt)
	if err != nil {
		return nil, err
	}

	// The article: its long blocks. The start run is the short blocks
	// before the first, the end run those after the last.
	var withText []int
	firstLong, lastLong := -1, -1
	longest, longestAt := "", -1
	for i, b := range blocks {
		if b.Text == "" {
			continue
		}
		if b.Long() || utf8.RuneCountInString(b.Text) > maxLearnRunes {
			if firstLong < 0 {
				firstLong = len(withText)
			}
			lastLong = len(withText)
		}
		if !b.Long() && len(b.Text) > len(longest) {
			longest, longestAt = b.Text, len(withText)
		}
		withText = append(withText, i)
	}
	n := len(withText)
	if firstLong < 0 {
		// No long text: the longest is the article, the runs around it
		// the edges; it is the post's only text when it holds at least
		// half of it (a templated report: never boilerplate).
		total := 0
		for _, i := range withText {
			total += utf8.RuneCountInString(blocks[i].Text)
		}
		if 2*utf8.RuneCountInString(longest) >= total {
			p.only = shapeKey(longest)
		}
		firstLong, lastLong = longestAt, longestAt
	}
	startEnd := min(firstLong, edgeStart)
	endStart := max(lastLong+1, n-edgeEnd)
	// The article's fingerprint, to tell copies of one article (a repost,
	// a scrape taken twice) from a site's posts: its longest short block
	// between the start and end runs (copies share it even when their
	// edges differ), or its first long block's bytes.
	var fp []byte
	// (A post with no block of text, front matter only, has none.)
	for r := max(startEnd, 0); r < endStart && r < n; r++ {
		b := blocks[withText[r]]
		switch {
		case !b.Long() && len(b.Text) > len(fp):
			fp = []byte(b.Text)
		case b.Long() && fp == nil && b.Start >= 0 && b.Start <= b.End && b.End <= len(body):
			fp = body[b.Start:b.End]
		}
	}
	p.article = hashKey(string(fp))
	// A heading-like block followed, to the end, by at least two entries
	// of a list of links: a related-posts section, learned as one unit.
	// (A footer of a block or two after the list, the site's boilerplate,
	// goes with it: see widgetBlocks.)
	relatedAt, listEnd := -1, -1
	related := false
	last := n - 1
	for last >= 0 && n-1-last < 2 {
		b := blocks[withText[last]]
		if b.Link || b.Long() || utf8.RuneCountInString(b.Text) > maxLearnRunes {
			break
		}
		last--
	}
	// The list's entries must be headlines (headlineList); a footer of a
	// block or two with a link of its own may follow them.
	for _, end := range []int{last, n - 1, n - 2, n - 3} {
		if end < 0 || related {
			continue
		}
		for t := end; t >= 0; t-- {
			b := blocks[withText[t]]
			if b.Link && !b.Long() && utf8.RuneCountInString(b.Text) <= 128 {
				continue
			}
			if end-t >= 2 && headingLike(b) {
				if relatedAt < 0 {
					relatedAt, listEnd = t, end
				}
				if headlineList(body, blocks, withText[t+1:end+1], site) {
					relatedAt, listEnd, related = t, end, true
				}
			}
			break
		}
	}
	rank := 0
	prev := "" // the text of the block with text before this one
	for _, b := range blocks {
		before := prev
		if b.Text != "" {
			prev = b.Text
		}
		var where uint8 = 2
		switch {
		case b.Text != "" && rank < startEnd:
			where = 1
		case b.Text != "" && rank >= endStart:
			where = 4
		case b.Text == "" && rank < startEnd:
			where = 1
		case b.Text == "" && rank >= endStart:
			where = 4
		}
		r := rank
		if b.Text != "" {
			rank++
		}
		switch {
		case b.Long():
			continue
		case b.Text == "" && !b.Media && !b.Markdown && (b.ID != "" || b.Class != ""):
			if where == 2 {
				continue
			}
			if b.ID != "" && !digitRun().MatchString(b.ID) && !genericName(b.ID) {
				p.obs = append(p.obs, obs{key: b.ID, text: b.ID, raw: describeContainer(b), kind: kindIDs, where: where})
			} else if f := strings.Fields(b.Class); len(f) > 0 && !genericName(f[0]) && !digitRun().MatchString(f[0]) {
				p.obs = append(p.obs, obs{key: f[0], text: f[0], raw: describeContainer(b), kind: kindClasses, where: where})
			}
			continue
		case b.Text == "" || b.Media:
			continue
		case utf8.RuneCountInString(b.Text) > maxLearnRunes:
			continue
		}
		text := b.Text
		if title != "" && text != title {
			text = strings.Replace(text, title, "{*}", 1)
		}
		text = digitRun().ReplaceAllString(text, "{n}")
		if letters(strings.ReplaceAll(text, "{n}", "")) < 4 {
			continue // too little text of its own to be sure of ("------", "1/2")
		}
		o := obs{key: strings.ToLower(text), text: text, raw: b.Text, where: where, heading: isHeadingTag(b.Tag), inList: relatedAt >= 0 && r > relatedAt && r <= listEnd,
			link: b.Link && b.Start >= 0 && b.Start <= b.End && b.End <= len(body) && awayLink(body[b.Start:b.End]) || awayURL(b.Text)}
		if b.Tag == "li" && b.Link {
			_, o.listLink = headline(body, b)
		}
		o.afterLabel = label(before)
		if r == relatedAt {
			o.related = related
			p.obs = append(p.obs, obs{key: o.key, text: o.text, raw: o.raw, kind: kindRelated, where: where, related: related, ownList: !related})
		}
		p.obs = append(p.obs, o)
	}
	return p, nil
}

// blockless are the rules that remove no block: not run before learning.
var blockless = []string{frontmatter.RuleLeadingBlank, frontmatter.RuleYAMLSyntax, frontmatter.RuleInvalidDate,
	frontmatter.RulePortableDate, frontmatter.RuleNormalizeDates, clean.RuleRedirectLink, clean.RuleTrackingParams}

// shapeKey is a text's shape: numbers masked, lower-cased.
func shapeKey(s string) string { return strings.ToLower(digitRun().ReplaceAllString(s, "{n}")) }

func isHeadingTag(tag string) bool {
	return len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'
}

// headingLike: a heading, or a short label that ends no sentence.
func headingLike(b clean.Block) bool {
	if b.Long() || b.Text == "" || b.Media {
		return false
	}
	if isHeadingTag(b.Tag) {
		return true
	}
	if b.Link || utf8.RuneCountInString(b.Text) > 40 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(b.Text))
	return !strings.ContainsRune(".!?。！？", last)
}

// digitRun finds numbers: a footer's year, a counter's count, an id in a
// link differ from post to post; the rest of the text does not.
var digitRun = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[0-9]+`) })

// genericNames are class and id words of every layout: never a site's own
// widget.
var genericNames = map[string]bool{"container": true, "wrapper": true, "wrap": true, "content": true, "paragraph": true, "row": true,
	"col": true, "clearfix": true, "main": true, "inner": true, "text": true, "section": true, "post": true, "entry": true, "article": true,
	"box": true, "block": true, "item": true, "image": true, "img": true, "figure": true, "caption": true, "title": true, "header": true,
	"footer": true, "body": true, "page": true, "center": true, "left": true, "right": true, "clear": true, "line": true, "divider": true,
	"separator": true, "spacer": true, "space": true, "hr": true, "br": true, "placeholder": true, "empty": true, "hidden": true}

// layoutWords, with genericNames, make up the names of layout classes.
var layoutWords = map[string]bool{"fill": true, "full": true, "wide": true, "small": true, "large": true, "top": true, "bottom": true,
	"photo": true, "picture": true, "video": true, "media": true, "icon": true, "logo": true, "lazy": true, "responsive": true,
	"list": true, "grid": true, "flex": true, "border": true, "bg": true, "background": true, "fluid": true, "md": true, "sm": true,
	"lg": true, "xs": true, "xl": true, "align": true, "alignleft": true, "alignright": true, "aligncenter": true, "wp": true, "has": true, "is": true}

// genericName reports whether a class or id is a layout word rather than
// a widget's name: a plain word, without the separators or capitals that
// name a component ("wx-recommend", "disqus_thread", "adBox").
func genericName(s string) bool {
	if genericNames[strings.ToLower(s)] {
		return true
	}
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) > 1 && !slices.ContainsFunc(parts, func(p string) bool { return !genericNames[p] && !layoutWords[p] }) {
		return true // "image-caption", "image-container-fill": layout words only
	}
	for i, r := range s {
		if r == '-' || r == '_' || unicode.IsDigit(r) || i > 0 && unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// sources names the groups a post belongs to: its directory, its front
// matter's author, source, site and first category, and the domain most
// of its links point to.
func sources(name string, front, body []byte) []string {
	var gs []string
	if d := filepath.Dir(name); d != "." {
		gs = append(gs, "directory "+d)
	}
	if fm, err := frontmatter.Split(front); err == nil && fm.Found && fm.Format == frontmatter.FormatYAML {
		for _, key := range []string{"author", "source", "site", "categories", "category"} {
			if v := frontValue(front[fm.Start:fm.End], key); v != "" && utf8.RuneCountInString(v) <= 80 {
				gs = append(gs, key+": "+v)
			}
		}
	}
	hosts := map[string]int{}
	best, bestN := "", 0
	for _, m := range hostRe().FindAllSubmatch(body, 200) {
		h := strings.ToLower(strings.TrimPrefix(string(m[1]), "www."))
		hosts[h]++
		if hosts[h] > bestN || hosts[h] == bestN && h < best {
			best, bestN = h, hosts[h]
		}
	}
	if bestN >= 2 {
		gs = append(gs, "links to "+best)
	}
	return gs
}

// frontValue is the value of a top-level key of a YAML front matter
// block, or the first item of its list ("tags: [a, b]", "- a" lines
// below it), quotes dropped: a look at a few keys, without parsing the
// block (which costs more than the rest of learn's reading).
func frontValue(fm []byte, key string) string {
	rest := string(fm)
	for rest != "" {
		line, next, _ := strings.Cut(rest, "\n")
		rest = next
		v, ok := strings.CutPrefix(line, key+":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		if strings.HasPrefix(v, "[") {
			v, _, _ = strings.Cut(strings.Trim(v, "[]"), ",")
		} else if v == "" {
			item, _, _ := strings.Cut(rest, "\n")
			t := strings.TrimSpace(item)
			if strings.HasPrefix(t, "- ") && item != t {
				v = t[2:]
			}
		}
		return strings.Trim(strings.TrimSpace(v), `"'`)
	}
	return ""
}

var hostRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`https?://([A-Za-z0-9.-]+\.[A-Za-z]{2,})`) })

// letters counts the letters of s (any script).
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func describeContainer(b clean.Block) string {
	var s strings.Builder
	s.WriteString("<" + b.Tag)
	if b.ID != "" {
		s.WriteString(` id="` + b.ID + `"`)
	}
	if b.Class != "" {
		s.WriteString(` class="` + b.Class + `"`)
	}
	s.WriteString("></" + b.Tag + ">")
	return s.String()
}

// yamlQuote writes s as a YAML double-quoted scalar (YAML's escapes are
// a superset of Go's).
func yamlQuote(s string) string { return strconv.Quote(s) }

// linkRe finds a link: a Markdown link's text and target, or an HTML
// anchor's target and text.
var linkRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?is)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)|<a\s[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>(.*?)</a>`)
})

// urlRe finds a URL written out in a text.
var urlRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\bhttps?://\S|\bwww\.\S+\.\S`) })

// urlAtRe finds a URL written out in a text, up to white space or a
// closing bracket or quote.
var urlAtRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'()\[\]]+|\bwww\.[^\s<>"'()\[\]]+`)
})

// codeHosts are the hosts of source code: a link to a repository on one
// is to a project's code, most often the author's own ("all the code is
// on GitHub", an environment note opening the posts of a series), not a
// promotion's. A subdomain counts (gist.github.com); a site hosted on one
// (user.github.io) is a site like another, and a profile (one path
// segment, "github.com/user") is a social link like a Twitter handle's.
var codeHosts = []string{"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com", "sr.ht", "sourceforge.net",
	"gitea.com", "notabug.org", "launchpad.net"}

// codeRepo reports whether a link's target is a repository (or a file in
// one) on a code host: the author's code, not a place a promotion sends
// the reader.
func codeRepo(target string) bool {
	target = strings.TrimSpace(target)
	if strings.HasPrefix(strings.ToLower(target), "www.") {
		target = "http://" + target
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" {
		return false
	}
	host := hostName(u.Hostname())
	if !slices.ContainsFunc(codeHosts, func(h string) bool { return host == h || strings.HasSuffix(host, "."+h) }) {
		return false
	}
	segs := 0
	for _, p := range strings.Split(u.Path, "/") {
		if p != "" {
			segs++
		}
	}
	return segs >= 2
}

// awayLink reports whether a block's bytes hold a link (linkRe) that is
// not to a repository on a code host (codeRepo): a line whose links all
// go to the author's code has no promotion's evidence. (A link to the
// site's own pages still counts: in a scraped tree the front matter's
// address and the relative links are the scraped site's, its
// furniture's among them.)
func awayLink(b []byte) bool {
	for _, m := range linkRe().FindAllSubmatch(b, -1) {
		target := m[2]
		if m[3] != nil || m[4] != nil {
			target = m[3]
		}
		if !codeRepo(string(target)) {
			return true
		}
	}
	return false
}

// awayURL reports whether a text holds a URL written out (urlRe) that is
// not to a repository on a code host.
func awayURL(text string) bool {
	if !urlRe().MatchString(text) {
		return false
	}
	ms := urlAtRe().FindAllString(text, -1)
	for _, m := range ms {
		if !codeRepo(strings.TrimRight(m, ".,;:!?。，")) {
			return true
		}
	}
	return len(ms) == 0 // (none read: somewhere else)
}

var tagRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<[^>]*>|[*_~` + "`" + `]`) })

// siteKeys are front matter keys that give a post's address.
var siteKeys = []string{"url", "external_url", "originalURL", "original_url", "canonical_url", "canonical", "link", "permalink", "source_url"}

// siteHost is the host of the post's own address in its front matter,
// or "".
func siteHost(fm []byte) string {
	for _, k := range siteKeys {
		if v := frontValue(fm, k); strings.Contains(v, "://") {
			if u, err := url.Parse(v); err == nil && u.Host != "" {
				return hostName(u.Host)
			}
		}
	}
	return ""
}

// hostName is a URL's host, lower-cased, without "www.": a site's
// other posts are on its own host (a documentation site of the same
// company, "learn.example.com", is another).
func hostName(h string) string { return strings.TrimPrefix(strings.ToLower(h), "www.") }

// headlineList reports whether the list entries (blocks, by index) are a
// related-posts list: each entry one link whose text is nearly all of
// the entry's (a headline, not a URL), and the links to other posts of
// the site: mostly to its host (site, from the front matter) or
// relative; with no known site, all to one host or relative. A list of
// sentences, of items with text besides their link ("<change> by @x in
// <url>"), of bare URLs or of links to other sites (references,
// documentation) is the article's.
func headlineList(body []byte, blocks []clean.Block, entries []int, site string) bool {
	hosts := map[string]int{}
	for _, i := range entries {
		host, ok := headline(body, blocks[i])
		if !ok {
			return false
		}
		hosts[host]++
	}
	if site != "" {
		return 3*(hosts[site]+hosts[""]) >= 2*len(entries)
	}
	return len(hosts) == 1 || len(hosts) == 2 && hosts[""] > 0
}

// headline reports whether a block is one link whose text is nearly all
// of the block's (a headline, not a URL), and the host it points to (""
// for a relative link).
func headline(body []byte, b clean.Block) (host string, ok bool) {
	if b.Start < 0 || b.Start > b.End || b.End > len(body) {
		return "", false
	}
	ms := linkRe().FindAllSubmatch(body[b.Start:b.End], -1)
	if len(ms) != 1 {
		return "", false
	}
	m := ms[0]
	text, target := m[1], m[2]
	if m[3] != nil || m[4] != nil {
		target, text = m[3], m[4]
	}
	lt := strings.Join(strings.Fields(tagRe().ReplaceAllString(string(text), "")), " ")
	if lt == "" || urlRe().MatchString(lt) || 10*utf8.RuneCountInString(lt) < 8*utf8.RuneCountInString(b.Text) {
		return "", false
	}
	if u, err := url.Parse(string(target)); err == nil && u.Host != "" {
		host = hostName(u.Host)
	}
	return host, true
}

// label reports whether a text is a short label that introduces what
// follows it: a line of at most 60 characters ending with a colon.
func label(text string) bool {
	t := strings.TrimSpace(text)
	return t != "" && utf8.RuneCountInString(t) <= 60 && (strings.HasSuffix(t, ":") || strings.HasSuffix(t, "："))
}
