package storage

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// BenchmarkCompress is why page bodies are zstd: on the saved corpus pages
// zstd's default level compresses as well as gzip -6 at several times the
// speed (reported as "ratio", compressed/raw).
func BenchmarkCompress(b *testing.B) {
	files, _ := filepath.Glob("../extract/testdata/corpus/*.html")
	var pages [][]byte
	total := 0
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, d)
		total += len(d)
	}
	if total == 0 {
		b.Skip("no corpus pages")
	}
	report := func(b *testing.B, out int) {
		b.ReportMetric(float64(out)/float64(total), "ratio")
		b.SetBytes(int64(total))
	}
	for _, lvl := range []zstd.EncoderLevel{zstd.SpeedFastest, zstd.SpeedDefault, zstd.SpeedBetterCompression} {
		enc, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(lvl), zstd.WithEncoderConcurrency(1))
		b.Run("zstd-"+lvl.String(), func(b *testing.B) {
			out := 0
			for b.Loop() {
				out = 0
				for _, p := range pages {
					out += len(enc.EncodeAll(p, nil))
				}
			}
			report(b, out)
		})
	}
	b.Run("gzip-6", func(b *testing.B) {
		out := 0
		for b.Loop() {
			out = 0
			for _, p := range pages {
				var buf bytes.Buffer
				w, _ := gzip.NewWriterLevel(&buf, 6)
				w.Write(p)
				w.Close()
				out += buf.Len()
			}
		}
		report(b, out)
	})
}

func TestCompressRoundTrip(t *testing.T) {
	for _, body := range [][]byte{nil, []byte("<p>"), bytes.Repeat([]byte("<article>ISKP</article>\n"), 5000)} {
		codec, data := compress(body)
		got, err := decompress(codec, data)
		if err != nil || !bytes.Equal(got, body) {
			t.Errorf("%s round trip of %d bytes: %v", codec, len(body), err)
		}
	}
	if _, err := decompress("lz4", nil); err == nil {
		t.Error("unknown codec accepted")
	}
}
