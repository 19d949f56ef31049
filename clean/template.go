package clean

import (
	"bytes"
	"sort"
)

// Template code is code. Static site generators run a template language
// over a post's body before it is rendered: Hexo and Octopress tag
// plugins ({% codeblock %}…{% endcodeblock %}), Jekyll's Liquid
// ({% highlight go %}…{% endhighlight %}, {% raw %}…{% endraw %}),
// Nunjucks and Eleventy ({% raw %}, {% verbatim %}) and Hugo's shortcodes
// ({{< highlight go >}}…{{< /highlight >}}, {{% note %}}…{{% /note %}}).
// To the user what these hold is a code sample, like a Markdown fence: no
// body rule edits it, in a Markdown body or an HTML one. The ranges below
// join the Markdown code ranges: masked before the body is tokenized,
// checked after the edits (sameCode), and no edit may overlap them (add).
//
// What is code:
//   - a Liquid or Nunjucks block tag that holds code (codeTemplateTags),
//     from its start tag to its end tag ("{% endhighlight %}"), or to the
//     end of the body when the end tag is missing (when unsure, keep);
//   - a paired Hugo shortcode, from its start tag to its closing tag; a
//     known code shortcode (highlight) with no closing tag, to the end of
//     the body;
//   - every other template tag by itself: a lone shortcode
//     ({{< tweet 123 >}}), a Liquid tag ({% include x.html %}, the
//     {% if %} and {% endif %} around prose), an output tag
//     ({{ site.url }}).
//
// The fixture that shows it: testdata/golden/template-code.txtar.

// codeTemplateTags are the Liquid, Nunjucks and Hexo block tags whose
// content is code (or, for comment, never shown): their whole span is
// code, and the first end tag closes them (their content is not parsed
// for tags, as Liquid does not parse a raw or highlight block's).
var codeTemplateTags = map[string]bool{
	"highlight":  true, // Jekyll
	"codeblock":  true, // Hexo, Octopress
	"code":       true, // Hexo's alias of codeblock
	"sourcecode": true,
	"raw":        true, // Liquid, Nunjucks
	"verbatim":   true, // Nunjucks, Twig
	"comment":    true, // Liquid: never rendered
}

// codeShortcodes are the Hugo shortcodes that hold code: one with no
// closing tag protects the rest of the body.
var codeShortcodes = map[string]bool{"highlight": true, "code": true, "codeblock": true}

// maxTemplateTag bounds how far a tag's closing "%}", "}}" or ">}}" is
// looked for: a tag is short, and a "{%" in prose with no close must not
// make the scan quadratic.
const maxTemplateTag = 4096

// templateCode returns the sorted, non-overlapping template code ranges
// of body, ignoring what lies in the code ranges skip (Markdown code: a
// fence that shows "{% highlight %}" is an example, not a tag).
func templateCode(body []byte, skip [][2]int) [][2]int {
	var out [][2]int
	// One finder per closer: each remembers the next occurrence, so that
	// a body full of "{%" with no "%}" is scanned once, not once a tag.
	pct, cur, ang, pcc := &finder{s: "%}"}, &finder{s: "}}"}, &finder{s: ">}}"}, &finder{s: "%}}"}
	type shortcode struct {
		name       string
		start, end int
		closing    bool
	}
	var sc []shortcode
	for i := 0; i < len(body); {
		k := bytes.IndexByte(body[i:], '{')
		if k < 0 || i+k+1 >= len(body) {
			break
		}
		p := i + k
		if s := inRanges(skip, p); s >= 0 {
			i = s
			continue
		}
		switch c := body[p+1]; {
		case c == '%':
			j := pct.close(body, p+2)
			if j < 0 {
				i = p + 2
				continue
			}
			name, _ := tagName2(body[p+2 : j-2])
			end := j
			if codeTemplateTags[name] {
				end = len(body)
				if e := endTag(body, j, "end"+name, pct); e >= 0 {
					end = e
				}
			}
			out = append(out, [2]int{p, end})
			i = end
		case c == '{' && p+2 < len(body) && (body[p+2] == '<' || body[p+2] == '%'):
			closer := ang
			if body[p+2] == '%' {
				closer = pcc
			}
			j := closer.close(body, p+3)
			if j < 0 {
				i = p + 3
				continue
			}
			inner := bytes.TrimSpace(body[p+3 : j-3])
			if bytes.HasPrefix(inner, []byte("/*")) {
				out = append(out, [2]int{p, j}) // {{</* x */>}}: shown as it is
				i = j
				continue
			}
			closing := len(inner) > 0 && inner[0] == '/'
			if closing {
				inner = inner[1:]
			}
			name, _ := tagName2(inner)
			if !closing && bytes.HasSuffix(inner, []byte("/")) {
				out = append(out, [2]int{p, j}) // self-closing
			} else {
				sc = append(sc, shortcode{name: name, start: p, end: j, closing: closing})
			}
			i = j
		case c == '{':
			j := cur.close(body, p+2)
			if j < 0 {
				i = p + 2
				continue
			}
			out = append(out, [2]int{p, j})
			i = j
		default:
			i = p + 1
		}
	}
	// Pair the shortcodes as Hugo does: a closing tag closes the nearest
	// open one of its name; what it skips over, and an open tag never
	// closed, stands alone.
	var stack []int
	open := map[string]int{} // open tags on the stack, by name: a closing tag no open one matches costs no scan
	for x, s := range sc {
		if !s.closing {
			stack = append(stack, x)
			open[s.name]++
			continue
		}
		if open[s.name] == 0 {
			out = append(out, [2]int{s.start, s.end})
			continue
		}
		for y := len(stack) - 1; y >= 0; y-- {
			if o := sc[stack[y]]; o.name == s.name {
				out = append(out, [2]int{o.start, s.end})
				for _, z := range stack[y:] {
					open[sc[z].name]--
					if z != stack[y] {
						out = append(out, [2]int{sc[z].start, sc[z].end})
					}
				}
				stack = stack[:y]
				break
			}
		}
	}
	for _, z := range stack {
		s := sc[z]
		end := s.end
		if codeShortcodes[s.name] {
			end = len(body)
		}
		out = append(out, [2]int{s.start, end})
	}
	return mergeRanges(out)
}

