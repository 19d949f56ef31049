//go:build !unix

package textfile

import (
	"errors"
	"os"
)

func OpenRead(path string) (*os.File, error) { return os.Open(path) }

// openWalked: ReadRegular's checks by path do the work here.
func openWalked(string) (*os.File, error) { return nil, errors.ErrUnsupported }

// keepOwner: files have no Unix owner to keep here.
func keepOwner(tempFile, os.FileInfo) error { return nil }

// checkReplaceable: no hard links or owners to check here.
func checkReplaceable(string, os.FileInfo) error { return nil }

// processAlive: not known here, so no temporary file is taken for stale.
func processAlive(int) bool { return true }
