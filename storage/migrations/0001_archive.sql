-- The archive. Table and view names and the columns below are a documented
-- interface (README "The database"): analysts query them with sqlite3 or
-- pandas. Times are UTC text, "YYYY-MM-DDTHH:MM:SS.sssZ", so they sort and
-- compare as strings and work with SQLite's date functions.

-- A named listing URL.
CREATE TABLE sources (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	url        TEXT NOT NULL,
	created_at TEXT NOT NULL
);

-- One crawl of one source.
CREATE TABLE runs (
	id                 INTEGER PRIMARY KEY,
	source_id          INTEGER NOT NULL REFERENCES sources(id),
	started_at         TEXT NOT NULL,
	finished_at        TEXT,
	status             TEXT NOT NULL DEFAULT 'running'
	                   CHECK (status IN ('running', 'ok', 'partial', 'failed', 'interrupted', 'degraded')),
	full               INTEGER NOT NULL DEFAULT 0, -- asked to crawl to the end
	complete           INTEGER NOT NULL DEFAULT 0, -- saw the whole listing without error: may decide removals
	pages_fetched      INTEGER NOT NULL DEFAULT 0,
	pages_not_modified INTEGER NOT NULL DEFAULT 0,
	pages_failed       INTEGER NOT NULL DEFAULT 0,
	items_seen         INTEGER NOT NULL DEFAULT 0,
	items_new          INTEGER NOT NULL DEFAULT 0,
	items_changed      INTEGER NOT NULL DEFAULT 0,
	items_removed      INTEGER NOT NULL DEFAULT 0,
	requests           INTEGER NOT NULL DEFAULT 0, -- HTTP requests made, retries and robots.txt included
	retries            INTEGER NOT NULL DEFAULT 0,
	robots_blocked     INTEGER NOT NULL DEFAULT 0, -- pages robots.txt did not allow
	bytes_downloaded   INTEGER NOT NULL DEFAULT 0,
	error              TEXT,
	health             TEXT,              -- degraded: what dropped compared with the source's recent runs
	owner              TEXT               -- host:pid of the process running it, to recover after a crash
);
CREATE INDEX runs_running ON runs(status) WHERE status = 'running';
CREATE INDEX runs_source ON runs(source_id, id);

-- Page bodies, content-addressed: identical bytes are stored once.
CREATE TABLE blobs (
	sha256 TEXT PRIMARY KEY,          -- of the raw bytes as received
	size   INTEGER NOT NULL,          -- raw size in bytes
	codec  TEXT NOT NULL,             -- how data is compressed: 'zstd' or 'none'
	data   BLOB NOT NULL
) WITHOUT ROWID;

-- Every fetch of a listing page.
CREATE TABLE captures (
	id            INTEGER PRIMARY KEY,
	run_id        INTEGER NOT NULL REFERENCES runs(id),
	page          INTEGER NOT NULL,   -- 1-based page number within the run
	url           TEXT NOT NULL,      -- requested
	final_url     TEXT,               -- after redirects; NULL when the same as url
	status        INTEGER,            -- HTTP status; NULL when no response came
	content_type  TEXT,
	etag          TEXT,
	last_modified TEXT,
	fetched_at    TEXT NOT NULL,
	sha256        TEXT REFERENCES blobs(sha256), -- NULL when nothing usable came
	not_modified  INTEGER NOT NULL DEFAULT 0,    -- a 304: sha256 is the earlier body, whose capture has the headers
	items         INTEGER,            -- items extracted
	with_summary  INTEGER,            -- of which with a summary
	with_date     INTEGER,            -- of which with a date
	next_url      TEXT,               -- the next page the extractor found
	attempts      INTEGER NOT NULL DEFAULT 1,
	error         TEXT
);
CREATE INDEX captures_run ON captures(run_id, page);
CREATE INDEX captures_url ON captures(url, id);

-- An article a source listed. Identity: (source, canonical URL).
CREATE TABLE items (
	id             INTEGER PRIMARY KEY,
	source_id      INTEGER NOT NULL REFERENCES sources(id),
	url            TEXT NOT NULL,     -- canonical
	first_seen_run INTEGER NOT NULL REFERENCES runs(id),
	last_seen_run  INTEGER NOT NULL REFERENCES runs(id),
	removed_run    INTEGER REFERENCES runs(id), -- set by a complete run that no longer listed it
	version_id     INTEGER,           -- the latest version (item_versions.id)
	UNIQUE (source_id, url)
);

