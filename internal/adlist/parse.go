package adlist

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Lists are the names one snapshot of the filter lists yields, sorted and
// without duplicates: what the generator writes and what the embedded
// files hold.
type Lists struct {
	AdHosts      []string // EasyList ||host^ network rules
	TrackerHosts []string // EasyPrivacy ||host^ network rules
	Classes      []string // EasyList generic ##.class hiding rules
	IDs          []string // EasyList generic ###id hiding rules
	MailOpens    []string // EasyPrivacy's e-mail tracker rules (ReadMailOpens)
}

// networkOptions are the $options a host rule may carry and still block
// an <img>, <script> or <iframe> of a post on any site. A rule with any
// other option (popup, document, domain=, ~third-party, …) is about
// pages, pop-ups or particular sites and is left out.
var networkOptions = map[string]bool{"third-party": true, "3p": true, "image": true, "script": true,
	"subdocument": true, "ping": true, "important": true}

// ReadHosts returns the hosts of the host-anchored rules ("||host^",
// optionally with networkOptions) of an Adblock Plus filter list, less
// every host that an exception rule ("@@||host^…", whatever its options)
// names: a host the list itself allows somewhere may serve a post's own
// pictures.
func ReadHosts(r io.Reader) ([]string, error) {
	block, allow := map[string]bool{}, map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		exception := strings.HasPrefix(line, "@@")
		rule, ok := strings.CutPrefix(strings.TrimPrefix(line, "@@"), "||")
		if !ok {
			continue
		}
		end := strings.IndexAny(rule, "^/*$|")
		if end <= 0 || !validHost(rule[:end]) {
			continue
		}
		host, rest := rule[:end], rule[end:]
		if exception {
			allow[host] = true
			continue
		}
		rest, ok = strings.CutPrefix(rest, "^")
		if !ok {
			continue // a path rule ("||host/ads/"): not the whole host
		}
		if opts, ok := strings.CutPrefix(rest, "$"); ok {
			if !allOptions(opts) {
				continue
			}
		} else if rest != "" && rest != "|" {
			continue
		}
		block[host] = true
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []string
	for h := range block {
		if !allow[h] {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return out, nil
}

func allOptions(opts string) bool {
	for _, o := range strings.Split(opts, ",") {
		if !networkOptions[o] {
			return false
		}
	}
	return true
}

// validHost reports whether h is a plain lower-case host name with a dot.
func validHost(h string) bool {
	if !strings.Contains(h, ".") || strings.HasPrefix(h, ".") || strings.HasSuffix(h, ".") {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// ReadHiding returns the class and id names of the generic element-hiding
// rules of a filter list that select one class or one id ("##.ad-slot",
// "###banner-top"), less those a generic exception ("#@#.ad-slot")
// un-hides. Rules for particular sites ("example.com##.ad") and compound
// selectors are left out.
func ReadHiding(r io.Reader) (classes, ids []string, err error) {
	hide := map[string]bool{}
	unhide := map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		var sel string
		var set map[string]bool
		switch {
		case strings.HasPrefix(line, "##"):
			sel, set = line[2:], hide
		case strings.HasPrefix(line, "#@#"):
			sel, set = line[3:], unhide
		default:
			continue
		}
		if len(sel) < 2 || (sel[0] != '.' && sel[0] != '#') || !simpleName(sel[1:]) {
			continue
		}
		set[sel] = true
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	for s := range hide {
		if unhide[s] {
			continue
		}
		if s[0] == '.' {
			classes = append(classes, s[1:])
		} else {
			ids = append(ids, s[1:])
		}
	}
	slices.Sort(classes)
	slices.Sort(ids)
	return classes, ids, nil
}

// simpleName reports whether s is one CSS identifier, as written in class
// and id attributes (no escapes, combinators or attribute selectors).
func simpleName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// SnapshotDirs are where Debian's uBlock Origin packages put their
// snapshot of the lists (webext-ublock-origin-firefox, -chromium).
var SnapshotDirs = []string{
	"/usr/share/mozilla/extensions/{ec8030f7-c20a-464f-9b0e-13a3a9e97384}/uBlock0@raymondhill.net/assets/thirdparties/easylist",
	"/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist",
	"/usr/share/webext/ublock-origin/assets/thirdparties/easylist",
}

// ReadSnapshot reads easylist.txt and easyprivacy.txt from dir.
func ReadSnapshot(dir string) (*Lists, error) {
	var l Lists
	el, err := os.ReadFile(filepath.Join(dir, "easylist.txt"))
	if err != nil {
		return nil, err
	}
	ep, err := os.ReadFile(filepath.Join(dir, "easyprivacy.txt"))
	if err != nil {
		return nil, err
	}
	if l.AdHosts, err = ReadHosts(bytes.NewReader(el)); err != nil {
		return nil, err
	}
	if l.TrackerHosts, err = ReadHosts(bytes.NewReader(ep)); err != nil {
		return nil, err
	}
	if l.Classes, l.IDs, err = ReadHiding(bytes.NewReader(el)); err != nil {
		return nil, err
	}
	if l.MailOpens, err = ReadMailOpens(bytes.NewReader(ep)); err != nil {
		return nil, err
	}
	return &l, nil
}

// FindSnapshot returns the first of SnapshotDirs that holds the lists.
func FindSnapshot() (string, bool) {
	for _, d := range SnapshotDirs {
		if _, err := os.Stat(filepath.Join(d, "easylist.txt")); err == nil {
			return d, true
		}
	}
	return "", false
}
