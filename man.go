package main

import (
	"strings"

	"github.com/cpuguy83/go-md2man/v2/md2man"
)

// manPage renders mdclean(1) from the help texts, so that the page and
// --help never disagree: go-md2man (the renderer urfave/cli and Docker
// use) turns a Markdown page into roff.
func manPage() []byte {
	var md strings.Builder
	md.WriteString("% MDCLEAN 1 \"\" \"mdclean " + versionString() + "\" \"User Commands\"\n\n")
	md.WriteString("# NAME\n\nmdclean - clean scraped blog posts: repair front matter, remove tracking junk and link-bait\n\n")
	md.WriteString("# SYNOPSIS\n\n**mdclean** [*flags*] [*PATH*...]\n\n**mdclean learn** [*flags*] *PATH*...\n\n")
	md.WriteString("# DESCRIPTION\n\n")
	md.WriteString(indent(helpText))
	md.WriteString("\n# LEARN\n\n")
	md.WriteString(indent(learnHelp))
	md.WriteString("\n# SEE ALSO\n\nThe README, docs/dates.md, docs/inputs.md and docs/report.md at https://github.com/mdclean/mdclean\n")
	return md2man.Render([]byte(md.String()))
}

// indent makes text a Markdown code block, kept as written.
func indent(text string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		b.WriteString("    " + line + "\n")
	}
	return b.String()
}
