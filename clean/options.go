package clean

import (
	"fmt"

	"github.com/mdclean/mdclean/frontmatter"
)

// Validate checks the options every front end takes from its user (rule
// ids to switch, the date format and the unknown-date policy), so that
// mdclean and mdclean-beam refuse the same mistakes with the same words.
// Empty DateFormat and UnknownDate mean the defaults.
func (o Options) Validate() error {
	if _, err := NewRuleSet(o.Disable, o.Enable); err != nil {
		return err
	}
	if o.DateFormat != "" {
		if err := frontmatter.CheckDateFormat(o.DateFormat); err != nil {
			return err
		}
	}
	switch o.UnknownDate {
	case "", frontmatter.UnknownDrop, frontmatter.UnknownKeep, frontmatter.UnknownError:
	default:
		return fmt.Errorf("--unknown-date must be drop, keep or error, not %q", o.UnknownDate)
	}
	return nil
}
