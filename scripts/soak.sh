#!/bin/sh
# Soak: runs the daemon against a local synthetic site for a long time
# (thousands of runs) and samples heap, RSS, goroutines and open files
# from its /metrics. They must stay flat. Not part of CI.
#   Usage: scripts/soak.sh [MINUTES] [SOURCES]
set -eu
cd "$(dirname "$0")/.."
minutes=${1:-10}
sources=${2:-10}
dir=$(mktemp -d)
go build -o "$dir/tagsnap" ./cmd/tagsnap
go build -o "$dir/sitegen" ./cmd/sitegen
"$dir/sitegen" -addr 127.0.0.1:18555 -items 300 -per-page 20 -pad 20000 >"$dir/sitegen.log" 2>&1 &
site=$!
trap 'kill $site $daemon 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
sleep 1
{
	printf 'defaults:\n  schedule: "@every 1s"\n  delay: 0s\n  max_pages: 3\n  full_every: 5\nsources:\n'
	i=0
	while [ $i -lt "$sources" ]; do
		printf '  - name: s%d\n    url: http://127.0.0.1:18555/tag/iskp/?s=%d\n' $i $i
		i=$((i + 1))
	done
} >"$dir/tagsnap.yaml"
"$dir/tagsnap" daemon -q --config "$dir/tagsnap.yaml" --db "$dir/soak.db" --listen 127.0.0.1:18556 --max-crawls 4 2>"$dir/daemon.log" &
daemon=$!
metric() { curl -s 127.0.0.1:18556/metrics | awk -v m="$1" '$1 == m { print $2 }'; }
runs() { curl -s 127.0.0.1:18556/metrics | awk '/^tagsnap_runs_total/ { s += $2 } END { print s + 0 }'; }
printf '%8s %8s %12s %12s %11s %9s\n' elapsed runs heap_inuse rss goroutines open_fds
end=$(( $(date +%s) + minutes * 60 ))
start=$(date +%s)
while [ "$(date +%s)" -lt "$end" ]; do
	sleep 30
	printf '%7ss %8s %12s %12s %11s %9s\n' $(( $(date +%s) - start )) "$(runs)" \
		"$(metric go_memstats_heap_inuse_bytes)" "$(metric process_resident_memory_bytes)" \
		"$(metric go_goroutines)" "$(metric process_open_fds)"
done
kill -TERM $daemon
wait $daemon && echo "daemon exited 0"
"$dir/tagsnap" check --db "$dir/soak.db"
