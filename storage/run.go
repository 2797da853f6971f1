package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tagsnap/tagsnap/extract"
)

// Source is a named listing URL.
type Source struct {
	ID        int64
	Name      string
	URL       string
	CreatedAt time.Time
}

// EnsureSource returns the source called name, creating it on first use.
// A changed URL is recorded: the name is the identity.
func (db *DB) EnsureSource(ctx context.Context, name, rawURL string) (Source, error) {
	if name == "" || rawURL == "" {
		return Source{}, errors.New("source needs a name and a URL")
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return Source{}, db.explain(err)
	}
	defer tx.Rollback()
	now := formatTime(db.Now())
	if _, err := tx.ExecContext(ctx, `INSERT INTO sources (name, url, created_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET url = excluded.url WHERE url <> excluded.url`, name, rawURL, now); err != nil {
		return Source{}, fmt.Errorf("save source %s: %w", name, db.explain(err))
	}
	src, err := scanSource(tx.QueryRowContext(ctx, `SELECT id, name, url, created_at FROM sources WHERE name = ?`, name))
	if err != nil {
		return Source{}, fmt.Errorf("save source %s: %w", name, db.explain(err))
	}
	return src, db.explain(tx.Commit())
}

// SourceByName returns the source called name, or ErrNotFound.
func (db *DB) SourceByName(ctx context.Context, name string) (Source, error) {
	src, err := scanSource(db.read.QueryRowContext(ctx, `SELECT id, name, url, created_at FROM sources WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return Source{}, fmt.Errorf("source %q: %w", name, ErrNotFound)
	}
	return src, err
}

// Sources returns every source, by name.
func (db *DB) Sources(ctx context.Context) ([]Source, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name, url, created_at FROM sources ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		s, err := scanSource(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

type scanner interface{ Scan(...any) error }

func scanSource(row scanner) (Source, error) {
	var s Source
	var created string
	if err := row.Scan(&s.ID, &s.Name, &s.URL, &created); err != nil {
		return Source{}, err
	}
	s.CreatedAt, _ = parseTime(created)
	return s, nil
}

// Run statuses.
const (
	StatusRunning     = "running"
	StatusOK          = "ok"
	StatusPartial     = "partial"
	StatusFailed      = "failed"
	StatusInterrupted = "interrupted"
	StatusDegraded    = "degraded" // fetched fine, but extraction lost what the source always had
)

// Page is one fetched (or failed) listing page and what was extracted from it.
type Page struct {
	Page         int // 1-based within the run
	URL          string
	FinalURL     string
	Status       int // HTTP status; 0 when no response came
	ContentType  string
	ETag         string
	LastModified string
	FetchedAt    time.Time
	Body         []byte
	// NotModified marks a 304: the page is the one last captured at URL.
	NotModified bool
	// Err is why the page is unusable; such a page is recorded, never listed.
	Err   string
	Items []extract.Item
	// NextURL is the next page the extractor found, kept so a later 304 of
	// this page can go on without re-extracting.
	NextURL  string
	Attempts int // requests it took (retries included); 0 means 1
	// Keep names fields that vanished from the whole page while the source
	// always had them (a redesign broke extraction): an empty value there
	// keeps the item's previous one instead of making a new version.
	Keep Fields
}

// Fields selects item fields.
type Fields struct {
	Summary, Published, Author, Image bool
}

// PageResult says what one page brought.
type PageResult struct {
	CaptureID int64
	SHA256    string
	Seen      int // items on the page
	New       int // never seen before in this source (or back after removal)
	Changed   int // a new version
}

// Run is one crawl of one source being recorded. Its methods are not safe for
// concurrent use; different runs are.
type Run struct {
	ID     int64
	Source Source
	Full   bool

	db      *DB
	known   map[string]*knownItem // canonical URL -> item, loaded once per run
	fetched map[int]bool          // pages with a usable capture this run
	stats   RunStats
	done    bool
}

type knownItem struct {
	id        int64
	versionID int64
	seq       int
	hash      string
	published string
	removed   bool
	seenRun   bool // already counted in this run
}

// RunStats are a run's counters.
type RunStats struct {
	PagesFetched     int
	PagesNotModified int
	PagesFailed      int
	ItemsSeen        int
	ItemsNew         int
	ItemsChanged     int
	ItemsRemoved     int
	NetStats
}

// NetStats are what a run cost the network, as the crawler counted it.
type NetStats struct {
	Requests        int // HTTP requests, retries and robots.txt included
	Retries         int
	RobotsBlocked   int // pages robots.txt did not allow
	BytesDownloaded int64
}

// ErrBusy is returned (wrapped) by BeginRun when another live process is
// crawling the same source.
var ErrBusy = errors.New("source is being crawled by another process")

// BeginRun records the start of a crawl of src. Runs of src left running by
// a process that died are marked interrupted first; a run of src still
// going in a live process is ErrBusy (two crawls of one source would race
// on its items).
func (db *DB) BeginRun(ctx context.Context, src Source, full bool) (*Run, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin run of %s: %w", src.Name, db.explain(err))
	}
	defer tx.Rollback()
	if _, err := db.recoverRuns(ctx, tx, src.ID); err != nil {
		return nil, fmt.Errorf("begin run of %s: %w", src.Name, db.explain(err))
	}
	var other int64
	var owner string
	err = tx.QueryRowContext(ctx, `SELECT id, coalesce(owner, '') FROM runs WHERE source_id = ? AND status = 'running' LIMIT 1`, src.ID).Scan(&other, &owner)
	if err == nil {
		return nil, fmt.Errorf("begin run of %s: %w (run %d, process %s)", src.Name, ErrBusy, other, owner)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO runs (source_id, started_at, status, full, owner) VALUES (?, ?, 'running', ?, ?)`,
		src.ID, formatTime(db.Now()), full, processOwner)
	if err != nil {
		return nil, fmt.Errorf("begin run of %s: %w", src.Name, db.explain(err))
	}
	id, err := res.LastInsertId()
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("begin run of %s: %w", src.Name, db.explain(err))
	}
	r := &Run{ID: id, Source: src, Full: full, db: db, fetched: map[int]bool{}}
	if err := r.loadKnown(ctx); err != nil {
		return nil, fmt.Errorf("begin run of %s: %w", src.Name, db.explain(err))
	}
	return r, nil
}

