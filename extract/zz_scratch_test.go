package extract

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestScratchCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*.html")
	g, _ := filepath.Glob("testdata/golden/*.html")
	files = append(files, g...)
	tag := regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)
	langRe := regexp.MustCompile(`<html[^>]*\blang="([^"]*)"`)
	ref := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lang := ""
		if m := langRe.FindSubmatch(b); m != nil {
			lang = string(m[1])
		}
		parts := tag.Split(string(b), -1)
		seen := map[string]bool{}
		n := 0
		for _, p := range parts {
			s := strings.Join(strings.Fields(html.UnescapeString(p)), " ")
			if s == "" || seen[s] {
				continue
			}
			seen[s] = true
			if d, ok := FindDate(s, ref, lang); ok {
				n++
				if n <= 12 {
					if len(s) > 90 {
						s = s[:90]
					}
					fmt.Printf("%-45s %-22s %-30q %q\n", filepath.Base(f)[:min(45, len(filepath.Base(f)))], d.String(), d.Raw, s)
				}
			}
		}
	}
}
