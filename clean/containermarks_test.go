package clean

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestContainerMarksLines holds the line count containerMarks returns to
// bytes.Count(body, "\n") on generated bodies of list, quote, heading and
// number marks, white space and line endings in any order (a mark read
// past must never hide a line feed).
func TestContainerMarksLines(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 12))
	parts := []string{"\n", "\r\n", "\r", " ", "\t", ">", "> ", "-", "- ", "-\n", "*\t", "+", "+\n", "1.", "1. ", "12)\n",
		"123456789. ", "1234567890) ", "9.\n", "#", "# h", "text", "[", "`", "a-b", "\n\n"}
	for n := 0; n < 100000; n++ {
		var body []byte
		for k := rng.IntN(12); k >= 0; k-- {
			body = append(body, parts[rng.IntN(len(parts))]...)
		}
		if _, _, lines := containerMarks(body); lines != bytes.Count(body, []byte{'\n'}) {
			t.Fatalf("containerMarks(%q) counts %d lines, bytes.Count %d", body, lines, bytes.Count(body, []byte{'\n'}))
		}
	}
}
