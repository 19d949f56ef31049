package frontmatter

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"
)

func TestFindDateline(t *testing.T) {
	cases := []struct {
		in      string
		y, m, d int
		text    string
		none    bool
	}{
		{in: `<a href="x">中新社</a>布鲁塞尔 7 月 19 日电 中国驻欧盟`, m: 7, d: 19, text: "7 月 19 日电"},
		{in: `IT之家 10 月 15 日消息，微软`, m: 10, d: 15, text: "10 月 15 日消息"},
		{in: `金色财经8月8日消息，`, m: 8, d: 8, text: "8月8日消息"},
		{in: `北京时间12月14日12:30，`, m: 12, d: 14, text: "北京时间12月14日"},
		{in: `新华社 2021 年 7 月 19 日电`, y: 2021, m: 7, d: 19, text: "2021 年 7 月 19 日电"},
		{in: `BRUSSELS, July 19 (Reuters) - China`, m: 7, d: 19, text: "July 19 (Reuters)"},
		{in: `他在 3 月 5 日 发布了新版本`, none: true},
		{in: `本月 19 日电`, none: true},
		{in: `the end of 7 月`, none: true},
	}
	for _, c := range cases {
		dl := findDateline([]byte(c.in))
		if c.none {
			if dl != nil {
				t.Errorf("%q: found %+v, want none", c.in, dl)
			}
			continue
		}
		if dl == nil || dl.Year != c.y || dl.Month != c.m || dl.Day != c.d || dl.Text != c.text {
			t.Errorf("%q: got %+v, want %d-%d-%d %q", c.in, dl, c.y, c.m, c.d, c.text)
		}
	}
}

func TestBest(t *testing.T) {
	id := Date{Time: time.Date(2021, 12, 31, 20, 0, 0, 0, time.UTC), Precision: Second, Source: "id"}
	// A January dateline after a late-December id: the year rolls over.
	ev := Evidence{Dateline: &dateline{Month: 1, Day: 1, Text: "1 月 1 日电"}, IDs: []Date{id}}
	d, conflict, ok := ev.Best()
	if !ok || d.Time.Format("2006-01-02") != "2022-01-01" || conflict != "" {
		t.Errorf("got %v %q %v", d.Time, conflict, ok)
	}
	// No evidence: no date.
	if _, _, ok := (Evidence{}).Best(); ok {
		t.Error("empty evidence proved a date")
	}
	// A dateline with no year and no id proves nothing.
	if _, _, ok := (Evidence{Dateline: &dateline{Month: 7, Day: 19}}).Best(); ok {
		t.Error("a dateline without a year proved a date")
	}
}

func TestParseDate(t *testing.T) {
	for v, ok := range map[string]bool{
		"2021-07-19": true, "2021-07-19 08:00:00": true, "2021-07-19T08:00:00Z": true,
		"Thu, 14 Oct 2021 20:32:00 GMT": true, "Invalid Date": false, "Invalid date": false,
		"NaN": false, "undefined": false, "": false, "0000-01-01": false, "yesterday": false,
	} {
		if _, _, got := ParseDate(v); got != ok {
			t.Errorf("ParseDate(%q) ok = %v, want %v", v, got, ok)
		}
	}
}

