package clean

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/mdclean/mdclean/internal/quoted"
)

// RuleTrackingMarkup removes empty tracking and recommendation containers,
// tracking pixels, beacon images and tracker scripts.
const RuleTrackingMarkup = "tracking-markup"

// trackingMarkupRule is the rule as a value (registry.go): its element
// hook removes tracking elements (trackingElement), its image hook
// pixels and beacons, HTML and Markdown alike (beacon).
var trackingMarkupRule = &ruleDef{
	Rule: Rule{RuleTrackingMarkup, true, "remove empty tracking containers, tracking pixels, beacons and tracker scripts",
		`<div id="recommend_bottom"></div> -> ""`},
	element: (*bodyCleaner).trackingElement,
	image:   (*bodyCleaner).beacon,
}

// beacon removes the image of reference r when it is a pixel or a
// beacon: an <img> (its src: see imgRef) or a Markdown image (mdBeacon).
func (b *bodyCleaner) beacon(r *linkRef) {
	if r.md >= 0 {
		b.mdBeacon(r)
		return
	}
	i := int(r.elem)
	if e := &b.d.elems[i]; e.closed() && !e.code && !b.covered(e.start, e.end) {
		var as []attr
		if _, ok := b.kindOf(i); !ok { // not asked by the tail rule: read now
			as = b.elemAttrs(i)
		}
		b.removeTracking(i, as)
	}
}

// imgRef reports whether the attributes of an <img> give it a src (in any
// case, with a value): the reference list holds it, and the image hook
// (beacon) decides it rather than the element hook.
func imgRef(as []attr) bool {
	for _, a := range as {
		if a.start >= 0 && lowerIs(a.name, "src") {
			return true
		}
	}
	return false
}

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
	// A tracking pixel's URL is printable ASCII: quoted.Append writes it
	// without strconv's tables of printable runes.
	val := quoted.Append(q[:0], w.value)
	var sb strings.Builder
	sb.Grow(len(prefix) + len(w.what) + 1 + len(w.attr) + 1 + len(val))
	sb.WriteString(prefix)
	sb.WriteString(w.what)
	sb.WriteByte(' ')
	sb.WriteString(w.attr)
	sb.WriteByte('=')
	sb.Write(val)
	return sb.String()
}

// trackingKind says why an element is tracking markup; what is "" if it
// is not.
// The answer depends on the element alone, and the tail and widget rules
// ask it of the same image for every block they read around it: it is
// kept (b.kinds).
func (b *bodyCleaner) trackingKind(i int) trackingWhy {
	e := &b.d.elems[i]
	if !e.closed() || e.code {
		return trackingWhy{}
	}
	if why, ok := b.kindOf(i); ok {
		return why
	}
	why := b.trackingKindAttrs(i, b.elemAttrs(i))
	if b.kinds == nil {
		// One answer an element, in the scratch memory (cleared: no
		// answer of another body is read).
		n := len(b.d.elems)
		b.kinds = grow(b.scratch.kinds[:0], n)[:n]
		clear(b.kinds)
		b.scratch.kinds = b.kinds
	}
	b.kinds[i] = kindAnswer{why, true}
	return why
}

// kindAnswer is trackingKind's answer for an element, if asked (ok).
type kindAnswer struct {
	why trackingWhy
	ok  bool
}

// kindOf is trackingKind's answer for element i, if it was asked.
func (b *bodyCleaner) kindOf(i int) (trackingWhy, bool) {
	if i < len(b.kinds) && b.kinds[i].ok {
		return b.kinds[i].why, true
	}
	return trackingWhy{}, false
}

