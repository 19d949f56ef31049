package frontmatter

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Verdict is what a date key's value is, as the users' sites read it.
type Verdict int

const (
	// NotDate is a value no reader takes for a date: empty, a placeholder
	// ("Invalid Date", "NaN", "undefined"), a zero date, or a date-shaped
	// value with an impossible field (month 13). invalid-date repairs it
	// from evidence or removes it.
	NotDate Verdict = iota
	// IsDate is a date in a form mdclean knows, with one instant.
	IsDate
	// Ambiguous is a numeric date whose day and month could be either
	// ("07/08/2021", "08-07-21"): never guessed, left alone and reported.
	Ambiguous
	// Unknown is a value with digits in no form mdclean knows: it may be a
	// date to some reader, so it is left alone and reported, never removed.
	Unknown
)

// Value is a parsed date value: its instant, how much of it is known, and
// how it was spelled.
type Value struct {
	// Time is the instant; for a zone-less value, its wall clock in UTC
	// (the site's time zone decides the instant, for every client alike).
	Time      time.Time
	Precision Precision
	// Zone reports whether the value names its zone (Z, +08:00, GMT...).
	Zone bool
	// Frac is the fractional seconds as written, without the dot ("" if none).
	Frac string
	// T reports whether a 'T' separated the date and the time.
	T bool
	// Family is the family of spellings the value belongs to (see dateFamilies).
	Family string
	// Rolled reports a time written as 24:00:00 or with a leap second
	// (23:59:60): Time is the instant it names, the next day's midnight
	// or the next second, as the clients that read it read it.
	Rolled bool
	// Leap reports a leap second (Rolled too).
	Leap bool
	// Quoted is set by the caller for a quoted YAML value (a string):
	// the JS clients read it with the Date constructor, not js-yaml.
	Quoted bool
}

// A date family: one shape of spelling, its regexp and how its groups map
// to fields. Every family is a way generators or people write dates in
// front matter; docs/dates.md shows what each client reads for each.
type dateFamily struct {
	name string
	re   string
	// Group names used: y, mo (number), mon (month name), d, h, mi, s,
	// f (fraction), ampm, t (the T separator), z (zone).
}

// zonePart matches the zones the family regexps accept: Z, UTC, GMT, UT,
// numeric offsets with or without a colon, GMT+0800, and the North
// American zones that RFC 2822 defines. "CST" is not among them: China's
// and the US Central zone share it, so a value naming it is Unknown.
const zonePart = `(?P<z>[Zz]|UTC|GMT|UT|(?:UTC|GMT)?[+-]\d\d?(?::?\d\d)?|EST|EDT|MST|MDT|PST|PDT)`

const timePart = `(?P<h>\d\d?):(?P<mi>\d\d)(?::(?P<s>\d\d)(?:[.,](?P<f>\d+))?)?`

const monthName = `(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`

const weekdayName = `(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?`

var dateFamilies = []dateFamily{
	// ISO 8601 and YAML 1.1 timestamps: 2021-07-19, 2021-7-9 10:00:00,
	// 2021-07-19T10:00:00+0800, 2026-02-19 22:39:37 +00:00.
	{"iso", `^(?P<y>\d{4})-(?P<mo>\d\d?)-(?P<d>\d\d?)(?:(?P<t>[Tt]|\s+)` + timePart + `(?:\s*` + zonePart + `)?)?$`},
	// Slashes and dots, year first: 2021/07/19 10:00, 2021.07.19.
	{"slash", `^(?P<y>\d{4})/(?P<mo>\d\d?)/(?P<d>\d\d?)(?:\s+` + timePart + `(?:\s*` + zonePart + `)?)?$`},
	{"dot", `^(?P<y>\d{4})\.(?P<mo>\d\d?)\.(?P<d>\d\d?)(?:\s+` + timePart + `(?:\s*` + zonePart + `)?)?$`},
	// Chinese sites: 2021年7月19日 10:00.
	{"chinese", `^(?P<y>\d{4})\s*年\s*(?P<mo>\d\d?)\s*月\s*(?P<d>\d\d?)\s*[日号](?:\s*` + timePart + `)?$`},
	// Day first, RFC 2822 and RFC 1123 included: 19 Jul 2021,
	// Mon, 19 Jul 2021 10:00:00 GMT, 19 July 2021.
	{"day-month", `(?i)^` + weekdayName + `(?P<d>\d\d?)\s+` + monthName + `,?\s+(?P<y>\d{4})(?:,?\s+` + timePart + `(?:\s*(?P<ampm>[AP]\.?M\.?))?(?:\s*` + zonePart + `)?)?$`},
	// Month first, as English prose and JS's toDateString write it:
	// July 19, 2021; Jul 19 2021 10:00 AM; Monday, July 19, 2021.
	{"month-day", `(?i)^` + weekdayName + monthName + `\s+(?P<d>\d\d?)(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?:,?\s+(?:at\s+)?` + timePart + `(?:\s*(?P<ampm>[AP]\.?M\.?))?(?:\s*` + zonePart + `)?)?$`},
	// C's asctime, Unix date and Ruby: Mon Jul 19 10:00:00 UTC 2021.
	{"unix", `(?i)^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\s+` + monthName + `\s+(?P<d>\d\d?)\s+` + timePart + `(?:\s+` + zonePart + `)?\s+(?P<y>\d{4})$`},
}

