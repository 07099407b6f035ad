//go:build !linux

package main

// evictFromPageCache does nothing but on Linux (see evict_linux.go).
func evictFromPageCache(path string) error { return nil }
