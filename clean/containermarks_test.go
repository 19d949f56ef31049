package clean

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestContainerMarksLines holds containerMarks (its first-byte table,
// its line count) to containerMarksSwitch and bytes.Count(body, "\n") on
// generated bodies of list, quote, heading and number marks, white space,
// letters and line endings in any order (a mark read past must never
// hide a line feed).
func TestContainerMarksLines(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 12))
	parts := []string{"\n", "\r\n", "\r", " ", "\t", ">", "> ", "-", "- ", "-\n", "*\t", "+", "+\n", "1.", "1. ", "12)\n",
		"123456789. ", "1234567890) ", "9.\n", "#", "# h", "text", "[", "`", "a-b", "\n\n", "é", "\x00", "\v", "\f", ". ", ")"}
	for n := 0; n < 100000; n++ {
		var body []byte
		for k := rng.IntN(12); k >= 0; k-- {
			body = append(body, parts[rng.IntN(len(parts))]...)
		}
		marks, depth, lines := containerMarks(body)
		if lines != bytes.Count(body, []byte{'\n'}) {
			t.Fatalf("containerMarks(%q) counts %d lines, bytes.Count %d", body, lines, bytes.Count(body, []byte{'\n'}))
		}
		if wm, wd := containerMarksSwitch(body); marks != wm || depth != wd {
			t.Fatalf("containerMarks(%q) = %d, %d; the switch alone gives %d, %d", body, marks, depth, wm, wd)
		}
	}
}

// containerMarksSwitch is containerMarks' marks and depth as its switch
// alone reads them, without the first-byte table.
func containerMarksSwitch(body []byte) (marks, depth int) {
	for i := 0; i < len(body); {
		d := 0
		j := i
	line:
		for j < len(body) {
			switch c := body[j]; {
			case c == ' ' || c == '\t':
				j++
			case c == '>':
				d++
				j++
			case (c == '-' || c == '*' || c == '+') && (j+1 == len(body) || body[j+1] == ' ' || body[j+1] == '\t'):
				d++
				j = min(j+2, len(body))
			case c >= '0' && c <= '9':
				k := j
				for k < len(body) && k-j < 9 && body[k] >= '0' && body[k] <= '9' {
					k++
				}
				if k+1 < len(body) && (body[k] == '.' || body[k] == ')') && (body[k+1] == ' ' || body[k+1] == '\t') {
					d++
					j = k + 2
					continue
				}
				break line
			case c == '#':
				marks++
				break line
			default:
				break line
			}
		}
		marks += d
		depth = max(depth, d)
		k := bytes.IndexByte(body[j:], '\n')
		if k < 0 {
			break
		}
		i = j + k + 1
	}
	return marks, depth
}
