package frontmatter

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mdclean/mdclean/internal/quoted"
)

// DateKeys are the front matter keys that hold a date, as Hexo, Hugo,
// Jekyll, Eleventy and Astro themes name them, strongest evidence of a
// post's date first (publication before modification). Keys are matched
// without regard to case, as Hugo matches them.
var DateKeys = []string{
	"date", "publishDate", "pubDate", "pubDatetime", "published", "published_at", "publishedAt",
	"publish_date", "date_published", "datePublished", "created", "created_at", "createdAt",
	"updated", "lastmod", "updatedDate", "updated_at", "updatedAt", "modDatetime", "modified",
	"last_modified_at", "lastModified", "date_modified", "dateModified",
	"expiryDate", "unpublishdate",
}

// coreDateKeys hold nothing but a date in every generator that uses them:
// an empty value or a word there is a broken date. In the other keys
// (published: yes is a Jekyll flag) only a placeholder or a date-shaped
// value counts as a broken date.
var coreDateKeys = []string{"date", "updated", "lastmod", "publishDate"}

// Precision says how much of a Date is known.
type Precision int

const (
	// Day precision: only the calendar day is proven.
	Day Precision = iota
	// Second precision: a full instant is proven.
	Second
)

// Date is a date proven by a piece of evidence, with where it came from.
type Date struct {
	Time      time.Time
	Precision Precision
	// Source says, for people, what proves the date
	// ("dateline \"7 月 19 日电\"; year from ZAKER id 60f68ba3…").
	Source string
}

// ParseDate parses a front matter date value. ok is false for anything that
// is not a date in a form mdclean knows (see Classify): "Invalid Date",
// "NaN", "undefined", "", prose, and also ambiguous and unknown forms.
func ParseDate(v string) (t time.Time, p Precision, ok bool) {
	val, verdict := Classify(v)
	if verdict != IsDate {
		return time.Time{}, Day, false
	}
	return val.Time, val.Precision, true
}

// isStandardDate reports whether v is already spelled the way YAML itself
// reads a timestamp (YAML 1.1's timestamp type: ISO 8601 forms).
func isStandardDate(v string) bool {
	return timestampRE().MatchString(strings.TrimSpace(v))
}

var timestampRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::?\d\d)?))?)?$`)
})

// Format names accepted by FormatDate besides a Go layout.
const (
	FormatRFC3339 = "rfc3339"
	FormatHexo    = "hexo"
)

// FormatDate writes d in the named format: "rfc3339" (the default)
// gives 2021-07-20T08:38:59Z for a full time and 2021-07-19 for a day;
// "hexo" gives Hexo's YYYY-MM-DD HH:mm:ss (and YYYY-MM-DD for a day); any
// other value is a Go time layout used for both.
func FormatDate(d Date, format string) string {
	switch format {
	case "", FormatRFC3339:
		if d.Precision == Day {
			return formatDay(d.Time)
		}
		return d.Time.Format(time.RFC3339)
	case FormatHexo:
		if d.Precision == Day {
			return formatDay(d.Time)
		}
		return d.Time.Format("2006-01-02 15:04:05")
	}
	return d.Time.Format(format)
}

// formatDay is t.Format("2006-01-02") without the layout's parse, for
// the years 0 to 9999 (Format writes others with a sign or more digits).
// TestFormatDayKeepsFormat holds it to Format.
func formatDay(t time.Time) string {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.Format("2006-01-02")
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return string(b[:])
}

// CheckDateFormat returns an error for a --date-format value that would not
// write a date that ParseDate reads back (idempotence depends on it).
func CheckDateFormat(format string) error {
	probe := Date{Time: time.Date(2021, 7, 20, 8, 38, 59, 0, time.UTC), Precision: Second}
	for _, p := range []Precision{Second, Day} {
		probe.Precision = p
		s := FormatDate(probe, format)
		if _, _, ok := ParseDate(s); !ok {
			return fmt.Errorf("date format %q writes %q, which is not a date the clients read", format, s)
		}
	}
	return nil
}

// Evidence gathers the dates that a document proves about itself, from
// the file name and the body, strongest first. It never reads anything but
// its arguments.
type Evidence struct {
	FileName *Date
	Dateline *dateline
	IDs      []Date // newest first
}

type dateline struct {
	Year, Month, Day int // Year is 0 when the dateline has none
	Text             string
}

var fileNameRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[-_.]|$)`)
})

