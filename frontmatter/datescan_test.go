package frontmatter

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// dateScanValues generates date-like values of every family: all field
// widths, edge and impossible digits, zones, AM/PM, trailing junk, CJK,
// odd spaces and case, and random mutations of them.
func dateScanValues() []string {
	r := rand.New(rand.NewPCG(7, 8))
	good := map[*string]int{}
	// Each list opens with the well-formed choices, taken 4 times in 5.
	pick := func(xs []string) string {
		if k := good[&xs[0]]; k > 0 && r.IntN(5) > 0 {
			return xs[r.IntN(k)]
		}
		return xs[r.IntN(len(xs))]
	}
	years := []string{"2021", "1999", "0999", "1000", "9999", "0000", "202", "20211", "21"}
	nums := []string{"1", "01", "07", "7", "9", "12", "13", "19", "28", "29", "30", "31", "32", "00", "0", "007", "123", "99"}
	hours := []string{"0", "00", "1", "01", "9", "10", "12", "13", "23", "24", "25", "99", "100"}
	mins := []string{"00", "59", "30", "60", "0", "5", "99", "000"}
	fracs := []string{"", "", ".5", ".123", ".123456789", ".1234567891", ",5", ".", ",", ".x", "..5"}
	seps := []string{"T", "t", " ", "  ", "\t", " \t ", "\n", "\f", "\v", "_", "", "Tx", "T ", "\u00a0", "　"}
	zones := []string{"", "", "", "Z", "z", "UTC", "utc", "Utc", "GMT", "gmt", "UT", "ut", "EST", "est", "EDT", "MST", "MDT",
		"PST", "pst", "PDT", "CST", "+08", "+8", "+0800", "+08:00", "+8:00", "+800", "+08:0", "+080", "-0530", "-05:30",
		"+14:00", "+15", "+12345", "+", "-", "GMT+8", "GMT+08:00", "UTC-05:00", "UTC+0800", "utc+8", "Gmt-3", "UT+8",
		"GMT+", "+08:00Z", "Z+08", "AM", "PM", "am", "P.M.", "a.m.", "PMZ", "AM GMT", "PM +0800", "AMST",
		"ZZ", "Zx", "ſt", "EſT", "ＧＭＴ", "+０８"}
	zsp := []string{"", " ", "  ", "\t", "\n"}
	junk := []string{"", "x", " x", "年", "中文", "!", " ", ".", ",", "0", "Z", "ſ", "日"}
	weekdays := []string{"", "", "Mon", "Monday", "MON", "mon", "Tue", "Wed", "Wednesday", "Thu", "Thursday", "Fri",
		"Sat", "Sun", "Sunday", "ſun", "ſat", "Mon.", "Mo", "Xyz", "Mond4y", "Mon,", "Wed.,"}
	wsep := []string{", ", " ", ",", ".,  ", ",\t", ""}
	months := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"January", "AUG", "aug", "August", "Sept.", "Aug.", "ſep", "Ju", "Mayy", "Decembre", "Kan", "Xyz", "Aug4"}
	msep := []string{" ", ", ", ",", ". ", "  ", "\t", ""}
	tsep := []string{" ", ", ", ",", "  ", "", " at ", ", at "}

	for _, l := range []struct {
		xs []string
		k  int
	}{{years, 3}, {nums, 11}, {hours, 9}, {mins, 4}, {junk, 1}, {seps, 9}, {zones, 50}, {weekdays, 15}, {wsep, 4}, {months, 20}, {msep, 5}, {tsep, 5}} {
		good[&l.xs[0]] = l.k
	}
	var out []string
	timePart := func() string {
		t := pick(hours) + ":" + pick(mins)
		switch r.IntN(4) {
		case 0:
		case 1:
			t += ":" + pick(mins) + pick(fracs)
		default:
			t += ":" + pick(mins)
		}
		if z := pick(zones); z != "" {
			t += pick(zsp) + z
		}
		return t
	}
	for range 150000 {
		var v string
		switch r.IntN(5) {
		case 0, 1: // year first: iso, slash, dot, chinese
			sep := pick([]string{"-", "-", "-", "/", ".", "年", " 年 ", "_"})
			v = pick(years) + sep + pick(nums) + sep + pick(nums)
			if sep != "-" && sep != "/" && sep != "." {
				v = pick(years) + sep + pick(nums) + "月" + pick(nums) + pick([]string{"日", "号", " 日", ""})
			}
			if r.IntN(4) > 0 {
				v += pick(seps) + timePart()
			}
		case 2, 3: // day first
			w := pick(weekdays)
			if w != "" {
				w += pick(wsep)
			}
			v = w + pick(nums) + pick(msep) + pick(months) + pick(msep) + pick(years)
			if r.IntN(4) > 0 {
				v += pick(tsep) + timePart()
			}
		case 4: // month first, unix
			w := pick(weekdays)
			if w != "" {
				w += pick(wsep)
			}
			if r.IntN(2) == 0 {
				v = w + pick(months) + " " + pick(nums) + pick([]string{"", "st", "th"}) + pick(msep) + pick(years)
				if r.IntN(2) == 0 {
					v += pick(tsep) + timePart()
				}
			} else {
				v = w + pick(months) + " " + pick(nums) + " " + timePart() + " " + pick(years)
			}
		}
		v += pick(junk)
		// A mutation now and then: a byte dropped, doubled or changed.
		if r.IntN(6) == 0 && len(v) > 1 {
			b := []byte(v)
			i := r.IntN(len(b))
			switch r.IntN(3) {
			case 0:
				b = append(b[:i], b[i+1:]...)
			case 1:
				b = append(b[:i+1], b[i:]...)
			case 2:
				b[i] = "0 9:-T.,Z+aM"[r.IntN(12)]
			}
			v = string(b)
		}
		out = append(out, strings.TrimSpace(v))
	}
	return out
}