func TestZakerIDs(t *testing.T) {
	body := []byte(`<a href="http://iphone.myzaker.com/zaker/link.php?pk=60f68ba38e9f091c5e3c8bde&amp;b=x">a</a>` +
		`<img src="http://zkres1.myzaker.com/202110/6168d4c6b15ec07e154700e4_1024.jpg">` +
		`<img src="http://zkres2.myzaker.com/201901/6168d4c6b15ec07e154700e5_1024.jpg">` +
		`<img src="http://zkres.myzaker.com/img_upload/6168d4c6b15ec07e154700e6.jpg">` +
		`<a href="http://www.myzaker.com/article/6168d4c6b15ec07e154700e7">not an id source</a>`)
	ev := GatherEvidence("", body, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	var got []string
	for _, d := range ev.IDs {
		got = append(got, d.Source)
	}
	want := []string{"ZAKER id 60f68ba3…", "ZAKER image id 6168d4c6…", "ZAKER image id 6168d4c6…"}
	if len(got) != len(want) {
		t.Fatalf("ids %v, want %v (the 201901 folder disagrees with its id; www is no id source)", got, want)
	}
	if ev.IDs[0].Time.Format(time.RFC3339) != "2021-10-15T01:09:26Z" {
		t.Errorf("newest first: got %v", ev.IDs[0].Time)
	}
}

// TestRolledDates: a value the clients read is never removed, and is
// rewritten only to the instant they read (issue 21, row 4; the clients'
// readings are in TestDateFormsClients).
func TestRolledDates(t *testing.T) {
	for _, c := range []struct {
		v    string
		want string // RFC 3339 with nanoseconds; "" for NotDate
	}{
		{"2021-07-19T10:00:00.1234567890Z", "2021-07-19T10:00:00.123456789Z"},
		{"2021-07-19T23:59:60Z", "2021-07-20T00:00:00Z"},
		{"2021-07-19T08:59:60+09:00", "2021-07-19T09:00:00+09:00"},
		{"2021-12-31 23:59:60.5", "2022-01-01T00:00:00.5Z"},
		{"2021-07-19 24:00:00", "2021-07-20T00:00:00Z"},
		{"2021-07-19T24:00Z", "2021-07-20T00:00:00Z"},
		{"2021-07-19T24:00:01Z", ""},
		{"2021-07-19T24:00:00.5Z", ""},
		{"2021-07-19 25:00:00", ""},
		{"2021-07-19 10:00:61", ""},
		{"2021-02-30", ""},
	} {
		val, verdict := Classify(c.v)
		got := ""
		if verdict == IsDate {
			got = val.Time.Format(time.RFC3339Nano)
		}
		if got != c.want {
			t.Errorf("%q: got %q (%v), want %q", c.v, got, verdict, c.want)
		}
	}
}

// TestCuesIn holds cuesIn to a search for each cue.
func TestCuesIn(t *testing.T) {
	pieces := []string{"(", "((", ")", "(Reuters)", "(Reuters", "(AP)", "(AP", "AP)", "(AFP)", "(Bloomberg)", "(Xinhua)",
		"(Xinhua", "x", " ", "July 19 ", "（AP）", "(ap)"}
	r := rand.New(rand.NewPCG(13, 14))
	for range 20000 {
		var head []byte
		for n := r.IntN(8); n > 0; n-- {
			head = append(head, pieces[r.IntN(len(pieces))]...)
		}
		var want uint
		for ci, cue := range englishCues {
			if bytes.Contains(head, cue) {
				want |= 1 << ci
			}
		}
		if got := cuesIn(head); got != want {
			t.Fatalf("cuesIn(%q) = %b, want %b", head, got, want)
		}
	}
}

// TestIndexVia holds indexVia to bytes.Index.
func TestIndexVia(t *testing.T) {
	pieces := []string{"月", "日", "年", "7", " ", "\xe6", "\x9c", "\x88", "\xe6\x9c", "\x9c\x88", "朝", "x", "月月",
		"myzaker.com", "myzaker.co", "yzaker.com", "m", "z", "zz", "<meta>"}
	r := rand.New(rand.NewPCG(15, 16))
	for range 30000 {
		var s []byte
		for n := r.IntN(10); n > 0; n-- {
			s = append(s, pieces[r.IntN(len(pieces))]...)
		}
		for _, sep := range [][]byte{cnMonth, cnDay, []byte("x"), []byte("7月"), zakerHost, []byte("zz"), nil} {
			for k := 0; k < len(sep); k++ {
				if got, want := indexVia(s, sep, k), bytes.Index(s, sep); got != want {
					t.Fatalf("indexVia(%q, %q, %d) = %d, want %d", s, sep, k, got, want)
				}
			}
			if len(sep) == 0 && indexVia(s, sep, 0) != 0 {
				t.Fatalf("indexVia(%q, \"\", 0) != 0", s)
			}
		}
	}
}
