package frontmatter

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/internal/quoted"
	"go.yaml.in/yaml/v3"
)

func isDateKey(k string) bool { return dateKeyRank(k) < len(DateKeys) }

// dateKeyRank is k's place in DateKeys (strongest evidence first), or
// len(DateKeys) when k is no date key.
func dateKeyRank(k string) int {
	if len(k) >= len(dateKeysByLen) {
		return len(DateKeys)
	}
	for _, i := range dateKeysByLen[len(k)] {
		// Of equal length, k folds to the ASCII d only if k is ASCII too
		// (ſ and K, which fold to s and k, are longer): then its first
		// byte is d's in either case, a cheap no before EqualFold.
		if d := DateKeys[i]; (k == "" || k[0]|0x20 == d[0]|0x20) && strings.EqualFold(k, d) {
			return int(i)
		}
	}
	return len(DateKeys)
}

// dateKeysByLen holds the places in DateKeys of the keys of each length,
// in order: dateKeyRank compares a key with those of its length only (one
// to four of 26; a front matter's every key is ranked).
var dateKeysByLen = func() (t [32][]uint8) {
	for i, d := range DateKeys {
		t[len(d)] = append(t[len(d)], uint8(i))
	}
	return t
}()

func isCoreDateKey(k string) bool {
	for _, d := range coreDateKeys {
		if strings.EqualFold(k, d) {
			return true
		}
	}
	return false
}

// dateScalar reports whether a date key's scalar is one the date rules
// look at: a string or a YAML timestamp, or a null in a core key. A
// number (created: 1338394544) or a boolean (published: true) is
// someone's data in another type, and left alone.
func dateScalar(key string, n *yaml.Node) bool {
	switch n.Tag {
	case "!!str", "!!timestamp":
		return true
	case "!!null":
		return isCoreDateKey(key)
	}
	return false
}

// validValue says whether a duplicate's value is worth keeping.
func validValue(p pair) bool {
	if p.val.Kind != yaml.ScalarNode {
		return true
	}
	if p.val.Tag == "!!null" {
		return false
	}
	if isDateKey(p.key.Value) {
		_, ok := scalarDate(p.val)
		return ok
	}
	return strings.TrimSpace(p.val.Value) != ""
}

// scalarDate returns the date a scalar holds, if it is one.
func scalarDate(n *yaml.Node) (Date, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return Date{}, false
	}
	t, p, ok := ParseDate(n.Value)
	if !ok {
		return Date{}, false
	}
	return Date{Time: t, Precision: p}, true
}

func (r *repairer) evidence() Evidence {
	if r.ev == nil {
		ev := GatherEvidence(r.opt.Path, r.src[r.b.Body:], r.opt.now())
		r.ev = &ev
	}
	return *r.ev
}

func (r *repairer) fixDates(ps []pair) error {
	// Each key's rank, looked up once: bestDate reads them all again for
	// every broken date.
	ranks := make([]int, len(ps))
	for i, p := range ps {
		ranks[i] = dateKeyRank(p.key.Value)
	}
	for i, p := range ps {
		if ranks[i] >= len(DateKeys) || p.e == nil || p.val.Kind != yaml.ScalarNode || !dateScalar(p.key.Value, p.val) {
			continue
		}
		e := *p.e
		val, verdict := Classify(p.val.Value)
		val.Quoted = p.val.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0
		if p.val.Tag == "!!null" {
			verdict = NotDate
		}
		note := func(msg string) {
			r.changes = append(r.changes, edit.Change{Rule: RuleInvalidDate, Offset: r.lines[e.line].start, Note: true,
				Message: p.key.Value + ": " + shown(r.raw(e)) + " " + msg})
		}
		if a := r.usedAnchor(p.val); a != "" {
			if verdict == NotDate || Misread(p.val.Value, val) != nil || r.opt.on(RuleNormalizeDates) && !isStandardDate(p.val.Value) {
				note(fmt.Sprintf("has the anchor &%s, which an alias uses: a repair would change the alias too, so it is left as it is", a))
			}
			continue
		}
		switch verdict {
		case IsDate:
			d := Date{Time: val.Time, Precision: val.Precision}
			if r.opt.on(RuleNormalizeDates) && e.last == e.line && !isStandardDate(p.val.Value) {
				d.Time = d.Time.UTC()
				r.writeDate(e, d, RuleNormalizeDates, p.key.Value+": "+quoted.String(r.raw(e))+" -> ", " (--normalize-dates)")
				continue
			}
			if !r.opt.on(RulePortableDate) {
				continue
			}
			if why := Misread(p.val.Value, val); len(why) > 0 {
				if e.last != e.line {
					note("is a date that some clients misread (" + strings.Join(why, "; ") + "), but it spans lines: left as it is")
					continue
				}
				out := Portable(val)
				if stringTime(p.val, val) {
					out = `"` + out + `"`
				}
				r.writeValue(e, out, RulePortableDate,
					fmt.Sprintf("%s: %s -> %s (%s)", p.key.Value, shown(r.raw(e)), out, strings.Join(why, "; ")))
			}
			continue
		case Ambiguous:
			if r.opt.on(RuleInvalidDate) {
				note("is ambiguous (day and month could be either way round): left as it is, never guessed")
			}
			continue
		case Unknown:
			if r.opt.on(RuleInvalidDate) {
				note("is not a date form mdclean knows, and may be one to some reader: left as it is")
			}
			continue
		}
		if !r.opt.on(RuleInvalidDate) {
			continue
		}
		if !isCoreDateKey(p.key.Value) && !hasDigit(p.val.Value) && !isPlaceholder(p.val.Value) {
			note("is not a date, but " + p.key.Value + " may hold other data in some generators: left as it is")
			continue
		}
		d, conflict, ok := r.bestDate(ps, ranks, p)
		if !ok {
			switch r.opt.UnknownDate {
			case UnknownKeep:
				r.changes = append(r.changes, edit.Change{Rule: RuleInvalidDate, Offset: r.lines[e.line].start, Note: true,
					Message: fmt.Sprintf("%s: %q is not a date and nothing in the document proves one; kept (--unknown-date=keep)", p.key.Value, r.raw(e))})
			case UnknownError:
				return errorAt(r.baseLine+e.line, fmt.Sprintf("%s: %q is not a date and nothing in the document proves one (--unknown-date=error)", p.key.Value, r.raw(e)))
			default:
				r.remove(e.line, e.last, edit.Change{Rule: RuleInvalidDate,
					Message: p.key.Value + ": " + strconv.Quote(r.raw(e)) + " is not a date and nothing in the document proves one: removed the key (a date is never invented)"})
			}
			continue
		}
		after := " (" + d.Source + ")"
		if conflict != "" {
			after += "; conflict: " + conflict
		}
		r.writeDate(e, d, RuleInvalidDate, p.key.Value+": "+quoted.String(r.raw(e))+" -> ", after)
		r.changes[len(r.changes)-1].Evidence = d.Source
	}
	return nil
}

// raw is the value of the one-line entry e as written, past its anchor
// and tag, for messages: built only for those that show it (most dates
// need no message).
func (r *repairer) raw(e entry) string {
	l := r.line(e.line)
	return strings.TrimSpace(string(l[scalarStart(l, e.valStart):]))
}

// shown is a value as messages show it: in quotes, unless it has its own.
func shown(raw string) string {
	if raw != "" && (raw[0] == '"' || raw[0] == '\'') {
		return raw
	}
	return quoted.String(raw)
}

// writeValue replaces the value of the one-line entry e with v, inside the
// value's own quotes if it has them, and keeps a trailing comment.
// stringTime reports whether the date val of node n is a time without a
// zone that YAML reads as a string (a plain scalar that is no YAML
// timestamp: no seconds, slashes, words), whose portable form is written
// double-quoted so that it stays a string. Unquoted, the portable form is
// a YAML timestamp, which Ruby's YAML (Jekyll) reads as an instant in
// UTC, where Jekyll parses the string in the site's timezone: a post of
// a site with "timezone: Asia/Shanghai" would move eight hours, and its
// dated URL a day. Quoted, every reader reads what it read before, in
// the layout Hugo's cast knows: Jekyll and Hexo parse the string in the
// site's zone, Hugo in its timeZone, gray-matter hands the string to the
// site as it did. A day has no zone to lose, and a zoned time names its
// instant either way.
func stringTime(n *yaml.Node, val Value) bool {
	return val.Precision != Day && !val.Zone && !val.Quoted && n.Style&(yaml.TaggedStyle|yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 && !yamlTimestamp.MatchString(n.Value)
}

// yamlTimestamp is YAML 1.1's timestamp with a time (yaml.org/type/timestamp),
// as Ruby's YAML and js-yaml match it: both read "2021-7-9 10:00:00" and
// "2021-07-19 24:00:00" as timestamps, which yaml.v3 does not.
var yamlTimestamp = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?$`)

func (r *repairer) writeValue(e entry, v, rule, msg string) {
	l := r.line(e.line)
	start, end := scalarStart(l, e.valStart), len(l)
	if start < len(l) && (l[start] == '\'' || l[start] == '"') {
		k := closingQuote(l[start:])
		if k < 0 {
			return // not one quoted scalar: Classify saw none either
		}
		start, end = start+1, start+k
	} else if c := plainCommentStart(l[start:]); c >= 0 {
		end = start + c
	}
	for end > start && (l[end-1] == ' ' || l[end-1] == '\t') {
		end--
	}
	nl := append(append(append([]byte{}, l[:start]...), v...), l[end:]...)
	r.set(e.line, nl, edit.Change{Rule: rule, Message: msg})
	r.markEdited(e.line, true)
}

// scalarStart returns where the scalar of the value at v of line l
// begins, past its properties: an anchor (&d) and a tag (!!str, !t,
// !<tag:x>), each followed by white space. It is len(l) when the line
// holds only properties (the value is on the next lines).
func scalarStart(l []byte, v int) int {
	for v < len(l) && (l[v] == '&' || l[v] == '!') {
		k := v
		for k < len(l) && l[k] != ' ' && l[k] != '\t' {
			k++
		}
		if k == len(l) {
			return len(l)
		}
		for k < len(l) && (l[k] == ' ' || l[k] == '\t') {
			k++
		}
		v = k
	}
	return v
}

// trailingComment returns the white space and comment after the
// one-line scalar s ("" if none).
func trailingComment(s []byte) []byte {
	var end int
	if len(s) > 0 && (s[0] == '\'' || s[0] == '"') {
		k := closingQuote(s)
		if k < 0 {
			return nil
		}
		end = k + 1
	} else if c := plainCommentStart(s); c >= 0 {
		end = c
	} else {
		return nil
	}
	rest := s[end:]
	t := bytes.TrimLeft(rest, " \t")
	if len(t) == 0 || t[0] != '#' || len(t) == len(rest) {
		return nil
	}
	return rest
}

// bestDate finds the strongest evidence for the date of key p: another
// valid date key of the same block, then the document's own evidence, then
// the caller's fallback.
func (r *repairer) bestDate(ps []pair, ranks []int, p pair) (Date, string, bool) {
	best, bestRank := Date{}, len(DateKeys)
	for i, q := range ps {
		if q.key == p.key {
			continue
		}
		rank := ranks[i]
		if rank >= bestRank {
			continue
		}
		if d, ok := scalarDate(q.val); ok {
			d.Source = "the " + q.key.Value + " key of the same front matter"
			best, bestRank = d, rank
		}
	}
	if bestRank < len(DateKeys) {
		return best, "", true
	}
	if d, conflict, ok := r.evidence().Best(); ok {
		return d, conflict, true
	}
	if r.opt.Fallback != nil {
		return *r.opt.Fallback, "", true
	}
	return Date{}, "", false
}

// writeDate sets the value of entry e to date d; the change's message is
// msgBefore, the new value, msgAfter.
func (r *repairer) writeDate(e entry, d Date, rule, msgBefore, msgAfter string) {
	l := r.line(e.line)
	val := FormatDate(d, r.opt.DateFormat)
	// The value's anchor and tag (date: &d !!str Invalid Date) stay, and
	// so does a comment after it: an alias may use the anchor.
	start := scalarStart(l, e.valStart)
	// Build the line afresh: l may be a slice of the source, and an append
	// to it would overwrite the caller's document.
	nl := append([]byte{}, l[:start]...)
	if start == len(l) || (len(nl) > 0 && nl[len(nl)-1] != ' ' && nl[len(nl)-1] != '\t') {
		nl = append(bytes.TrimRight(nl, " \t"), ' ')
	}
	nl = append(nl, val...)
	nl = append(nl, trailingComment(l[start:])...)
	r.set(e.line, nl, edit.Change{Rule: rule, Message: msgBefore + val + msgAfter})
	r.markEdited(e.line, true)
	for i := e.line + 1; i <= e.last; i++ {
		r.logUndo(i)
		r.deleted[i] = true
	}
}
