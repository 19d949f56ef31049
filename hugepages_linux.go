package main

import (
	"os"
	"syscall"
	"unsafe"
)

// hugeHeap lets the next n bytes of the heap be backed by transparent huge
// pages. A batch's heap grows once, to its limit (filesHeap), and every
// 4 KiB page it grows into costs a page fault on first touch: ~7,000 a
// run of a 10,000-post tree, 12-25 µs each on a VM (a seventh of the
// run's CPU; docs/benchmarks.md, tenth session). Linux's default
// (transparent_hugepage=madvise) gives huge pages only to memory advised
// so, and the Go runtime advises none of its heap: so a block of n bytes
// is allocated, which the runtime maps fresh from the kernel without
// touching it, advised MADV_HUGEPAGE, and dropped. The next collection
// frees it, and its pages are the next the allocator hands out (it takes
// the lowest free address first), now one fault per 2 MiB. Where the
// advice is refused or THP is off, nothing changes.
func hugeHeap(n int) {
	b := make([]byte, n)
	// madvise takes whole pages: the part of b that is.
	page := uintptr(os.Getpagesize())
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start := (p+page-1)&^(page-1) - p
	end := (p+uintptr(n))&^(page-1) - p
	if start < end {
		syscall.Madvise(b[start:end], syscall.MADV_HUGEPAGE)
	}
}