// ambiguousRE is a numeric date with the year last: 07/08/2021, 08-07-21,
// 7.8.2021. Whether the first number is the day or the month differs from
// site to site, so it is never guessed.
const ambiguousRE = `^\d\d?[-/.]\d\d?[-/.](?:\d{4}|\d\d)(?:\s+` + timePart + `.*)?$`

// Fields of a date family: the regexp groups y, mo, mon, d, h, mi, s, f,
// ampm, t and z, by number, so that a match is read without a map.
const (
	fieldY = iota
	fieldMo
	fieldMon
	fieldD
	fieldH
	fieldMi
	fieldS
	fieldF
	fieldAmPm
	fieldT
	fieldZ
	nFields
)

var fieldNames = [nFields]string{"y", "mo", "mon", "d", "h", "mi", "s", "f", "ampm", "t", "z"}

// fields holds a match's groups by field ("" for a group that did not
// take part, or that the family does not have).
type fields [nFields]string

type compiledFamily struct {
	name string
	re   *regexp.Regexp
	idx  [nFields]int // the group of each field; 0 when the family has none
}

var families = sync.OnceValue(func() []compiledFamily {
	out := make([]compiledFamily, len(dateFamilies))
	for i, f := range dateFamilies {
		re := regexp.MustCompile(f.re)
		out[i] = compiledFamily{name: f.name, re: re}
		for j, n := range re.SubexpNames() {
			for k, fn := range fieldNames {
				if n != "" && n == fn {
					out[i].idx[k] = j
				}
			}
		}
	}
	return out
})

// match matches v against the family's regexp.
func (f compiledFamily) match(v string) (fields, bool) {
	var g fields
	m := f.re.FindStringSubmatch(v)
	if m == nil {
		return g, false
	}
	for k, j := range f.idx {
		if j > 0 {
			g[k] = m[j]
		}
	}
	return g, true
}

var ambiguous = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(ambiguousRE) })

// eitherWayRound reports whether both leading numbers of v, a value
// ambiguousRE matches, could be a month (1 to 12): only then could day and
// month be either way round.
func eitherWayRound(v string) bool {
	n, k := 0, 0
	for i := 0; i < len(v) && k < 2; i++ {
		if c := v[i]; c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
			continue
		}
		if n < 1 || n > 12 {
			return false
		}
		n, k = 0, k+1
	}
	return k == 2
}

// placeholders are what generators write where a date failed: the JS
// Date's and moment's "Invalid date", NaN, JS's undefined and null, and
// the zero dates of MySQL and Go. Compared case-insensitively.
var placeholders = []string{
	"invalid date", "invalid time value", "nan", "undefined", "null", "none", "nil",
	"0000-00-00", "0000-00-00 00:00:00", "0000-00-00t00:00:00z", "0001-01-01", "0001-01-01 00:00:00", "0001-01-01t00:00:00z",
	"0001-01-01 00:00:00 +0000 utc",
}

// yaml11Bools are plain values that a YAML 1.1 reader (Jekyll's Psych,
// Hexo's js-yaml for some keys) takes for booleans: "published: yes" is a
// flag, not a broken date, whatever yaml.v3 makes of it.
var yaml11Bools = []string{"y", "yes", "n", "no", "true", "false", "on", "off"}

