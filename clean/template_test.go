package clean

import (
	"strings"
	"testing"
)

// TestTemplateCode marks each case's code with « and »: the ranges
// templateCode must find.
func TestTemplateCode(t *testing.T) {
	cases := []string{
		"a «{% highlight go %}x{% endhighlight %}» b",
		"«{%- raw -%}{% endhighlight %}{{< x >}}{%- endraw -%}»",
		"«{% codeblock %}never closed\n<div id=x></div>»",
		"«{% include a.html %}» text «{% if x %}» prose «{% endif %}»",
		"«{{< tweet 1 >}}» and «{{< gist a b />}}»",
		"«{{< a >}} {{< b >}} {{% c %}}x{{% /c %}} {{< /a >}}»", // b stands alone inside a
		"«{{< /orphan >}}» text",
		"«{{< highlight go >}}never closed»",
		"«{{</* highlight go */>}}» shown, not run",
		"«{{ site.url }}»/p and { not a tag } and {% no close",
		"```\n{% highlight go %}\n```\nafter", // in a fence: no tag
	}
	for _, c := range cases {
		var want [][2]int
		var body strings.Builder
		var open int
		for _, r := range c {
			switch r {
			case '«':
				open = body.Len()
			case '»':
				want = append(want, [2]int{open, body.Len()})
			default:
				body.WriteRune(r)
			}
		}
		src := []byte(body.String())
		var skip [][2]int
		if mayBeMarkdown(src) {
			skip = parseMarkdown(src).code
		}
		got := templateCode(src, skip)
		if len(want) > 1 {
			want = mergeRanges(want)
		}
		if len(got) != len(want) {
			t.Errorf("%q: got %v, want %v", c, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: got %v, want %v", c, got, want)
				break
			}
		}
	}
}
