package textfile

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestReadRegularSizes holds ReadRegular (a walked file read on its
// descriptor, with and without write; a named file) to os.ReadFile on
// files of many sizes, around the buffer's spare byte and page sizes.
func TestReadRegularSizes(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	sizes := []int{0, 1, 2, 4095, 4096, 4097, 8191, 8192, 65536, 65537, 1 << 20}
	for range 40 {
		sizes = append(sizes, r.IntN(200000))
	}
	for i, n := range sizes {
		want := make([]byte, n)
		for j := range want {
			want[j] = byte(r.Uint32())
		}
		path := filepath.Join(dir, "post.md")
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ named, write bool }{{false, false}, {false, true}, {true, false}, {true, true}} {
			got, fi, err := ReadRegular(path, c.named, c.write)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("case %d, %d bytes, named %v write %v: %d bytes, %v", i, n, c.named, c.write, len(got), err)
			}
			if c.write && (fi == nil || fi.Size() != int64(n)) {
				t.Fatalf("case %d, write: FileInfo %v", i, fi)
			}
		}
	}
}

// TestReadRegularNotRegular: what a walk took for a file but is not one
// now (a directory, a symlink) goes the named files' way and its error.
func TestReadRegularNotRegular(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub.md")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, write := range []bool{false, true} {
		if _, _, err := ReadRegular(sub, false, write); err == nil || err.Error() != "is a directory" {
			t.Errorf("directory, write %v: %v, want is a directory", write, err)
		}
	}
	target := filepath.Join(dir, "target.md")
	os.WriteFile(target, []byte("text"), 0o644)
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if _, _, err := ReadRegular(link, false, true); err == nil {
		t.Errorf("symlink with write: no error")
	}
	if got, _, err := ReadRegular(link, false, false); err != nil || string(got) != "text" {
		t.Errorf("symlink: %q, %v", got, err)
	}
}

// chunkReader reads src in pieces of random lengths, as a file system
// may return short reads before the end.
type chunkReader struct {
	src []byte
	r   *rand.Rand
}

func (c *chunkReader) Read(b []byte) (int, error) {
	if len(c.src) == 0 {
		return 0, io.EOF
	}
	n := min(len(b), len(c.src))
	if c.r.IntN(3) == 0 {
		n = 1 + c.r.IntN(n)
	}
	copy(b, c.src[:n])
	c.src = c.src[n:]
	return n, nil
}

// TestReadSized holds readSized to io.ReadAll: short reads anywhere, and
// a size that is right, too small (the file grew) or too large (it
// shrank). The one case where it stops before io.ReadAll would, a short
// read ending exactly at a size smaller than the file, needs the file to
// grow between fstat and read, and is not generated: there the reader
// fills what it is asked for.
func TestReadSized(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 3000 {
		n := r.IntN(3000)
		src := make([]byte, n)
		for j := range src {
			src[j] = byte(r.Uint32())
		}
		size := int64(n)
		short := true
		switch r.IntN(3) {
		case 1:
			size = int64(r.IntN(n + 1)) // the file grew since fstat
			short = false
		case 2:
			size = int64(n + 1 + r.IntN(100)) // it shrank
		}
		var rd io.Reader = &chunkReader{src: src, r: r}
		if !short {
			rd = bytes.NewReader(src) // fills every read but the last
		}
		got, err := readSized(rd.Read, size)
		if err != nil || !bytes.Equal(got, src) {
			t.Fatalf("case %d: %d bytes, size %d: got %d bytes, %v", i, n, size, len(got), err)
		}
	}
}

// TestReadAllAtOffset: standard input opened on a file and read partly
// before: what is left, though fstat gives the whole file's size.
func TestReadAllAtOffset(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.md")
	os.WriteFile(path, []byte("0123456789"), 0o644)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.Seek(4, io.SeekStart)
	if got, err := ReadAll(f); err != nil || string(got) != "456789" {
		t.Errorf("ReadAll at offset 4: %q, %v", got, err)
	}
}
