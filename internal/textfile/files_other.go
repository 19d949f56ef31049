//go:build !unix

package textfile

import "os"

func OpenRead(path string) (*os.File, error) { return os.Open(path) }

// readWalked: ReadRegular's checks by path do the work here.
func readWalked(string, bool) ([]byte, os.FileInfo, bool, error) { return nil, nil, false, nil }

// keepOwner: files have no Unix owner to keep here.
func keepOwner(tempFile, os.FileInfo) error { return nil }

// checkReplaceable: no hard links or owners to check here.
func checkReplaceable(string, os.FileInfo) error { return nil }

// processAlive: not known here, so no temporary file is taken for stale.
func processAlive(int) bool { return true }