// loadKnown reads the source's items once, so pages compare against memory.
func (r *Run) loadKnown(ctx context.Context) error {
	rows, err := r.db.write.QueryContext(ctx, `SELECT i.id, i.url, i.version_id, v.seq, v.hash, coalesce(v.published, ''), i.removed_run IS NOT NULL
		FROM items i JOIN item_versions v ON v.id = i.version_id WHERE i.source_id = ?`, r.Source.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	r.known = map[string]*knownItem{}
	for rows.Next() {
		k := &knownItem{}
		var u string
		if err := rows.Scan(&k.id, &u, &k.versionID, &k.seq, &k.hash, &k.published, &k.removed); err != nil {
			return err
		}
		r.known[u] = k
	}
	return rows.Err()
}

// Stats returns the run's counters so far.
func (r *Run) Stats() RunStats { return r.stats }

// AddPage stores one page of the run in one transaction: the capture, new
// items and versions, and the page's listing.
func (r *Run) AddPage(ctx context.Context, p Page) (PageResult, error) {
	if r.done {
		return PageResult{}, errors.New("run already finished")
	}
	if p.FetchedAt.IsZero() {
		p.FetchedAt = r.db.Now()
	}
	tx, err := r.db.write.BeginTx(ctx, nil)
	if err != nil {
		return PageResult{}, r.db.explain(err)
	}
	defer tx.Rollback()
	pw := &pageWriter{run: r, tx: tx, keep: p.Keep, pending: map[string]knownItem{}}
	res, err := pw.write(ctx, p)
	if err == nil {
		err = pw.flushSeen(ctx)
	}
	if err == nil {
		err = pw.flushEvents(ctx)
	}
	if err != nil {
		return PageResult{}, fmt.Errorf("store page %d of %s (%s): %w", p.Page, r.Source.Name, p.URL, r.db.explain(err))
	}
	if err := tx.Commit(); err != nil {
		return PageResult{}, fmt.Errorf("store page %d of %s: %w", p.Page, r.Source.Name, r.db.explain(err))
	}
	// The writer connection is free again: keep this page's statements
	// prepared for the next pages (preparing inside a transaction would
	// wait for the connection the transaction holds).
	for q := range pw.stmts {
		r.db.prepare(ctx, q)
	}
	// Only now does memory follow the database.
	for u, k := range pw.pending {
		k := k
		r.known[u] = &k
	}
	switch {
	case p.Err != "":
		r.stats.PagesFailed++
	case p.NotModified:
		r.stats.PagesNotModified++
		r.fetched[p.Page] = true
	default:
		r.stats.PagesFetched++
		r.fetched[p.Page] = true
	}
	r.stats.ItemsSeen += pw.newlySeen
	r.stats.ItemsNew += res.New
	r.stats.ItemsChanged += res.Changed
	return res, nil
}

type pageWriter struct {
	run   *Run
	tx    *sql.Tx
	stmts map[string]*sql.Stmt // closed with the transaction
	// unchanged items seen, marked in one statement per table (flushSeen)
	seenItems, seenVersions []int64
	events                  [][]any // written by flushEvents
	keep                    Fields
	pending                 map[string]knownItem // changes to r.known, applied after commit
	newlySeen               int
}

// exec runs a statement prepared once per page transaction: a page runs
// the same few statements for each of its items, and SQLite's compile step
// is a good part of a small statement's cost.
func (pw *pageWriter) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := pw.run.db.prepared(query); s != nil {
		return pw.tx.StmtContext(ctx, s).ExecContext(ctx, args...)
	}
	stmt, ok := pw.stmts[query]
	if !ok {
		var err error
		if stmt, err = pw.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		if pw.stmts == nil {
			pw.stmts = map[string]*sql.Stmt{}
		}
		pw.stmts[query] = stmt
	}
	return stmt.ExecContext(ctx, args...)
}

