package clean

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// defaultRules is the embedded table of trackers, redirectors, markers and
// phrases the body rules use. See rules.yaml for the format.
//
//go:embed rules.yaml
var defaultRules []byte

// Config holds the rule tables. The zero Config is not useful: start from
// DefaultConfig and Merge a user's file.
type Config struct {
	Tracking struct {
		IDs         []string `yaml:"ids"`
		Classes     []string `yaml:"classes"`
		BeaconHosts []string `yaml:"beacon_hosts"`
		ScriptHosts []string `yaml:"script_hosts"`
	} `yaml:"tracking"`
	Redirectors    []Redirector `yaml:"redirectors"`
	TrackingParams []string     `yaml:"tracking_params"`
	Tail           struct {
		EndMarkers              []string `yaml:"end_markers"`
		Promo                   []string `yaml:"promo"`
		Copyright               []string `yaml:"copyright"`
		Credits                 []string `yaml:"credits"`
		DropCredits             *bool    `yaml:"drop_credits"`
		MinHeadlinesAfterMarker int      `yaml:"min_headlines_after_marker"`
		MinHeadlinesAlone       int      `yaml:"min_headlines_alone"`
		MaxHeadlineChars        int      `yaml:"max_headline_chars"`
		RelatedShare            float64  `yaml:"related_share"`
	} `yaml:"tail"`
	// Rules switches rules by id: "off" or "on".
	Rules map[string]string `yaml:"rules"`

	// Source names the file the user's part came from ("" for the
	// defaults): Document names it in every change that only it caused.
	Source string `yaml:"-"`

	tables *tables // compiled phrase lists; see compile
}

// Redirector is a link wrapper that hides its target in a query parameter.
type Redirector struct {
	Host     string `yaml:"host"`
	Path     string `yaml:"path"`
	Param    string `yaml:"param"`
	Encoding string `yaml:"encoding"` // "query" or "base64"
}

var defaultConfig = sync.OnceValues(func() (*Config, error) {
	return ParseConfig(defaultRules)
})

// DefaultConfig returns the embedded default tables. The result is shared
// and must not be modified: Merge a user's Config into it instead.
func DefaultConfig() *Config {
	c, err := defaultConfig()
	if err != nil {
		panic("clean: embedded rules.yaml: " + err.Error())
	}
	return c
}

// ParseConfig reads a rules file. Unknown keys are errors, so a typo in a
// user's file is reported instead of silently ignored. A user's file is
// then checked with Validate (the defaults' one-character "©" is fine
// there, a user's one character is not).
func ParseConfig(data []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("rules file: %s", strings.Join(te.Errors, "; "))
		}
		return nil, fmt.Errorf("rules file: %w", err)
	}
	for _, r := range c.Redirectors {
		if r.Host == "" || r.Param == "" {
			return nil, fmt.Errorf("rules file: redirector needs host and param: %+v", r)
		}
		switch r.Encoding {
		case "", "query", "base64":
		default:
			return nil, fmt.Errorf("rules file: redirector %s: encoding must be query or base64, not %q", r.Host, r.Encoding)
		}
	}
	for id, v := range c.Rules {
		if !knownRule(id) {
			return nil, fmt.Errorf("rules file: unknown rule %q (rules: %s)", id, ruleIDs())
		}
		if v != "on" && v != "off" {
			return nil, fmt.Errorf("rules file: rule %s: want on or off, not %q", id, v)
		}
	}
	return c.compile(), nil
}

// Bounds of the numbers a config may set: outside them a rules file
// could make the tail rule cut whole articles.
const (
	maxHeadlines     = 50
	minHeadlineChars = 8
	maxHeadlineChars = 200
	minPhraseRunes   = 2
)

