// Package sqlstore is the one implementation of orders.Store over
// database/sql, shared by sqlitestore and pgstore: the schema, the
// versioned migrations and every query. A Dialect says what differs
// between the two databases (the blob type, the placeholder syntax, how
// migrations are serialised between processes); no driver is imported
// here, so each database library's types stay in its own package.
package sqlstore
