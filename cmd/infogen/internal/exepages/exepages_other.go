//go:build !linux

package exepages

// Drop does nothing but on Linux (see exepages_linux.go).
func Drop() (kB int, err error) { return 0, nil }
