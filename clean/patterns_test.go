package clean

import (
	"strings"
	"testing"
)

// TestDefaultPatternsBounded: the embedded tables skip checkPatterns at
// start-up (defaultConfig), so they must keep the bounds a user's config
// is held to, rules.yaml and the generated vocabulary alike.
func TestDefaultPatternsBounded(t *testing.T) {
	if _, err := parseConfig(defaultRules, true); err != nil {
		t.Fatalf("rules.yaml: %v", err)
	}
	for name, list := range map[string][]string{"labels": vocabularyLabels, "edges": vocabularyEdges, "related": vocabularyRelated} {
		for i, p := range list {
			if n := strings.Count(p, "{*}") + strings.Count(p, "{n}"); n > maxPatternWildcards {
				t.Errorf("vocabulary %s[%d] %q: %d wildcards", name, i, p, n)
			}
			if len(p) > maxPatternBytes {
				t.Errorf("vocabulary %s[%d] %q: %d bytes", name, i, p, len(p))
			}
			if _, err := programSize(p); err != nil {
				t.Errorf("vocabulary %s[%d] %q: %v", name, i, p, err)
			}
		}
	}
}

// TestConfigPatternBoundsStillChecked: a user's config is still checked,
// with the entry's line in the error.
func TestConfigPatternBoundsStillChecked(t *testing.T) {
	_, err := ParseConfig([]byte("widgets:\n  labels:\n    - ok\n    - '" + strings.Repeat("{*} ", maxPatternWildcards+1) + "'\n"))
	if err == nil || !strings.Contains(err.Error(), "line 4: widgets.labels[1]") {
		t.Fatalf("got %v, want an error naming line 4: widgets.labels[1]", err)
	}
}
