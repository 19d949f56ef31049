package adlist

import (
	"bufio"
	_ "embed"
	"io"
	"slices"
	"strings"
	"sync"
)

// The e-mail open trackers: EasyPrivacy's section
// easyprivacy_general_emailtrackers.txt, the rules its maintainers keep
// for the pixels that tell a newsletter's sender the mail was opened
// (Mailchimp's list-manage.com/track/open.php, SendGrid's /wf/open?upn=,
// Substack's substackcdn.com/open?, …). A newsletter published as a post
// carries its pixel along; the host lists (||host^) do not name most of
// them, since the trackers sit on the senders' own hosts.
//
//go:embed data/easyprivacy-mailopens.txt
var mailOpenRules string

// mailOpenSection is the header line of the section in easyprivacy.txt.
const mailOpenSection = "! *** easylist:easyprivacy/easyprivacy_general_emailtrackers.txt ***"

// mailOpenOptions are the $options a rule of the section may carry and
// still be kept: it blocks an image anywhere.
var mailOpenOptions = map[string]bool{"image": true, "third-party": true, "3p": true}

// ReadMailOpens returns the network rules of EasyPrivacy's e-mail
// trackers section, their options cut off, sorted and without duplicates.
// Kept: rules with no option or only mailOpenOptions, that are no
// exception (@@) and no regular expression (/…/), and whose text is not
// percent-encoded (%2F…: the tracker's URL inside another's query).
func ReadMailOpens(r io.Reader) ([]string, error) {
	var out []string
	in := false
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "!") {
			if strings.HasPrefix(line, "! ***") {
				in = line == mailOpenSection
			}
			continue
		}
		if !in || line == "" || strings.HasPrefix(line, "@@") || strings.Contains(line, "#") || strings.Contains(line, "%") {
			continue
		}
		rule, opts, _ := strings.Cut(line, "$")
		if opts != "" {
			ok := true
			for _, o := range strings.Split(opts, ",") {
				ok = ok && mailOpenOptions[o]
			}
			if !ok {
				continue
			}
		}
		if len(rule) < 4 || len(rule) > 2 && strings.HasPrefix(rule, "/") && strings.HasSuffix(rule, "/") {
			continue // too short to say anything, or a regular expression
		}
		out = append(out, strings.ToLower(rule))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// mailOpenRule is one rule compiled: the parts between its wildcards
// (*), each with the separators (^) in it, and whether it is anchored at
// the URL's start (|) or end (|).
type mailOpenRule struct {
	text       string
	parts      []string
	start, end bool
	// key is the rule's longest part without a separator: a URL that
	// does not hold it is not matched (a quick no for most).
	key string
}

var (
	mailOpenOnce     sync.Once
	mailOpenCompiled []mailOpenRule
	// mailOpenByPair lists the rules by the first two bytes of their key:
	// a URL is read once, each rule asked only where its key may start.
	mailOpenByPair [][]int32
	// mailOpenPairs is the pairs that start a key as a bit set (bit
	// b0<<8|b1): most of a URL's byte pairs start none, and the set
	// (8 KiB) stays in the cache. mailOpenPairIndex gives a pair's
	// bucket in mailOpenByPair.
	mailOpenPairs     [1 << 16 / 64]uint64
	mailOpenPairIndex [1 << 16]uint16
	// mailOpenQuads is the keys' first four bytes, hashed (quadHash),
	// as a bit set: every key is five bytes long at least, and of a
	// URL's positions whose pair starts a key (".c", "/t") few hold a
	// key's first four bytes, so this bit answers no for most.
	mailOpenQuads [1 << 16 / 64]uint64
)

// quadHash hashes the four bytes of s at i to 16 bits.
func quadHash(s string, i int) uint32 {
	s = s[i : i+4] // one bounds check; the compiler then loads the four bytes as one word
	w := uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
	return (w * 0x9E3779B1) >> 16
}

func compileMailOpens() {
	for _, r := range strings.Split(strings.TrimSpace(mailOpenRules), "\n") {
		if r == "" {
			continue
		}
		c := mailOpenRule{text: r}
		s := r
		if strings.HasPrefix(s, "||") {
			s = "://" + s[2:] // close enough: the rules of the section have no ||
		} else if strings.HasPrefix(s, "|") {
			c.start, s = true, s[1:]
		}
		if strings.HasSuffix(s, "|") {
			c.end, s = true, s[:len(s)-1]
		}
		c.parts = strings.Split(s, "*")
		for _, p := range c.parts {
			for _, k := range strings.Split(p, "^") {
				if len(k) > len(c.key) {
					c.key = k
				}
			}
		}
		mailOpenCompiled = append(mailOpenCompiled, c)
	}
	mailOpenByPair = [][]int32{nil} // bucket 0: no key starts with the pair
	for i, c := range mailOpenCompiled {
		if len(c.key) < 4 {
			// Left out of the index, so never matched: no rule of the
			// list has a key this short (TestMailOpenKeys).
			continue
		}
		h := quadHash(c.key, 0)
		mailOpenQuads[h>>6] |= 1 << (h & 63)
		bit := int(c.key[0])<<8 | int(c.key[1])
		if mailOpenPairIndex[bit] == 0 {
			mailOpenPairIndex[bit] = uint16(len(mailOpenByPair))
			mailOpenByPair = append(mailOpenByPair, nil)
			mailOpenPairs[bit>>6] |= 1 << (bit & 63)
		}
		k := mailOpenPairIndex[bit]
		mailOpenByPair[k] = append(mailOpenByPair[k], int32(i))
	}
}

