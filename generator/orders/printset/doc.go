// Package printset is what the print shop gets for an order: the request
// that makes its print files (print-ready PDF of every topic × language,
// whatever formats the communicator downloads for themselves), the names
// of those files as people read them ("Falkenberg_vald_arabiska_A4.pdf"),
// and a fingerprint of each leaflet's content that tells, later, whether
// the same order would now print something different.
//
// Names are ASCII: letters lose their diacritics (å ä → a, ö → o, é → e),
// anything else but letters and digits becomes "-", so that every file
// system, e-mail program and print-shop RIP takes them as they are.
package printset
