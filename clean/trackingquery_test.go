package clean

import "testing"

// TestTrackingParamsDropEmptyQuery: a feed reader's link can end its
// query with a stray '&' (or start it with one). When the tracking
// parameters were all it carried, the '?' goes with them: no link is left
// ending in a bare '?'. An empty part between kept parameters stays.
func TestTrackingParamsDropEmptyQuery(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"See [the guide](https://docs.example.org/tips/ferry-times?utm_source=reader&utm_medium=feed&) today.\n",
			"See [the guide](https://docs.example.org/tips/ferry-times) today.\n"},
		{"See [the guide](https://docs.example.org/tips/ferry-times?&utm_source=reader#part-2) today.\n",
			"See [the guide](https://docs.example.org/tips/ferry-times#part-2) today.\n"},
		{"See [the guide](https://docs.example.org/tips?page=2&&utm_source=reader&) today.\n",
			"See [the guide](https://docs.example.org/tips?page=2&&) today.\n"},
	} {
		got, _ := cleanMD(t, c.in)
		if got != c.want {
			t.Errorf("clean(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
