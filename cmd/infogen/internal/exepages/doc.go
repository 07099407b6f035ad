// Package exepages lets a long-running process give back the pages of
// its own executable that start-up alone brought into memory: the code
// and read-only data of package initialisation and of reading the
// locales, fonts and municipalities, most of which serving never touches
// again. On Linux, Drop advises MADV_DONTNEED on the executable's
// read-only mappings whose pages are all still the file's; elsewhere it
// does nothing.
package exepages
