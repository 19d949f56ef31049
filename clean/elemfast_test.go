package clean

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// appendAttrsRef is appendAttrs as it was written before its byte table
// (attrBytes): the general answer the table must give.
func appendAttrsRef(out []attr, tag []byte) []attr {
	i := 1 + len(tagName(tag))
	for i < len(tag) {
		for i < len(tag) && (isWS(tag[i]) || tag[i] == '/') {
			i++
		}
		if i >= len(tag) || tag[i] == '>' {
			break
		}
		ns := i
		for i < len(tag) && !isWS(tag[i]) && tag[i] != '=' && tag[i] != '>' && (tag[i] != '/' || i == ns) {
			i++
		}
		a := attr{name: tag[ns:i], start: -1, end: -1}
		j := i
		for j < len(tag) && isWS(tag[j]) {
			j++
		}
		if j < len(tag) && tag[j] == '=' {
			j++
			for j < len(tag) && isWS(tag[j]) {
				j++
			}
			if j < len(tag) && (tag[j] == '"' || tag[j] == '\'') {
				q := tag[j]
				k := bytes.IndexByte(tag[j+1:], q)
				if k < 0 {
					return out
				}
				a.quote, a.start, a.end = q, j+1, j+1+k
				i = j + 2 + k
			} else {
				k := j
				for k < len(tag) && !isWS(tag[k]) && tag[k] != '>' {
					k++
				}
				a.start, a.end = j, k
				i = k
			}
			a.val = tag[a.start:a.end]
		}
		out = append(out, a)
	}
	return out
}

// TestAppendAttrsTable holds appendAttrs to appendAttrsRef on generated
// start tags made of the bytes that matter to it.
func TestAppendAttrsTable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{" ", "\t", "\n", "\r", "\f", "\v", "/", "=", ">", "\"", "'", "a", "src", "ID", "x-y", "é", "&amp;", "  "}
	for n := 0; n < 200000; n++ {
		tag := []byte("<img")
		if r.IntN(4) == 0 {
			tag = []byte("<")
		}
		for k := r.IntN(16); k > 0; k-- {
			tag = append(tag, pieces[r.IntN(len(pieces))]...)
		}
		if r.IntN(2) == 0 {
			tag = append(tag, '>')
		}
		got, want := appendAttrs(nil, tag), appendAttrsRef(nil, tag)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("tag %q: appendAttrs = %+v, want %+v", tag, got, want)
		}
	}
}

// hasImageExtRef is hasImageExt as every extension's suffix test.
func hasImageExtRef(u string) bool {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	for _, e := range imageExts {
		if len(u) >= len(e) && strings.EqualFold(u[len(u)-len(e):], e) {
			return true
		}
	}
	return false
}

// splitWebURLRef is splitWebURL as it was written with strings.IndexAny.
func splitWebURLRef(u string) (host, path string, ok bool) {
	u = strings.TrimSpace(u)
	switch {
	case strings.HasPrefix(u, "https://"):
		u = u[len("https://"):]
	case strings.HasPrefix(u, "http://"):
		u = u[len("http://"):]
	case strings.HasPrefix(u, "//"):
		u = u[2:]
	default:
		return "", "", false
	}
	end := strings.IndexAny(u, "/?#")
	if end < 0 {
		end = len(u)
	}
	host = u[:end]
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host, "]") {
		host = host[:i]
	}
	for i := 0; i < len(host); i++ {
		c := host[i]
		if c == '@' || c == '%' || c == '[' || 'A' <= c && c <= 'Z' {
			return "", "", false
		}
	}
	if host == "" {
		return "", "", false
	}
	rest := u[end:]
	if q := strings.IndexAny(rest, "?#"); q >= 0 {
		rest = rest[:q]
	}
	if strings.IndexByte(rest, '%') >= 0 {
		return "", "", false
	}
	return host, strings.TrimPrefix(rest, "/"), true
}

// genURL makes a URL-like string from the pieces that matter to the
// image and URL fast paths.
func genURL(r *rand.Rand) string {
	starts := []string{"https://", "http://", "//", " https://", "ftp://", "", "HTTP://"}
	pieces := []string{"a", "B", ".", "/", "?", "#", "%", ":", "@", "[", "]", " ", "png", "PNG", ".gif", ".jpeg", ".Tiff", "ſ", "K", "\u212a", "é", "x.y", "svg"}
	u := starts[r.IntN(len(starts))]
	for k := r.IntN(12); k > 0; k-- {
		u += pieces[r.IntN(len(pieces))]
	}
	return u
}

