package main

// An op is a run of tokens the cleaned post lost (Del, indexes into the
// original's tokens) or gained (Ins, indexes into the cleaned post's).
type op struct {
	Del        bool
	Start, End int // [Start, End) in a (Del) or b (insertions)
}

// maxEdit bounds the Myers search: a post whose visible text changed by
// more tokens than this is reported as one removal of everything between
// the common prefix and suffix (it is read by hand anyway).
const maxEdit = 4000

// diffTokens returns the runs of tokens deleted from a and inserted into b
// (Myers' O(ND) algorithm over token texts, after trimming the common
// prefix and suffix).
func diffTokens(a, b []token) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre].Text == b[pre].Text {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf].Text == b[len(b)-1-suf].Text {
		suf++
	}
	x := a[pre : len(a)-suf]
	y := b[pre : len(b)-suf]
	var ops []op
	if len(x)+len(y) == 0 {
		return nil
	}
	script, ok := myers(x, y)
	if !ok {
		if len(x) > 0 {
			ops = append(ops, op{Del: true, Start: pre, End: pre + len(x)})
		}
		if len(y) > 0 {
			ops = append(ops, op{Start: pre, End: pre + len(y)})
		}
		return ops
	}
	// script is a sequence of 'd' (delete x[i]), 'i' (insert y[j]), '=' .
	i, j := 0, 0
	for k := 0; k < len(script); {
		switch script[k] {
		case '=':
			i++
			j++
			k++
		case 'd':
			s := i
			for k < len(script) && script[k] == 'd' {
				i++
				k++
			}
			ops = append(ops, op{Del: true, Start: pre + s, End: pre + i})
		case 'i':
			s := j
			for k < len(script) && script[k] == 'i' {
				j++
				k++
			}
			ops = append(ops, op{Start: pre + s, End: pre + j})
		}
	}
	return ops
}

// myers computes a shortest edit script from x to y, or ok=false when it
// needs more than maxEdit edits.
func myers(x, y []token) (script []byte, ok bool) {
	n, m := len(x), len(y)
	max := min(n+m, maxEdit)
	// trace[d] holds V[k] for k in [-d, d] after step d.
	var trace [][]int
	off := max + 1
	v := make([]int, 2*max+3)
	get := func(k int) int { return v[k+off] }
	for d := 0; d <= max; d++ {
		cur := make([]int, 2*d+1)
		for k := -d; k <= d; k += 2 {
			var xs int
			if k == -d || (k != d && get(k-1) < get(k+1)) {
				xs = get(k + 1)
			} else {
				xs = get(k-1) + 1
			}
			ys := xs - k
			for xs < n && ys < m && x[xs].Text == y[ys].Text {
				xs++
				ys++
			}
			v[k+off] = xs
			cur[k+d] = xs
			if xs >= n && ys >= m {
				trace = append(trace, cur)
				return backtrack(trace, n, m), true
			}
		}
		trace = append(trace, cur)
	}
	return nil, false
}

func backtrack(trace [][]int, n, m int) []byte {
	var rev []byte
	xs, ys := n, m
	for d := len(trace) - 1; d > 0; d-- {
		prev := trace[d-1]
		k := xs - ys
		at := func(k int) int { return prev[k+d-1] }
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		for xs > px && ys > py {
			rev = append(rev, '=')
			xs--
			ys--
		}
		if xs == px {
			rev = append(rev, 'i')
		} else {
			rev = append(rev, 'd')
		}
		xs, ys = px, py
	}
	for xs > 0 && ys > 0 {
		rev = append(rev, '=')
		xs--
		ys--
	}
	out := make([]byte, len(rev))
	for i := range rev {
		out[i] = rev[len(rev)-1-i]
	}
	return out
}