-- What the listing said about an item. A new version only when a
-- normalised field changes.
CREATE TABLE item_versions (
	id             INTEGER PRIMARY KEY,
	item_id        INTEGER NOT NULL REFERENCES items(id),
	seq            INTEGER NOT NULL,  -- 1, 2, ... per item
	title          TEXT NOT NULL,
	summary        TEXT,
	published      TEXT,              -- RFC 3339 UTC, or YYYY-MM-DD
	published_raw  TEXT,              -- as the page wrote it
	author         TEXT,
	image          TEXT,
	link           TEXT NOT NULL,     -- the URL as listed (before canonicalisation)
	hash           TEXT NOT NULL,     -- of the normalised fields
	first_seen_run INTEGER NOT NULL REFERENCES runs(id),
	last_seen_run  INTEGER NOT NULL REFERENCES runs(id),
	capture_id     INTEGER NOT NULL REFERENCES captures(id), -- where it was first read
	UNIQUE (item_id, seq)
);

-- What happened to items, run by run.
CREATE TABLE events (
	id             INTEGER PRIMARY KEY,
	run_id         INTEGER NOT NULL REFERENCES runs(id),
	item_id        INTEGER NOT NULL REFERENCES items(id),
	kind           TEXT NOT NULL CHECK (kind IN ('added', 'changed', 'removed')),
	version_id     INTEGER NOT NULL REFERENCES item_versions(id), -- the version after (for removed: the last one)
	old_version_id INTEGER REFERENCES item_versions(id)           -- changed: the version before
);
CREATE INDEX events_run ON events(run_id);
CREATE INDEX events_item ON events(item_id);

-- The ordered entries of one listing page, content-addressed: a page that
-- lists the same versions in the same order is stored once.
CREATE TABLE page_listings (
	id      INTEGER PRIMARY KEY,
	hash    TEXT NOT NULL UNIQUE,
	entries INTEGER NOT NULL
);
CREATE TABLE page_entries (
	listing_id INTEGER NOT NULL REFERENCES page_listings(id),
	position   INTEGER NOT NULL,      -- 1-based on the page
	version_id INTEGER NOT NULL REFERENCES item_versions(id),
	PRIMARY KEY (listing_id, position)
) WITHOUT ROWID;

-- The listing as a run saw it, page by page. Pages the run did not fetch
-- are carried over (carried = 1) from the run that last fetched them, so
-- every run has a complete as-of view; capture_id is where the page came from.
CREATE TABLE snapshots (
	run_id     INTEGER NOT NULL REFERENCES runs(id),
	page       INTEGER NOT NULL,
	listing_id INTEGER NOT NULL REFERENCES page_listings(id),
	capture_id INTEGER NOT NULL REFERENCES captures(id),
	carried    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (run_id, page)
) WITHOUT ROWID;

-- Convenience views for analysts.
CREATE VIEW v_runs AS
SELECT r.id, s.name AS source, r.status, r.started_at, r.finished_at, r.full, r.complete,
       r.pages_fetched, r.pages_not_modified, r.pages_failed,
       r.items_seen, r.items_new, r.items_changed, r.items_removed,
       r.requests, r.retries, r.robots_blocked, r.bytes_downloaded, r.error, r.health
FROM runs r JOIN sources s ON s.id = r.source_id;

CREATE VIEW v_items AS
SELECT s.name AS source, i.url, v.title, v.summary, v.published, v.author, v.image,
       fr.started_at AS first_seen, lr.started_at AS last_seen, rr.started_at AS removed_at,
       v.seq AS versions, i.id AS item_id
FROM items i
JOIN sources s ON s.id = i.source_id
JOIN item_versions v ON v.id = i.version_id
JOIN runs fr ON fr.id = i.first_seen_run
JOIN runs lr ON lr.id = i.last_seen_run
LEFT JOIN runs rr ON rr.id = i.removed_run;

CREATE VIEW v_snapshots AS
SELECT sn.run_id AS run, s.name AS source, sn.page, pe.position, i.url, v.title, v.summary,
       v.published, v.author, v.image, c.fetched_at, c.sha256 AS capture_sha256, sn.carried
FROM snapshots sn
JOIN runs r ON r.id = sn.run_id
JOIN sources s ON s.id = r.source_id
JOIN page_entries pe ON pe.listing_id = sn.listing_id
JOIN item_versions v ON v.id = pe.version_id
JOIN items i ON i.id = v.item_id
JOIN captures c ON c.id = sn.capture_id;
