package clean

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// RuleTrackingMarkup removes empty tracking and recommendation containers,
// tracking pixels, beacon images and tracker scripts.
const RuleTrackingMarkup = "tracking-markup"

// trackingWhy says why an element is tracking markup: what it is and, for
// a container, the attribute and table entry that matched. The message is
// built only for the elements removed (classify asks of many).
type trackingWhy struct {
	what, attr, value string
}

// message is the change's message, built in one allocation (one change
// per removed element, and a post may have hundreds).
func (w trackingWhy) message() string {
	const prefix = "removed "
	if w.attr == "" {
		return prefix + w.what
	}
	var q [64]byte
	quoted := strconv.AppendQuote(q[:0], w.value)
	var sb strings.Builder
	sb.Grow(len(prefix) + len(w.what) + 1 + len(w.attr) + 1 + len(quoted))
	sb.WriteString(prefix)
	sb.WriteString(w.what)
	sb.WriteByte(' ')
	sb.WriteString(w.attr)
	sb.WriteByte('=')
	sb.Write(quoted)
	return sb.String()
}

// trackingKind says why an element is tracking markup; what is "" if it
// is not.
func (b *bodyCleaner) trackingKind(i int) trackingWhy {
	var none trackingWhy
	e := &b.d.elems[i]
	if !e.closed() || e.code {
		return none
	}
	tag := b.d.src[e.start:e.openEnd]
	switch e.tag {
	case atom.Img:
		as := b.attrs(tag)
		if w, _ := attrVal(as, "width"); isOnePixel(w) {
			if h, _ := attrVal(as, "height"); isOnePixel(h) {
				return trackingWhy{what: "1x1 tracking pixel"}
			}
		}
		if src, ok := attrVal(as, "src"); ok && hostMatch(src, b.cfg.Tracking.BeaconHosts) {
			return trackingWhy{what: "beacon image"}
		}
		return none
	case atom.Script:
		as := b.attrs(tag)
		if src, ok := attrVal(as, "src"); ok && hostMatch(src, b.cfg.Tracking.ScriptHosts) {
			return trackingWhy{what: "tracker script"}
		}
		body := b.d.src[e.openEnd:e.closeStart]
		for _, h := range b.cfg.Tracking.ScriptHosts {
			if bytes.Contains(body, []byte(h)) {
				return trackingWhy{what: "inline tracker script"}
			}
		}
		return none
	}
	if e.tag == atom.Noscript {
		return none
	}
	// Raw attribute bytes, compared without converting: this runs for
	// every element of every post. (Ids and classes with entities are
	// not in any table.)
	as := b.attrs(tag)
	matched := none
	if id := attrRaw(as, "id"); id != nil {
		for _, t := range b.cfg.Tracking.IDs {
			if string(id) == t {
				matched = trackingWhy{"empty tracking container", "id", t}
			}
		}
	}
	if cls := attrRaw(as, "class"); matched.what == "" && cls != nil && len(b.cfg.Tracking.Classes) > 0 {
		for _, c := range bytes.Fields(cls) {
			for _, t := range b.cfg.Tracking.Classes {
				if string(c) == t {
					matched = trackingWhy{"empty tracking container", "class", t}
				}
			}
		}
	}
	if matched.what == "" || !b.holdsNoText(i) {
		return none
	}
	return matched
}

// holdsNoText reports whether element i contains nothing but whitespace,
// comments and other tags: no article text and no images.
func (b *bodyCleaner) holdsNoText(i int) bool {
	e := &b.d.elems[i]
	for k := e.firstTok + 1; k < e.lastTok; k++ {
		t := b.d.toks[k]
		switch t.kind {
		case html.TextToken:
			if !blank(b.d.src[t.start:t.end]) {
				return false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			switch t.tag {
			case atom.Img, atom.Video, atom.Iframe, atom.Picture, atom.Svg, atom.Object, atom.Embed, atom.Audio:
				return false
			}
		}
	}
	return true
}

func isOnePixel(v string) bool {
	v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "px"))
	return v == "1" || v == "0"
}

// hostMatch reports whether URL u points at one of hosts; an entry with a
// path ("www.facebook.com/tr") also needs the path to start with it.
func hostMatch(u string, hosts []string) bool {
	if strings.HasPrefix(u, "//") {
		u = "https:" + u
	}
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Host == "" {
		return false
	}
	host := strings.ToLower(p.Hostname())
	for _, h := range hosts {
		hh, path, _ := strings.Cut(h, "/")
		if host == hh && (path == "" || strings.HasPrefix(strings.TrimPrefix(p.Path, "/"), path)) {
			return true
		}
	}
	return false
}

// tracking finds the tracking markup of the body.
func (b *bodyCleaner) tracking() {
	for i := range b.d.elems {
		e := &b.d.elems[i]
		if b.covered(e.start, e.end) {
			continue
		}
		why := b.trackingKind(i)
		if why.what == "" {
			continue
		}
		b.add(RuleTrackingMarkup, e.start, e.end, nil, why.message())
	}
}
