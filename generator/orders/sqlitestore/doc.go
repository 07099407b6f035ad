// Package sqlitestore is orders.Store in an embedded SQLite file, through
// modernc.org/sqlite (a translation of SQLite to Go: no C compiler, no
// server). It is the default of infogen serve: the file orders.db under
// --data. It is the only package that imports modernc.org/sqlite.
//
// The file is opened in WAL mode with a busy timeout and immediate
// write transactions, so concurrent requests of one process wait for
// each other instead of failing. The switch to WAL is retried on
// SQLITE_BUSY, which SQLite returns for it without waiting when two
// connections open a new file at once. Several processes on one service
// need PostgreSQL (pgstore).
package sqlitestore
