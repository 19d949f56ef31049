package clean

import (
	"bytes"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"

	"github.com/mdclean/mdclean/frontmatter"
)

func BenchmarkParts(b *testing.B) {
	src := seedDoc(b)
	fb, _ := frontmatter.Split(src)
	body := src[fb.Body:]
	var ty, tt, tp, tr, tb time.Duration
	for b.Loop() {
		t0 := time.Now()
		var n yaml.Node
		_ = yaml.Unmarshal(src[fb.Start:fb.End], &n)
		t1 := time.Now()
		z := html.NewTokenizer(bytes.NewReader(body))
		for z.Next() != html.ErrorToken {
			_ = z.Raw()
		}
		t2 := time.Now()
		s := scratchPool.Get().(*scratch)
		parse(body, s, true, bytes.Count(body, []byte{'<'}))
		s.release()
		t3 := time.Now()
		frontmatter.Repair(src, fb, frontmatter.Options{})
		t4 := time.Now()
		rs, _ := NewRuleSet(nil, nil)
		cleanBody(src, fb.Body, DefaultConfig(), rs, true)
		t5 := time.Now()
		ty += t1.Sub(t0)
		tt += t2.Sub(t1)
		tp += t3.Sub(t2)
		tr += t4.Sub(t3)
		tb += t5.Sub(t4)
	}
	n := float64(b.N)
	b.ReportMetric(float64(ty.Nanoseconds())/n, "yaml-ns")
	b.ReportMetric(float64(tt.Nanoseconds())/n, "tokenize-ns")
	b.ReportMetric(float64(tp.Nanoseconds())/n, "parse-ns")
	b.ReportMetric(float64(tr.Nanoseconds())/n, "repair-ns")
	b.ReportMetric(float64(tb.Nanoseconds())/n, "body-ns")
}

func BenchmarkRepairOnly(b *testing.B) {
	src := seedDoc(b)
	fb, _ := frontmatter.Split(src)
	for b.Loop() {
		frontmatter.Repair(src, fb, frontmatter.Options{})
	}
}

func BenchmarkBodyOnly(b *testing.B) {
	src := seedDoc(b)
	fb, _ := frontmatter.Split(src)
	rs, _ := NewRuleSet(nil, nil)
	for b.Loop() {
		cleanBody(src, fb.Body, DefaultConfig(), rs, true)
	}
}
