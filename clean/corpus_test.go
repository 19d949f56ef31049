package clean

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mdclean/mdclean/frontmatter"
)

// The dev corpus lives beside the repository (../shared), in CI and on
// developers' machines, never in a user's clone: these tests skip without it.
var devCorpus = filepath.Join("..", "..", "shared", "corpus", "dev")

// eachPost calls f with every .md and .html file below dirs, then below
// the trees listed in $MDCLEAN_MD_TREES (directories, separated by ':';
// e.g. a third corpus or real repositories of posts), and returns how
// many it read. A directory that is absent reads as empty.
func eachPost(dirs []string, f func(path string, src []byte)) int {
	if env := os.Getenv("MDCLEAN_MD_TREES"); env != "" {
		dirs = append(dirs[:len(dirs):len(dirs)], strings.Split(env, ":")...)
	}
	posts := 0
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") && !strings.HasSuffix(path, ".html") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			f(path, src)
			posts++
			return nil
		})
	}
	return posts
}

type label struct {
	File       string   `json:"file"`
	Keep       []string `json:"keep"`
	Drop       []string `json:"drop"`
	Expect     []string `json:"expect"`
	Date       *string  `json:"date"`
	DateSource *string  `json:"date_source"`
	Author     string   `json:"author"`
}

func loadLabels(t testing.TB) []label {
	t.Helper()
	f, err := os.Open(filepath.Join(devCorpus, "labels.jsonl"))
	if err != nil {
		t.Skipf("dev corpus not found at %s (it is beside the repository in CI, not in a user's clone): %v", devCorpus, err)
	}
	defer f.Close()
	var ls []label
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var l label
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
	}
	return ls
}

var dateLineRE = regexp.MustCompile(`(?m)^date:[ \t]*.*$`)

// TestDevCorpus holds mdclean to the bar of the issues on the real posts:
// every keep snippet survives, cleaning is idempotent, the front matter
// parses, and with dates masked every ZAKER post gets its date back within
// a day while no post gets a wrong one.
func TestDevCorpus(t *testing.T) {
	labels := loadLabels(t)
	opts := Options{}
	var keep, kept, drop, dropped, expect, expected int
	for _, l := range labels {
		src, err := os.ReadFile(filepath.Join(devCorpus, l.File))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Document(src, opts)
		if err != nil {
			t.Errorf("%s: %v", l.File, err)
			continue
		}
		for _, s := range l.Keep {
			keep++
			if bytes.Contains(res.Out, []byte(s)) {
				kept++
			} else {
				t.Errorf("%s: lost keep snippet %q", l.File, s)
			}
		}
		for _, s := range l.Drop {
			drop++
			if !bytes.Contains(res.Out, []byte(s)) {
				dropped++
			}
		}
		for _, s := range l.Expect {
			expect++
			if bytes.Contains(res.Out, []byte(s)) {
				expected++
			}
		}
		again, err := Document(res.Out, opts)
		if err != nil || !bytes.Equal(again.Out, res.Out) {
			t.Errorf("%s: not idempotent (err %v)", l.File, err)
		}
	}
	t.Logf("content kept %d/%d, junk removed %d/%d, links fixed %d/%d", kept, keep, dropped, drop, expected, expect)
	if drop > 0 && float64(dropped) < minJunkRemoved*float64(drop) {
		t.Errorf("junk removed %d/%d, below %.0f%%", dropped, drop, 100*minJunkRemoved)
	}
	if expect > 0 && float64(expected) < minLinksFixed*float64(expect) {
		t.Errorf("links fixed %d/%d, below %.0f%%", expected, expect, 100*minLinksFixed)
	}
}

// minJunkRemoved is the share of drop snippets the body rules must remove;
// minLinksFixed is the share of expected unwrapped links that must appear.
const (
	minJunkRemoved = 0.98
	minLinksFixed  = 1.0
)

func TestDevCorpusMaskedDates(t *testing.T) {
	labels := loadLabels(t)
	var zaker, zakerOK, dated, ok, wrong int
	for _, l := range labels {
		if l.Date == nil || l.DateSource == nil || *l.DateSource != "frontmatter" {
			continue
		}
		src, err := os.ReadFile(filepath.Join(devCorpus, l.File))
		if err != nil {
			t.Fatal(err)
		}
		loc := dateLineRE.FindIndex(src)
		if loc == nil {
			t.Fatalf("%s: no date line to mask", l.File)
		}
		masked := append(append(append([]byte{}, src[:loc[0]]...), "date: Invalid Date"...), src[loc[1]:]...)
		res, err := Document(masked, Options{})
		if err != nil {
			t.Errorf("%s: %v", l.File, err)
			continue
		}
		truth, err := time.Parse(time.RFC3339, *l.Date)
		if err != nil {
			t.Fatal(err)
		}
		dated++
		if l.Author == "ZAKER" {
			zaker++
		}
		m := dateLineRE.Find(res.Out)
		if m == nil {
			if l.Author == "ZAKER" {
				t.Errorf("%s: ZAKER post lost its date, want %s", l.File, truth)
			}
			continue
		}
		got, _, valid := frontmatter.ParseDate(string(bytes.TrimSpace(bytes.TrimPrefix(m, []byte("date:")))))
		if !valid {
			t.Errorf("%s: wrote an unparsable date %q", l.File, m)
			continue
		}
		if d := got.Sub(truth); d > 36*time.Hour || d < -36*time.Hour {
			wrong++
			t.Errorf("%s: WRONG date %s, want %s", l.File, got, truth)
			continue
		}
		ok++
		if l.Author == "ZAKER" {
			zakerOK++
		}
	}
	t.Logf("masked dates: %d/%d right (ZAKER %d/%d), %d wrong", ok, dated, zakerOK, zaker, wrong)
}
