// Package storage owns tagsnap's archive: a SQLite file (modernc.org/sqlite,
// pure Go) with embedded numbered migrations, one writer connection and a
// pool of readers, and the versioning rules that make the history
// trustworthy:
//
//   - An item is (source, canonical URL). A new item version is written only
//     when a normalised field (title, summary, published, author, image)
//     changes; each version keeps the runs it was first and last seen in and
//     the capture it was first read from.
//   - Page bodies are stored once per distinct content (sha256, compressed).
//     Each page's ordered entries are stored once per distinct listing; a run
//     adds only small rows pointing at them, so an unchanged recrawl adds
//     almost nothing.
//   - A run's snapshot is complete: pages it did not fetch are carried over
//     from the run that last fetched them.
//   - Removal is decided only by a run that saw the whole listing without
//     error (Run.Finish with Complete); a failed page never removes anything.
//   - Every page is written in one transaction, the run's end in another: a
//     process that dies half-way leaves a consistent database and a run that
//     is not "ok".
//
// The schema (tables and v_* views) is a documented interface; see
// migrations/ and the README.
package storage
