package clean

import (
	"net/url"
	"strings"
)

// RuleTrackingParams strips tracking query parameters from links.
const RuleTrackingParams = "tracking-params"

// stripTracking removes tracking parameters from u's query, keeping the
// rest of the URL byte for byte. It returns u unchanged when there are none.
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
	if len(kept) > 0 {
		out += "?" + strings.Join(kept, "&")
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
