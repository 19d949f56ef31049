package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// TestEncodings: a GBK, Big5 or UTF-16 post is refused by default with a
// message naming its likely encoding and left untouched; with --encoding
// it is cleaned and written back in its own encoding, every byte no rule
// changed as it was.
func TestEncodings(t *testing.T) {
	const post = "\n---\ntitle: '编码测试'\ndate: Invalid Date\n---\n<p>北京 7 月 19 日电 这是一篇文章，我们的国家。<a href=\"http://iphone.myzaker.com/zaker/link.php?pk=60f68ba38e9f091c5e3c8bde&b=aHR0cDovL3d3dy5jaGluYW5ld3MuY29tLw==\">链接</a></p><div id=\"recommend_bottom\"></div>\n"
	const want = "---\ntitle: '编码测试'\ndate: 2021-07-19\n---\n<p>北京 7 月 19 日电 这是一篇文章，我们的国家。<a href=\"http://www.chinanews.com/\">链接</a></p>\n"
	const tpost = "\n---\ntitle: '編碼測試'\n---\n<p>這是一篇文章，我們的國家。</p><div id=\"recommend_bottom\"></div>\n"
	const twant = "---\ntitle: '編碼測試'\n---\n<p>這是一篇文章，我們的國家。</p>\n"
	utf16 := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	for _, c := range []struct {
		flag, guess string
		enc         encoding.Encoding
		in, want    string
	}{
		{"gbk", "GBK/GB18030", simplifiedchinese.GBK, post, want},
		{"gb18030", "GBK/GB18030", simplifiedchinese.GB18030, post, want},
		{"big5", "Big5", traditionalchinese.Big5, tpost, twant},
		{"utf-16le", "UTF-16 little-endian", utf16, tpost, twant},
	} {
		t.Run(c.flag, func(t *testing.T) {
			in, err := c.enc.NewEncoder().Bytes([]byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			wantBytes, _ := c.enc.NewEncoder().Bytes([]byte(c.want))
			file := filepath.Join(t.TempDir(), "post.md")
			os.WriteFile(file, in, 0o644)
			var stdout, stderr bytes.Buffer
			if code := run([]string{"mdclean", "-w", file}, nil, &stdout, &stderr); code != exitError {
				t.Fatalf("without --encoding: exit %d, want 2", code)
			}
			if !strings.Contains(stderr.String(), c.guess) || !strings.Contains(stderr.String(), "--encoding") {
				t.Errorf("message does not name the encoding: %s", stderr.String())
			}
			if got, _ := os.ReadFile(file); !bytes.Equal(got, in) {
				t.Fatal("a refused file was changed")
			}
			stderr.Reset()
			if code := run([]string{"mdclean", "-w", "--encoding", c.flag, file}, nil, &stdout, &stderr); code != exitOK {
				t.Fatalf("--encoding %s: exit %d: %s", c.flag, code, stderr.String())
			}
			if got, _ := os.ReadFile(file); !bytes.Equal(got, wantBytes) {
				t.Errorf("written back:\n got %q\nwant %q", got, wantBytes)
			}
			// Clean now: a second run leaves the file byte-identical.
			if code := run([]string{"mdclean", "--check", "--encoding", c.flag, file}, nil, &stdout, &stderr); code != exitOK {
				t.Errorf("second run: exit %d", code)
			}
		})
	}
}

// TestEncodingRoundTrip: bytes that do not survive decode-then-encode in
// the named encoding are refused rather than silently changed.
func TestEncodingRoundTrip(t *testing.T) {
	file := filepath.Join(t.TempDir(), "post.md")
	bad := []byte("---\ntitle: x\n---\n<p>\x81\x20</p>\n") // a GBK lead byte with no trail
	os.WriteFile(file, bad, 0o644)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"mdclean", "-w", "--encoding", "gbk", file}, nil, &stdout, &stderr); code != exitError {
		t.Fatalf("exit %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "left untouched") {
		t.Errorf("message: %s", stderr.String())
	}
	if got, _ := os.ReadFile(file); !bytes.Equal(got, bad) {
		t.Fatal("the file was changed")
	}
}