// trackingKindAttrs is trackingKind with the element's attributes parsed.
func (b *bodyCleaner) trackingKindAttrs(i int, as []attr) trackingWhy {
	var none trackingWhy
	e := &b.d.elems[i]
	switch e.tag {
	case atom.Img:
		// Each attribute unescaped once: an image is asked about on
		// every post that holds one.
		w, _ := attrVal(as, "width")
		h, _ := attrVal(as, "height")
		if isOnePixel(w) && isOnePixel(h) {
			return trackingWhy{what: "1x1 tracking pixel"}
		}
		src, ok := attrVal(as, "src")
		var srcURL splitURL
		if ok {
			srcURL = splitOnce(src)
			if entry := b.beaconEntrySplit(srcURL, hasImageExt(src) || overOnePixel(w) || overOnePixel(h)); entry != "" {
				return trackingWhy{what: "beacon image of " + entry}
			}
		}
		if hiddenImage(as) && !scriptedPicture(as, src) {
			return trackingWhy{what: "hidden image"}
		}
		if ok {
			alt, _ := attrVal(as, "alt")
			if what := listedImage(srcURL, strings.TrimSpace(alt) == ""); what != "" && !productImage(src) {
				return trackingWhy{what: what}
			}
		}
		return none
	case atom.Iframe:
		if src, ok := attrVal(as, "src"); ok {
			if what := listedEmbed(src, "iframe"); what != "" {
				return trackingWhy{what: what}
			}
		}
		return none
	case atom.Script:
		if src, ok := attrVal(as, "src"); ok && hostMatch(src, b.cfg.Tracking.ScriptHosts) {
			return trackingWhy{what: "tracker script"}
		}
		if src, ok := attrVal(as, "src"); ok {
			if what := listedEmbed(src, "script"); what != "" {
				return trackingWhy{what: what}
			}
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
	if matched.what == "" && !e.hasText {
		matched = adSlot(as)
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

// hostMatch reports whether URL u points at one of hosts or a subdomain
// of one; an entry with a path ("www.facebook.com/tr") also needs the
// path to start with it.
func hostMatch(u string, hosts []string) bool {
	host, path, ok := splitWebURL(u)
	if !ok {
		if !mayHaveHost(u) {
			return false
		}
		if strings.HasPrefix(u, "//") {
			u = "https:" + u
		}
		p, err := url.Parse(strings.TrimSpace(u))
		if err != nil || p.Host == "" {
			return false
		}
		host, path = strings.ToLower(p.Hostname()), strings.TrimPrefix(p.Path, "/")
	}
	for _, h := range hosts {
		hh, hp, _ := strings.Cut(h, "/")
		if (host == hh || strings.HasSuffix(host, hh) && host[len(host)-len(hh)-1] == '.') && (hp == "" || strings.HasPrefix(path, hp)) {
			return true
		}
	}
	return false
}

// beaconMatch is hostMatch for beacon images, by whole path segments: an
// entry with a path ("www.facebook.com/tr") matches that path, below it
// ("/tr/…") and with a query ("/tr?…"), never a longer name
// ("/trip-photo.jpg", tracking-beacon-photo-en). An entry whose path ends
// in "/" names a folder. An image that looks real (an image file name, a
// size over 1×1: realImage) is a beacon only at an entry's path exactly,
// or on a host listed without a path (the whole host is a tracker's).
// It returns the entry matched, or "".
func beaconMatch(u string, hosts []string, realImage bool) string {
	return beaconMatchSplit(splitOnce(u), hosts, realImage)
}

// beaconMatchSplit is beaconMatch of a URL split once (splitOnce).
func beaconMatchSplit(s splitURL, hosts []string, realImage bool) string {
	host, path, ok := s.beaconHostPath()
	if !ok {
		return ""
	}
	for _, h := range hosts {
		hh, hp, _ := strings.Cut(h, "/")
		if host != hh && !(strings.HasSuffix(host, hh) && host[len(host)-len(hh)-1] == '.') {
			continue
		}
		if beaconPath(path, hp, realImage) {
			return h
		}
	}
	return ""
}

// splitURL is a URL with splitWebURL's answer, read once for all the
// lookups of an image (the beacon hosts, the filter lists).
type splitURL struct {
	u          string
	host, path string
	ok         bool // splitWebURL read it
}

// splitOnce splits u for its lookups.
func splitOnce(u string) splitURL {
	host, path, ok := splitWebURL(u)
	return splitURL{u, host, path, ok}
}

// beaconHostPath is the host and path beaconMatch compares.
func (s splitURL) beaconHostPath() (host, path string, ok bool) {
	host, path, ok, u := s.host, s.path, s.ok, s.u
	if !ok {
		if !mayHaveHost(u) {
			return "", "", false // a relative path ("/images/a.png"): no parse
		}
		if strings.HasPrefix(u, "//") {
			u = "https:" + u
		}
		p, err := url.Parse(strings.TrimSpace(u))
		if err != nil || p.Host == "" {
			return "", "", false
		}
		host, path = strings.ToLower(p.Hostname()), strings.TrimPrefix(p.Path, "/")
	}
	return host, path, true
}

// mayHaveHost is false for a URL to which url.Parse gives no host (or
// an error): url.Parse reads a host only from an authority, which
// follows a "//" (after the scheme, if any), so a URL without "//" (a
// relative path, the commonest image reference splitWebURL leaves) has
// none. TestMayHaveHost holds it to url.Parse on generated URLs.
func mayHaveHost(u string) bool { return strings.Contains(u, "//") }

// beaconPath reports whether path matches an entry's path hp, its host
// matched (see beaconMatch).
func beaconPath(path, hp string, realImage bool) bool {
	exact := path == hp || path == strings.TrimSuffix(hp, "/") || path == hp+"/"
	switch {
	case hp == "", exact:
		return true
	case realImage:
	case strings.HasSuffix(hp, "/") && strings.HasPrefix(path, hp), strings.HasPrefix(path, hp+"/"):
		return true
	}
	return false
}

// hasImageExt reports whether URL u's path ends in an image extension.
// The extensions are "." and ASCII letters, so a suffix of u that folds
// to one is ASCII and starts at u's last ".": only that suffix is
// compared (TestURLFastPaths holds it to every extension's).
func hasImageExt(u string) bool {
	u = beforeQuery(u)
	i := strings.LastIndexByte(u, '.')
	if i < 0 {
		return false
	}
	ext := u[i:]
	for _, e := range imageExts {
		if len(ext) == len(e) && strings.EqualFold(ext, e) {
			return true
		}
	}
	return false
}

// beforeQuery cuts u at its first "?" or "#" (strings.IndexAny, without
// building a byte set for every call).
func beforeQuery(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u = u[:i]
	}
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	return u
}

// overOnePixel reports a width or height attribute of more than 1 pixel.
func overOnePixel(v string) bool {
	v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "px"))
	if v == "" || v[0] != '+' && v[0] != '-' && (v[0] < '0' || v[0] > '9') {
		return false // not a number: no error built (most images have no size)
	}
	n, err := strconv.Atoi(v)
	return err == nil && n > 1
}

// splitWebURL reads the lower-case host and the path (without its "/")
// of a plain http(s) or scheme-relative URL without parsing it: no
// allocation for the common case. ok is false for anything else (user
// info, escapes, upper-case hosts, another scheme), which url.Parse then
// reads.
func splitWebURL(u string) (host, path string, ok bool) {
	u = strings.TrimSpace(u)
	switch {
	case strings.HasPrefix(u, "https://"):
		u = u[len("https://"):]
	case strings.HasPrefix(u, "http://"):
		u = u[len("http://"):]
	case strings.HasPrefix(u, "//"):
		u = u[2:]
	default:
		return "", "", false
	}
	// One pass finds the host's end (the first "/", "?" or "#") and the
	// first byte a plain host has not; whether that byte is in the host
	// is known once the port is cut off.
	end, bad := len(u), len(u)
	for i := 0; i < len(u); i++ {
		if k := urlBytes[u[i]]; k != 0 {
			if k == urlHostEnd {
				end = i
				break
			}
			bad = min(bad, i)
		}
	}
	host = u[:end]
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host, "]") {
		host = host[:i]
	}
	if bad < len(host) {
		return "", "", false
	}
	if host == "" {
		return "", "", false
	}
	rest := beforeQuery(u[end:])
	if strings.IndexByte(rest, '%') >= 0 {
		return "", "", false
	}
	return host, strings.TrimPrefix(rest, "/"), true
}

