//go:build !linux

package main

// heapInHugePages does nothing but on Linux (see hugepages_linux.go).
func heapInHugePages(n int) error { return nil }

// dropStartupPages does nothing but on Linux (see exepages_linux.go).
func dropStartupPages() error { return nil }