// TestURLFastPaths holds hasImageExt and splitWebURL to their general
// forms on generated URLs.
func TestURLFastPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	images := 0
	for n := 0; n < 300000; n++ {
		u := genURL(r)
		got, want := hasImageExt(u), hasImageExtRef(u)
		if got != want {
			t.Fatalf("hasImageExt(%q) = %v, want %v", u, got, want)
		}
		if want {
			images++
		}
		h, p, ok := splitWebURL(u)
		wh, wp, wok := splitWebURLRef(u)
		if h != wh || p != wp || ok != wok {
			t.Fatalf("splitWebURL(%q) = %q, %q, %v, want %q, %q, %v", u, h, p, ok, wh, wp, wok)
		}
	}
	if images < 1000 {
		t.Fatalf("only %d image URLs generated", images)
	}
}

// TestLowerIs holds lowerIs to strings.EqualFold on generated names.
func TestLowerIs(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"s", "S", "ſ", "r", "R", "c", "C", "h", "H", "e", "f", "k", "K", "\u212a", "-", "é", "É", "\xff", "\xc5",
		"\r", "\x0b", "M", "3", "_"}
	for n := 0; n < 300000; n++ {
		var name string
		for k := r.IntN(9); k > 0; k-- {
			name += pieces[r.IntN(len(pieces))]
		}
		for _, lower := range []string{"src", "href", "sk", "k", "-k", "m3"} {
			if got, want := lowerIs([]byte(name), lower), strings.EqualFold(name, lower); got != want {
				t.Fatalf("lowerIs(%q, %q) = %v, want %v", name, lower, got, want)
			}
		}
	}
}

// TestNameIs holds nameIs to strings.EqualFold of names of the same
// length (attrVal's and attrRaw's test before it).
func TestNameIs(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"s", "S", "ſ", "r", "R", "c", "C", "i", "I", "d", "D", "k", "K", "\u212a", "-", "é", "\xff", "\xc5", "t", "y", "l", "e"}
	lowers := []string{"src", "id", "style", "sk", "class", "alt", "k"}
	for n := 0; n < 200000; n++ {
		var name string
		for k := r.IntN(6); k > 0; k-- {
			name += pieces[r.IntN(len(pieces))]
		}
		for _, lower := range lowers {
			want := len(name) == len(lower) && strings.EqualFold(name, lower)
			if got := nameIs([]byte(name), lower); got != want {
				t.Fatalf("nameIs(%q, %q) = %v, want %v", name, lower, got, want)
			}
		}
	}
}

// TestTagNameTable holds tagName to the bytes that end a name.
func TestTagNameTable(t *testing.T) {
	for c := range 256 {
		raw := []byte{'<', 'a', byte(c), 'b'}
		want := 3 // "a", c and "b"
		if strings.IndexByte(" >/\t\n\r", byte(c)) >= 0 {
			want = 1
		}
		if got := tagName(raw); len(got) != want {
			t.Fatalf("tagName(%q) = %q", raw, got)
		}
	}
}

// TestElemAttrsPastBound: past the attributes elemAttrs keeps for a body
// (maxElemAttrs), attributes are parsed for each call, and every golden
// case comes out as it does with all of them kept.
func TestElemAttrsPastBound(t *testing.T) {
	defer func(n int) { maxElemAttrs = n }(maxElemAttrs)
	for _, file := range goldenFiles(t) {
		g := loadGolden(t, file)
		var runs [3]string
		for k, bound := range []int{maxPooled, 0, 3} {
			maxElemAttrs = bound
			res, err := Document(g.in, g.opts)
			runs[k] = fmt.Sprintf("%q\n%s\n%v", res.Out, formatChanges(res.Changes), err)
		}
		if runs[1] != runs[0] || runs[2] != runs[0] {
			t.Errorf("%s: with 0 or 3 attributes kept:\n%s\n%s\nwant\n%s", file, runs[1], runs[2], runs[0])
		}
	}
}