// MailOpen returns the rule of EasyPrivacy's e-mail trackers that the
// URL u matches (the URL as written: scheme, host, path and query), or
// "". Matching is Adblock Plus's: a rule matches anywhere in the URL,
// case folded; * is any run of characters, ^ a separator (a character
// other than a letter, a digit or one of _-.%) or the URL's end.
func MailOpen(u string) string {
	mailOpenOnce.Do(compileMailOpens)
	lu := lowerASCII(u)
	// The first rule in the list's order whose key the URL holds and
	// that matches it.
	best := -1
	for i := 0; i+4 <= len(lu); i++ {
		if h := quadHash(lu, i); mailOpenQuads[h>>6]&(1<<(h&63)) == 0 {
			continue // no key starts with these four bytes
		}
		bit := int(lu[i])<<8 | int(lu[i+1])
		if mailOpenPairs[bit>>6]&(1<<(bit&63)) == 0 {
			continue // no key starts with this pair
		}
		for _, r := range mailOpenByPair[mailOpenPairIndex[bit]] {
			if (best < 0 || int(r) < best) && strings.HasPrefix(lu[i:], mailOpenCompiled[r].key) && mailOpenCompiled[r].match(lu) {
				best = int(r)
			}
		}
	}
	if best < 0 {
		return ""
	}
	return mailOpenCompiled[best].text
}

// lowerASCII folds A-Z to a-z: the rules are lower case ASCII, and a
// browser asks for a URL with its other characters percent-encoded, so
// a non-ASCII letter matches no rule letter (strings.ToLower would fold
// the Kelvin sign or a dotted İ to a rule's k or i). A URL with no upper
// case letter is returned as it is, without a copy.
func lowerASCII(u string) string {
	i := 0
	for i < len(u) && (u[i] < 'A' || u[i] > 'Z') {
		i++
	}
	if i == len(u) {
		return u
	}
	b := []byte(u)
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

// match reports whether the rule matches the lower-cased URL u.
func (r *mailOpenRule) match(u string) bool {
	if r.start {
		return matchParts(u, r.parts, true, r.end)
	}
	for i := 0; i <= len(u); i++ {
		if matchParts(u[i:], r.parts, true, r.end) {
			return true
		}
	}
	return false
}

// matchParts reports whether parts, joined by wildcards, match s: the
// first at s's start when anchored, the last at s's end when end.
func matchParts(s string, parts []string, anchored, end bool) bool {
	if len(parts) == 0 {
		return !end || s == ""
	}
	p := parts[0]
	if anchored {
		n, ok := matchAt(s, p, len(parts) == 1 && end)
		if !ok {
			return false
		}
		return matchParts(s[n:], parts[1:], false, end)
	}
	for i := 0; i <= len(s); i++ {
		if n, ok := matchAt(s[i:], p, len(parts) == 1 && end); ok && matchParts(s[i+n:], parts[1:], false, end) {
			return true
		}
	}
	return false
}

// matchAt reports whether pattern p (no wildcard; ^ a separator) matches
// at s's start, and how many bytes of s it takes; with end, it must take
// all of s. A ^ at p's end also matches s's end.
func matchAt(s, p string, end bool) (int, bool) {
	i := 0
	for j := 0; j < len(p); j++ {
		if p[j] == '^' {
			if i == len(s) {
				if j == len(p)-1 {
					return i, true
				}
				return 0, false
			}
			if !separator(s[i]) {
				return 0, false
			}
			i++
			continue
		}
		if i == len(s) || s[i] != p[j] {
			return 0, false
		}
		i++
	}
	if end && i != len(s) {
		return 0, false
	}
	return i, true
}

// separator is Adblock Plus's ^: anything but a letter, a digit or one of
// _-.%.
func separator(c byte) bool {
	return !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.' || c == '%')
}

// MailOpensText is the embedded rules, for the test that they are
// current.
func MailOpensText() string { return mailOpenRules }