// TestDateScan holds the fast paths of Classify to the family regexps:
// scanDate must give the fields the regexp gives, mayMatch must never
// skip a family whose regexp matches, and Classify must give the same
// Value and Verdict with them as with the regexps alone.
func TestDateScan(t *testing.T) {
	fams := families()
	scanned := map[int]int{}
	matched := map[string]int{}
	for _, v := range dateScanValues() {
		if v == "" || !hasDigit(v) {
			continue
		}
		first := -1
		var firstG fields
		for i, f := range fams {
			g, ok := f.match(v)
			if !ok {
				continue
			}
			if !mayMatch(i, v) {
				t.Fatalf("mayMatch(%s, %q) = false, but the regexp matches", f.name, v)
			}
			if first < 0 {
				first, firstG = i, g
				matched[f.name]++
			}
		}
		if i, g, ok := scanDate(v); ok {
			scanned[i]++
			if i != first || g != firstG {
				want := "no family"
				if first >= 0 {
					want = fams[first].name
				}
				t.Fatalf("scanDate(%q) = %s %q, the regexps give %s %q", v, fams[i].name, g, want, firstG)
			}
		}
		fv, fverdict := classifyShape(v, true)
		sv, sverdict := classifyShape(v, false)
		if fverdict != sverdict || !reflect.DeepEqual(fv, sv) {
			t.Fatalf("%q: fast %v %+v, regexps %v %+v", v, fverdict, fv, sverdict, sv)
		}
	}
	t.Logf("matched by family: %v; scanned: iso %d, day-month %d", matched, scanned[familyISO], scanned[familyDayMonth])
	if scanned[familyISO] < 5000 || scanned[familyDayMonth] < 3000 {
		t.Fatalf("too few values scanned: %v", scanned)
	}
	for _, f := range dateFamilies {
		if matched[f.name] < 500 {
			t.Fatalf("family %s matched only %d values", f.name, matched[f.name])
		}
	}
	if dateFamilies[familyISO].name != "iso" || dateFamilies[familyDayMonth].name != "day-month" {
		t.Fatal("familyISO or familyDayMonth is not that family's index")
	}
}

// TestPlaceholderFold holds isPlaceholder's ASCII path to the lowering
// it spares.
func TestPlaceholderFold(t *testing.T) {
	slow := func(v string) bool {
		lower := strings.ToLower(strings.TrimSpace(v))
		for _, p := range placeholders {
			if lower == p {
				return true
			}
		}
		return false
	}
	r := rand.New(rand.NewPCG(9, 10))
	var values []string
	for _, p := range placeholders {
		values = append(values, p, strings.ToUpper(p), " "+p+" ", p+"x", strings.ReplaceAll(p, "i", "İ"),
			strings.ReplaceAll(p, "n", "N"), strings.ReplaceAll(p, "l", "L"))
	}
	for range 20000 {
		b := []byte(placeholders[r.IntN(len(placeholders))])
		for n := 1 + r.IntN(2); n > 0 && len(b) > 0; n-- {
			i := r.IntN(len(b))
			switch r.IntN(3) {
			case 0:
				b[i] ^= 0x20
			case 1:
				b = append(b[:i], b[i+1:]...)
			case 2:
				b[i] = "aAzZ0 İſK@["[r.IntN(11)]
			}
		}
		values = append(values, string(b))
	}
	for _, v := range values {
		if got, want := isPlaceholder(v), slow(v); got != want {
			t.Fatalf("isPlaceholder(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestMonthOf holds monthOf to the lowering it spares.
func TestMonthOf(t *testing.T) {
	slow := func(mon string) int {
		mon = strings.ToLower(mon)
		for i, n := range monthNames {
			if strings.HasPrefix(mon, n) {
				return i + 1
			}
		}
		return 0
	}
	values := []string{"", "a", "au", "ſep", "ſEP", "İan", "Kan", "Dec", "dEC", "SEPT", "Sept", "august", "AUGUST", "Aug.", "jUn", "Ju"}
	for _, n := range monthNames {
		values = append(values, n, strings.ToUpper(n), strings.ToUpper(n[:1])+n[1:], n+"x", n[:2], n[:2]+"ſ", "K"+n[1:], n[:1]+"İ"+n[2:])
	}
	for _, v := range values {
		if got, want := monthOf(v), slow(v); got != want {
			t.Fatalf("monthOf(%q) = %d, want %d", v, got, want)
		}
	}
}
