#!/bin/sh
# Measures tagsnap against bare colly (bench/barecolly: hand-written
# selectors, no storage) and Scrapy (bench/scrapy_spider.py, if
# /usr/bin/python3 has scrapy: apt-get install python3-scrapy) on the same
# synthetic site, from outside: wall time, pages/s and peak RSS.
#   Usage: bench/compare.sh [THEME] [ITEMS] [PER_PAGE] [PAD]
set -eu
cd "$(dirname "$0")/.."
theme=${1:-classic}
items=${2:-10000}
per=${3:-20}
pad=${4:-60000}
dir=$(mktemp -d)
go build -o "$dir/tagsnap" ./cmd/tagsnap
go build -o "$dir/sitegen" ./cmd/sitegen
go build -o "$dir/barecolly" ./bench/barecolly
"$dir/sitegen" -addr 127.0.0.1:18600 -items "$items" -per-page "$per" -pad "$pad" -theme "$theme" >/dev/null 2>&1 &
site=$!
trap 'kill $site 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
sleep 1
url=http://127.0.0.1:18600/tag/iskp/
"$dir/barecolly" -theme "$theme" "$url" >/dev/null # warm the site's page cache
measure() { # name, command...
	name=$1
	shift
	/usr/bin/time -f "%e %M" -o "$dir/time" "$@" >"$dir/out" 2>&1 || { echo "$name failed:"; cat "$dir/out"; }
	set -- $(cat "$dir/time")
	pages=$(curl -s 127.0.0.1:18600/_stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["Listing"])')
	curl -s -XPOST 127.0.0.1:18600/_reset >/dev/null
	awk -v n="$name" -v t="$1" -v m="$2" -v p="$pages" 'BEGIN { printf "%-34s %6d pages %7.2f s %8.1f pages/s %7.1f MB peak RSS\n", n, p, t, p / t, m / 1024 }'
}
curl -s -XPOST 127.0.0.1:18600/_reset >/dev/null
measure "bare colly" "$dir/barecolly" -theme "$theme" "$url"
measure "tagsnap crawl --full (first)" "$dir/tagsnap" crawl --db "$dir/t.db" --full --delay 0s "$url"
if /usr/bin/python3 -c 'import scrapy' 2>/dev/null; then
	measure "scrapy" /usr/bin/python3 -m scrapy runspider -L ERROR -s ROBOTSTXT_OBEY=False -a theme="$theme" -a start="$url" bench/scrapy_spider.py
fi
dbsize() { # the database with its WAL folded in
	python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()' "$dir/t.db"
	du -b "$dir/t.db" | cut -f1
}
size1=$(dbsize)
measure "bare colly (recrawl)" "$dir/barecolly" -theme "$theme" "$url"
measure "tagsnap crawl (recrawl, unchanged)" "$dir/tagsnap" crawl --db "$dir/t.db" --delay 0s "$url"
size2=$(dbsize)
measure "tagsnap crawl --full (unchanged)" "$dir/tagsnap" crawl --db "$dir/t.db" --full --delay 0s "$url"
size3=$(dbsize)
awk -v a="$size1" -v b="$size2" -v c="$size3" 'BEGIN { printf "database: %d bytes after the first crawl; +%.3f%% after a plain unchanged recrawl; +%.3f%% after a full unchanged one\n", a, 100 * (b - a) / a, 100 * (c - b) / b }'
for f in csv jsonl; do
	/usr/bin/time -f "%e" -o "$dir/time" "$dir/tagsnap" export --db "$dir/t.db" --what items --format $f -o "$dir/items.$f" 2>/dev/null
	echo "export items $f: $(cat "$dir/time") s, $(wc -l <"$dir/items.$f") lines"
done
