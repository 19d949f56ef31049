//go:build !unix

package site

import "os"

// writableByOthers: no Unix permissions to check here.
func writableByOthers(os.FileInfo) string { return "" }
