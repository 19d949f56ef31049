package textfile

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestCheck: UTF-8 passes; a NUL byte, a UTF-16 byte order mark and
// invalid UTF-8 are refused, the last two naming the likely encoding.
func TestCheck(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("这是一篇文章，我们的国家。"))
	for _, c := range []struct {
		in   string
		want string // "" for none
	}{
		{"---\ntitle: 文章\n---\ntext\n", ""},
		{"a\x00b", "binary file (NUL byte at offset 1): skipped"},
		{"\xff\xfea\x00", "not UTF-8 (it looks like UTF-16 little-endian"},
		{string(gbk), "not valid UTF-8 (it looks like GBK/GB18030"},
	} {
		err := Check([]byte(c.in))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: %v", c.in, err)
		case c.want != "" && (err == nil || !strings.HasPrefix(err.Error(), c.want)):
			t.Errorf("%q: got %v, want %q…", c.in, err, c.want)
		}
	}
}

// TestDecodeExact: a GBK text decodes and encodes back; a lead byte with
// no trail byte is refused, not replaced.
func TestDecodeExact(t *testing.T) {
	enc, err := LookupEncoding("gbk")
	if err != nil {
		t.Fatal(err)
	}
	src, _ := enc.NewEncoder().Bytes([]byte("标题：测试\n"))
	dec, err := DecodeExact(src, enc, "gbk")
	if err != nil || string(dec) != "标题：测试\n" {
		t.Fatalf("DecodeExact = %q, %v", dec, err)
	}
	if back, err := EncodeBack(dec, enc, "gbk"); err != nil || string(back) != string(src) {
		t.Fatalf("EncodeBack = %q, %v", back, err)
	}
	if _, err := DecodeExact([]byte("x\x81 y"), enc, "gbk"); err == nil {
		t.Fatal("a broken GBK byte was decoded")
	}
	if e, err := LookupEncoding("UTF-8"); e != nil || err != nil {
		t.Fatalf("LookupEncoding(UTF-8) = %v, %v; want none", e, err)
	}
}
