// Package english writes counts the way mdclean's messages show them:
// "4,564 posts", "1 entry", "3 entries". The command's summary and the
// readable diff (package edit) share it.
package english

import (
	"strconv"
	"strings"
)

// Thousands writes n with thousands separators: 4,564.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Plural writes n and word, in the plural unless n is 1: "1 post",
// "4,564 posts", "2 entries" (a word ending in y takes ies).
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "y") {
		return Thousands(n) + " " + strings.TrimSuffix(word, "y") + "ies"
	}
	return Thousands(n) + " " + word + "s"
}
