// Package storetest is the one test suite every orders.Store must pass:
// sqlitestore and pgstore run it with a Harness that makes fresh
// databases of their kind. It covers the migrations (on an empty and on
// an existing database, and two processes migrating at once), orders and
// their capabilities, print-link expiry and extension, drafts, the shared
// signing key, logos with their quotas and checksums, and two stores on
// one database acting as one.
package storetest
