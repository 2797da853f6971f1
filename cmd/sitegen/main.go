// Command sitegen serves tagsnap's synthetic WordPress-like tag archive for
// measurements from outside: crawl it with tagsnap, with bare colly or with
// Scrapy, change it, crawl again.
//
//	go run ./cmd/sitegen -items 10000 -per-page 20 -theme classic -pad 80000
//
// It listens on 127.0.0.1 only. POST /_edit?pos=N rewrites one headline.
// POST /_mutate?seed=N applies a reproducible
// round of changes (new items at the top, edited headlines and summaries,
// deleted items) and GET /_truth returns the listing as JSON, so a harness
// can compare an export with what the site really lists.
//
// For measuring politeness from the server side:
//
//	go run ./cmd/sitegen -flaky 0.05 -latency 50ms -robots-disallow /tag/iskp/page/9
//
// -flaky RATE makes that share of the listing pages fail once each (503
// and 429 with Retry-After, a reset connection, a truncated body, a 500;
// see sitegen.Site.SetFlaky), -latency D delays every listing page and
// -robots-disallow PREFIX (repeatable) adds "Disallow: PREFIX" to the
// robots.txt. GET /_stats returns the server's counts as JSON (sitegen.Stats
// with "Flaky", the failures served per mode) and POST /_reset zeroes them;
// POST /_reset?rearm=1 also makes the flaky pages fail once more.
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
	"strings"
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
	flaky := flag.Float64("flaky", 0, "share of listing pages that fail once each (0 to 1)")
	flakySeed := flag.Int64("flaky-seed", 1, "seed choosing the flaky pages")
	latency := flag.Duration("latency", 0, "delay of every listing page")
	var disallow []string
	flag.Func("robots-disallow", "add `PREFIX` as a Disallow rule for User-agent * to robots.txt (repeatable)", func(p string) error {
		if !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "*") {
			return fmt.Errorf("%q: a path prefix starts with /", p)
		}
		disallow = append(disallow, p)
		return nil
	})
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
	if !(*flaky >= 0 && *flaky <= 1) {
		log.Fatalf("-flaky %v: want a rate from 0 to 1", *flaky)
	}
	if *latency < 0 {
		log.Fatalf("-latency %v: want a duration of 0 or more", *latency)
	}
	newest := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	site := sitegen.New(sitegen.Generate(*items, *seed, newest), sitegen.Options{Theme: th, PerPage: *perPage, PadBytes: *pad, Validators: *validators})
	site.SetFlaky(*flaky, *flakySeed)
	site.SetLatency(*latency)
	if len(disallow) > 0 {
		robots := "User-agent: *\nDisallow: /wp-admin/\n"
		for _, p := range disallow {
			robots += "Disallow: " + p + "\n"
		}
		site.SetRobots(robots, http.StatusOK)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /_edit", func(w http.ResponseWriter, r *http.Request) {
		// Rewrite the headline of the item at position ?pos=N (1-based).
		pos, _ := strconv.Atoi(r.URL.Query().Get("pos"))
		items := site.Items()
		if pos < 1 || pos > len(items) {
			http.Error(w, "pos out of range", http.StatusBadRequest)
			return
		}
		site.Edit(items[pos-1].Slug, func(it *sitegen.Item) { it.Title = "Edited: " + it.Title })
		fmt.Fprintf(w, "edited item %d\n", pos)
	})
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
	mux.HandleFunc("GET /_stats", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(struct {
			sitegen.Stats
			Flaky map[string]int
		}{site.Stats(), site.FlakyStats()})
	})
	mux.HandleFunc("POST /_reset", func(w http.ResponseWriter, r *http.Request) {
		site.ResetStats()
		if r.URL.Query().Get("rearm") == "1" {
			site.SetFlaky(*flaky, *flakySeed)
		}
		fmt.Fprintln(w, "reset")
	})
	mux.Handle("/", site)
	fmt.Fprintf(os.Stderr, "sitegen: %d items, %d pages (%s) at %s; flaky %v, latency %v, robots.txt disallows %q\n",
		*items, site.Pages(), th, site.ListingURL(base), *flaky, *latency, append([]string{"/wp-admin/"}, disallow...))
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