func (pw *pageWriter) lookup(u string) (knownItem, bool) {
	if k, ok := pw.pending[u]; ok {
		return k, true
	}
	if k, ok := pw.run.known[u]; ok {
		return *k, true
	}
	return knownItem{}, false
}

func (pw *pageWriter) write(ctx context.Context, p Page) (PageResult, error) {
	r, tx := pw.run, pw.tx
	var res PageResult
	var sha any
	if p.NotModified {
		prev, err := pw.previousCapture(ctx, p.URL)
		if err != nil {
			return res, err
		}
		if prev.sha == "" {
			p.NotModified, p.Err = false, "304 Not Modified, but no earlier copy of this page is stored"
		} else {
			sha, res.SHA256 = prev.sha, prev.sha
		}
	} else if p.Err == "" {
		sum := sha256.Sum256(p.Body)
		res.SHA256 = hex.EncodeToString(sum[:])
		sha = res.SHA256
		if err := putBlob(ctx, tx, res.SHA256, p.Body); err != nil {
			return res, err
		}
	}
	var items, withSummary, withDate any
	if p.Err == "" && !p.NotModified {
		items = len(p.Items)
		s, d := 0, 0
		for _, it := range p.Items {
			if it.Summary != "" {
				s++
			}
			if !it.Published.IsZero() {
				d++
			}
		}
		withSummary, withDate = s, d
	}
	if p.NotModified {
		// A 304 confirms an earlier capture: its headers and next link are
		// there already. Storing only what is new keeps an unchanged
		// recrawl to about 200 bytes a page.
		p.FinalURL, p.ContentType, p.ETag, p.LastModified, p.NextURL = "", "", "", "", ""
	} else if p.FinalURL == p.URL {
		p.FinalURL = ""
	}
	out, err := pw.exec(ctx, `INSERT INTO captures (run_id, page, url, final_url, status, content_type, etag, last_modified,
		fetched_at, sha256, not_modified, items, with_summary, with_date, next_url, attempts, error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ID, p.Page, p.URL, nullString(p.FinalURL), nullInt(p.Status), nullString(p.ContentType), nullString(p.ETag),
		nullString(p.LastModified), formatTime(p.FetchedAt), sha, p.NotModified, items, withSummary, withDate,
		nullString(p.NextURL), max(p.Attempts, 1), nullString(p.Err))
	if err != nil {
		return res, err
	}
	if res.CaptureID, err = out.LastInsertId(); err != nil {
		return res, err
	}
	if p.Err != "" {
		return res, nil
	}
	if p.NotModified {
		return pw.reuseListing(ctx, p, res)
	}

	versions := make([]int64, 0, len(p.Items))
	onPage := map[string]bool{}
	for _, it := range p.Items {
		v, err := pw.item(ctx, it, res.CaptureID, &res)
		if err != nil {
			return res, err
		}
		if v == 0 || onPage[it.URL] {
			continue
		}
		onPage[it.URL] = true
		versions = append(versions, v)
	}
	res.Seen = len(versions)
	listing, err := putListing(ctx, tx, versions)
	if err != nil {
		return res, err
	}
	_, err = pw.exec(ctx, `INSERT OR REPLACE INTO snapshots (run_id, page, listing_id, capture_id, carried) VALUES (?, ?, ?, ?, 0)`,
		r.ID, p.Page, listing, res.CaptureID)
	return res, err
}

type prevCapture struct {
	id  int64
	sha string
}

func (pw *pageWriter) previousCapture(ctx context.Context, u string) (prevCapture, error) {
	var c prevCapture
	err := pw.tx.QueryRowContext(ctx, `SELECT c.id, c.sha256 FROM captures c JOIN runs r ON r.id = c.run_id
		WHERE c.url = ? AND r.source_id = ? AND c.sha256 IS NOT NULL AND c.run_id <> ? ORDER BY c.id DESC LIMIT 1`,
		u, pw.run.Source.ID, pw.run.ID).Scan(&c.id, &c.sha)
	if errors.Is(err, sql.ErrNoRows) {
		return prevCapture{}, nil
	}
	return c, err
}

// reuseListing records a 304: the page lists what it listed when last
// captured, and those items count as seen by this run.
func (pw *pageWriter) reuseListing(ctx context.Context, p Page, res PageResult) (PageResult, error) {
	r, tx := pw.run, pw.tx
	var listing int64
	err := tx.QueryRowContext(ctx, `SELECT sn.listing_id FROM snapshots sn JOIN captures c ON c.id = sn.capture_id
		WHERE c.url = ? AND c.sha256 = ? AND sn.carried = 0 AND c.run_id <> ? ORDER BY c.id DESC LIMIT 1`, p.URL, res.SHA256, r.ID).Scan(&listing)
	if err != nil {
		return res, fmt.Errorf("find the listing of the earlier copy: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT i.url FROM page_entries pe JOIN item_versions v ON v.id = pe.version_id
		JOIN items i ON i.id = v.item_id WHERE pe.listing_id = ? ORDER BY pe.position`, listing)
	if err != nil {
		return res, err
	}
	var urls []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			rows.Close()
			return res, err
		}
		urls = append(urls, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, err
	}
	for _, u := range urls {
		k, ok := pw.lookup(u)
		if !ok {
			continue
		}
		if err := pw.markSeen(ctx, u, k); err != nil {
			return res, err
		}
	}
	res.Seen = len(urls)
	_, err = pw.exec(ctx, `INSERT OR REPLACE INTO snapshots (run_id, page, listing_id, capture_id, carried) VALUES (?, ?, ?, ?, 0)`,
		r.ID, p.Page, listing, res.CaptureID)
	return res, err
}

