package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// AtomicFile is written under a temporary name in the target's directory
// and renamed over the target on Commit, so readers never see a
// half-written export: a crash, a full disk or an interrupted run leaves the
// previous export (or none) in place, never a truncated one. The temporary
// file is in the same directory because rename is only atomic within a
// file system.
//
// An AtomicFile is not safe for concurrent use.
type AtomicFile struct {
	path   string   // the target
	f      *os.File // the temporary file
	err    error    // first write error
	closed bool     // committed or aborted
}

// CreateAtomic starts writing the file at path. Nothing appears at path
// until Commit; the temporary file is hidden (its name starts with a dot)
// so that tools watching the directory skip it. The directory must exist.
func CreateAtomic(path string) (*AtomicFile, error) {
	dir, base := filepath.Split(path)
	if base == "" {
		return nil, fmt.Errorf("export: create %s: not a file name", path)
	}
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		// The error names the temporary file; the user knows the target.
		return nil, fmt.Errorf("export: create %s: %w", path, err)
	}
	// CreateTemp makes 0600, right for secrets but not for an export that
	// others on the machine are meant to read.
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("export: create %s: %w", path, err)
	}
	return &AtomicFile{path: path, f: f}, nil
}

// Write writes to the temporary file. After a failed write it writes
// nothing more and returns that error again, so that Commit can refuse to
// publish a file with a hole in it.
func (f *AtomicFile) Write(p []byte) (int, error) {
	if f.closed {
		return 0, fmt.Errorf("export: write %s: %w", f.path, os.ErrClosed)
	}
	if f.err != nil {
		return 0, f.err
	}
	n, err := f.f.Write(p)
	if err != nil {
		f.err = fmt.Errorf("export: write %s: %w", f.path, err)
		return n, f.err
	}
	return n, nil
}

// Commit syncs and closes the temporary file and renames it over the
// target. The sync comes first so that after a crash the target is either
// the old file or the whole new one, not a renamed empty inode. If a write
// failed, Commit returns that error and removes the temporary file instead;
// on any error the target is left as it was.
func (f *AtomicFile) Commit() error {
	if f.closed {
		return fmt.Errorf("export: commit %s: %w", f.path, os.ErrClosed)
	}
	f.closed = true
	tmp := f.f.Name()
	err := f.err
	if err == nil {
		if serr := f.f.Sync(); serr != nil {
			err = fmt.Errorf("export: sync %s: %w", f.path, serr)
		}
	}
	if cerr := f.f.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("export: close %s: %w", f.path, cerr)
	}
	if err == nil {
		if rerr := os.Rename(tmp, f.path); rerr != nil {
			err = fmt.Errorf("export: %w", rerr)
		}
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	syncDir(filepath.Dir(f.path))
	return nil
}

// Abort closes and removes the temporary file, leaving the target as it
// was. It is a no-op after Commit (or a previous Abort), so it can be
// deferred right after CreateAtomic.
func (f *AtomicFile) Abort() error {
	if f.closed {
		return nil
	}
	f.closed = true
	cerr := f.f.Close()
	rerr := os.Remove(f.f.Name())
	if rerr != nil {
		return fmt.Errorf("export: abort %s: %w", f.path, rerr)
	}
	if cerr != nil && !errors.Is(cerr, os.ErrClosed) {
		return fmt.Errorf("export: abort %s: %w", f.path, cerr)
	}
	return nil
}

// syncDir makes the rename durable: on Linux the new directory entry is
// only on disk once the directory itself is synced. It is best effort:
// the rename has happened and readers see the new file, and some systems
// cannot sync a directory at all, so a failure here is not worth failing
// an export that is already in place.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
