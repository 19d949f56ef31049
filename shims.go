package main

import (
	"os"

	"github.com/mdclean/mdclean/internal/english"
	"github.com/mdclean/mdclean/internal/textfile"
)

// The names in this file are the ones the learner (learn.go,
// learn_config.go, learn_propose.go) calls shared code by while it is in
// package main. They go when it moves into package learn (issue 24), which
// can import internal/textfile and internal/english itself.

// readRegular and writeAtomic are textfile's ReadRegular and WriteAtomic.
func readRegular(path string, named, write bool) ([]byte, os.FileInfo, error) {
	return textfile.ReadRegular(path, named, write)
}

func writeAtomic(path string, data []byte, orig os.FileInfo) error {
	return textfile.WriteAtomic(path, data, orig)
}

// plural is english.Plural, as the learner calls it.
func plural(n int, word string) string { return english.Plural(n, word) }