// markSeen records that this run saw item u unchanged.
func (pw *pageWriter) markSeen(ctx context.Context, u string, k knownItem) error {
	if k.seenRun {
		return nil
	}
	if k.removed {
		// Only possible when the page's URL changed owner; the next full
		// fetch of the page settles it.
		return nil
	}
	pw.seenItems = append(pw.seenItems, k.id)
	pw.seenVersions = append(pw.seenVersions, k.versionID)
	k.seenRun = true
	pw.pending[u] = k
	pw.newlySeen++
	return nil
}

// flushSeen records last_seen_run for the unchanged items of the page.
func (pw *pageWriter) flushSeen(ctx context.Context) error {
	for _, t := range []struct {
		table string
		ids   []int64
	}{{"items", pw.seenItems}, {"item_versions", pw.seenVersions}} {
		for len(t.ids) > 0 {
			batch := t.ids[:min(len(t.ids), 500)]
			t.ids = t.ids[len(batch):]
			args := make([]any, 0, len(batch)+1)
			args = append(args, pw.run.ID)
			for _, id := range batch {
				args = append(args, id)
			}
			q := `UPDATE ` + t.table + ` SET last_seen_run = ? WHERE id IN (?` + strings.Repeat(",?", len(batch)-1) + `)`
			if _, err := pw.tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
	}
	pw.seenItems, pw.seenVersions = nil, nil
	return nil
}

// item stores what the page says about one item and returns its version id
// (0 when the item has no usable URL).
func (pw *pageWriter) item(ctx context.Context, it extract.Item, captureID int64, res *PageResult) (int64, error) {
	r := pw.run
	u, err := extract.CanonicalURL(withoutUserinfo(it.URL))
	if err != nil || u == "" {
		return 0, nil
	}
	f := normalise(it)
	k, ok := pw.lookup(u)
	if ok && pw.keep != (Fields{}) {
		if err := pw.keepFields(ctx, k, &f); err != nil {
			return 0, err
		}
	}
	if ok && k.published != "" && f.published != k.published && !extract.HasYear(f.publishedRaw) {
		// "3 hours ago" or "Sep 4" resolve against the fetch time and drift
		// from run to run: that is not a rewrite of the item.
		f.published = k.published
	}
	hash := f.hash()
	reseen := false
	switch {
	case !ok:
		out, err := pw.exec(ctx, `INSERT INTO items (source_id, url, first_seen_run, last_seen_run) VALUES (?, ?, ?, ?)`,
			r.Source.ID, u, r.ID, r.ID)
		if err != nil {
			return 0, err
		}
		k = knownItem{hash: hash, published: f.published}
		if k.id, err = out.LastInsertId(); err != nil {
			return 0, err
		}
		if err := pw.newVersion(ctx, &k, f, captureID); err != nil {
			return 0, err
		}
		if err := pw.event(ctx, k.id, "added", k.versionID, 0); err != nil {
			return 0, err
		}
		res.New++
	case k.hash != hash:
		old := k.versionID
		if err := pw.newVersion(ctx, &k, f, captureID); err != nil {
			return 0, err
		}
		kind := "changed"
		if k.removed {
			kind = "added" // back after a removal
			res.New++
		} else {
			res.Changed++
		}
		if err := pw.event(ctx, k.id, kind, k.versionID, old); err != nil {
			return 0, err
		}
		k.hash, k.published = hash, f.published
	case k.removed:
		if err := pw.event(ctx, k.id, "added", k.versionID, 0); err != nil {
			return 0, err
		}
		res.New++
		reseen = true
	default:
		if err := pw.markSeen(ctx, u, k); err != nil {
			return 0, err
		}
		return k.versionID, nil
	}
	if _, err := pw.exec(ctx, `UPDATE items SET last_seen_run = ?, removed_run = NULL, version_id = ? WHERE id = ?`,
		r.ID, k.versionID, k.id); err != nil {
		return 0, err
	}
	if reseen {
		// A new version was written seen by this run; an old one back
		// after a removal is seen again.
		if _, err := pw.exec(ctx, `UPDATE item_versions SET last_seen_run = ? WHERE id = ?`, r.ID, k.versionID); err != nil {
			return 0, err
		}
	}
	if !k.seenRun {
		pw.newlySeen++
	}
	k.removed, k.seenRun = false, true
	pw.pending[u] = k
	return k.versionID, nil
}

// keepFields fills the fields extraction lost on this page from the item's
// current version, so a broken page does not rewrite history.
func (pw *pageWriter) keepFields(ctx context.Context, k knownItem, f *fields) error {
	var summary, published, author, image string
	err := pw.tx.QueryRowContext(ctx, `SELECT coalesce(summary, ''), coalesce(published, ''), coalesce(author, ''), coalesce(image, '')
		FROM item_versions WHERE id = ?`, k.versionID).Scan(&summary, &published, &author, &image)
	if err != nil {
		return err
	}
	if pw.keep.Summary && f.summary == "" {
		f.summary = summary
	}
	if pw.keep.Published && f.published == "" {
		f.published = published
	}
	if pw.keep.Author && f.author == "" {
		f.author = author
	}
	if pw.keep.Image && f.image == "" {
		f.image = image
	}
	return nil
}

func (pw *pageWriter) newVersion(ctx context.Context, k *knownItem, f fields, captureID int64) error {
	k.seq++
	out, err := pw.exec(ctx, `INSERT INTO item_versions (item_id, seq, title, summary, published, published_raw, author, image, link,
		hash, first_seen_run, last_seen_run, capture_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		k.id, k.seq, f.title, nullString(f.summary), nullString(f.published), nullString(f.publishedRaw), nullString(f.author),
		nullString(f.image), f.link, f.hash(), pw.run.ID, pw.run.ID, captureID)
	if err != nil {
		return err
	}
	k.versionID, err = out.LastInsertId()
	return err
}

// event queues an event of the page; flushEvents writes them in order.
func (pw *pageWriter) event(_ context.Context, item int64, kind string, version, old int64) error {
	pw.events = append(pw.events, []any{pw.run.ID, item, kind, version, nullInt64(old)})
	return nil
}

func (pw *pageWriter) flushEvents(ctx context.Context) error {
	err := insertRows(ctx, pw.tx, `INSERT INTO events (run_id, item_id, kind, version_id, old_version_id) VALUES `, 5, pw.events)
	pw.events = nil
	return err
}

// putBlob stores body under its sha256 unless it is already there.
func putBlob(ctx context.Context, tx *sql.Tx, sum string, body []byte) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM blobs WHERE sha256 = ?`, sum).Scan(&one)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	codec, data := compress(body)
	_, err = tx.ExecContext(ctx, `INSERT INTO blobs (sha256, size, codec, data) VALUES (?, ?, ?, ?)`, sum, len(body), codec, data)
	return err
}

// putListing stores a page's ordered versions once and returns its id.
func putListing(ctx context.Context, tx *sql.Tx, versions []int64) (int64, error) {
	h := sha256.New()
	var b strings.Builder
	for _, v := range versions {
		fmt.Fprintf(&b, "%d,", v)
	}
	h.Write([]byte(b.String()))
	sum := hex.EncodeToString(h.Sum(nil))
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM page_listings WHERE hash = ?`, sum).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	out, err := tx.ExecContext(ctx, `INSERT INTO page_listings (hash, entries) VALUES (?, ?)`, sum, len(versions))
	if err != nil {
		return 0, err
	}
	if id, err = out.LastInsertId(); err != nil {
		return 0, err
	}
	rows := make([][]any, len(versions))
	for i, v := range versions {
		rows[i] = []any{id, i + 1, v}
	}
	return id, insertRows(ctx, tx, `INSERT INTO page_entries (listing_id, position, version_id) VALUES `, 3, rows)
}

// insertRows inserts rows with multi-row INSERT statements: one statement
// for a page's rows instead of one each.
func insertRows(ctx context.Context, tx *sql.Tx, prefix string, cols int, rows [][]any) error {
	const perStatement = 200
	tuple := "(?" + strings.Repeat(", ?", cols-1) + ")"
	for len(rows) > 0 {
		batch := rows[:min(len(rows), perStatement)]
		rows = rows[len(batch):]
		var q strings.Builder
		q.WriteString(prefix)
		args := make([]any, 0, len(batch)*cols)
		for i, r := range batch {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(tuple)
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// Outcome is how a run ended, as the crawler saw it.
type Outcome struct {
	Status string // ok, partial, failed or interrupted
	// Complete means the run followed the listing to its last page without a
	// failed page: only such a run may decide that items were removed.
	Complete bool
	Error    string
	// Health, when set, says what extraction lost compared with the
	// source's recent runs. The run is stored as degraded: it decides no
	// removals and the listing view stays the previous one.
	Health string
	Net    NetStats
}

// Finish records the end of the run: the snapshot's carried-over pages,
// removals when the run was complete, the counters and the status.
func (r *Run) Finish(ctx context.Context, o Outcome) (RunStats, error) {
	if r.done {
		return r.stats, errors.New("run already finished")
	}
	switch o.Status {
	case StatusOK, StatusPartial, StatusFailed, StatusInterrupted, StatusDegraded:
	default:
		return r.stats, fmt.Errorf("finish run %d: unknown status %q", r.ID, o.Status)
	}
	status := o.Status
	if o.Health != "" && status == StatusOK {
		status = StatusDegraded
	}
	complete := o.Complete && status == StatusOK && r.stats.PagesFailed == 0
	// A cancelled ctx must not stop us from recording that the run ended.
	ctx = context.WithoutCancel(ctx)
	tx, err := r.db.write.BeginTx(ctx, nil)
	if err != nil {
		return r.stats, fmt.Errorf("finish run %d: %w", r.ID, r.db.explain(err))
	}
	defer tx.Rollback()
	stats := r.stats
	stats.NetStats = o.Net
	switch {
	case complete:
		stats.ItemsRemoved, err = r.removeUnseen(ctx, tx)
	case o.Health != "":
		// What a broken extraction saw is not the listing: keep the
		// captures (they can be re-extracted) but show the previous view.
		if _, err = tx.ExecContext(ctx, `DELETE FROM snapshots WHERE run_id = ?`, r.ID); err == nil {
			r.fetched = map[int]bool{}
			err = r.carryOver(ctx, tx)
		}
	default:
		err = r.carryOver(ctx, tx)
	}
	if err != nil {
		return r.stats, fmt.Errorf("finish run %d: %w", r.ID, r.db.explain(err))
	}
	_, err = tx.ExecContext(ctx, `UPDATE runs SET finished_at = ?, status = ?, complete = ?, pages_fetched = ?, pages_not_modified = ?,
		pages_failed = ?, items_seen = ?, items_new = ?, items_changed = ?, items_removed = ?, requests = ?, retries = ?,
		robots_blocked = ?, bytes_downloaded = ?, error = ?, health = ? WHERE id = ?`,
		formatTime(r.db.Now()), status, complete, stats.PagesFetched, stats.PagesNotModified, stats.PagesFailed,
		stats.ItemsSeen, stats.ItemsNew, stats.ItemsChanged, stats.ItemsRemoved, o.Net.Requests, o.Net.Retries,
		o.Net.RobotsBlocked, o.Net.BytesDownloaded, nullString(o.Error), nullString(o.Health), r.ID)
	if err != nil {
		return r.stats, fmt.Errorf("finish run %d: %w", r.ID, r.db.explain(err))
	}
	if err := tx.Commit(); err != nil {
		return r.stats, fmt.Errorf("finish run %d: %w", r.ID, r.db.explain(err))
	}
	r.stats, r.done = stats, true
	return stats, nil
}

// removeUnseen marks removed every listed item this complete run did not see.
func (r *Run) removeUnseen(ctx context.Context, tx *sql.Tx) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, version_id FROM items WHERE source_id = ? AND removed_run IS NULL AND last_seen_run <> ?`,
		r.Source.ID, r.ID)
	if err != nil {
		return 0, err
	}
	type gone struct{ id, version int64 }
	var all []gone
	for rows.Next() {
		var g gone
		if err := rows.Scan(&g.id, &g.version); err != nil {
			rows.Close()
			return 0, err
		}
		all = append(all, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, g := range all {
		if _, err := tx.ExecContext(ctx, `UPDATE items SET removed_run = ? WHERE id = ?`, r.ID, g.id); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO events (run_id, item_id, kind, version_id) VALUES (?, ?, 'removed', ?)`,
			r.ID, g.id, g.version); err != nil {
			return 0, err
		}
	}
	return len(all), nil
}

// carryOver completes an incomplete run's snapshot with the pages it did not
// fetch, as the latest earlier view of the source had them.
func (r *Run) carryOver(ctx context.Context, tx *sql.Tx) error {
	var prev sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT max(run_id) FROM snapshots sn JOIN runs ru ON ru.id = sn.run_id
		WHERE ru.source_id = ? AND sn.run_id < ?`, r.Source.ID, r.ID).Scan(&prev)
	if err != nil || !prev.Valid {
		return err // no earlier view: nothing to carry
	}
	rows, err := tx.QueryContext(ctx, `SELECT page, listing_id, capture_id FROM snapshots WHERE run_id = ? ORDER BY page`, prev.Int64)
	if err != nil {
		return err
	}
	type carried struct{ page, listing, capture int64 }
	var all []carried
	for rows.Next() {
		var c carried
		if err := rows.Scan(&c.page, &c.listing, &c.capture); err != nil {
			rows.Close()
			return err
		}
		if !r.fetched[int(c.page)] {
			all = append(all, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range all {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO snapshots (run_id, page, listing_id, capture_id, carried) VALUES (?, ?, ?, ?, 1)`,
			r.ID, c.page, c.listing, c.capture); err != nil {
			return err
		}
	}
	return nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func nullInt64(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

// Previous is what the archive knows of a page URL from earlier runs of the
// source: validators for a conditional GET and where the page led.
type Previous struct {
	ETag         string
	LastModified string
	NextURL      string
	SHA256       string
	Items        int
}

// Previous returns the latest usable capture of pageURL by an earlier run
// of this source; ok is false when there is none.
func (r *Run) Previous(ctx context.Context, pageURL string) (p Previous, ok bool, err error) {
	err = r.db.read.QueryRowContext(ctx, `SELECT coalesce(c.etag, ''), coalesce(c.last_modified, ''), coalesce(c.next_url, ''), c.sha256,
		coalesce(c.items, (SELECT entries FROM page_listings pl JOIN snapshots sn ON sn.listing_id = pl.id WHERE sn.capture_id = c.id AND sn.carried = 0), 0)
		FROM captures c JOIN runs ru ON ru.id = c.run_id
		WHERE c.url = ? AND ru.source_id = ? AND c.run_id < ? AND c.sha256 IS NOT NULL AND c.error IS NULL AND c.not_modified = 0
		ORDER BY c.id DESC LIMIT 1`, pageURL, r.Source.ID, r.ID).Scan(&p.ETag, &p.LastModified, &p.NextURL, &p.SHA256, &p.Items)
	if errors.Is(err, sql.ErrNoRows) {
		return Previous{}, false, nil
	}
	return p, err == nil, err
}

// Norms are what the source's recent healthy runs extracted, the yardstick
// for noticing a broken extraction.
type Norms struct {
	Runs        int         // healthy runs looked at
	PageItems   map[int]int // page number -> median items on it
	Items       int         // items on fetched pages, summed
	WithSummary int
	WithDate    int
}

// Norms looks at the source's last five ok runs before this one.
func (r *Run) Norms(ctx context.Context) (Norms, error) {
	n := Norms{PageItems: map[int]int{}}
	rows, err := r.db.read.QueryContext(ctx, `SELECT c.run_id, c.page, c.items, coalesce(c.with_summary, 0), coalesce(c.with_date, 0)
		FROM captures c WHERE c.run_id IN (
			SELECT id FROM runs WHERE source_id = ? AND id < ? AND status = 'ok' ORDER BY id DESC LIMIT 5)
		AND c.items IS NOT NULL AND c.error IS NULL`, r.Source.ID, r.ID)
	if err != nil {
		return n, err
	}
	defer rows.Close()
	perPage := map[int][]int{}
	runs := map[int64]bool{}
	for rows.Next() {
		var run int64
		var page, items, ws, wd int
		if err := rows.Scan(&run, &page, &items, &ws, &wd); err != nil {
			return n, err
		}
		runs[run] = true
		perPage[page] = append(perPage[page], items)
		n.Items += items
		n.WithSummary += ws
		n.WithDate += wd
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	n.Runs = len(runs)
	for page, counts := range perPage {
		slices.Sort(counts)
		n.PageItems[page] = counts[len(counts)/2]
	}
	return n, nil
}

// RunsSinceComplete counts the source's runs after its last complete one
// (all its runs when none was complete), for "a full crawl every N runs".
func (db *DB) RunsSinceComplete(ctx context.Context, sourceID int64) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM runs WHERE source_id = ? AND status <> 'running'
		AND id > coalesce((SELECT max(id) FROM runs WHERE source_id = ? AND complete = 1), 0)`, sourceID, sourceID).Scan(&n)
	return n, err
}
