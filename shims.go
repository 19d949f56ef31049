package main

import (
	"os"

	"github.com/mdclean/mdclean/internal/english"
	"github.com/mdclean/mdclean/internal/textfile"
)

// The names in this file are the ones the learner's files (learn.go,
// learn_config.go, learn_propose.go) call shared code by. They go once
// those call internal/textfile and internal/english themselves (with the
// learner's move into package learn, issue 24).

// readRegular and writeAtomic are textfile's ReadRegular and WriteAtomic.
func readRegular(path string, named, write bool) ([]byte, os.FileInfo, error) {
	return textfile.ReadRegular(path, named, write)
}

func writeAtomic(path string, data []byte, orig os.FileInfo) error {
	return textfile.WriteAtomic(path, data, orig)
}

// plural is english.Plural, as the learner calls it.
func plural(n int, word string) string { return english.Plural(n, word) }
