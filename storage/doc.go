// Package storage will own the SQLite archive: schema and migrations, the
// single writer, the versioning rules (items, versions, snapshots, captures)
// and the exporters. It is empty until the archive issue builds it.
package storage
