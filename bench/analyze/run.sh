#!/usr/bin/env bash
# `cintel analyze` end to end on a generated orders CSV (release build): wall time and peak memory, by phase.
#
# Usage: bench/analyze/run.sh [CUSTOMERS:ROWS ...]     (default 100000:500000)
#
# The progress lines of `cintel analyze` (phase and elapsed seconds) give the time of each phase; /usr/bin/time -v
# the peak resident memory of the whole run. Markdown goes to stdout and $OUT/results.md.
# Settings (environment): OUT=bench/analyze/out  CINTEL_BIN= (default: swift build -c release)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(100000:500000); fi
out=${OUT:-$here/out}
mkdir -p "$out"
if [ -z "${CINTEL_BIN:-}" ]; then
    (cd "$root" && swift build -c release --product cintel >&2)
    CINTEL_BIN=$(cd "$root" && swift build -c release --show-bin-path)/cintel
fi
{
    echo "# cintel analyze, $(date -u +%Y-%m-%d), $(nproc) cores, release build"
    echo
} >"$out/results.md"
for size in "${sizes[@]}"; do
    customers=${size%%:*}
    rows=${size##*:}
    csv="$out/orders-$customers-$rows.csv"
    [ -f "$csv" ] || python3 "$here/generate.py" "$customers" "$rows" "$csv"
    log="$out/analyze-$customers.log"
    /usr/bin/time -v "$CINTEL_BIN" analyze "$csv" --out "$out/analysis-$customers" \
        --map customer_id=cust,date=order_date,amount=total,cost=cogs,product_id=sku,category=cat1,transaction_id=order_id \
        --max-customers 2000000 --max-total-transactions 20000000 >"$out/analyze-$customers.stdout" 2>"$log"
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    {
        echo "## $customers customers, $(($(wc -l <"$csv") - 1)) rows ($(du -h "$csv" | cut -f1) of CSV)"
        echo
        echo "Wall time $wall, peak resident memory $((peak / 1024)) MiB. Phases (seconds from the start, as printed):"
        echo
        echo '```'
        grep '^cintel: \[' "$log"
        echo '```'
        echo
    } >>"$out/results.md"
done
cat "$out/results.md"
