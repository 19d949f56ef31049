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
			return readSized(f, fi.Size())
		}
	}
	return io.ReadAll(r)
}

// readSized reads f to EOF into a buffer of size (plus one byte to see
// EOF), growing only if the file grew while read.
func readSized(f *os.File, size int64) ([]byte, error) {
	data := make([]byte, 0, size+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
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
// is WriteAtomic's orig.
func ReadRegular(path string, named, write bool) ([]byte, os.FileInfo, error) {
	if !named {
		// A walk took it for a regular file from its directory entry: it
		// is opened without following a symlink and checked on the
		// descriptor (fstat), with no lstat walking the path first (~6%
		// of a batch's CPU samples, in the kernel). What took its place
		// since, or what this cannot open, goes the named files' way.
		if f, err := openWalked(path); err == nil {
			defer f.Close()
			if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
				data, err := readSized(f, fi.Size())
				if err != nil {
					return nil, nil, UnwrapPathErr(err)
				}
				return data, fi, nil
			}
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
	data, err := readSized(f, li.Size())
	if err != nil {
		return nil, nil, UnwrapPathErr(err)
	}
	return data, li, nil
}
