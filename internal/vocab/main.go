// Command vocab writes clean/vocabulary.go, the translated widget and
// footer vocabulary, from the translation files that WordPress core,
// Jetpack and Yoast SEO ship (public language packs, as committed in
// public site repositories: see sources). Each entry names the file and
// the string it came from; placeholders become patterns (%s of a count
// {n}, of a title {t}, of anything else {*}).
//
//	go run ./internal/vocab [-mirror /work/.mirror] [-out clean/vocabulary.go]
//
// The vocabulary is Go, not YAML: nothing is parsed when mdclean starts
// (parsing it as YAML cost a one-post run more than the rules file did).
//
// The files are read with git from mirrors of the repositories
// (<mirror>/<owner>+<name>/repo), at the commits below.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// locales are the languages the vocabulary covers besides English.
var locales = []string{"de_DE", "es_ES", "fr_FR", "ja", "ko_KR", "pt_BR", "ru_RU", "zh_CN", "zh_TW"}

// source is where one project's translation files are.
type source struct {
	project, repo, commit, path string   // path has %s for the locale
	only                        []string // the locales it serves (all when empty)
}

var sources = []source{
	{project: "WordPress", repo: "Laos22/show.net", commit: "e8f85e6c83ab04520ef14ed4780241f42507b8c9", path: "wp-content/languages/%s.po"},
	{project: "Jetpack", repo: "Laos22/show.net", commit: "e8f85e6c83ab04520ef14ed4780241f42507b8c9", path: "wp-content/languages/plugins/jetpack-%s.po"},
	{project: "Yoast SEO", repo: "WebStyleProduction24/startfact", commit: "10e780235cf30eeb1fa25826050378c37708bfb4", path: "wp-content/languages/plugins/wordpress-seo-%s.po",
		only: []string{"de_DE", "es_ES", "fr_FR", "ja", "pt_BR", "ru_RU", "zh_CN", "zh_TW"}},
	{project: "Yoast SEO", repo: "cavalli-matteo/cavalli-matteo.github.io", commit: "ed7308dbeb89a18a4fb9df2a7f279342c385f091", path: "wp-content/languages/plugins/wordpress-seo-%s.po",
		only: []string{"ko_KR"}},
}

// entry is a string of a project and the list its translations go to;
// holes are what its placeholders stand for, in order.
type entry struct {
	project, msgid, list string
	holes                []string
}

var entries = []entry{
	{"Jetpack", "Share this:", "labels", nil},
	{"Jetpack", "Like this:", "labels", nil},
	{"Jetpack", "Advertisements", "edges", nil}, // a heading "Реклама" may be an article's: at the edges only
	{"Jetpack", "Report this ad", "labels", nil},
	{"Jetpack", "Related", "related", nil},
	{"Jetpack", "Related Posts", "related", nil},
	{"Jetpack", "Leave a comment", "edges", nil},
	{"Jetpack", "Subscribe", "edges", nil},
	{"WordPress", "Leave a Reply", "edges", nil},
	{"WordPress", "Comments", "edges", nil},
	{"WordPress", "%s Comment", "edges", []string{"{n}"}},
	{"WordPress", "Continue reading %s", "edges", []string{"{t}"}},
	{"WordPress", "Skip to content", "labels", nil},  // the skip link of core's and the themes' page chrome
	{"WordPress", "Post navigation", "labels", nil},  // the_post_navigation()'s screen-reader heading
	{"WordPress", "Posts navigation", "labels", nil}, // the_posts_navigation()'s
	{"Yoast SEO", "The post %1$s appeared first on %2$s.", "edges", []string{"{t}", "{t}"}},
}

// skip are translations left out, with the reason.
var skip = map[string]string{
	"fr_FR Like this:": `the file translates it as "WordPress:", which says nothing of a like button`,
}