// urlBytes classes the bytes of a URL's host for splitWebURL.
var urlBytes = func() (t [256]uint8) {
	for _, c := range []byte("/?#") {
		t[c] = urlHostEnd
	}
	for _, c := range []byte("@%[ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		t[c] = urlNotPlain
	}
	return t
}()

const (
	urlHostEnd  = 1 // ends the host
	urlNotPlain = 2 // user info, an escape, an IPv6 literal or upper case: url.Parse reads it
)

// productImage reports whether an image URL is Amazon's product-image
// widget (/widgets/q?…ASIN=…, Associates' "image link"): the product's
// own picture, a book's cover in a review, which a host list may carry
// (assoc-amazon.co.uk is on EasyList) but which is the post's picture.
// Its 1x1 companion (/e/ir) is a beacon and still goes
// (TestAdListsKeepProductImage).
func productImage(u string) bool {
	i := strings.Index(u, "/widgets/q?")
	return i >= 0 && strings.Contains(u[:i], "amazon") && strings.Contains(u[i:], "ASIN=")
}

// isBeacon reports whether an image URL is a beacon's.
func (b *bodyCleaner) isBeacon(u string) bool {
	return b.beaconEntry(u, hasImageExt(u)) != ""
}

// mdBeacon removes a Markdown image that is a beacon, with the link
// around it when the link holds nothing else (a counter badge:
// "[![](https://icon.cnzz.com/img/pic.gif)](https://www.cnzz.com/stat/…)")
// (the tracking-markup rule's image hook).
func (b *bodyCleaner) mdBeacon(r *linkRef) {
	l := &b.d.md.links[r.md]
	if l.open < 0 {
		return
	}
	what := "beacon image (Markdown)"
	if dest := splitOnce(l.dest); b.beaconEntryImage(dest, l.dest) == "" {
		if what = listedImage(dest, l.open >= 0 && bytes.HasPrefix(b.d.src[l.open:], []byte("![]"))); what == "" || productImage(l.dest) {
			return
		}
		what += " (Markdown)"
	}
	start, end := l.open, l.close
	if l.wrapOpen >= 0 {
		start, end, what = l.wrapOpen, l.wrapClose, what+" and the link around it"
	}
	if b.covered(start, end) || b.d.md.overlapsCode(start, end) {
		return
	}
	b.add(RuleTrackingMarkup, start, end, nil, "removed "+what+": "+truncate(l.dest, 80))
}

