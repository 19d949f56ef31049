package clean

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"github.com/mdclean/mdclean/internal/adlist"
)

// The filter lists' part of the tracking-markup rule: EasyList and
// EasyPrivacy (internal/adlist, a pinned snapshot) say which hosts serve
// ads and trackers and which classes and ids name ad containers.
//
//   - an <img> or Markdown image from an EasyPrivacy host is a tracker
//     when its path names no picture file or it has no alt text (a
//     pixie.png); from an EasyList host, an ad when its path names no
//     picture file (an ad server's /serve?zone=…, not /charts/q3.png: an
//     ad company's own chart in an article stays); on the same terms, an
//     image whose URL an e-mail tracker rule of EasyPrivacy matches is a
//     newsletter's open pixel (adlist.MailOpen: /track/open.php?,
//     /wf/open?upn=, substackcdn.com/open?);
//   - a <script> or <iframe> from either list's hosts is a tracker or an ad;
//   - an element with an EasyList ad class or id that holds no text and
//     no media is an empty ad slot.

// listedImage says what an image URL (split once: splitOnce) is by the
// lists ("" if nothing); noAlt: the image has no alt text.
func listedImage(s splitURL, noAlt bool) string {
	host, p, ok := s.listHostPath()
	if !ok {
		return ""
	}
	switch l, _ := adlist.Host(host); l {
	case adlist.EasyPrivacy:
		if noAlt || !imageFile(p) {
			return "tracker image (EasyPrivacy: " + host + ")"
		}
	case adlist.EasyList:
		if !imageFile(p) {
			return "ad image (EasyList: " + host + ")"
		}
	}
	if noAlt || !imageFile(p) {
		if rule := adlist.MailOpen(s.u); rule != "" {
			return "e-mail open tracker (EasyPrivacy: " + rule + ")"
		}
	}
	return ""
}

// listedEmbed says what a <script> or <iframe> source is by the lists.
func listedEmbed(u, what string) string {
	host, _, ok := urlHostPath(u)
	if !ok {
		return ""
	}
	switch l, _ := adlist.Host(host); l {
	case adlist.EasyPrivacy:
		return "tracker " + what + " (EasyPrivacy: " + host + ")"
	case adlist.EasyList:
		return "ad " + what + " (EasyList: " + host + ")"
	}
	return ""
}

// urlHostPath is the lower-case host and the path of an http(s) or
// scheme-relative URL.
func urlHostPath(u string) (host, p string, ok bool) {
	return splitOnce(u).listHostPath()
}

// listHostPath is urlHostPath of a URL split once (splitOnce).
func (s splitURL) listHostPath() (host, p string, ok bool) {
	if s.ok {
		return s.host, s.path, true
	}
	u := strings.TrimSpace(s.u)
	if !strings.HasPrefix(u, "http") && !strings.HasPrefix(u, "//") {
		return "", "", false
	}
	if strings.HasPrefix(u, "//") {
		u = "https:" + u
	}
	pu, err := url.Parse(u)
	if err != nil || pu.Host == "" {
		return "", "", false
	}
	return strings.ToLower(pu.Hostname()), strings.TrimPrefix(pu.Path, "/"), true
}

// imageExts are the extensions of picture files.
var imageExts = []string{".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".tif", ".tiff", ".ico", ".heic"}

// imageFile reports whether a URL path names a picture file by its
// extension. A beacon's path (/~/i/…, /open/…, /pixel?…) names none.
func imageFile(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	for _, e := range imageExts {
		if ext == e {
			return true
		}
	}
	return false
}

// adSlot says whether an element's class or id is an EasyList ad
// container's (the caller has checked that it holds nothing).
func adSlot(as []attr) trackingWhy {
	if id := attrRaw(as, "id"); len(id) > 0 && adlist.ID(string(id)) {
		return trackingWhy{"empty ad slot (EasyList)", "id", string(id)}
	}
	if cls := attrRaw(as, "class"); len(cls) > 0 {
		for _, c := range bytes.Fields(cls) {
			if adlist.Class(string(c)) {
				return trackingWhy{"empty ad slot (EasyList)", "class", string(c)}
			}
		}
	}
	return trackingWhy{}
}

// hiddenImage reports whether an <img> is never shown and says nothing:
// the hidden attribute or a display:none / visibility:hidden style, and
// no alt text (a beacon a feed hides instead of sizing it 1x1).
func hiddenImage(as []attr) bool {
	if alt, _ := attrVal(as, "alt"); strings.TrimSpace(alt) != "" {
		return false
	}
	if attrRaw(as, "hidden") != nil {
		return true
	}
	style, _ := attrVal(as, "style")
	style = strings.ToLower(strings.ReplaceAll(style, " ", ""))
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}