func main() {
	mirror := flag.String("mirror", "/work/.mirror", "directory of repository mirrors (<owner>+<name>/repo)")
	out := flag.String("out", "clean/vocabulary.go", "file to write")
	flag.Parse()
	lists := map[string][]string{}
	seen := map[string]bool{}
	add := func(list, pattern, comment string) {
		if seen[list+"\x00"+pattern] {
			return
		}
		seen[list+"\x00"+pattern] = true
		lists[list] = append(lists[list], "\t// "+comment+"\n\t"+strconv.Quote(pattern)+",\n")
	}
	for _, e := range entries {
		p, err := pattern(e.msgid, e.holes)
		if err != nil {
			fail(err)
		}
		add(e.list, p, fmt.Sprintf("%s %q (en)", e.project, e.msgid))
	}
	for _, loc := range locales {
		for _, s := range sources {
			if len(s.only) > 0 && !contains(s.only, loc) {
				continue
			}
			path := fmt.Sprintf(s.path, loc)
			data, err := exec.Command("git", "--git-dir", filepath.Join(*mirror, strings.Replace(s.repo, "/", "+", 1), "repo"),
				"show", s.commit+":"+path).Output()
			if err != nil {
				fail(fmt.Errorf("%s@%s:%s: %v", s.repo, s.commit[:8], path, err))
			}
			po := readPO(data)
			for _, e := range entries {
				if e.project != s.project {
					continue
				}
				if why := skip[loc+" "+e.msgid]; why != "" {
					continue
				}
				for _, str := range po[e.msgid] {
					str = strings.TrimSpace(strings.ReplaceAll(html.UnescapeString(str), "\u00a0", " "))
					if str == "" || strings.Contains(str, "<") {
						continue
					}
					p, err := pattern(str, e.holes)
					if err != nil {
						fail(fmt.Errorf("%s %s: %v", path, e.msgid, err))
					}
					add(e.list, p, fmt.Sprintf("%s %q (%s): %s@%s %s", e.project, e.msgid, loc, s.repo, s.commit[:8], path))
				}
			}
		}
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by go run ./internal/vocab; DO NOT EDIT.\n\n" +
		"package clean\n\n" +
		"// The widget and footer vocabulary of WordPress core, Jetpack and Yoast\n" +
		"// SEO in the languages of their translation files, each entry with the\n" +
		"// file and string it came from (GPL-2.0-or-later, as the projects).\n" +
		"// DefaultConfig adds these lists to rules.yaml's widgets: lists; see\n" +
		"// there for what each list does.\n")
	for _, l := range []struct{ name, list string }{{"vocabularyLabels", "labels"}, {"vocabularyEdges", "edges"}, {"vocabularyRelated", "related"}} {
		b.WriteString("\nvar " + l.name + " = []string{\n")
		for _, item := range lists[l.list] {
			b.WriteString(item)
		}
		b.WriteString("}\n")
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		fail(err)
	}
	b.Reset()
	b.Write(src)
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		fail(err)
	}
}

var placeholder = regexp.MustCompile(`%(?:(\d)\$)?[sd]`)

// pattern turns a translated string into a widget pattern: placeholders
// become holes, numbered ones by their number.
func pattern(s string, holes []string) (string, error) {
	next := 0
	var err error
	p := placeholder.ReplaceAllStringFunc(s, func(m string) string {
		i := next
		if sub := placeholder.FindStringSubmatch(m); sub[1] != "" {
			i = int(sub[1][0]-'0') - 1
		}
		next++
		if i >= len(holes) {
			err = fmt.Errorf("placeholder %s in %q: no hole for it", m, s)
			return m
		}
		return holes[i]
	})
	return strings.TrimSpace(p), err
}

// readPO returns the translations of a .po file by msgid (for plural
// strings, by the singular msgid: every plural form).
func readPO(data []byte) map[string][]string {
	out := map[string][]string{}
	var id, field string
	var strs []string
	var cur *string
	flush := func() {
		if id != "" {
			out[id] = append(out[id], strs...)
		}
		id, strs, cur = "", nil, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "msgctxt "):
			flush()
			field, cur = "ctxt", nil
		case strings.HasPrefix(line, "msgid "):
			if field != "ctxt" {
				flush()
			}
			field = "id"
			id = unquote(line[len("msgid "):])
			cur = &id
		case strings.HasPrefix(line, "msgid_plural "):
			field, cur = "plural", nil
		case strings.HasPrefix(line, "msgstr"):
			field = "str"
			_, v, _ := strings.Cut(line, " ")
			strs = append(strs, unquote(v))
			cur = &strs[len(strs)-1]
		case strings.HasPrefix(line, `"`) && cur != nil:
			*cur += unquote(line)
		case line == "":
			flush()
			field = ""
		}
	}
	flush()
	return out
}

func unquote(s string) string {
	v, err := strconv.Unquote(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	return v
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "vocab:", err)
	os.Exit(2)
}
