package clean

// RuleBoilerplate removes the blocks a site repeats across its posts, as
// its config's boilerplate: table lists them (mdclean learn writes one).
const RuleBoilerplate = "boilerplate"

// boilerplateRule is the rule as a value (registry.go): it runs with a
// boilerplate table only, in the label walk it shares with the widgets
// rule.
var boilerplateRule = &ruleDef{
	Rule: Rule{RuleBoilerplate, true, "remove blocks whose whole text is the site's boilerplate, as the config's boilerplate: table lists it (mdclean learn)",
		`<p>Read 12 times on Example Roads</p> -> ""`},
	blocks: labelBlocks,
	ready:  func(cfg *Config) bool { return cfg.Boilerplate != nil },
}
