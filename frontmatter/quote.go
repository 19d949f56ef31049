package frontmatter

import (
	"strconv"
	"unicode/utf8"
)

// quote is strconv.Quote, which looks every rune up in its tables of
// printable characters: a string of runes that are printable as they are
// (quoteAsIs), and of '"' and '\\' (escaped with a backslash), is only put
// in quotes. The date repairs' messages quote values and datelines, CJK
// ones often (clean's quote does the same for the tail's messages).
func quote(s string) string {
	escapes := 0
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r == '"' || r == '\\' {
			escapes++
		} else if !quoteAsIs(r) {
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

// quoteAsIs reports whether strconv.Quote writes r as it is: printable
// ASCII but the quote and the backslash, Latin-1, and the ranges of CJK
// text and its punctuation (TestQuoteKeepsAnswers checks each rune).
func quoteAsIs(r rune) bool {
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
