package clean

import (
	"net/url"
	"strings"
)

// RuleTrackingParams strips tracking query parameters from links.
const RuleTrackingParams = "tracking-params"

// trackingParamsRule is the rule as a value (registry.go): its link hook
// strips tracking parameters (trackingParams).
var trackingParamsRule = &ruleDef{
	Rule: Rule{RuleTrackingParams, true, "strip tracking query parameters (utm_*, spm, fbclid, ...) from links",
		`?id=7&utm_source=rss -> ?id=7`},
	link: (*bodyCleaner).trackingParams,
}

// trackingParams strips the tracking parameters of a link target; an
// image's or frame's source (src) is left as it is.
func (b *bodyCleaner) trackingParams(u string, src bool) (string, string) {
	if src {
		return u, ""
	}
	v, removed := b.stripTracking(u)
	if len(removed) == 0 {
		return u, ""
	}
	return v, "removed tracking parameters " + strings.Join(removed, ", ")
}

// stripTracking removes tracking parameters from u's query, keeping the
// rest of the URL byte for byte. It returns u unchanged when there are none.
// A query left with nothing but empty parts (a stray '&') goes, '?' and all.
func (b *bodyCleaner) stripTracking(u string) (string, []string) {
	q := strings.IndexByte(u, '?')
	if q < 0 || strings.IndexByte(u[q:], '=') < 0 {
		return u, nil
	}
	frag := ""
	query := u[q+1:]
	if h := strings.IndexByte(query, '#'); h >= 0 {
		query, frag = query[:h], query[h:]
	}
	var kept, removed []string
	for _, part := range strings.Split(query, "&") {
		name, _, _ := strings.Cut(part, "=")
		if n, err := url.QueryUnescape(name); err == nil && b.isTrackingParam(n) {
			removed = append(removed, n)
			continue
		}
		kept = append(kept, part)
	}
	if len(removed) == 0 {
		return u, nil
	}
	out := u[:q]
	if rest := strings.Join(kept, "&"); strings.Trim(rest, "&") != "" {
		out += "?" + rest
	}
	return out + frag, removed
}

func (b *bodyCleaner) isTrackingParam(name string) bool {
	for _, p := range b.cfg.TrackingParams {
		if strings.HasSuffix(p, "*") {
			if strings.HasPrefix(name, strings.TrimSuffix(p, "*")) {
				return true
			}
		} else if name == p {
			return true
		}
	}
	return false
}
