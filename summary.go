package main

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/internal/english"
)

// tally is what a batch did, for the summary a person reads after a run
// over thousands of posts: how many changed, which rules changed what, and
// the texts removed most often, so that an odd removal stands out in
// seconds (a footer removed from 3,412 posts is expected; an article
// sentence removed from 40 is not).
type tally struct {
	files, posts, changed, errors int
	skipped                       [skipKinds]int // files not cleaned, by why
	dirs                          []string       // directories named on the command line
	detail                        bool           // count by rule and removed text (tallyDetail)
	byRule                        map[string]*ruleTally
	removed                       map[string]*removedText
}

type ruleTally struct{ changes, posts int }

type removedText struct {
	example string
	posts   int
}

// summaryTop is how many of the texts removed most often are shown.
const summaryTop = 8

func newTally() *tally {
	return &tally{byRule: map[string]*ruleTally{}, removed: map[string]*removedText{}}
}

// digits are masked in the key of a removed text: a footer that differs
// by its year or a counter by its number is one text.
var digits = regexp.MustCompile(`[0-9]+`)

// urlTail is what follows a URL's host: a pixel or a tracker differs per
// post only there, and the host is what a person checks.
var urlTail = regexp.MustCompile(`((?:https?:)?//[^/"'\s<>]+)/[^"'\s<>]*`)

// tallyDetail reports whether a batch's tally counts changes by rule and
// removed texts: only the detailed summary (-v, or on a terminal) and the
// review page show them, and the first line of --check's summary in a CI
// log or a pipe does not need them.
func (cfg *config) tallyDetail(stderr io.Writer) bool {
	return cfg.summary && (cfg.verbose || isTerminal(stderr)) || cfg.reviewPath != ""
}

// add counts one job's outcome, in job order (the printer calls it).
func (t *tally) add(o *outcome) {
	t.files++
	switch {
	case o.skipped != notSkipped:
		t.skipped[o.skipped]++
		return
	case o.status == exitError:
		t.errors++
		return
	case o.stale:
		return
	}
	t.posts++
	if o.changed {
		t.changed++
	}
	if !t.detail {
		return
	}
	seenRule := map[string]bool{}
	for _, c := range o.changes {
		if c.Note {
			continue
		}
		r := t.byRule[c.Rule]
		if r == nil {
			r = &ruleTally{}
			t.byRule[c.Rule] = r
		}
		r.changes++
		if !seenRule[c.Rule] {
			seenRule[c.Rule] = true
			r.posts++
		}
	}
	for _, k := range o.removed {
		rt := t.removed[k.key]
		if rt == nil {
			rt = &removedText{example: k.example}
			t.removed[k.key] = rt
		}
		rt.posts++
	}
}

// removedKey is a text a post's changes removed, with the key it is
// counted under across posts.
type removedKey struct{ key, example string }

// removedKeys are the texts a post's changes removed, each key once. The
// worker that cleaned the post finds them, not the printer: two regexp
// replacements and a join per text that is not its own key were ~4% of
// a batch's instructions, under the printer's lock.
func removedKeys(changes []edit.Change) []removedKey {
	var keys []removedKey
	seen := map[string]bool{}
	for _, c := range changes {
		if c.Note {
			continue
		}
		for _, text := range removedTexts(c) {
			key := text
			if !plainKey(text) {
				text = urlTail.ReplaceAllString(text, "$1/…")
				key = digits.ReplaceAllString(strings.Join(strings.Fields(text), " "), "#")
			}
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			keys = append(keys, removedKey{key, text})
		}
	}
	return keys
}

// plainKey reports whether text is its own key: no digit, no URL, no
// white space but single spaces between words. Most removed texts are
// (an empty tracking div, a headline): one byte scan, under the printer's
// lock, instead of two regexp replacements and a join.
func plainKey(text string) bool {
	if text == "" || text[0] == ' ' || text[len(text)-1] == ' ' {
		return false
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c >= '0' && c <= '9', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && text[i+1] == ' ':
			return false
		case c == '/' && i+1 < len(text) && text[i+1] == '/':
			return false
		case c >= 0x80:
			// Unicode white space (U+0085, U+00A0, U+3000, ...) is a
			// field separator too: only runes that are not pass.
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				return false
			}
			i += n - 1
		}
	}
	return true
}

// removedTexts are the texts a change removed that may repeat across
// posts: a tail's footer blocks, a removed element's markup.
func removedTexts(c edit.Change) []string {
	if len(c.Blocks) > 0 {
		return c.Blocks
	}
	if before := strings.TrimSpace(c.Before); c.After == "" && before != "" && c.Rule != "link-bait-tail" && !strings.Contains(before, "\n") {
		return []string{before}
	}
	return nil
}

// skipKind says why a file was not cleaned.
type skipKind uint8

