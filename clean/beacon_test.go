package clean

import (
	"bytes"
	"testing"
)

// TestBeaconMatch: a beacon entry's path matches whole path segments, and
// an image that looks real is a beacon only at the entry's path exactly
// (issue 20, kind 6).
func TestBeaconMatch(t *testing.T) {
	hosts := []string{"www.facebook.com/tr", "hm.baidu.com", "feeds.example.org/~r/", "medium.example.com/_/stat"}
	for _, c := range []struct {
		u         string
		realImage bool
		want      string
	}{
		// The endpoint itself, below it, with a query or a fragment.
		{"https://www.facebook.com/tr", false, "www.facebook.com/tr"},
		{"https://www.facebook.com/tr/", false, "www.facebook.com/tr"},
		{"https://www.facebook.com/tr?id=1&ev=PageView", false, "www.facebook.com/tr"},
		{"https://www.facebook.com/tr/?id=1", false, "www.facebook.com/tr"},
		{"https://www.facebook.com/tr#x", false, "www.facebook.com/tr"},
		{"//www.facebook.com/tr?id=1", false, "www.facebook.com/tr"},
		{"https://www.facebook.com/tr/collect", false, "www.facebook.com/tr"},
		// A longer name that only starts like the endpoint: a photo.
		{"https://www.facebook.com/trip-photo.jpg", true, ""},
		{"https://www.facebook.com/trip-photo.jpg", false, ""},
		{"https://www.facebook.com/track", false, ""},
		{"https://www.facebook.com/photos/tr", false, ""},
		// Below the endpoint, but a real image: not exactly the endpoint.
		{"https://www.facebook.com/tr/photo.jpg", true, ""},
		// The endpoint exactly, even with a size or an image-like query.
		{"https://www.facebook.com/tr?id=1&ev=PageView", true, "www.facebook.com/tr"},
		// A host listed without a path is a tracker's host entirely.
		{"https://hm.baidu.com/hm.gif?si=1", true, "hm.baidu.com"},
		{"https://sub.hm.baidu.com/x", false, "hm.baidu.com"},
		{"https://nothm.baidu.com/x", false, ""},
		// A folder entry: anything in the folder, but no real image.
		{"https://feeds.example.org/~r/Blog/~4/abc", false, "feeds.example.org/~r/"},
		{"https://feeds.example.org/~r", false, "feeds.example.org/~r/"},
		{"https://feeds.example.org/~r/Blog/cover.png", true, ""},
		{"https://feeds.example.org/~rss", false, ""},
		{"https://medium.example.com/_/stat?event=post.clientViewed", false, "medium.example.com/_/stat"},
		{"https://medium.example.com/_/statistics.png", true, ""},
		// Not a web URL.
		{"data:image/gif;base64,R0lGOD", false, ""},
		{"/tr?id=1", false, ""},
	} {
		if got := beaconMatch(c.u, hosts, c.realImage); got != c.want {
			t.Errorf("beaconMatch(%q, real image %v) = %q, want %q", c.u, c.realImage, got, c.want)
		}
	}
}

func TestImageLooksReal(t *testing.T) {
	for _, c := range []struct {
		u    string
		want bool
	}{
		{"https://x.example/a.jpg", true},
		{"https://x.example/a.JPEG?w=640", true},
		{"https://x.example/p.gif#x", true},
		{"https://x.example/tr?id=1", false},
		{"https://x.example/track.php", false},
	} {
		if got := hasImageExt(c.u); got != c.want {
			t.Errorf("hasImageExt(%q) = %v, want %v", c.u, got, c.want)
		}
	}
	for v, want := range map[string]bool{"640": true, " 2px": true, "1": false, "0": false, "1px": false, "": false, "auto": false, "100%": false, "+5": true, "-3": false, "x1": false} {
		if got := overOnePixel(v); got != want {
			t.Errorf("overOnePixel(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestKindsNotShared: the answers of trackingKind live in pooled scratch
// memory; a body's element is never judged by another body's answer.
func TestKindsNotShared(t *testing.T) {
	pixel := []byte("---\ntitle: a\n---\n<p>Text one.</p>\n<img src=\"https://example.org/a.png\" width=\"1\" height=\"1\">\n<p>More text.</p>\n")
	plain := []byte("---\ntitle: b\n---\n<p>Text two.</p>\n<img src=\"https://example.org/b.png\" width=\"300\" height=\"200\">\n<p>More text.</p>\n")
	for range 3 {
		res, err := Document(pixel, Options{})
		if err != nil || bytes.Contains(res.Out, []byte("<img")) {
			t.Fatalf("pixel kept: %q, %v", res.Out, err)
		}
		res, err = Document(plain, Options{})
		if err != nil || !bytes.Equal(res.Out, plain) {
			t.Fatalf("plain image changed: %q, %v", res.Out, err)
		}
	}
}
