package main

import (
	"bytes"
	"os"
	"strconv"
	"testing"
)

// TestHugeHeapAdvises checks hugeHeap's premise on this Go and kernel:
// the block it allocates is mapped memory of its own that madvise can
// mark (VmFlags "hg" in smaps) and the runtime does not touch. Were
// the runtime to start zeroing fresh large blocks, or to hand them out
// from memory it mapped earlier, the batch would lose its huge pages
// without a word; this says so.
func TestHugeHeapAdvises(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("no transparent huge pages in this kernel")
	}
	const n = 16 << 20
	hugeHeap(n)
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	// Each mapping: a header line, then "Key: value" lines; Size comes
	// before VmFlags.
	var size int
	advised := 0
	for _, line := range bytes.Split(smaps, []byte("\n")) {
		f := bytes.Fields(line)
		switch {
		case len(f) == 3 && string(f[0]) == "Size:":
			size, _ = strconv.Atoi(string(f[1])) // kB
		case len(f) > 0 && string(f[0]) == "VmFlags:":
			for _, fl := range f[1:] {
				if string(fl) == "hg" {
					advised += size << 10
				}
			}
		}
	}
	if advised < n/2 {
		t.Errorf("hugeHeap(%d MiB): %d KiB of mappings advised MADV_HUGEPAGE, want most of it", n>>20, advised>>10)
	}
}
