#!/bin/sh
# Runs every fuzz target for a bounded time each and reports executions
# and findings. Not part of CI.   Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]
set -u
cd "$(dirname "$0")/.."
secs=${1:-120}
status=0
for target in \
	./extract:FuzzExtract \
	./extract:FuzzParseDate \
	./extract:FuzzFindDate \
	./extract:FuzzCanonicalURL \
	./extract:FuzzDecode \
	./cmd/tagsnap/internal/config:FuzzParse \
	./storage:FuzzPlainText
do
	pkg=${target%%:*}
	fn=${target#*:}
	log=$(mktemp)
	if go test "$pkg" -run '^$' -fuzz "^$fn\$" -fuzztime "${secs}s" >"$log" 2>&1; then
		result=ok
	else
		result=FAILED
		status=1
	fi
	execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	printf '%-45s %-7s %12s execs in %ss\n' "$target" "$result" "${execs:-?}" "$secs"
	[ "$result" = ok ] || sed -n '1,30p' "$log"
	rm -f "$log"
done
exit $status
