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
    rss="$out/rss-$customers.txt"
    /usr/bin/time -v "$CINTEL_BIN" analyze "$csv" --out "$out/analysis-$customers" \
        --map customer_id=cust,date=order_date,amount=total,cost=cogs,product_id=sku,category=cat1,transaction_id=order_id \
        --max-customers 2000000 --max-total-transactions 20000000 >"$out/analyze-$customers.stdout" 2>"$log" &
    timer=$!
    # Resident memory twice a second (seconds since start, KiB), to give each phase its own peak.
    : >"$rss"
    start=$(date +%s.%N)
    while kill -0 "$timer" 2>/dev/null; do
        child=$(pgrep -P "$timer" | head -1 || true)
        if [ -n "$child" ]; then
            kib=$(awk '/^VmRSS/ {print $2}' "/proc/$child/status" 2>/dev/null || true)
            [ -n "$kib" ] && echo "$(echo "$(date +%s.%N) - $start" | bc) $kib" >>"$rss"
        fi
        sleep 0.5
    done
    wait "$timer"
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    {
        echo "## $customers customers, $(($(wc -l <"$csv") - 1)) rows ($(du -h "$csv" | cut -f1) of CSV)"
        echo
        echo "Wall time $wall, peak resident memory $((peak / 1024)) MiB. Phases (seconds from the start, as printed) and"
        echo "the peak resident memory sampled during each:"
        echo
        echo '```'
        # Each progress line starts a phase that lasts until the next one.
        grep '^cintel: \[' "$log" | awk -v rss="$rss" '
            BEGIN { while ((getline line < rss) > 0) { split(line, f, " "); t[++m] = f[1]; k[m] = f[2] } }
            { match($0, /\[ *[0-9.]+ s\]/); s = substr($0, RSTART + 1, RLENGTH - 4) + 0; start[NR] = s; text[NR] = $0 }
            END {
                for (i = 1; i <= NR; i++) {
                    stop = i < NR ? start[i + 1] : 1e18; peak = 0
                    for (j = 1; j <= m; j++) if (t[j] >= start[i] && t[j] < stop && k[j] > peak) peak = k[j]
                    # A phase shorter than the sampling interval has no sample of its own.
                    if (peak > 0) printf "%-90s %6d MiB\n", text[i], peak / 1024; else printf "%-90s      — MiB\n", text[i]
                }
            }'
        echo '```'
        echo
    } >>"$out/results.md"
done
cat "$out/results.md"
