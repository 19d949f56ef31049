package textfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// UnwrapPathErr returns the error under a *fs.PathError ("no such file or
// directory"), for a message that names the path itself.
func UnwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadAll reads standard input; when it is a redirected file, into a
// buffer of its size rather than by doubling.
func ReadAll(r io.Reader) ([]byte, error) {
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			return readSized(f.Read, fi.Size())
		}
	}
	return io.ReadAll(r)
}

// readSized reads to EOF with read (f.Read, or readFD on a descriptor)
// into a buffer of size (plus one byte to see EOF), growing only if the
// file grew while read.
func readSized(read func([]byte) (int, error), size int64) ([]byte, error) {
	data := make([]byte, 0, size+1)
	for {
		want := cap(data) - len(data)
		n, err := read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		// A regular file reads short only at its end, and one longer
		// than size would have filled the spare byte: a short read
		// that stops at size is the end, with no read of nothing to
		// prove it (one system call in five a post).
		if n < want && int64(len(data)) == size {
			return data, nil
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// ReadRegular reads a file, refusing what mdclean must not touch: special
// files (a FIFO would hang the batch), and with write (-w) a symlink named
// on the command line (rewriting it would replace the link with a file).
// named is false for a file a directory walk found. The FileInfo returned
// with write is WriteAtomic's orig (without it, it may be nil).
func ReadRegular(path string, named, write bool) ([]byte, os.FileInfo, error) {
	if !named {
		// A walk took it for a regular file from its directory entry: it
		// is opened without following a symlink and checked on the
		// descriptor (fstat), with no lstat walking the path first (~6%
		// of a batch's CPU samples, in the kernel). What took its place
		// since, or what this cannot open, goes the named files' way.
		if data, fi, ok, err := readWalked(path, write); ok {
			return data, fi, err
		}
	}
	li, err := os.Lstat(path)
	if err != nil {
		return nil, nil, UnwrapPathErr(err)
	}
	if li.Mode()&os.ModeSymlink != 0 {
		if write {
			return nil, nil, errors.New("is a symlink; not rewritten (name the file it points to)")
		}
		if li, err = os.Stat(path); err != nil {
			return nil, nil, UnwrapPathErr(err)
		}
	}
	if li.IsDir() {
		return nil, nil, errors.New("is a directory")
	}
	if !li.Mode().IsRegular() {
		return nil, nil, errors.New("not a regular file")
	}
	f, err := OpenRead(path)
	if err != nil {
		return nil, nil, UnwrapPathErr(err)
	}
	defer f.Close()
	// A buffer of the file's size, not io.ReadAll's doubling: a 100 MB
	// post must not cost 200 MB to read.
	data, err := readSized(f.Read, li.Size())
	if err != nil {
		return nil, nil, UnwrapPathErr(err)
	}
	return data, li, nil
}
