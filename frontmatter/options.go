package frontmatter

import (
	"time"
)

// Rule ids of this package.
const (
	RuleLeadingBlank   = "leading-blank"
	RuleYAMLSyntax     = "yaml-syntax"
	RuleInvalidDate    = "invalid-date"
	RuleNormalizeDates = "normalize-dates"
	RulePortableDate   = "portable-date"
)

// Unknown-date policies: what invalid-date does when nothing proves a date.
const (
	UnknownDrop  = "drop"
	UnknownKeep  = "keep"
	UnknownError = "error"
)

// TextKeys are the keys whose plain values are prose, where an unquoted
// " #" is part of the title rather than a comment ("C# #1 tips").
var TextKeys = []string{"title", "subtitle", "description", "summary", "excerpt", "linkTitle"}

// Options controls Repair.
type Options struct {
	// Path is where the document came from ("" if unknown); a date in the
	// file name is evidence.
	Path string
	// On reports whether a rule is switched on.
	On func(rule string) bool
	// DateFormat is the format for dates mdclean writes (see FormatDate).
	DateFormat string
	// UnknownDate is the policy when an invalid date has no evidence:
	// UnknownDrop (default), UnknownKeep or UnknownError.
	UnknownDate string
	// Fallback is a weaker date the caller found outside the document
	// (file mtime, git history) when the user asked for one.
	Fallback *Date
	// Now bounds plausible id times; zero means time.Now().
	Now time.Time
}

func (o Options) on(rule string) bool {
	if o.On == nil {
		return rule != RuleNormalizeDates
	}
	return o.On(rule)
}

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}