// Classify says what a date key's value v is (v is the scalar's value,
// quotes already removed) and, for a date, parses it.
func Classify(v string) (Value, Verdict) {
	v = strings.TrimSpace(v)
	if v == "" {
		return Value{}, NotDate
	}
	if isPlaceholder(v) {
		return Value{}, NotDate
	}
	if !hasDigit(v) {
		lower := strings.ToLower(v)
		for _, b := range yaml11Bools {
			if lower == b {
				return Value{}, Unknown
			}
		}
		return Value{}, NotDate // words: "TBD", "yesterday"
	}
	return classifyShape(v, true)
}

// classifyShape is Classify for a v with digits, past the placeholders;
// without fast, it runs every family's regexp (see datescan.go).
func classifyShape(v string, fast bool) (Value, Verdict) {
	fams := families()
	if fast {
		if i, g, ok := scanDate(v); ok {
			return familyVerdict(fams[i].name, &g)
		}
	}
	for i, f := range fams {
		if fast && !mayMatch(i, v) {
			continue
		}
		if g, ok := f.match(v); ok {
			return familyVerdict(f.name, &g)
		}
	}
	if ambiguous().MatchString(v) {
		if !eitherWayRound(v) {
			return Value{}, Unknown // "21.02.2010": no month 21, yet never guessed
		}
		return Value{}, Ambiguous
	}
	if dateLike(v) {
		return Value{}, Unknown
	}
	return Value{}, NotDate // "100% Invalid Date"
}

// familyVerdict is the verdict on a value that a family matched.
func familyVerdict(family string, g *fields) (Value, Verdict) {
	val, ok := value(family, g)
	if !ok {
		return Value{}, NotDate // a date's shape with an impossible field
	}
	return val, IsDate
}

