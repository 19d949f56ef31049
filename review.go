package main

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"io"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/mdclean/mdclean/edit"
)

// --review FILE writes one self-contained HTML page of a batch, for a
// person reviewing a mass cleanup: totals per rule and per config file, a
// bar chart of changes by rule, the texts removed most often, and every
// changed post with its changes in context, collapsible and filtered by
// rule. No network access: the styles and the small filter script are
// inline.

// reviewContext is how many bytes of the post are shown either side of a
// change.
const reviewContext = 120

// reviewChange is one change of a post, with the text around it.
type reviewChange struct {
	Line                int
	Rule, Message       string
	Config              string
	Pre, Removed, Added string
	Post                string
}

// reviewPost is one changed post.
type reviewPost struct {
	Path    string
	Rules   string // its rules, space-separated, for the filter
	Changes []reviewChange
}

// reviewPostOf builds the page's entry of a post from its source (the
// text the change offsets point into) and its changes.
func reviewPostOf(name string, src []byte, changes []edit.Change) *reviewPost {
	p := &reviewPost{Path: name}
	seen := map[string]bool{}
	var rules []string
	for _, c := range changes {
		if c.Note {
			continue
		}
		if !seen[c.Rule] {
			seen[c.Rule] = true
			rules = append(rules, c.Rule)
		}
		rc := reviewChange{Line: c.Line, Rule: c.Rule, Message: c.Message, Config: c.Config, Removed: c.Before, Added: c.After}
		if off := c.Offset; off >= 0 && off <= len(src) {
			lo := runeStart(src, max(0, off-reviewContext))
			rc.Pre = string(src[lo:off])
			end := off + len(c.Before)
			if end <= len(src) && string(src[off:end]) == c.Before {
				hi := min(len(src), end+reviewContext)
				for hi < len(src) && !utf8.RuneStart(src[hi]) {
					hi++
				}
				rc.Post = string(src[end:hi])
			}
		}
		p.Changes = append(p.Changes, rc)
	}
	sort.Strings(rules)
	p.Rules = strings.Join(rules, " ")
	return p
}

type reviewRule struct {
	ID             string
	Changes, Posts int
	Percent        int // of the largest count, for the bar
}

type reviewText struct {
	Posts int
	Text  string
}

type reviewConfig struct {
	File    string
	Changes int
}

type reviewPage struct {
	Version, Title string
	Summary        string
	Posts          []*reviewPost
	Rules          []reviewRule
	Texts          []reviewText
	Configs        []reviewConfig
	Total          int
}

// writeReview writes the page of a batch.
func writeReview(w io.Writer, t *tally, m mode, posts []*reviewPost) error {
	var sum bytes.Buffer
	t.print(&sum, m, false, false)
	page := reviewPage{Version: versionString(), Title: "mdclean review", Summary: strings.TrimPrefix(strings.TrimSpace(sum.String()), "mdclean: "), Posts: posts}
	top := 0
	for _, id := range t.rules() {
		r := t.byRule[id]
		top = max(top, r.changes)
		page.Rules = append(page.Rules, reviewRule{ID: id, Changes: r.changes, Posts: r.posts})
		page.Total += r.changes
	}
	for i := range page.Rules {
		page.Rules[i].Percent = max(1, page.Rules[i].Changes*100/max(top, 1))
	}
	for i, rt := range t.texts() {
		if i == 50 {
			break
		}
		page.Texts = append(page.Texts, reviewText{Posts: rt.posts, Text: truncateRunes(strings.Join(strings.Fields(rt.example), " "), 200)})
	}
	byConfig := map[string]int{}
	for _, p := range posts {
		for _, c := range p.Changes {
			if c.Config != "" {
				byConfig[c.Config]++
			}
		}
	}
	for f, n := range byConfig {
		page.Configs = append(page.Configs, reviewConfig{File: f, Changes: n})
	}
	sort.Slice(page.Configs, func(i, j int) bool { return page.Configs[i].File < page.Configs[j].File })
	return reviewTemplate.Execute(w, page)
}

// checkReview refuses a --review path that is not a new file or a page
// an earlier review wrote (its generator tag says so): never a post or
// another file. It runs before the batch, so a refusal costs nothing.
func checkReview(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil // a new file
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("--review %s: not a regular file: refusing to write the review there", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("--review %s: %v", path, unwrapPathErr(err))
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if !bytes.Contains(head[:n], []byte(reviewGenerator)) {
		return fmt.Errorf("--review %s: the file exists and is not an mdclean review: refusing to overwrite it (remove it, or name a new file)", path)
	}
	return nil
}

// createReview creates the --review file, after checking it again.
func createReview(path string) (*os.File, error) {
	if err := checkReview(path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("--review: %v", unwrapPathErr(err))
	}
	return f, nil
}

// writeReviewFile writes the page of the batch p printed.
func (cfg *config) writeReviewFile(p *printer) error {
	f, err := createReview(cfg.reviewPath)
	if err != nil {
		return err
	}
	werr := writeReview(f, p.tally, cfg.mode, p.reviews)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("--review: write: %v", unwrapPathErr(werr))
	}
	return nil
}

