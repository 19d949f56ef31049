package learn

import "testing"

// TestLearnDatelines: datelines and bylines are the post's metadata,
// proposed commented out; other lines are not taken for them.
func TestLearnDatelines(t *testing.T) {
	for text, want := range map[string]bool{
		"Published {n}年{n}月{n}日 by the Road Desk": true,
		"Jan {n}th {n}":                           true,
		"{n}-{n}-{n}":                             true,
		"By Jane Doe":                             true,
		"作者 | 王小明，李华":                             true,
		"翻译：赵六":                                   true,
		"文件下载请到附件区":                               false,
		"Discuss this article in our forums":      false,
		"Bye for now from the Example Roads team": false,
	} {
		if got := datelineRe.MatchString(text); got != want {
			t.Errorf("%q: dateline %v, want %v", text, got, want)
		}
	}
}
