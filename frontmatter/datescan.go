package frontmatter

import "strings"

// The date families' regexps cost about 3,500 instructions a try, and a
// value of a late family ("Wed, 31 Aug 2022 05:11:28 GMT") was tried
// against every family before it. Two cheaper steps come first, each
// held to the regexps by TestDateScan on many generated values:
//
//   - scanDate reads the commonest spellings, ISO 8601 (iso) and
//     RFC 1123 (day-month), byte by byte, into the fields the family's
//     regexp gives; on anything it is not sure of, it says so and the
//     regexps run as before.
//   - mayMatch skips a family whose regexp cannot match v by its first
//     bytes: the four year-first families need 4 digits and their own
//     separator, the others a letter or a day.

// scanDate returns the family (an index into dateFamilies) whose regexp
// matches v first, and its fields, for the spellings it knows; ok is
// false for any other v, which the regexps must then read.
func scanDate(v string) (family int, g fields, ok bool) {
	if len(v) < 8 {
		return 0, g, false
	}
	if isDigit(v[0]) && isDigit(v[1]) && isDigit(v[2]) && isDigit(v[3]) {
		g, ok = scanISO(v)
		return familyISO, g, ok
	}
	g, ok = scanDayMonth(v)
	return familyDayMonth, g, ok
}

// Indexes of the scanned families in dateFamilies.
const (
	familyISO      = 0
	familyDayMonth = 4
)

// reSpace is the regexps' \s.
func reSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// digitsAt returns the end of the run of digits at v[i:].
func digitsAt(v string, i int) int {
	for i < len(v) && isDigit(v[i]) {
		i++
	}
	return i
}

func spacesAt(v string, i int) int {
	for i < len(v) && reSpace(v[i]) {
		i++
	}
	return i
}

func lettersAt(v string, i int) int {
	for i < len(v) && isLetter(v[i]) {
		i++
	}
	return i
}

// scanISO reads v as the iso family's regexp does:
// YYYY-M[M]-D[D], then optionally [Tt] or white space, H[H]:MM[:SS[.F]]
// and an optional zone after optional white space.
func scanISO(v string) (g fields, ok bool) {
	if v[4] != '-' {
		return g, false
	}
	g[fieldY] = v[:4]
	// \d\d? before a separator: a run of one or two digits.
	e := digitsAt(v, 5)
	if e-5 < 1 || e-5 > 2 || e >= len(v) || v[e] != '-' {
		return g, false
	}
	g[fieldMo] = v[5:e]
	i := e + 1
	e = digitsAt(v, i)
	if e-i < 1 || e-i > 2 {
		return g, false
	}
	g[fieldD] = v[i:e]
	if e == len(v) {
		return g, true
	}
	i = e
	switch {
	case v[i] == 'T' || v[i] == 't':
		e = i + 1
	case reSpace(v[i]):
		e = spacesAt(v, i)
	default:
		return g, false
	}
	g[fieldT] = v[i:e]
	return scanTime(v, e, g, false)
}

// scanTime reads, from v[i:] to its end, the time and the optional zone
// that the families' regexps share: H[H]:MM[:SS[[.,]F+]], optional white
// space, a zone. fold is the regexp's (?i).
func scanTime(v string, i int, g fields, fold bool) (fields, bool) {
	e := digitsAt(v, i)
	if e-i < 1 || e-i > 2 || e+3 > len(v) || v[e] != ':' || !isDigit(v[e+1]) || !isDigit(v[e+2]) {
		return g, false
	}
	g[fieldH], g[fieldMi] = v[i:e], v[e+1:e+3]
	i = e + 3
	if i < len(v) && isDigit(v[i]) {
		return g, false // \d\d then a third digit: no zone opens with one
	}
	if i+2 < len(v) && v[i] == ':' && isDigit(v[i+1]) && isDigit(v[i+2]) {
		g[fieldS] = v[i+1 : i+3]
		i += 3
		if i+1 < len(v) && (v[i] == '.' || v[i] == ',') && isDigit(v[i+1]) {
			e = digitsAt(v, i+1)
			g[fieldF] = v[i+1 : e]
			i = e
		}
	}
	if i == len(v) {
		return g, true
	}
	z := v[spacesAt(v, i):]
	if !zoneOK(z, fold) {
		return g, false
	}
	g[fieldZ] = z
	return g, true
}

// zoneNames are zonePart's names; "z" is [Zz].
var zoneNames = []string{"Z", "z", "UTC", "GMT", "UT", "EST", "EDT", "MST", "MDT", "PST", "PDT"}

