package learn

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/internal/textfile"
	"github.com/mdclean/mdclean/site"
)

// A learned entry's place in a config: its list's key path.
var entryPaths = map[int][]string{
	kindText:    {"boilerplate"},
	kindRelated: {"widgets", "related"},
	kindIDs:     {"tracking", "ids"},
	kindClasses: {"tracking", "classes"},
}

// WriteTo merges the entries into the config at path (created when there
// is none): the new entries are appended to their lists, with their
// comments; every byte of the file as it was stays as it was. Entries
// the file already holds (as entries or commented out) are left out. An
// existing file is replaced atomically (textfile.WriteAtomic: mode, owner
// and attributes kept). It returns how many entries it added.
func WriteTo(path string, found []*Entry) (int, error) {
	var data []byte
	var fi os.FileInfo
	if st, err := os.Stat(path); err == nil {
		if data, err = site.ReadConfig(path); err != nil {
			return 0, err
		}
		fi = st
	} else if !errors.Is(err, fs.ErrNotExist) {
		return 0, textfile.UnwrapPathErr(err)
	}
	if _, err := clean.ParseConfig(data); err != nil {
		return 0, fmt.Errorf("not merged into: %w", err)
	}
	added := 0
	out := data
	for _, kind := range []int{kindText, kindRelated, kindIDs, kindClasses} {
		var es, credits []*Entry
		for _, e := range found {
			if e.kind != kind || bytes.Contains(data, []byte(yamlQuote(e.entry))) {
				continue
			}
			if e.credit || e.own {
				credits = append(credits, e)
			} else {
				es = append(es, e)
				added++
			}
		}
		if len(es)+len(credits) == 0 {
			continue
		}
		var err error
		out, err = mergeList(out, entryPaths[kind], func(indent string) []string { return entryLines(es, credits, indent) })
		if err != nil {
			return 0, err
		}
	}
	if bytes.Equal(out, data) {
		return 0, nil
	}
	c, err := clean.ParseConfig(out)
	if err == nil {
		err = c.Validate()
	}
	if err != nil {
		return 0, fmt.Errorf("the merged config would not load (%v): not written", err)
	}
	if fi == nil {
		return added, os.WriteFile(path, out, 0o644)
	}
	return added, textfile.WriteAtomic(path, out, fi)
}

// mergeList appends lines (entries of a YAML block list, made for an
// indent) to the list at path in data, found with yaml.v3's node
// positions: the lines go after the list's last item, or under a new
// key after the parent's last line, or at the end of the file. Nothing
// else is re-rendered.
func mergeList(data []byte, path []string, lines func(indent string) []string) ([]byte, error) {
	eol := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		eol = "\r\n"
	}
	src := strings.SplitAfter(string(data), "\n")
	if len(src) > 0 && src[len(src)-1] == "" {
		src = src[:len(src)-1]
	}
	insert := func(at int, add []string) []byte {
		var b strings.Builder
		for i, l := range src[:at] {
			b.WriteString(l)
			if i == at-1 && !strings.HasSuffix(l, "\n") {
				b.WriteString(eol)
			}
		}
		for _, l := range add {
			b.WriteString(l + eol)
		}
		for _, l := range src[at:] {
			b.WriteString(l)
		}
		return []byte(b.String())
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	var node *yaml.Node
	if len(doc.Content) > 0 && doc.Content[0].Kind == yaml.MappingNode {
		node = doc.Content[0]
	}
	keyLine, keyIndent := -1, -2
	for d, key := range path {
		var val, k *yaml.Node
		if node != nil {
			for i := 0; i+1 < len(node.Content); i += 2 {
				if node.Content[i].Value == key {
					k, val = node.Content[i], node.Content[i+1]
				}
			}
		}
		if k == nil {
			// The rest of the path is new: under the parent, or at the end.
			at, indent := len(src), 0
			if keyLine >= 0 {
				at, indent = blockEnd(src, keyLine, keyIndent), keyIndent+2
				if node != nil && len(node.Content) > 0 {
					indent = node.Content[0].Column - 1
				}
			}
			var add []string
			if keyLine < 0 && len(src) > 0 {
				add = append(add, "")
			}
			for _, p := range path[d:] {
				add = append(add, strings.Repeat(" ", indent)+p+":")
				indent += 2
			}
			return insert(at, append(add, lines(strings.Repeat(" ", indent))...)), nil
		}
		keyLine, keyIndent = k.Line-1, k.Column-1
		if d < len(path)-1 {
			if val.Kind != yaml.MappingNode || val.Style&yaml.FlowStyle != 0 {
				if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
					node = nil
					continue
				}
				return nil, fmt.Errorf("%s: not a block table: merge the learned entries by hand", strings.Join(path[:d+1], "."))
			}
			node = val
			continue
		}
		switch {
		case val.Kind == yaml.SequenceNode && val.Style&yaml.FlowStyle == 0 && len(val.Content) > 0:
			indent := val.Column - 1
			return insert(blockEnd(src, keyLine, keyIndent), lines(strings.Repeat(" ", indent))), nil
		case val.Kind == yaml.ScalarNode && val.Tag == "!!null":
			return insert(blockEnd(src, keyLine, keyIndent), lines(strings.Repeat(" ", keyIndent+2))), nil
		case val.Kind == yaml.SequenceNode && len(val.Content) == 0:
			// "key: []": the empty list's two characters go, the entries
			// follow the line.
			l := src[val.Line-1]
			col := val.Column - 1
			if col+2 <= len(l) && l[col:col+2] == "[]" {
				src[val.Line-1] = l[:col] + l[col+2:]
				if strings.TrimSpace(strings.TrimSpace(src[val.Line-1])) == "" {
					src = append(src[:val.Line-1], src[val.Line:]...)
				}
				return insert(blockEnd(src, keyLine, keyIndent), lines(strings.Repeat(" ", keyIndent+2))), nil
			}
		}
		return nil, fmt.Errorf("%s: not a block list (- entries): merge the learned entries by hand", strings.Join(path, "."))
	}
	return data, nil
}

// blockEnd is the line after the last line of the value of the key on
// line keyLine (0-based): the lines indented deeper than the key, or list
// items at its indent; trailing comments and blank lines are left after.
func blockEnd(lines []string, keyLine, keyIndent int) int {
	last := keyLine
	for i := keyLine + 1; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		ind := len(lines[i]) - len(strings.TrimLeft(lines[i], " "))
		if ind > keyIndent || ind == keyIndent && (strings.HasPrefix(t, "- ") || t == "-") {
			last = i
			continue
		}
		break
	}
	return last + 1
}
