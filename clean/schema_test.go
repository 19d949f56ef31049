package clean

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/invopop/jsonschema"
	validator "github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// schemaPath is the JSON Schema of .mdclean.yaml, for editors (VS Code's
// YAML extension: see the README). It is generated from Config's types by
// TestConfigSchema (go test ./clean -update rewrites it).
const schemaPath = "../schema/mdclean.schema.json"

// configSchema builds the schema from Config: the yaml tags name the keys,
// the doc comments of the Go source describe them, and the rules map takes
// the rule ids with "on" or "off".
func configSchema(t *testing.T) []byte {
	t.Helper()
	r := &jsonschema.Reflector{FieldNameTag: "yaml", DoNotReference: true, AllowAdditionalProperties: false, RequiredFromJSONSchemaTags: true}
	if err := r.AddGoComments("github.com/mdclean/mdclean/clean", "./"); err != nil {
		t.Fatal(err)
	}
	s := r.Reflect(&Config{})
	s.ID = "https://github.com/mdclean/mdclean/schema/mdclean.schema.json"
	s.Title = "mdclean configuration (.mdclean.yaml)"
	s.Description = "Tables added to mdclean's built-in rules (clean/rules.yaml): lists are added to the defaults, numbers replace them, rules: switches rules by id."
	ids := make([]any, len(Rules))
	for i, rule := range Rules {
		ids[i] = rule.ID
	}
	if p, ok := s.Properties.Get("rules"); ok {
		p.PropertyNames = &jsonschema.Schema{Enum: ids}
		p.AdditionalProperties = &jsonschema.Schema{Type: "string", Enum: []any{"on", "off"}}
	}
	if p, ok := s.Properties.Get("redirectors"); ok && p.Items != nil {
		p.Items.Required = []string{"host", "param"}
		if e, ok := p.Items.Properties.Get("encoding"); ok {
			e.Enum = []any{"", "query", "base64", "path"}
		}
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// TestConfigSchema keeps schema/mdclean.schema.json generated from the
// config's types, and checks with a real validator that it accepts the
// embedded rules.yaml and every config example of the README, and refuses
// a typo and a bad rule state.
func TestConfigSchema(t *testing.T) {
	got := configSchema(t)
	if *update {
		if err := os.WriteFile(schemaPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not generated from Config (run go test ./clean -update to accept)", schemaPath)
	}
	doc, err := validator.UnmarshalJSON(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	c := validator.NewCompiler()
	if err := c.AddResource("mdclean.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("mdclean.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, data []byte) error {
		var v any
		if err := yaml.Unmarshal(data, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if v == nil {
			v = map[string]any{}
		}
		// Through JSON, as an editor sees it (yaml.v3 decodes maps with
		// string keys already; numbers and lists are plain).
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		inst, err := validator.UnmarshalJSON(bytes.NewReader(j))
		if err != nil {
			t.Fatal(err)
		}
		return sch.Validate(inst)
	}
	if err := check("rules.yaml", defaultRules); err != nil {
		t.Errorf("the schema refuses the embedded rules.yaml: %v", err)
	}
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(readme, -1) {
		block := m[1]
		if !strings.Contains(string(block), ".mdclean.yaml") || bytes.Contains(block, []byte("\nrepos:")) {
			continue // another file's example (pre-commit, a workflow)
		}
		n++
		if _, err := ParseConfig(block); err != nil {
			t.Errorf("a README config example does not load: %v\n%s", err, block)
		}
		if err := check("README", block); err != nil {
			t.Errorf("the schema refuses a README config example: %v\n%s", err, block)
		}
	}
	if n == 0 {
		t.Error("found no .mdclean.yaml example in the README")
	}
	for _, bad := range []string{"tracking:\n  idz: [x]\n", "rules:\n  link-bait-tail: maybe\n", "rules:\n  no-such-rule: off\n", "tail:\n  max_headline_chars: many\n"} {
		if err := check("bad", []byte(bad)); err == nil {
			t.Errorf("the schema accepts %q", bad)
		}
	}
}
