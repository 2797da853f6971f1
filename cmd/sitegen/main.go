// Command sitegen serves tagsnap's synthetic WordPress-like tag archive for
// measurements from outside: crawl it with tagsnap, with bare colly or with
// Scrapy, change it, crawl again.
//
//	go run ./cmd/sitegen -items 10000 -per-page 20 -theme classic -pad 80000
//
// It listens on 127.0.0.1 only. POST /_mutate?seed=N applies a reproducible
// round of changes (new items at the top, edited headlines and summaries,
// deleted items) and GET /_truth returns the listing as JSON, so a harness
// can compare an export with what the site really lists.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/tagsnap/tagsnap/internal/sitegen"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address (loopback)")
	items := flag.Int("items", 10000, "items in the listing")
	perPage := flag.Int("per-page", 20, "items per listing page")
	themeName := flag.String("theme", "classic", "classic, block or magazine")
	pad := flag.Int("pad", 80000, "extra bytes of page noise (pages of ~100 KB at 80000)")
	validators := flag.Bool("validators", true, "send ETag/Last-Modified and answer 304")
	seed := flag.Int64("seed", 1, "content seed")
	flag.Parse()

	theme := map[string]sitegen.Theme{"classic": sitegen.Classic, "block": sitegen.Block, "magazine": sitegen.Magazine}
	th, ok := theme[*themeName]
	if !ok {
		log.Fatalf("unknown -theme %q: choose classic, block or magazine", *themeName)
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil || (host != "127.0.0.1" && host != "localhost" && host != "::1") {
		log.Fatalf("-addr %q: listen on loopback only", *addr)
	}
	newest := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	site := sitegen.New(sitegen.Generate(*items, *seed, newest), sitegen.Options{Theme: th, PerPage: *perPage, PadBytes: *pad, Validators: *validators})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /_mutate", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.ParseInt(r.URL.Query().Get("seed"), 10, 64)
		fmt.Fprintln(w, mutate(site, n, newest))
	})
	mux.HandleFunc("GET /_truth", func(w http.ResponseWriter, r *http.Request) {
		type row struct {
			URL       string `json:"url"`
			Title     string `json:"title"`
			Summary   string `json:"summary"`
			Published string `json:"published"`
		}
		var out []row
		for _, it := range site.Items() {
			out = append(out, row{site.ItemURL(base, it), it.Title, it.Summary, it.Published.UTC().Format(time.RFC3339)})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(out)
	})
	mux.Handle("/", site)
	fmt.Fprintf(os.Stderr, "sitegen: %d items, %d pages (%s) at %s\n", *items, site.Pages(), th, site.ListingURL(base))
	log.Fatal(http.Serve(ln, mux))
}

// mutate adds, edits and deletes about 1% of the items each, reproducibly.
func mutate(site *sitegen.Site, seed int64, newest time.Time) string {
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	items := site.Items()
	n := max(len(items)/100, 1)
	fresh := sitegen.Generate(n, seed+1000, newest.Add(time.Duration(seed+1)*72*time.Hour))
	for i := len(fresh) - 1; i >= 0; i-- {
		fresh[i].Slug = fmt.Sprintf("new-%d-%d", seed, i)
		site.Add(fresh[i])
	}
	edited, deleted := 0, 0
	for _, i := range rng.Perm(len(items))[:2*n] {
		it := items[i]
		if edited < n {
			site.Edit(it.Slug, func(x *sitegen.Item) {
				if edited%2 == 0 {
					x.Title = "Updated: " + x.Title
				} else {
					x.Summary += " (Updated.)"
				}
			})
			edited++
			continue
		}
		site.Delete(it.Slug)
		deleted++
	}
	return fmt.Sprintf("added %d, edited %d, deleted %d; %d items, %d pages", n, edited, deleted, len(site.Items()), site.Pages())
}
