package learn

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
)

// Learning takes two passes, so that memory grows with the shapes that
// recur, not with the tree (issue 25). The first pass (Add) writes each
// post's blocks to a spill, in memory and then in a temporary file, and
// counts every shape in a sketch; the second (Propose) reads the spill
// back and keeps full counts, examples and fingerprints only for the
// shapes the sketch saw at least twice over the tree, and for the shapes
// of one post that share a template bucket (see induce) with a shape that
// recurs. Every entry needs at least two posts (--min-docs is at least
// 2), and a template needs members that recur (the varying part must
// recur), so what the second pass leaves out is a block of one post that
// no entry is made of. Each post is parsed once.

// sketch is a count-min sketch whose counters stop at 2: whether a shape
// has been seen at least twice. It never says "once" of a shape seen
// twice; it may say "twice" of one seen once (then its counts are kept,
// and are exact).
type sketch struct {
	rows [sketchRows][]byte // 2-bit counters, four a byte
}

const (
	sketchRows = 3
	// sketchWidth counters a row: 3 rows of 2^23 are 6 MiB, and a shape
	// seen once is taken for twice with a chance of about 1 in 1,000 at a
	// million distinct shapes (100,000 posts).
	sketchWidth = 1 << 23
)

func newSketch() *sketch {
	s := &sketch{}
	for i := range s.rows {
		s.rows[i] = make([]byte, sketchWidth/4)
	}
	return s
}

func (s *sketch) slot(h uint64, row int) (int, uint) {
	h1, h2 := uint32(h), uint32(h>>32)|1
	i := int((h1 + uint32(row)*h2) % sketchWidth)
	return i >> 2, uint(i&3) * 2
}

// add counts h once more (up to 2).
func (s *sketch) add(h uint64) {
	for r := range s.rows {
		b, sh := s.slot(h, r)
		if c := s.rows[r][b] >> sh & 3; c < 2 {
			s.rows[r][b] += 1 << sh
		}
	}
}

// twice reports whether h was counted at least twice (or may have been).
func (s *sketch) twice(h uint64) bool {
	for r := range s.rows {
		b, sh := s.slot(h, r)
		if s.rows[r][b]>>sh&3 < 2 {
			return false
		}
	}
	return true
}

// spillMemory is how much of the spill stays in memory before it goes to
// a temporary file: a small tree never touches the disk. (A variable for
// the tests.)
var spillMemory = 1 << 20

// spill holds the posts of the first pass, encoded.
type spill struct {
	buf  bytes.Buffer
	file *os.File
	w    *bufio.Writer
	err  error
}

func (s *spill) write(p *Post) {
	if s.err != nil {
		return
	}
	b := &s.buf
	putInt(b, p.index)
	putString(b, p.name)
	putInt(b, len(p.groups))
	for _, g := range p.groups {
		putString(b, g)
	}
	var a [8]byte
	binary.LittleEndian.PutUint64(a[:], p.article)
	b.Write(a[:])
	putString(b, p.only)
	putInt(b, len(p.obs))
	for _, o := range p.obs {
		var flags byte
		for i, f := range []bool{o.heading, o.related, o.inList, o.link, o.ownList, o.key == o.text, o.raw == o.text, o.listLink} {
			if f {
				flags |= 1 << i
			}
		}
		b.WriteByte(flags)
		var flags2 byte
		if o.afterLabel {
			flags2 = 1
		}
		b.WriteByte(flags2)
		b.WriteByte(byte(o.kind))
		b.WriteByte(o.where)
		putString(b, o.text)
		if o.key != o.text {
			putString(b, o.key)
		}
		if o.raw != o.text {
			putString(b, o.raw)
		}
	}
	if b.Len() < spillMemory {
		return
	}
	if s.file == nil {
		f, err := os.CreateTemp("", "mdclean-learn-")
		if err != nil {
			s.err = err
			return
		}
		// Unlinked at once where the system allows it: nothing is left
		// behind if learn is stopped.
		os.Remove(f.Name())
		s.file = f
		s.w = bufio.NewWriterSize(f, 1<<16)
	}
	if _, err := s.w.Write(b.Bytes()); err != nil {
		s.err = err
	}
	b.Reset()
}

// each reads the spilled posts back, in the order they were written.
func (s *spill) each(f func(p *Post)) error {
	if s.err != nil {
		return s.err
	}
	var r io.Reader = bytes.NewReader(s.buf.Bytes())
	if s.file != nil {
		if err := s.w.Flush(); err != nil {
			return err
		}
		if _, err := s.file.Seek(0, io.SeekStart); err != nil {
			return err
		}
		r = io.MultiReader(bufio.NewReaderSize(s.file, 1<<16), r)
	}
	br := bufio.NewReader(r)
	for {
		p, err := readSpilled(br)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		f(p)
	}
}

// close removes the temporary file.
func (s *spill) close() {
	if s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name()) // (where it could not be unlinked while open)
		s.file = nil
	}
	s.buf = bytes.Buffer{}
}

var errSpill = errors.New("learn: the spill file is damaged")

func readSpilled(r *bufio.Reader) (*Post, error) {
	index, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err // io.EOF at the end
	}
	var e error
	str := func() string {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			e = errSpill
			return ""
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			e = errSpill
		}
		return string(b)
	}
	num := func() int {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			e = errSpill
		}
		return int(n)
	}
	p := &Post{index: int(index), name: str()}
	for n := num(); n > 0 && e == nil; n-- {
		p.groups = append(p.groups, str())
	}
	var a [8]byte
	if _, err := io.ReadFull(r, a[:]); err != nil {
		return nil, errSpill
	}
	p.article = binary.LittleEndian.Uint64(a[:])
	p.only = str()
	for n := num(); n > 0 && e == nil; n-- {
		var h [4]byte
		if _, err := io.ReadFull(r, h[:]); err != nil {
			return nil, errSpill
		}
		flags := h[0]
		o := obs{afterLabel: h[1]&1 != 0, kind: int(h[2]), where: h[3], heading: flags&1 != 0, related: flags&2 != 0, inList: flags&4 != 0, link: flags&8 != 0, ownList: flags&16 != 0, listLink: flags&128 != 0}
		o.text = str()
		o.key, o.raw = o.text, o.text
		if flags&32 == 0 {
			o.key = str()
		}
		if flags&64 == 0 {
			o.raw = str()
		}
		p.obs = append(p.obs, o)
	}
	if e != nil {
		return nil, e
	}
	return p, nil
}

func putInt(b *bytes.Buffer, n int) {
	var a [binary.MaxVarintLen64]byte
	b.Write(a[:binary.PutUvarint(a[:], uint64(n))])
}

func putString(b *bytes.Buffer, s string) {
	putInt(b, len(s))
	b.WriteString(s)
}