// reviewGenerator marks a page as mdclean's, in its first bytes.
const reviewGenerator = `<meta name="generator" content="mdclean review">`

var reviewTemplate = htmltemplate.Must(htmltemplate.New("review").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
` + reviewGenerator + `
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:14px 24px}
header h1{font-size:18px;margin:0}header p{margin:4px 0 0;color:#d0d7de}
main{padding:16px 24px;max-width:1100px}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin-bottom:16px}
h2{font-size:15px;margin:0 0 8px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:3px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bar{background:#0969da;height:12px;border-radius:2px;min-width:2px}
details{border-top:1px solid #eaeef2;padding:6px 0}summary{cursor:pointer;font-family:ui-monospace,monospace}
summary .count{color:#57606a;font-family:system-ui,sans-serif}
ol{margin:6px 0 0;padding-left:20px}li{margin:6px 0}
.rule{display:inline-block;background:#ddf4ff;color:#0550ae;border-radius:10px;padding:0 8px;font-size:12px}
.msg{color:#57606a}.cfg{color:#8250df}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f8fa;border:1px solid #eaeef2;border-radius:4px;padding:6px 8px;margin:4px 0 0;font:12px/1.4 ui-monospace,monospace}
del{background:#ffebe9;color:#82071e;text-decoration:line-through}ins{background:#dafbe1;color:#116329;text-decoration:none}
label{margin-right:8px}select{font:inherit}
</style></head>
<body>
<header><h1>mdclean review</h1><p id="summary">{{.Summary}} · {{.Total}} changes · mdclean {{.Version}}</p></header>
<main>
<section id="rules"><h2>Changes by rule</h2>
<table><tr><th>rule</th><th class="n">changes</th><th class="n">posts</th><th style="width:50%"></th></tr>
{{range .Rules}}<tr data-rule="{{.ID}}"><td><span class="rule">{{.ID}}</span></td><td class="n">{{.Changes}}</td><td class="n">{{.Posts}}</td><td><div class="bar" style="width:{{.Percent}}%"></div></td></tr>
{{end}}</table></section>
{{if .Configs}}<section id="configs"><h2>Changes only a config file caused</h2>
<table>{{range .Configs}}<tr><td>{{.File}}</td><td class="n">{{.Changes}}</td></tr>{{end}}</table></section>{{end}}
{{if .Texts}}<section id="texts"><h2>Removed most often</h2>
<table><tr><th class="n">posts</th><th>text (numbers masked in the count)</th></tr>
{{range .Texts}}<tr><td class="n">{{.Posts}}</td><td>{{.Text}}</td></tr>
{{end}}</table></section>{{end}}
<section id="posts"><h2>Posts ({{len .Posts}})</h2>
<p><label for="filter">Rule:</label><select id="filter"><option value="">all rules</option>{{range .Rules}}<option value="{{.ID}}">{{.ID}}</option>{{end}}</select>
<button type="button" id="open">expand all</button> <button type="button" id="close">collapse all</button></p>
{{range $i, $p := .Posts}}<details class="post"{{if eq $i 0}} open{{end}} data-rules="{{.Rules}}"><summary>{{.Path}} <span class="count">{{len .Changes}} change(s)</span></summary><ol>
{{range .Changes}}<li data-rule="{{.Rule}}"><span class="rule">{{.Rule}}</span> line {{.Line}} <span class="msg">{{.Message}}</span>{{if .Config}} <span class="cfg">(config: {{.Config}})</span>{{end}}
<pre>{{.Pre}}<del>{{.Removed}}</del>{{if .Added}}<ins>{{.Added}}</ins>{{end}}{{.Post}}</pre></li>
{{end}}</ol></details>
{{end}}</section>
</main>
<script>
(function(){
  var sel=document.getElementById('filter'),posts=document.querySelectorAll('details.post');
  sel.addEventListener('change',function(){
    var r=sel.value;
    posts.forEach(function(p){
      var on=!r||(' '+p.dataset.rules+' ').indexOf(' '+r+' ')>=0;
      p.hidden=!on;
      p.querySelectorAll('li').forEach(function(li){li.hidden=!!r&&li.dataset.rule!==r;});
    });
  });
  // #rule=ID in the address opens the page filtered (a link to share).
  var m=/^#rule=([a-z-]+)$/.exec(location.hash);
  if(m){sel.value=m[1];sel.dispatchEvent(new Event('change'));}
  document.getElementById('open').onclick=function(){posts.forEach(function(p){if(!p.hidden)p.open=true;});};
  document.getElementById('close').onclick=function(){posts.forEach(function(p){p.open=false;});};
})();
</script>
</body></html>
`))