const (
	notSkipped        skipKind = iota
	skipNoFrontMatter          // found by a walk, with no front matter: no post
	skipMDX                    // an MDX file: JSX is no HTML (--all-files cleans it)
	skipIgnored                // named, but an ignore file names it
	skipKinds
)

// skippedWhy says how many files were skipped and why, for the summary
// ("3 files without front matter skipped, 2 MDX files skipped"), or "".
func (t *tally) skippedWhy() string {
	var parts []string
	for k, what := range [skipKinds]string{
		skipNoFrontMatter: "%s without front matter skipped",
		skipMDX:           "%s left alone",
		skipIgnored:       "%s named in an ignore file skipped",
	} {
		if n := t.skipped[k]; n > 0 {
			word := "file"
			if skipKind(k) == skipMDX {
				word = "MDX file"
			}
			parts = append(parts, fmt.Sprintf(what, english.Plural(n, word)))
		}
	}
	return strings.Join(parts, ", ")
}

// print writes the summary. The first line always (it is what --check
// owes a CI log); the tables when detail is asked for. With color, as
// ruff and prettier colour theirs: the first line bold, red when posts
// would change and green when none would, rule ids cyan.
func (t *tally) print(w io.Writer, m mode, detail, color bool) {
	if t.posts == 0 && t.errors == 0 {
		if len(t.dirs) > 0 {
			fmt.Fprintf(w, "mdclean: no posts found in %s", strings.Join(t.dirs, ", "))
			if why := t.skippedWhy(); why != "" {
				fmt.Fprintf(w, " (%s; name a file, or use --all-files)", why)
			}
			fmt.Fprintln(w)
		}
		return
	}
	var line string
	switch {
	case t.posts == 0:
		fmt.Fprintf(w, "mdclean: %s not cleaned (errors above)\n", english.Plural(t.errors, "file"))
		return
	case m.check && t.changed > 0:
		line = fmt.Sprintf("%s of %s would change; run mdclean -w to fix them, mdclean -d to review", english.Thousands(t.changed), english.Plural(t.posts, "post"))
	case m.check:
		line = fmt.Sprintf("%s checked: none would change", english.Plural(t.posts, "post"))
	case m.write:
		line = fmt.Sprintf("%s of %s changed", english.Thousands(t.changed), english.Plural(t.posts, "post"))
	default:
		line = fmt.Sprintf("%s of %s would change", english.Thousands(t.changed), english.Plural(t.posts, "post"))
	}
	if why := t.skippedWhy(); why != "" {
		line += "; " + why
	}
	if t.errors > 0 {
		line += fmt.Sprintf("; %s not cleaned (errors above)", english.Plural(t.errors, "file"))
	}
	switch {
	case !color:
	case m.check && t.changed > 0:
		line = paint(true, ansiRed, line)
	case m.check:
		line = paint(true, ansiGreen, line)
	default:
		line = paint(true, ansiBold, line)
	}
	fmt.Fprintln(w, "mdclean: "+line)
	if !detail || len(t.byRule) == 0 {
		return
	}
	rules := t.rules()
	fmt.Fprintln(w, "  changes by rule:")
	for _, id := range rules {
		r := t.byRule[id]
		fmt.Fprintf(w, "    %s %8s in %s\n", paint(color, ansiCyan, fmt.Sprintf("%-16s", id)), english.Thousands(r.changes), english.Plural(r.posts, "post"))
	}
	if len(t.removed) == 0 {
		return
	}
	texts := t.texts()
	fmt.Fprintln(w, "  removed most often:")
	for i, rt := range texts {
		if i == summaryTop {
			fmt.Fprintf(w, "    … and %s (--report FILE lists every change)\n", english.Plural(len(texts)-summaryTop, "other text"))
			break
		}
		fmt.Fprintf(w, "  %12s  %s\n", english.Plural(rt.posts, "post"), truncateRunes(strings.Join(strings.Fields(rt.example), " "), 90))
	}
}

// rules are the rule ids that changed something, most changes first.
func (t *tally) rules() []string {
	rules := make([]string, 0, len(t.byRule))
	for id := range t.byRule {
		rules = append(rules, id)
	}
	sort.Slice(rules, func(i, j int) bool {
		a, b := t.byRule[rules[i]], t.byRule[rules[j]]
		if a.changes != b.changes {
			return a.changes > b.changes
		}
		return rules[i] < rules[j]
	})
	return rules
}

// texts are the removed texts, in the most posts first.
func (t *tally) texts() []*removedText {
	texts := make([]*removedText, 0, len(t.removed))
	for _, rt := range t.removed {
		texts = append(texts, rt)
	}
	sort.Slice(texts, func(i, j int) bool {
		if texts[i].posts != texts[j].posts {
			return texts[i].posts > texts[j].posts
		}
		return texts[i].example < texts[j].example
	})
	return texts
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
