// Package quoted is strconv.Quote for the messages of mdclean's rules,
// without strconv's table search for every rune: the messages quote
// headlines, footers, dates and datelines, CJK ones often, and
// strconv.IsPrint looks each such rune up in its tables.
package quoted

import (
	"strconv"
	"unicode/utf8"
)

// String is strconv.Quote(s). A string of runes that strconv writes as
// they are (AsIs), and of '"' and '\\' (escaped with a backslash), is
// only put in quotes; any other goes to strconv.Quote.
func String(s string) string {
	escapes := 0
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r == '"' || r == '\\' {
			escapes++
		} else if !AsIs(r) {
			return strconv.Quote(s)
		}
		i += n
	}
	if escapes == 0 {
		return `"` + s + `"`
	}
	buf := make([]byte, 0, len(s)+escapes+2)
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			buf = append(buf, '\\')
		}
		buf = append(buf, s[i])
	}
	return string(append(buf, '"'))
}

// Append is strconv.AppendQuote(dst, s), as String is strconv.Quote.
func Append(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r != '"' && r != '\\' && !AsIs(r) {
			return strconv.AppendQuote(dst, s)
		}
		i += n
	}
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			dst = append(dst, '\\')
		}
		dst = append(dst, s[i])
	}
	return append(dst, '"')
}

// AsIs reports whether strconv.Quote writes r as it is: printable ASCII
// but the quote and the backslash, Latin-1, and the ranges of CJK text
// and its punctuation (TestStringKeepsAnswers checks each rune).
func AsIs(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= 0x20 && r < 0x7F && r != '"' && r != '\\'
	case 0x4E00 <= r && r <= 0x9FFF, 0x3001 <= r && r <= 0x303F, 0xFF01 <= r && r <= 0xFF5E, 0x2010 <= r && r <= 0x2027:
		return true
	case 0xA1 <= r && r <= 0xFF:
		return r != 0xAD // Latin-1 but the soft hyphen ("©", "é")
	}
	return false
}
