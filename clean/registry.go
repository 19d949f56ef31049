package clean

import (
	"slices"

	"github.com/mdclean/mdclean/frontmatter"
)

// ruleDef is one rule as a value: what a user reads of it (its id,
// default, summary, and the example of the package doc's table) and the
// hooks through which the body runner (bodyCleaner.run) calls it. A rule
// sets only the hooks it needs; the front matter rules set none (package
// frontmatter runs them). The runner walks the body model once per kind
// of hook, in the order below, and calls the hooks of the rules that are
// on in the order of registry.
type ruleDef struct {
	Rule
	// tail runs once over the leaf blocks, from the post's end.
	tail func(b *bodyCleaner)
	// element decides one HTML element of the body (closed, not code, not
	// inside an edit), its start tag's attributes parsed once for every
	// rule: it reports whether it took the element, which no later rule
	// then sees (an outer element removed takes what is inside it).
	element func(b *bodyCleaner, i int, as []attr) bool
	// image decides one image: an image reference of the model, a
	// Markdown image's destination or an <img>'s src.
	image func(b *bodyCleaner, r *linkRef)
	// blocks is a walk over the leaf blocks. Rules whose decisions read
	// one another's (a learned footer after a related-posts list) share
	// one walk, which runs once when any of them is on.
	blocks *blockWalk
	// link rewrites one link target (u, an image's or frame's source when
	// src) and says why, "" when it leaves it; the runner chains the link
	// hooks of the rules that are on into one edit per target.
	link func(b *bodyCleaner, u string, src bool) (string, string)
	// ready reports whether the config gives the rule what it needs (the
	// boilerplate rule: a boilerplate table); nil means always.
	ready func(cfg *Config) bool
}

// blockWalk is a walk over the body's leaf blocks that one or more
// rules share.
type blockWalk struct {
	run func(b *bodyCleaner)
}

// registry lists every rule, in the order they apply: the one list that
// Rules, the package doc's table, the README's table and --list-rules
// follow (TestRuleRegistry).
var registry = []*ruleDef{
	{Rule: Rule{frontmatter.RuleLeadingBlank, true, "remove blank lines and whitespace before the opening ---",
		`"\n---" -> "---"`}},
	{Rule: Rule{frontmatter.RuleYAMLSyntax, true, "re-quote values that break YAML, fix tab indentation, drop duplicate keys",
		`title: 'Apple's M2' -> 'Apple''s M2'`}},
	{Rule: Rule{frontmatter.RuleInvalidDate, true, "replace a date that is not a date with the date the document proves, or remove it",
		`date: Invalid Date -> date: 2021-07-19`}},
	{Rule: Rule{frontmatter.RulePortableDate, true, "rewrite a real date that some client misreads (Hugo: 2021/07/19 is year 1) in a form they all read at the same instant",
		`date: 2021/07/19 10:00 -> "2021-07-19 10:00:00"`}},
	{Rule: Rule{frontmatter.RuleNormalizeDates, false, "rewrite valid but non-ISO dates in --date-format",
		`Thu, 14 Oct 2021 ... GMT -> 2021-10-14T...`}},
	linkBaitTailRule,
	trackingMarkupRule,
	widgetsRule,
	boilerplateRule,
	redirectLinkRule,
	trackingParamsRule,
}

// Rules lists every rule, in the order they apply.
var Rules = func() []Rule {
	rs := make([]Rule, len(registry))
	for i, r := range registry {
		rs[i] = r.Rule
	}
	return rs
}()

// bodyRules are the rules of registry with a hook: the body rules, in
// order.
var bodyRules = func() []*ruleDef {
	var rs []*ruleDef
	for _, r := range registry {
		if r.tail != nil || r.element != nil || r.image != nil || r.blocks != nil || r.link != nil {
			rs = append(rs, r)
		}
	}
	return rs
}()

// bodyRuleIDs are the ids of bodyRules: the rules a body directive can
// switch off (optout.go).
var bodyRuleIDs = func() []string {
	ids := make([]string, len(bodyRules))
	for i, r := range bodyRules {
		ids[i] = r.ID
	}
	return ids
}()

// hooks has, for each kind of hook, a bit for each rule of bodyRules
// that sets one (bit i for bodyRules[i]): the runner ands it with the
// rules that are on. blocks lists each block walk once, in the order of
// its first rule, with the bits of the rules that share it.
var hooks = func() (h struct {
	tail, element, image, link uint64
	blocks                     []sharedWalk
}) {
	if len(bodyRules) > 64 {
		panic("clean: more than 64 body rules")
	}
	for i, r := range bodyRules {
		bit := uint64(1) << i
		if r.tail != nil {
			h.tail |= bit
		}
		if r.element != nil {
			h.element |= bit
		}
		if r.image != nil {
			h.image |= bit
		}
		if r.link != nil {
			h.link |= bit
		}
		if r.blocks != nil {
			k := slices.IndexFunc(h.blocks, func(w sharedWalk) bool { return w.walk == r.blocks })
			if k < 0 {
				k = len(h.blocks)
				h.blocks = append(h.blocks, sharedWalk{walk: r.blocks})
			}
			h.blocks[k].rules |= bit
		}
	}
	return h
}()

// sharedWalk is a block walk and the rules that share it (bits of
// bodyRules).
type sharedWalk struct {
	walk  *blockWalk
	rules uint64
}