// dateLike reports whether v holds something that makes it a date to a
// reader although no family matches it: a year (a run of 4 digits, or the
// start of 8: 20210719, or an epoch of 10 or 13 digits, 19xx or 20xx), a
// month name, or 年/月.
func dateLike(v string) bool {
	if strings.Contains(v, "年") || strings.Contains(v, "月") {
		return true
	}
	lower := strings.ToLower(v)
	for _, m := range monthNames {
		if i := strings.Index(lower, m); i >= 0 && (i == 0 || lower[i-1] < 'a' || lower[i-1] > 'z') {
			return true
		}
	}
	for i := 0; i < len(v); {
		if v[i] < '0' || v[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(v) && v[j] >= '0' && v[j] <= '9' {
			j++
		}
		switch n := j - i; {
		case n == 4 || n == 8:
			if v[i:i+2] == "19" || v[i:i+2] == "20" {
				return true
			}
		case n == 10 || n == 13:
			return true // seconds or milliseconds since 1970
		}
		i = j
	}
	return false
}

// isPlaceholder reports whether v is one of the placeholders.
func isPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if ascii(v) {
		// ASCII folds to ASCII alone: compared in place, not lowered
		// into a new string first. (strings.EqualFold would not do for
		// all of v: it folds ſ to s, and ToLower turns İ into i.)
		for _, p := range placeholders {
			if len(v) == len(p) && asciiEqualFold(v, p) {
				return true
			}
		}
		return false
	}
	lower := strings.ToLower(v)
	for _, p := range placeholders {
		if lower == p {
			return true
		}
	}
	return false
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// asciiEqualFold reports whether s equals the lower-case ASCII p, ignoring
// the case of ASCII letters.
func asciiEqualFold(s, p string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

var monthNames = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// monthOf returns the number of the month that a month name (of the
// families' (?i) regexps: Aug, AUGUST, ſep) opens with, or 0.
func monthOf(mon string) int {
	if !ascii(mon) {
		mon = strings.ToLower(mon)
	}
	for i, n := range monthNames {
		// The names are lower-case ASCII: an ASCII mon folds to them in
		// place, as strings.ToLower would lower it, without a new string.
		if len(mon) >= len(n) && asciiEqualFold(mon[:len(n)], n) {
			return i + 1
		}
	}
	return 0
}

// value turns the fields of a match of family into a Value; ok is false
// for an impossible field.
func value(family string, g *fields) (Value, bool) {
	num := func(k int) int {
		if g[k] == "" {
			return 0 // without the error strconv.Atoi allocates
		}
		n, _ := strconv.Atoi(g[k])
		return n
	}
	year, day := num(fieldY), num(fieldD)
	month := num(fieldMo)
	if m := monthOf(g[fieldMon]); m > 0 {
		month = m
	}
	v := Value{Family: family, Precision: Day, Frac: g[fieldF], T: strings.EqualFold(g[fieldT], "T")}
	hour, minute, sec := 0, 0, 0
	if g[fieldH] != "" {
		v.Precision = Second
		hour, minute, sec = num(fieldH), num(fieldMi), num(fieldS)
		switch ampm := strings.ToUpper(strings.ReplaceAll(g[fieldAmPm], ".", "")); ampm {
		case "AM", "PM":
			if hour < 1 || hour > 12 {
				return Value{}, false
			}
			hour %= 12
			if ampm == "PM" {
				hour += 12
			}
		}
	}
	nsec := 0
	if v.Frac != "" {
		// Past nanoseconds, digits are cut, as Go (Hugo) and JS (to the
		// millisecond) cut them: 10 digits are still a date to all three.
		fr := (v.Frac + "000000000")[:9]
		nsec, _ = strconv.Atoi(fr)
	}
	// 24:00:00 (ISO 8601's end of the day) and a leap second (23:59:60)
	// name real instants, which js-yaml and the JS Date constructor read
	// as the next day's 00:00:00 and the next second; Go, so Hugo, reads
	// no date. Any other overflow (month 13, 25:00, 10:61) names none,
	// although js-yaml rolls it over too.
	switch {
	case hour == 24 && minute == 0 && sec == 0 && nsec == 0:
		v.Rolled = true
	case sec == 60 && hour < 24:
		v.Rolled, v.Leap = true, true
	case hour > 23 || sec > 59:
		return Value{}, false
	}
	if year < 1000 || month < 1 || month > 12 || day < 1 || minute > 59 {
		return Value{}, false
	}
	loc := time.UTC
	if z := g[fieldZ]; z != "" {
		off, ok := zoneOffset(z)
		if !ok {
			return Value{}, false
		}
		v.Zone = true
		if off != 0 {
			loc = time.FixedZone("", off)
		}
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, loc)
	if t.Day() != day {
		return Value{}, false // 31 June, 29 February of a common year
	}
	v.Time = t.Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute + time.Duration(sec)*time.Second + time.Duration(nsec))
	return v, true
}

var namedZones = map[string]int{
	"Z": 0, "UTC": 0, "GMT": 0, "UT": 0,
	"EST": -5, "EDT": -4, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}

// zoneOffset returns the offset in seconds of a zone the family regexps
// matched.
func zoneOffset(z string) (int, bool) {
	if h, ok := namedZones[strings.ToUpper(z)]; ok {
		return h * 3600, true
	}
	z = strings.TrimPrefix(strings.TrimPrefix(strings.ToUpper(z), "UTC"), "GMT")
	if len(z) < 2 {
		return 0, false
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	var h, m int
	switch len(digits) {
	case 1, 2:
		h, _ = strconv.Atoi(digits)
	case 3, 4:
		h, _ = strconv.Atoi(digits[:len(digits)-2])
		m, _ = strconv.Atoi(digits[len(digits)-2:])
	default:
		return 0, false
	}
	if h > 14 || m > 59 {
		return 0, false
	}
	return sign * (h*3600 + m*60), true
}

// hugoLayouts are the layouts with which Hugo (spf13/cast's
// StringToDateInDefaultLocation, which Hugo's front matter goes through)
// reads a date string. A YAML timestamp reaches it as a string too, so
// "2021-7-9" is year 1 to Hugo, although YAML reads it as a date. Checked
// against Hugo itself by TestDateFormsClients.
var hugoLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC822Z,
	time.RFC822,
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
	time.RubyDate,
	"2006-01-02 15:04:05.999999999 -0700 MST",
	"2006-01-02",
	"02 Jan 2006",
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
}

// hugoReads returns the instant Hugo reads in v, if any.
func hugoReads(v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, false
	}
	digit := isDigit(v[0])
	for _, l := range hugoLayouts {
		// Every layout opens with a number ("2006", "02") or a name
		// ("Mon"), which matches only a value that opens the same way:
		// the others would fail, each with a time.ParseError allocated,
		// on every post.
		if isDigit(l[0]) != digit || !digit && !isLetter(v[0]) || digit && !hugoShape(l, v) || !zoneEndShape(l, v) {
			continue
		}
		if t, err := time.Parse(l, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// hugoShape is a quick no for a value that the digit-led layout l
// cannot parse, as time.Parse would find: it checks the fixed-width
// fields before the hour ("2006-01-02" then 'T' or ' ', "02 " of
// "02 Jan"), the length of a date-only layout, and the space before a
// zone that a layout wants after the time (a value of the commonest
// shape, "2021-07-19 10:00:00", failed four layouts, each failure
// allocating a time.ParseError). A yes is no promise: time.Parse decides.
func hugoShape(l, v string) bool {
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if !isDigit(s[i]) {
				return false
			}
		}
		return true
	}
	switch {
	case strings.HasPrefix(l, "2006-01-02"):
		if len(v) < 10 || !digits(v[:4]) || v[4] != '-' || !digits(v[5:7]) || v[7] != '-' || !digits(v[8:10]) {
			return false
		}
		if len(l) == 10 {
			return len(v) == 10 // nothing may follow the day
		}
		if len(v) <= 10 || v[10] != l[10] {
			return false // 'T', or the space (time.Parse takes more than one)
		}
		// A space after the time, before the zone: time.Parse wants one
		// there (the hour is 1 or 2 digits, so where is not fixed).
		return strings.IndexByte(l[11:], ' ') < 0 || strings.IndexByte(v[11:], ' ') >= 0
	case strings.HasPrefix(l, "02 "):
		return len(v) >= 3 && digits(v[:2]) && v[2] == ' '
	}
	return true
}

// zoneEndShape is a quick no for a layout that ends with a numeric zone
// ("-0700", "-07:00", as RFC 1123Z does) and a value that does not end
// with a digit: time.Parse reads the zone's minutes as two digits and
// then wants the value's end (an RFC 1123 value, "… 05:11:28 GMT",
// failed RFC 1123Z first, allocating a time.ParseError, on every post).
func zoneEndShape(l, v string) bool {
	if strings.HasSuffix(l, "-0700") || strings.HasSuffix(l, "-07:00") {
		return isDigit(v[len(v)-1])
	}
	return true
}

// Client names, as -v names them.
const (
	ClientHexo = "hexo-front-matter"
	ClientGray = "gray-matter"
	ClientHugo = "Hugo"
)

// Misread returns, for a date v parsed as val, which clients misread it
// and how, in words for -v ("Hugo reads year 1"); none when all of
// hexo-front-matter, gray-matter and Hugo read the same instant.
func Misread(v string, val Value) []string {
	v = strings.TrimSpace(v)
	var out []string
	if val.Family == "chinese" {
		// The JS Date constructor, through which Hexo and every
		// gray-matter site read a string date, knows no 年月日.
		out = append(out, ClientHexo+" and "+ClientGray+" read no date")
	}
	if val.Leap && val.Quoted {
		// js-yaml reads a leap second, the JS Date constructor does not
		// (it reads "2021-07-19 24:00:00").
		out = append(out, ClientHexo+" and "+ClientGray+" read no date")
	}
	t, ok := hugoReads(v)
	switch {
	case !ok:
		out = append(out, ClientHugo+" reads year 1")
	case !sameInstant(t, val):
		out = append(out, ClientHugo+" reads "+t.Format(time.RFC3339))
	}
	return out
}

// sameInstant compares what a client read with the value's own instant:
// for a zone-less value the wall clocks, since every client reads it in
// the site's zone.
func sameInstant(t time.Time, val Value) bool {
	if !val.Zone {
		return t.Year() == val.Time.Year() && t.YearDay() == val.Time.YearDay() &&
			t.Hour() == val.Time.Hour() && t.Minute() == val.Time.Minute() && t.Second() == val.Time.Second() &&
			t.Nanosecond() == val.Time.Nanosecond()
	}
	return t.Equal(val.Time)
}

// Portable spells val in a form that hexo-front-matter, gray-matter and
// Hugo all read at the same instant, keeping its precision and its zone
// or lack of one: 2021-07-19 for a day, 2021-07-19 10:00:00 for a
// zone-less time (Hexo reads it in the site's timezone, Hugo in its
// timeZone), 2021-07-19T10:00:00+08:00 for a zoned one.
func Portable(val Value) string {
	t := val.Time
	if val.Precision == Day {
		return t.Format("2006-01-02")
	}
	frac := ""
	if val.Frac != "" {
		frac = "." + val.Frac
	}
	if !val.Zone {
		sep := " "
		if val.T {
			sep = "T"
		}
		return t.Format("2006-01-02") + sep + t.Format("15:04:05") + frac
	}
	zone := t.Format("Z07:00")
	return t.Format("2006-01-02T15:04:05") + frac + zone
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }
