package main

import (
	"os"

	"github.com/mdclean/mdclean/internal/textfile"
)

// readRegular and writeAtomic are the names the learner (learn.go,
// learn_config.go) calls internal/textfile's reading and atomic replace by
// while it is in package main. They go when it moves into package learn
// (issue 24), which can call textfile itself.
func readRegular(path string, named, write bool) ([]byte, os.FileInfo, error) {
	return textfile.ReadRegular(path, named, write)
}

func writeAtomic(path string, data []byte, orig os.FileInfo) error {
	return textfile.WriteAtomic(path, data, orig)
}
