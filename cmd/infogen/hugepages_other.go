//go:build !linux

package main

// heapInHugePages does nothing but on Linux (see hugepages_linux.go).
func heapInHugePages(n int) error { return nil }
