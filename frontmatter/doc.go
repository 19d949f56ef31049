// Package frontmatter finds and repairs the YAML front matter of a post.
// It takes bytes and returns offsets and line-targeted edits: it never
// re-encodes the block, so key order, quoting, comments and indentation
// of every line no rule touches stay as they were.
//
// Rules:
//
//	id               repairs                                         example
//	leading-blank    blank lines/whitespace before the opening ---   "\n---\n" -> "---\n"
//	yaml-syntax      values that break YAML, tabs, duplicate keys    title: 'Apple's M2' -> title: 'Apple''s M2'
//	invalid-date     a date key that holds no date                   date: Invalid Date -> date: 2021-07-19
//	normalize-dates  (off by default) valid but non-ISO dates        Thu, 14 Oct 2021 20:32:00 GMT -> 2021-10-14T20:32:00Z
//
// invalid-date uses the strongest evidence the document holds: another
// date key of the block, a date in the file name, a dateline in the body
// (year from an id), the time inside ZAKER ids; then, only when asked, a
// fallback the caller found (mtime, git). With no evidence the key is
// removed, never guessed.
//
// Every repair is checked with a parser before it is accepted: the
// repaired block must parse (yaml.v3; BurntSushi/toml for TOML) to the
// same keys and values, aliases resolved, but the repaired ones, which
// keep their anchor, tag and comment; otherwise the block is left as it
// was, with a note. Templates (Hugo archetypes, Hexo scaffolds) are left
// alone, and a block too large to parse within the memory bound is an
// error.
package frontmatter
