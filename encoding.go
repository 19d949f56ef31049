package main

// guessEncoding names the legacy encoding a non-UTF-8 file most likely
// uses, for the error message: Chinese scrapes come in GBK/GB18030 and Big5.
func guessEncoding(src []byte) string {
	high := 0
	for _, c := range src {
		if c >= 0x80 {
			high++
		}
	}
	if high == 0 {
		return ""
	}
	return " (perhaps GBK/GB18030 or Big5)"
}
