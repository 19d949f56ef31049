package clean

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
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
	Widgets struct {
		Classes    []string `yaml:"classes"`
		Labels     []string `yaml:"labels"`
		Edges      []string `yaml:"edges"`
		CopyCode   []string `yaml:"copy_code"`
		Related    []string `yaml:"related"`
		ShareHosts []string `yaml:"share_hosts"`
		EmbedHosts []string `yaml:"embed_hosts"`
	} `yaml:"widgets"`
	// Boilerplate is a site's own: whole texts of blocks ({n} a number,
	// {*} a short text) that mdclean learn found repeated across its
	// posts. A block whose whole text is one of them is removed.
	Boilerplate    []string     `yaml:"boilerplate"`
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
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not valid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) > 0 {
		if err := checkKeys(doc.Content[0], reflect.TypeOf(c), ""); err != nil {
			return nil, err
		}
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			for i, e := range te.Errors {
				te.Errors[i] = userWords(e)
			}
			return nil, errors.New(strings.Join(te.Errors, "; "))
		}
		return nil, err
	}
	if err := checkPatterns(&c, &doc); err != nil {
		return nil, err
	}
	for i, r := range c.Redirectors {
		if r.Host == "" || r.Param == "" {
			return nil, fmt.Errorf("redirectors[%d]: needs host and param", i)
		}
		switch r.Encoding {
		case "", "query", "base64":
		default:
			return nil, fmt.Errorf("redirectors[%d] (%s): encoding must be query or base64, not %q", i, r.Host, r.Encoding)
		}
	}
	for id, v := range c.Rules {
		if !knownRule(id) {
			return nil, fmt.Errorf("rules: %w", unknownRule(id))
		}
		if v != "on" && v != "off" {
			return nil, fmt.Errorf("rules file: rule %s: want on or off, not %q", id, v)
		}
	}
	return c.compile(), nil
}

// checkKeys reports the first key of n that t has no field for, as
// "line 3: tracking.idz: unknown key (did you mean ids?)": yaml's own
// message names a Go struct type, which a user cannot act on.
func checkKeys(n *yaml.Node, t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		if t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode {
			for _, item := range n.Content {
				if err := checkKeys(item, t.Elem(), path+"[]"); err != nil {
					return err
				}
			}
			return nil
		}
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || n.Kind != yaml.MappingNode {
		return nil
	}
	fields := map[string]reflect.Type{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		fields[tag] = t.Field(i).Type
		names = append(names, tag)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if path != "" {
			key = path + "." + k.Value
		}
		ft, ok := fields[k.Value]
		if !ok {
			hint := "known keys here: " + strings.Join(names, ", ")
			if near := Nearest(k.Value, names); near != "" {
				hint = "did you mean " + near + "?"
			}
			return fmt.Errorf("line %d: %s: unknown key (%s)", k.Line, key, hint)
		}
		if err := checkKeys(v, ft, key); err != nil {
			return err
		}
		if v.Kind == yaml.ScalarNode && ft.Kind() != reflect.String {
			if err := v.Decode(reflect.New(ft).Interface()); err != nil {
				msg := err.Error()
				var te *yaml.TypeError
				if errors.As(err, &te) && len(te.Errors) > 0 {
					msg = userWords(te.Errors[0])
				}
				if _, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(msg, "line ") {
					msg = rest
				}
				return fmt.Errorf("line %d: %s: %s", v.Line, key, msg)
			}
		}
	}
	return nil
}

// userWords rewrites one of yaml's type errors as a user reads it:
// "line 5: cannot unmarshal !!str `many` into int" becomes
// "line 5: want a number, not "many"".
func userWords(e string) string {
	m := typeErr.FindStringSubmatch(e)
	if m == nil {
		return e
	}
	want := map[string]string{"int": "a number", "float64": "a number", "bool": "true or false", "string": "a text",
		"[]string": "a list of texts", "[]clean.Redirector": "a list of redirectors", "map[string]string": "a table of rule: on|off"}[m[3]]
	if want == "" {
		want = m[3]
	}
	got := map[string]string{"!!str": "the text", "!!int": "the number", "!!float": "the number", "!!bool": "the value",
		"!!map": "a table", "!!seq": "a list", "!!null": "nothing"}[m[1]]
	if got == "" {
		got = m[1]
	}
	if m[2] != "" {
		got += " " + strconv.Quote(m[2])
	}
	return fmt.Sprintf("line %s: want %s, not %s", m[0][len("line "):strings.Index(m[0], ":")], want, got)
}

