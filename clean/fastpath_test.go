package clean

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestFastPathsKeepAnswers holds the cheap tests of the tail and the
// fenced-div scan to the definitions they replace.
func TestFastPathsKeepAnswers(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF+1; r++ {
		if got, want := isCloser(r), strings.ContainsRune(closers, r); got != want {
			t.Fatalf("isCloser(%U) = %v, want %v", r, got, want)
		}
		if r > 0x3000 && unicode.IsSpace(r) {
			t.Fatalf("%U is a space after U+3000", r)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{":", "::", ":::", "\n", " ", "a", "\r\n", "：", "x:::"}
	for n := 0; n < 100000; n++ {
		var b strings.Builder
		for k := rng.IntN(6); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		src := []byte(b.String())
		want := bytes.HasPrefix(src, []byte(":::")) || bytes.Contains(src, []byte("\n:::")) || bytes.Contains(src, []byte(" :::"))
		if got := mayHoldFence(src); got != want {
			t.Fatalf("mayHoldFence(%q) = %v, want %v", src, got, want)
		}
	}
	for _, s := range []string{"", "1. Item", "(1) Item", "（2）条", "[3] x", "【4】y", "① a", "2021 年", "Item 1.", "((1) x", "12345. x", "a"} {
		if got, want := listNumber(s), listNumberSlow(s); got != want {
			t.Errorf("listNumber(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"", "beneath the winter ice", "iPhone sales", "vivo 新机", "中文标题", "Title case", "ça va"} {
		if got, want := lowerStart(s), lowerStartSlow(s); got != want {
			t.Errorf("lowerStart(%q) = %v, want %v", s, got, want)
		}
	}
}

// listNumberSlow is listNumber without the first byte's early exit.
func listNumberSlow(s string) bool {
	if r, _ := utf8.DecodeRuneInString(s); r >= '①' && r <= '⑳' {
		return true
	}
	for _, open := range []string{"(", "（", "[", "【"} {
		s = strings.TrimPrefix(s, open)
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 3 || i >= len(s) {
		return false
	}
	for _, r := range s[i:] {
		return strings.ContainsRune(".、)）]】:：", r)
	}
	return false
}

// lowerStartSlow is lowerStart without the CJK early exit.
func lowerStartSlow(text string) bool {
	if r, _ := utf8.DecodeRuneInString(text); text != "" && !unicode.IsLower(r) {
		return false
	}
	if text == "" {
		return false
	}
	word := true
	for _, c := range text {
		if c >= 0x2E80 {
			return false
		}
		if c == ' ' {
			word = false
		}
		if word && unicode.IsUpper(c) {
			return false
		}
	}
	return true
}