// Validate rejects, in a user's rules file, numbers and phrases that would make the rules cut
// article text: a one-character phrase ("的") matches every Chinese
// paragraph, a huge max_headline_chars makes every paragraph a headline.
func (c *Config) Validate() error {
	t := c.Tail
	for _, n := range []struct {
		key string
		v   int
	}{{"tail.min_headlines_after_marker", t.MinHeadlinesAfterMarker}, {"tail.min_headlines_alone", t.MinHeadlinesAlone}} {
		if n.v < 0 || n.v > maxHeadlines {
			return fmt.Errorf("%s: %d is out of range (0 for the default, or 1 to %d)", n.key, n.v, maxHeadlines)
		}
	}
	if t.MaxHeadlineChars != 0 && (t.MaxHeadlineChars < minHeadlineChars || t.MaxHeadlineChars > maxHeadlineChars) {
		return fmt.Errorf("tail.max_headline_chars: %d is out of range (0 for the default, or %d to %d)", t.MaxHeadlineChars, minHeadlineChars, maxHeadlineChars)
	}
	if t.RelatedShare < 0 || t.RelatedShare > 1 {
		return fmt.Errorf("tail.related_share: %v is out of range (0 to 1)", t.RelatedShare)
	}
	for _, list := range []struct {
		key string
		v   []string
	}{{"tail.end_markers", t.EndMarkers}, {"tail.promo", t.Promo}, {"tail.copyright", t.Copyright}, {"tail.credits", t.Credits},
		{"tracking.ids", c.Tracking.IDs}, {"tracking.classes", c.Tracking.Classes}} {
		for _, p := range list.v {
			if n := utf8.RuneCountInString(strings.TrimSpace(p)); n < minPhraseRunes {
				return fmt.Errorf("%s: %q is too short (at least %d characters: a shorter one matches article text)", list.key, p, minPhraseRunes)
			}
		}
	}
	return nil
}

// Merge returns base extended by user: lists are appended, numbers and
// switches that user sets replace base's.
func (base *Config) Merge(user *Config) *Config {
	c := *base
	if user == nil {
		return c.compile()
	}
	cat := func(a, b []string) []string { return append(append([]string{}, a...), b...) }
	c.Tracking.IDs = cat(base.Tracking.IDs, user.Tracking.IDs)
	c.Tracking.Classes = cat(base.Tracking.Classes, user.Tracking.Classes)
	c.Tracking.BeaconHosts = cat(base.Tracking.BeaconHosts, user.Tracking.BeaconHosts)
	c.Tracking.ScriptHosts = cat(base.Tracking.ScriptHosts, user.Tracking.ScriptHosts)
	c.Redirectors = append(append([]Redirector{}, base.Redirectors...), user.Redirectors...)
	c.TrackingParams = cat(base.TrackingParams, user.TrackingParams)
	t, u := &c.Tail, user.Tail
	t.EndMarkers = cat(base.Tail.EndMarkers, u.EndMarkers)
	t.Promo = cat(base.Tail.Promo, u.Promo)
	t.Copyright = cat(base.Tail.Copyright, u.Copyright)
	t.Credits = cat(base.Tail.Credits, u.Credits)
	if u.DropCredits != nil {
		t.DropCredits = u.DropCredits
	}
	if u.MinHeadlinesAfterMarker > 0 {
		t.MinHeadlinesAfterMarker = u.MinHeadlinesAfterMarker
	}
	if u.MinHeadlinesAlone > 0 {
		t.MinHeadlinesAlone = u.MinHeadlinesAlone
	}
	if u.MaxHeadlineChars > 0 {
		t.MaxHeadlineChars = u.MaxHeadlineChars
	}
	if u.RelatedShare > 0 {
		t.RelatedShare = u.RelatedShare
	}
	c.Source = user.Source
	c.Rules = map[string]string{}
	for k, v := range base.Rules {
		c.Rules[k] = v
	}
	for k, v := range user.Rules {
		c.Rules[k] = v
	}
	return c.compile()
}

func knownRule(id string) bool {
	for _, r := range Rules {
		if r.ID == id {
			return true
		}
	}
	return false
}