// inRanges returns the end of the range of the sorted rs that holds off,
// or -1.
func inRanges(rs [][2]int, off int) int {
	i := sort.Search(len(rs), func(i int) bool { return rs[i][1] > off })
	if i < len(rs) && rs[i][0] <= off {
		return rs[i][1]
	}
	return -1
}

// overlapsRanges reports whether [start, end) overlaps one of the sorted
// ranges rs (an empty range, whether it lies strictly inside one).
func overlapsRanges(rs [][2]int, start, end int) bool {
	i := sort.Search(len(rs), func(i int) bool { return rs[i][1] > start })
	if i >= len(rs) {
		return false
	}
	if start == end {
		return rs[i][0] < start
	}
	return rs[i][0] < end
}

// finder finds the closer s of template tags in one body, remembering
// the next occurrence it found and where it looked from.
type finder struct {
	s        string
	from, at int // at: the first s at or after from, -1 if none
	looked   bool
}

// close returns the offset after the first closer at or after from,
// within maxTemplateTag bytes; -1 when there is none.
func (f *finder) close(body []byte, from int) int {
	if !f.looked || from < f.from || f.at >= 0 && f.at < from {
		f.from, f.at, f.looked = from, -1, true
		if k := bytes.Index(body[from:], []byte(f.s)); k >= 0 {
			f.at = from + k
		}
	}
	if f.at < 0 || f.at-from > maxTemplateTag {
		return -1
	}
	return f.at + len(f.s)
}

// tagName2 is the name of a template tag from its inside ("- highlight
// go -" gives "highlight"), lower-cased, and what follows it.
func tagName2(inner []byte) (string, []byte) {
	inner = bytes.TrimSpace(bytes.Trim(bytes.TrimSpace(inner), "-~"))
	n := 0
	for n < len(inner) && (inner[n] == '_' || inner[n] == '-' || inner[n] == '/' || inner[n] >= '0' && inner[n] <= '9' || inner[n]|0x20 >= 'a' && inner[n]|0x20 <= 'z') {
		n++
	}
	return string(bytes.ToLower(inner[:n])), inner[n:]
}

// endTag returns the offset after the first "{% name %}" tag at or after
// from (white space control dashes allowed), or -1; pct finds "%}".
func endTag(body []byte, from int, name string, pct *finder) int {
	for i := from; i < len(body); {
		k := bytes.Index(body[i:], []byte("{%"))
		if k < 0 {
			return -1
		}
		p := i + k
		j := pct.close(body, p+2)
		if j < 0 {
			i = p + 2
			continue
		}
		if n, rest := tagName2(body[p+2 : j-2]); n == name && len(bytes.TrimSpace(rest)) == 0 {
			return j
		}
		i = p + 2
	}
	return -1
}

// templateLoose turns the blocks that hold template code into loose
// text, which no rule removes: a paragraph around a shortcode is article.
func (d *doc) templateLoose(bl []block) []block {
	if len(d.tmpl) == 0 {
		return bl
	}
	for i := range bl {
		if overlapsRanges(d.tmpl, bl[i].start, bl[i].end) {
			bl[i].elem, bl[i].md, bl[i].kind = -1, -1, blockTemplate
		}
	}
	return bl
}