// trackingElement removes element i when it is tracking markup, and
// reports whether it did (the tracking-markup rule's element hook).
func (b *bodyCleaner) trackingElement(i int, as []attr) bool {
	if b.d.elems[i].tag == atom.Img && imgRef(as) {
		return false // an image reference: the image walk's (beacon)
	}
	return b.removeTracking(i, as)
}

// removeTracking removes element i when it is tracking markup, and
// reports whether it did.
func (b *bodyCleaner) removeTracking(i int, as []attr) bool {
	why, ok := b.kindOf(i) // asked already by the tail rule
	if !ok {
		why = b.trackingKindAttrs(i, as)
	}
	if why.what == "" {
		return false
	}
	e := &b.d.elems[i]
	if why.what != "empty tracking container" && why.what != "empty ad slot (EasyList)" || !b.standsAlone(e) {
		b.unsettled = true // not an empty container between tags (see settled)
	}
	b.add(RuleTrackingMarkup, e.start, e.end, nil, why.message())
	return true
}

// standsAlone reports whether element e has only white space between it
// and the tags (or the body's ends) before and after it: removing it
// joins no text, so every token and block around it reads as before.
func (b *bodyCleaner) standsAlone(e *element) bool {
	toks := b.d.toks
	for _, k := range [2]int{e.firstTok - 1, e.lastTok + 1} {
		step := 1
		if k < e.firstTok {
			step = -1
		}
		for ; k >= 0 && k < len(toks) && toks[k].kind == html.TextToken; k += step {
			if !blank(b.d.src[toks[k].start:toks[k].end]) {
				return false
			}
		}
	}
	return true
}

// scriptedPicture reports whether a hidden image is the article's: a
// photo or drawing file (not a GIF, the pixels' format), or any picture
// file with an id that a script or a style can show (a demo's image:
// testdata/golden/stays-hidden-picture.txtar). A hidden beacon names no
// picture file, or a GIF without an id.
func scriptedPicture(as []attr, src string) bool {
	if !hasImageExt(src) {
		return false
	}
	if _, ok := attrVal(as, "id"); ok {
		return true
	}
	p := beforeQuery(src)
	return !strings.HasSuffix(strings.ToLower(p), ".gif")
}
