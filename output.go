package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/edit"
)

// Output formats (--output-format), as ruff has them: text is the
// default; github prints workflow commands, so each change shows as an
// annotation on the pull request; json prints one object per file with
// its changes; sarif prints one SARIF 2.1.0 log for code scanning.
const (
	formatText   = "text"
	formatGitHub = "github"
	formatJSON   = "json"
	formatSARIF  = "sarif"
)

// checkOutputFormat refuses a format that is not known, or one that
// would share stdout with the cleaned posts or a diff.
func (cfg *config) checkOutputFormat(f string) error {
	switch f {
	case formatText:
		return nil
	case formatGitHub, formatJSON, formatSARIF:
	default:
		return usagef("--output-format must be text, github, json or sarif, not %q", f)
	}
	if cfg.jsonl {
		return usagef("--output-format %s does not go with --jsonl: its stream is the output", f)
	}
	if cfg.mode.diff {
		return usagef("--output-format %s does not go with -d: the diff is the output", f)
	}
	if !cfg.mode.check && !cfg.mode.write && !cfg.mode.list {
		return usagef("--output-format %s needs --check, -l or -w: without them the cleaned post goes to stdout", f)
	}
	return nil
}

// escapeData and escapeProperty spell a workflow command's message and
// property values as the Actions runner reads them back.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// formatChanges writes one file's changes (or its error) to w in the
// github or json format; sarif collects them for the end (sarifLog).
func (cfg *config) formatChanges(w *bytes.Buffer, name string, changes []edit.Change, errMsg string) {
	switch cfg.outFormat {
	case formatGitHub:
		if errMsg != "" {
			fmt.Fprintf(w, "::error file=%s,title=mdclean::%s\n", escapeProperty(name), escapeData(errMsg))
			return
		}
		// A change that would be made fails the check: an error; one
		// that -w made is news: a notice.
		level := "error"
		if cfg.mode.write {
			level = "notice"
		}
		for _, c := range changes {
			if c.Note {
				continue
			}
			msg := c.Message
			if c.Config != "" {
				msg += " (config: " + c.Config + ")"
			}
			fmt.Fprintf(w, "::%s file=%s,line=%d,title=%s::%s\n", level,
				escapeProperty(name), max(c.Line, 1), escapeProperty("mdclean ("+c.Rule+")"), escapeData(msg))
		}
	case formatJSON:
		if errMsg == "" && countChanges(changes) == 0 {
			return
		}
		rec := fileRecord{Schema: reportSchema, Path: name, Error: errMsg, Changes: changes}
		if rec.Changes == nil {
			rec.Changes = []edit.Change{}
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.Encode(rec)
	}
}

// fileRecord is one line of --output-format json: a file that would
// change (or changed, with -w), or that could not be cleaned.
type fileRecord struct {
	Schema  int           `json:"schema"`
	Path    string        `json:"path"`
	Error   string        `json:"error,omitempty"`
	Changes []edit.Change `json:"changes"`
}

func countChanges(changes []edit.Change) int {
	n := 0
	for _, c := range changes {
		if !c.Note {
			n++
		}
	}
	return n
}

// sarifResult is one change or error, kept in job order for the log.
type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region *sarifRegion `json:"region,omitempty"`
	} `json:"physicalLocation"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

func sarifResults(name string, changes []edit.Change, errMsg string) []sarifResult {
	loc := func(line int) []sarifLocation {
		var l sarifLocation
		l.PhysicalLocation.ArtifactLocation.URI = strings.TrimPrefix(name, "./")
		if line > 0 {
			l.PhysicalLocation.Region = &sarifRegion{StartLine: line}
		}
		return []sarifLocation{l}
	}
	if errMsg != "" {
		return []sarifResult{{RuleID: "error", Level: "error", Message: sarifMessage{errMsg}, Locations: loc(0)}}
	}
	var out []sarifResult
	for _, c := range changes {
		if c.Note {
			continue
		}
		msg := c.Message
		if c.Config != "" {
			msg += " (config: " + c.Config + ")"
		}
		out = append(out, sarifResult{RuleID: c.Rule, Level: "warning", Message: sarifMessage{msg}, Locations: loc(c.Line)})
	}
	return out
}

// writeSARIF writes the SARIF 2.1.0 log of a run: the rules as the
// tool's rules, every change as a result.
func writeSARIF(w io.Writer, results []sarifResult) {
	type rule struct {
		ID        string       `json:"id"`
		ShortDesc sarifMessage `json:"shortDescription"`
		HelpURI   string       `json:"helpUri"`
	}
	rules := []rule{}
	for _, r := range clean.Rules {
		rules = append(rules, rule{ID: r.ID, ShortDesc: sarifMessage{r.Summary}, HelpURI: "https://github.com/mdclean/mdclean#rules"})
	}
	if results == nil {
		results = []sarifResult{}
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name":           "mdclean",
				"version":        versionString(),
				"informationUri": "https://github.com/mdclean/mdclean",
				"rules":          rules,
			}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(log)
}