var typeErr = regexp.MustCompile("^line \\d+: cannot unmarshal (!!\\w+) (?:`([^`]*)` )?into (\\S+)$")

// LoadConfig reads a user's rules file from its contents: parsed,
// validated, named (name is where it came from, for messages and for the
// changes only it causes) and merged over the defaults. The CLI and the
// Beam pipeline both load configs with it.
func LoadConfig(data []byte, name string) (*Config, error) {
	user, err := ParseConfig(data)
	if err == nil {
		err = user.Validate()
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	user.Source = name
	return DefaultConfig().Merge(user), nil
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
	for _, p := range c.Boilerplate {
		literal := strings.NewReplacer("{n}", "", "{*}", "").Replace(p)
		if utf8.RuneCountInString(strings.TrimSpace(literal)) < 4 {
			return fmt.Errorf("boilerplate: %q holds too little text of its own (at least 4 characters besides {n} and {*}: a shorter one matches article text)", p)
		}
	}
	builtin := DefaultConfig().phraseLists()
	for i, list := range c.phraseLists() {
		for _, p := range list.v {
			// A phrase the built-in table holds already (its "©") is
			// no user's guess: a config that --print-config wrote loads.
			if n := utf8.RuneCountInString(strings.TrimSpace(p)); n < minPhraseRunes && !slices.Contains(builtin[i].v, p) {
				return fmt.Errorf("%s: %q is too short (at least %d characters: a shorter one matches article text)", list.key, p, minPhraseRunes)
			}
		}
	}
	return nil
}

// phraseList is one of a config's lists of phrases, with its key.
type phraseList struct {
	key string
	v   []string
}

// phraseLists are the lists Validate checks for phrases too short to
// name junk, in a fixed order.
func (c *Config) phraseLists() []phraseList {
	t := c.Tail
	return []phraseList{{"tail.end_markers", t.EndMarkers}, {"tail.promo", t.Promo}, {"tail.copyright", t.Copyright}, {"tail.credits", t.Credits},
		{"tracking.ids", c.Tracking.IDs}, {"tracking.classes", c.Tracking.Classes},
		{"widgets.classes", c.Widgets.Classes}, {"widgets.labels", c.Widgets.Labels}, {"widgets.edges", c.Widgets.Edges},
		{"widgets.copy_code", c.Widgets.CopyCode}, {"widgets.related", c.Widgets.Related}, {"boilerplate", c.Boilerplate}}
}

// Merge returns base extended by user: lists are appended, numbers and
// switches that user sets replace base's.
func (base *Config) Merge(user *Config) *Config {
	c := *base
	if user == nil {
		return c.compile()
	}
	// The user's entries follow the built-in ones; one the built-in
	// list holds already is not added twice (a config --print-config
	// wrote holds them all).
	cat := func(a, b []string) []string {
		out := append([]string{}, a...)
		for _, v := range b {
			if !slices.Contains(a, v) {
				out = append(out, v)
			}
		}
		return out
	}
	c.Tracking.IDs = cat(base.Tracking.IDs, user.Tracking.IDs)
	c.Tracking.Classes = cat(base.Tracking.Classes, user.Tracking.Classes)
	c.Tracking.BeaconHosts = cat(base.Tracking.BeaconHosts, user.Tracking.BeaconHosts)
	c.Tracking.ScriptHosts = cat(base.Tracking.ScriptHosts, user.Tracking.ScriptHosts)
	w, uw := &c.Widgets, user.Widgets
	w.Classes = cat(base.Widgets.Classes, uw.Classes)
	w.Labels = cat(base.Widgets.Labels, uw.Labels)
	w.Edges = cat(base.Widgets.Edges, uw.Edges)
	w.CopyCode = cat(base.Widgets.CopyCode, uw.CopyCode)
	w.Related = cat(base.Widgets.Related, uw.Related)
	w.ShareHosts = cat(base.Widgets.ShareHosts, uw.ShareHosts)
	w.EmbedHosts = cat(base.Widgets.EmbedHosts, uw.EmbedHosts)
	c.Boilerplate = cat(base.Boilerplate, user.Boilerplate)
	c.Redirectors = append([]Redirector{}, base.Redirectors...)
	for _, r := range user.Redirectors {
		if !slices.Contains(base.Redirectors, r) {
			c.Redirectors = append(c.Redirectors, r)
		}
	}
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
