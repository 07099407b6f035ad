// Package pgstore is orders.Store in PostgreSQL, through
// github.com/jackc/pgx/v5 (its database/sql adapter, so that the queries
// are the ones sqlitestore runs). It is what infogen serve uses with
// --db postgres://…, and what lets several serve processes act as one
// service. It is the only package that imports pgx.
//
// Migrations take a transaction-scoped advisory lock, so processes that
// start together apply each migration once.
//
// Its tests need a server: INFOGEN_TEST_POSTGRES (a DSN, as .ci/test
// sets it), or else package pgtest starts a private one from Debian's
// postgresql binaries for the test run.
package pgstore
