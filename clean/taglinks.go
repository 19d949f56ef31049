package clean

import (
	"bytes"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html/atom"
)

// The tag list under a post: themes print the post's tags as links to the
// site's tag archives, and feed importers and scrapers carry them into the
// post's last lines ("- [Go](https://example.org/tags/go/)"). A run of
// list items at the post's end, each one short link to a tag or category
// archive (cardTag in edges.go), is the tag list when the run is a whole
// list, not the last items of the author's list of further reading
// ("Learn more:" then four articles and "[Agent Factory Blog
// Series](…/tag/agent-factory/)"), and when one of its links at least
// names its tag: its text is the archive's term ("[Static sites](/categories/static-sites/)",
// "[Exploration & Games](…?tags=exploration-game)"). A link whose text says
// more than the term ("[Full list of selectors](…/category/selectors/)")
// is the author's pointer; a tag's translated name next to a named one
// ("[Partnerships](…?tags=partnerships)", "[合作伙伴关系](…?tags=partnerships)")
// is a tag all the same.

// tagArchiveSegments are the path segments of the generators' taxonomy
// archives: WordPress's and Ghost's /tag/<slug>/ and /category/<slug>/,
// Hugo's and Hexo's /tags/<term>/ and /categories/<term>/, Blogger's
// /search/label/<label>.
var tagArchiveSegments = []string{"tag", "tags", "category", "categories", "label"}

// tagArchiveParams are the query parameters that filter a listing by a
// tag: WordPress's ?tag= and ?cat=, and the ?tags= of site listings.
var tagArchiveParams = []string{"tag", "tags", "cat", "category"}

// tagTerm returns the term of a link to a tag or category archive: the
// segment after a taxonomy segment, or a tag filter's value; "" when u is
// no such link.
func tagTerm(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil {
		return ""
	}
	segs := strings.Split(strings.Trim(p.Path, "/"), "/")
	for i, s := range segs {
		if i+1 < len(segs) && segs[i+1] != "" && slices.Contains(tagArchiveSegments, strings.ToLower(s)) {
			if i > 0 && (segs[i-1] == "releases" || segs[i-1] == "-") {
				return "" // a git tag of a forge (GitHub's /releases/tag/v1.2, GitLab's /-/tags/v1.2): a release
			}
			return segs[i+1]
		}
	}
	if p.RawQuery != "" {
		q := p.Query()
		for _, k := range tagArchiveParams {
			if v := q.Get(k); v != "" {
				return v
			}
		}
	}
	return ""
}

// slugOf folds a tag's name or term for comparison: lower case, runs of
// what is neither letter nor digit as one hyphen ("Static sites" and
// "static-sites" fold alike).
func slugOf(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			dash = false
			sb.WriteRune(r)
		} else {
			dash = true
		}
	}
	return sb.String()
}

// tagNamed reports whether a list item's link names its tag (see above).
func (b *bodyCleaner) tagNamed(bl *block) bool {
	item := bytes.TrimRight(bytes.TrimPrefix(bytes.TrimSpace(b.d.src[bl.start:bl.end]), []byte("- ")), "\\ \t\r\n")
	text, target, ok := oneTagLinkParts(item)
	return ok && tagLink(string(text), string(target))
}

// tagLink reports whether a link names a tag: it goes to a tag or
// category archive and the words of its text and of the archive's term
// match, each a prefix of the other ("games" and "game"), "and" aside.
func tagLink(text, dest string) bool {
	term, err := url.PathUnescape(tagTerm(dest))
	if err != nil || term == "" {
		return false
	}
	tw, xw := slugWords(term), slugWords(text)
	return len(tw) > 0 && len(xw) > 0 && coveredWords(tw, xw) && coveredWords(xw, tw)
}

// slugWords are the words of s as slugOf folds them, the joining words
// of a tag's name aside.
func slugWords(s string) []string {
	var out []string
	for _, w := range strings.Split(slugOf(s), "-") {
		switch w {
		case "", "and", "the", "of", "a", "an":
			continue
		}
		out = append(out, w)
	}
	return out
}

// coveredWords reports whether every word of a matches a word of b: the
// same word, or one a prefix of the other of three letters at least.
func coveredWords(a, b []string) bool {
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y string) bool {
			return x == y || min(len(x), len(y)) >= 3 && (strings.HasPrefix(x, y) || strings.HasPrefix(y, x))
		}) {
			return false
		}
	}
	return true
}

// listGoesOn reports whether the list item at k follows another list
// item on the line before (empty blocks aside): it ends a longer list. A
// blank line between them makes two lists, as the page had them (a
// converter writes each <ul> as its own run of items).
func listGoesOn(src []byte, bs []block, k int, empty []bool) bool {
	for j := k - 1; j >= 0; j-- {
		if !empty[j] {
			// Markdown blocks are whole lines: a line ending between them
			// is a blank line.
			return bs[j].tag == atom.Li && bytes.IndexByte(src[bs[j].end:bs[k].start], '\n') < 0
		}
	}
	return false
}