// zoneOK reports whether all of z matches zonePart (fold: with (?i)). It
// knows only ASCII: a zone with other bytes is for the regexps.
func zoneOK(z string, fold bool) bool {
	for i := 0; i < len(z); i++ {
		if z[i] >= 0x80 {
			return false
		}
	}
	eq := func(a, b string) bool { return a == b || fold && len(a) == len(b) && strings.EqualFold(a, b) }
	for _, n := range zoneNames {
		if eq(z, n) {
			return true
		}
	}
	if len(z) > 3 && (eq(z[:3], "UTC") || eq(z[:3], "GMT")) {
		z = z[3:]
	}
	// [+-]\d\d?(?::?\d\d)?: 1 to 4 digits, or 1 or 2, a colon and 2.
	if len(z) < 2 || z[0] != '+' && z[0] != '-' {
		return false
	}
	z = z[1:]
	e := digitsAt(z, 0)
	switch {
	case e == len(z):
		return e >= 1 && e <= 4
	case e == 1 || e == 2:
		return z[e] == ':' && len(z) == e+3 && digitsAt(z, e+1) == len(z)
	}
	return false
}

var weekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// scanDayMonth reads an ASCII v as the day-month family's regexp does,
// without its AM/PM: [weekday[letters][.][,] ]D[D] month[letters][.][,]
// YYYY, then optionally [,] and white space, a time and a zone (see
// scanTime).
func scanDayMonth(v string) (g fields, ok bool) {
	for i := 0; i < len(v); i++ {
		if v[i] >= 0x80 {
			return g, false // (?i) folds ſ to s, K to k: for the regexp
		}
	}
	i := 0
	if !isDigit(v[0]) {
		if !oneOf(v[:3], weekdays) {
			return g, false
		}
		i = lettersAt(v, 3)
		i = skipByte(v, i, '.')
		i = skipByte(v, i, ',')
		e := spacesAt(v, i)
		if e == i {
			return g, false
		}
		i = e
	}
	e := digitsAt(v, i)
	if e-i < 1 || e-i > 2 {
		return g, false
	}
	g[fieldD] = v[i:e]
	i = spacesAt(v, e)
	if i == e || i+3 > len(v) || !oneOf(v[i:i+3], monthNames) {
		return g, false
	}
	g[fieldMon] = v[i : i+3] // Sep before Sept: the group is 3 letters
	i = lettersAt(v, i+3)
	i = skipByte(v, i, '.')
	i = skipByte(v, i, ',')
	e = spacesAt(v, i)
	if e == i {
		return g, false
	}
	i = e
	if e = digitsAt(v, i); e-i != 4 {
		return g, false
	}
	g[fieldY] = v[i:e]
	if e == len(v) {
		return g, true
	}
	i = skipByte(v, e, ',')
	if e = spacesAt(v, i); e == i {
		return g, false
	}
	g, ok = scanTime(v, e, g, true)
	if ok && g[fieldZ] != "" && (g[fieldZ][0]|0x20 == 'a' || g[fieldZ][0]|0x20 == 'p') && strings.ContainsAny(g[fieldZ], "Mm") {
		return g, false // an AM or PM, perhaps: for the regexp
	}
	return g, ok
}

func skipByte(v string, i int, c byte) int {
	if i < len(v) && v[i] == c {
		i++
	}
	return i
}

// oneOf reports whether the ASCII s is one of the lower-case names,
// regardless of case.
func oneOf(s string, names []string) bool {
	for _, n := range names {
		if len(s) == len(n) && asciiEqualFold(s, n) {
			return true
		}
	}
	return false
}

// mayMatch reports whether the regexp of family f may match v: false
// only when v's first bytes rule it out.
func mayMatch(f int, v string) bool {
	year := len(v) > 4 && isDigit(v[0]) && isDigit(v[1]) && isDigit(v[2]) && isDigit(v[3])
	switch dateFamilies[f].name {
	case "iso":
		return year && v[4] == '-'
	case "slash":
		return year && v[4] == '/'
	case "dot":
		return year && v[4] == '.'
	case "chinese":
		return year && (reSpace(v[4]) || strings.HasPrefix(v[4:], "年"))
	case "day-month":
		// ^\d\d?\s+, or a weekday: its first letter, which (?i) may
		// fold from a non-ASCII letter (ſ).
		if isDigit(v[0]) {
			return len(v) > 1 && reSpace(v[1]) || len(v) > 2 && isDigit(v[1]) && reSpace(v[2])
		}
		return v[0] >= 0x80 || strings.IndexByte("MTWFSmtwfs", v[0]) >= 0
	case "month-day", "unix":
		return !isDigit(v[0])
	}
	return true
}