// datelineRE matches English agency datelines ("July 19 (Reuters)").
var datelineRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})\s*\((?:Reuters|AP|AFP|Bloomberg|Xinhua)\)`)
})

// datelineWindow is how far into the body a dateline may stand: it opens
// the article, and a date deeper in the text is about something else.
const datelineWindow = 1500

// ZAKER's article and image ids are MongoDB ObjectIds: the first 4 bytes
// are when the aggregator took the story in. They are found by hand around
// each "myzaker.com" (link.php?…pk=ID, zkresN.myzaker.com/YYYYMM/ID_…):
// an unanchored regexp over a whole body cost more than all the rest.
const (
	zakerArticleID = "ZAKER id"
	zakerImageID   = "ZAKER image id"
)

var (
	zakerLink  = []byte("myzaker.com/zaker/link.php?")
	zakerRes   = []byte("zkres")
	zakerQuery = []byte("pk=")
)

// zakerIDs returns the ids in the URL around the "myzaker.com" at i of b,
// with the kind of id and the upload folder ("" if none).
func zakerID(b []byte, i int) (id, kind, folder string) {
	end := i
	for end < len(b) && !endsURL(b[end]) {
		end++
	}
	url := b[i:end]
	if bytes.HasPrefix(url, zakerLink) {
		q := url[len(zakerLink):]
		for pos := 0; pos < len(q); {
			k := bytes.Index(q[pos:], zakerQuery)
			if k < 0 {
				break
			}
			k += pos
			if (k == 0 || q[k-1] == '&' || q[k-1] == ';') && isObjectID(q[k+len(zakerQuery):]) {
				return string(q[k+len(zakerQuery) : k+len(zakerQuery)+24]), zakerArticleID, ""
			}
			pos = k + len(zakerQuery)
		}
		return "", "", ""
	}
	// An image: the host must be zkresN.myzaker.com.
	h := i - 1
	if h < 0 || b[h] != '.' {
		return "", "", ""
	}
	for h > 0 && b[h-1] >= '0' && b[h-1] <= '9' {
		h--
	}
	if h < len(zakerRes) || !bytes.Equal(b[h-len(zakerRes):h], zakerRes) {
		return "", "", ""
	}
	path := url[len("myzaker.com"):]
	for _, seg := range bytes.Split(bytes.TrimPrefix(path, []byte("/")), []byte("/")) {
		if len(seg) == 6 && folder == "" && isDigits(seg) {
			folder = string(seg)
			continue
		}
		if isObjectID(seg) {
			return string(seg[:24]), zakerImageID, folder
		}
	}
	return "", "", ""
}

func endsURL(c byte) bool { return urlEnd[c] }

// urlEnd is endsURL's table: zakerID reads a URL to its end byte by
// byte, and a look-up costs less than the switch's comparisons.
var urlEnd = [256]bool{'"': true, '\'': true, '<': true, '>': true, ' ': true, '\t': true, '\r': true, '\n': true}

// isObjectID reports whether b starts with 24 lower-case hex digits not
// followed by another hex digit.
func isObjectID(b []byte) bool {
	if len(b) < 24 {
		return false
	}
	for _, c := range b[:24] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return len(b) == 24 || !(b[24] >= '0' && b[24] <= '9' || b[24] >= 'a' && b[24] <= 'f')
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// earliestID is the first plausible time of an id: MongoDB and ZAKER ids
// before 2009 do not exist.
var earliestID = time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC)

// GatherEvidence collects date evidence from the document's path (may be
// empty) and body. now bounds plausible id times.
func GatherEvidence(path string, body []byte, now time.Time) Evidence {
	var ev Evidence
	if path != "" {
		base := filepath.Base(path)
		if m := fileNameRE().FindStringSubmatch(base); m != nil {
			if t, err := time.Parse("2006-01-02", m[1]+"-"+m[2]+"-"+m[3]); err == nil {
				ev.FileName = &Date{Time: t, Precision: Day, Source: fmt.Sprintf("file name %q", base)}
			}
		}
	}
	if dl := findDateline(body); dl != nil && dl.Month >= 1 && dl.Month <= 12 && dl.Day >= 1 && dl.Day <= 31 {
		ev.Dateline = dl
	}
	var seen []string
	for pos := 0; pos < len(body); {
		i := indexVia(body[pos:], zakerHost, 2)
		if i < 0 {
			break
		}
		i += pos
		pos = i + len(zakerHost)
		id, kind, folder := zakerID(body, i)
		if id == "" || slices.Contains(seen, id) {
			continue
		}
		seen = append(seen, id)
		sec, err := strconv.ParseUint(id[:8], 16, 32)
		if err != nil {
			continue
		}
		t := time.Unix(int64(sec), 0).UTC()
		if t.Before(earliestID) || t.After(now) {
			continue
		}
		if folder != "" && folder != t.Format("200601") {
			// The upload folder and the id disagree: not the id we think.
			continue
		}
		ev.IDs = append(ev.IDs, Date{Time: t, Precision: Second, Source: kind + " " + id[:8] + "…"})
	}
	// Newest first: older ids are images reused from earlier stories.
	for i := 1; i < len(ev.IDs); i++ {
		for j := i; j > 0 && ev.IDs[j].Time.After(ev.IDs[j-1].Time); j-- {
			ev.IDs[j], ev.IDs[j-1] = ev.IDs[j-1], ev.IDs[j]
		}
	}
	return ev
}

// zakerHost is in every id source.
var zakerHost = []byte("myzaker.com")

// windows returns the merged byte windows of b from before to after bytes
// around each occurrence of needle.
func windows(b, needle []byte, before, after int) [][]byte {
	var out [][]byte
	lo, hi := -1, -1
	for pos := 0; ; {
		i := bytes.Index(b[pos:], needle)
		if i < 0 {
			break
		}
		i += pos
		s, e := max(0, i-before), min(len(b), i+len(needle)+after)
		if hi >= 0 && s <= hi {
			hi = e
		} else {
			if hi >= 0 {
				out = append(out, b[lo:hi])
			}
			lo, hi = s, e
		}
		pos = i + len(needle)
	}
	if hi >= 0 {
		out = append(out, b[lo:hi])
	}
	return out
}

// englishCues are the agency names of English datelines; the regexp runs
// only on windows around them.
var englishCues = [][]byte{[]byte("(Reuters)"), []byte("(AP)"), []byte("(AFP)"), []byte("(Bloomberg)"), []byte("(Xinhua)")}

// cnSuffixes may follow "M 月 D 日" in a Chinese dateline.
var cnSuffixes = [][]byte{[]byte("电"), []byte("讯"), []byte("消息"), []byte("早间消息"), []byte("晚间消息"), []byte("午间消息"), []byte("凌晨消息"), []byte("晚消息"), []byte("报道")}

var (
	cnMonth   = []byte("月")
	cnDay     = []byte("日")
	cnYear    = []byte("年")
	cnBeijing = []byte("北京时间")
)

// findDateline returns the first dateline in the opening datelineWindow
// bytes of body. Chinese datelines are parsed by hand around each "月" (a
// regexp over the text cost more than the rest of the front matter work).
func findDateline(body []byte) *dateline {
	head := body[:min(len(body), datelineWindow)]
	var best *dateline
	bestAt := len(head)
	for pos := 0; pos < len(head); {
		i := indexVia(head[pos:], cnMonth, len(cnMonth)-1)
		if i < 0 {
			break
		}
		i += pos
		if dl, at := cnDateline(head, i); dl != nil {
			best, bestAt = dl, at
			break
		}
		pos = i + len(cnMonth)
	}
	present := cuesIn(head)
	for ci, cue := range englishCues {
		if present&(1<<ci) == 0 {
			continue // no window: the cue is not in head
		}
		for _, w := range windows(head, cue, 32, 0) {
			m := datelineRE().FindSubmatchIndex(w)
			if m == nil {
				continue
			}
			at := cap(head) - cap(w) + m[0]
			if at >= bestAt {
				continue
			}
			if t, err := time.Parse("Jan", string(w[m[2]:m[2]+3])); err == nil {
				best, bestAt = &dateline{Month: int(t.Month()), Day: atoi(w[m[4]:m[5]]), Text: string(w[m[0]:m[1]])}, at
			}
			break
		}
	}
	return best
}

// indexVia is bytes.Index(s, sep), found by sep's byte k: a rare byte
// stops bytes.IndexByte's fast scan less often than a common first byte.
// The first byte of a CJK character such as 月 (E6) opens an eighth of
// all Chinese text, its last (88) far less; "myzaker.com" opens with the
// m of every <meta> and <img>, where a z is rare.
func indexVia(s, sep []byte, k int) int {
	n := len(sep)
	if n == 0 {
		return 0
	}
	// i is where sep[k] would stand: sep must fit from i-k on.
	for i := k; i <= len(s)-n+k; i++ {
		p := bytes.IndexByte(s[i:len(s)-n+k+1], sep[k])
		if p < 0 {
			return -1
		}
		i += p
		if bytes.Equal(s[i-k:i-k+n], sep) {
			return i - k
		}
	}
	return -1
}

// cuesIn returns the set of englishCues (bit i for cue i) that occur in
// head. They open with '(', so one pass over the '(' of head finds them
// all, where a search for each cue read the whole head once per cue.
func cuesIn(head []byte) uint {
	var set uint
	for ci, cue := range englishCues {
		if cue[0] != '(' {
			set |= 1 << ci // not a '(' cue: let windows look
		}
	}
	for p := bytes.IndexByte(head, '('); p >= 0; {
		for ci, cue := range englishCues {
			if bytes.HasPrefix(head[p:], cue) {
				set |= 1 << ci
			}
		}
		n := bytes.IndexByte(head[p+1:], '(')
		if n < 0 {
			break
		}
		p += 1 + n
	}
	return set
}

// cnDateline parses a Chinese dateline around the "月" at i:
// "[YYYY 年] M 月 D 日" followed by 电/讯/消息/报道, or preceded by 北京时间.
func cnDateline(b []byte, i int) (*dateline, int) {
	spacesBack := func(j int) int {
		for j > 0 && b[j-1] == ' ' {
			j--
		}
		return j
	}
	spaces := func(j int) int {
		for j < len(b) && b[j] == ' ' {
			j++
		}
		return j
	}
	digitsBack := func(j, most int) (int, int) {
		k := j
		for k > 0 && j-k < most && b[k-1] >= '0' && b[k-1] <= '9' {
			k--
		}
		return k, atoi(b[k:j])
	}
	digits := func(j, most int) (int, int) {
		k := j
		for k < len(b) && k-j < most && b[k] >= '0' && b[k] <= '9' {
			k++
		}
		return k, atoi(b[j:k])
	}
	dl := &dateline{}
	ms := spacesBack(i)
	start, month := digitsBack(ms, 2)
	if start == ms {
		return nil, 0
	}
	dl.Month = month
	if y := spacesBack(start); y >= len(cnYear) && bytes.Equal(b[y-len(cnYear):y], cnYear) {
		ye := spacesBack(y - len(cnYear))
		if ys, year := digitsBack(ye, 4); ye-ys == 4 {
			dl.Year, start = year, ys
		}
	}
	ds := spaces(i + len(cnMonth))
	de, day := digits(ds, 2)
	if de == ds {
		return nil, 0
	}
	dl.Day = day
	j := spaces(de)
	if !bytes.HasPrefix(b[j:], cnDay) {
		return nil, 0
	}
	end := j + len(cnDay)
	ok := false
	k := spaces(end)
	for _, suf := range cnSuffixes {
		if bytes.HasPrefix(b[k:], suf) {
			end, ok = k+len(suf), true
		}
	}
	if bj := spacesBack(start); !ok && bj >= len(cnBeijing) && bytes.Equal(b[bj-len(cnBeijing):bj], cnBeijing) {
		start, ok = bj-len(cnBeijing), true
	}
	if !ok {
		return nil, 0
	}
	dl.Text = string(b[start:end])
	return dl, start
}

func atoi(b []byte) int {
	n, _ := strconv.Atoi(string(b))
	return n
}

// conflictWindow is how far a dateline's day may stand from an id's time
// before the two are reported as disagreeing.
const conflictWindow = 2 * 24 * time.Hour

// Best returns the strongest date the evidence proves, and a note when
// weaker evidence disagrees with it. ok is false when nothing proves a
// date: a date is never invented.
func (ev Evidence) Best() (d Date, conflict string, ok bool) {
	if ev.FileName != nil {
		return *ev.FileName, "", true
	}
	var id *Date
	if len(ev.IDs) > 0 {
		id = &ev.IDs[0]
	}
	if dl := ev.Dateline; dl != nil {
		if dl.Year != 0 {
			t := time.Date(dl.Year, time.Month(dl.Month), dl.Day, 0, 0, 0, 0, time.UTC)
			if t.Day() == dl.Day {
				d := Date{Time: t, Precision: Day, Source: "dateline " + quoted.String(dl.Text)}
				if id != nil && absDur(id.Time.Sub(t)) > conflictWindow+24*time.Hour {
					conflict = fmt.Sprintf("%s says %s", id.Source, id.Time.Format(time.RFC3339))
				}
				return d, conflict, true
			}
		}
		if id != nil {
			// The year comes from the id: the one that puts the
			// dateline's day nearest the id's time.
			best, bestDiff := time.Time{}, time.Duration(1<<62)
			for y := id.Time.Year() - 1; y <= id.Time.Year()+1; y++ {
				t := time.Date(y, time.Month(dl.Month), dl.Day, 0, 0, 0, 0, time.UTC)
				if t.Day() != dl.Day {
					continue
				}
				if diff := absDur(id.Time.Sub(t)); diff < bestDiff {
					best, bestDiff = t, diff
				}
			}
			if !best.IsZero() {
				d := Date{Time: best, Precision: Day, Source: "dateline " + quoted.String(dl.Text) + "; year from " + id.Source}
				// The id's day runs from best to best+24h.
				if id.Time.Before(best.Add(-conflictWindow)) || id.Time.After(best.Add(24*time.Hour+conflictWindow)) {
					conflict = fmt.Sprintf("%s says %s; the dateline wins", id.Source, id.Time.Format(time.RFC3339))
				}
				return d, conflict, true
			}
		}
	}
	if id != nil {
		return *id, "", true
	}
	return Date{}, "", false
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
