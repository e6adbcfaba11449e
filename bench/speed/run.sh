#!/usr/bin/env bash
# Two end-to-end speed ratios against a peer measured in the same run (release build; medians of RUNS runs each).
#
#   json      `cintel run customer_features` on the 20,000-customer demo body (about 39 MB, pretty-printed) against
#             Python's C json module merely loading and dumping the same file.
#   forecast  `cintel run customer_clv_forecast` on CDNOW (23,570 customers, the copy inside the lifetimes package)
#             against lifetimes 0.11.3's summary + BG/NBD + Gamma-Gamma fit + CLV prediction on the same body
#             (bench/clv/lifetimes_clv.py's own end-to-end total: imports, load, summary, fits, forecast, write).
#
# Usage: bench/speed/run.sh [json] [forecast]      (default: both)
# Settings (environment): RUNS=5, OUT=bench/speed/out (git-ignored), CINTEL_BIN= (default: swift build -c release),
#   PYTHON= (an interpreter with lifetimes 0.11.3 and pandas; default: bench/clv/.venv), CDNOW= (CDNOW_master.txt).
# Prints a markdown table to stdout and to $OUT/results.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${RUNS:-5}
out=${OUT:-$here/out}
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(json forecast)
log() { echo "[speed] $*" >&2; }
mkdir -p "$out"

source "$root/bench/release-cintel.sh"

# The median wall time in seconds of RUNS runs of a command (its output discarded).
median() {
    local times=() i start end
    for ((i = 0; i < runs; i++)); do
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc -l)")
    done
    middle "${times[@]}"
}

# The median of the numbers given.
middle() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { printf "%.3f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

rows=()
for stage in "${stages[@]}"; do
    case $stage in
    json)
        body=$out/demo20k/requests/customer_features.json
        if [ ! -f "$body" ]; then
            log "writing the 20,000-customer demo"
            rm -rf "$out/demo20k"
            "$bin" demo --out "$out/demo20k" --customers 20000 >/dev/null
        fi
        log "customer_features, $runs runs each"
        ours=$(median "$bin" run customer_features "$body" --compact)
        peer=$(median python3 -c "import json, sys; json.dump(json.load(open(sys.argv[1])), open('/dev/null', 'w'))" "$body")
        rows+=("| customer_features, 20,000 demo customers ($(du -m "$body" | cut -f1) MB) | $ours s | Python json load + dump: $peer s | $(echo "$peer / $ours" | bc -l | xargs printf '%.1f') × |")
        ;;
    forecast)
        source "$root/bench/python-env.sh"
        bench_python "$root/bench/clv" 'import sys, lifetimes, pandas; sys.exit(lifetimes.__version__ != "0.11.3")' \
            "lifetimes 0.11.3 with pandas" 'lifetimes==0.11.3'
        cdnow=${CDNOW:-$("$py" -c 'import lifetimes, os; print(os.path.join(os.path.dirname(lifetimes.__file__), "datasets", "CDNOW_master.txt"))')}
        body=$out/cdnow-forecast.json
        if [ ! -f "$body" ]; then
            log "converting CDNOW"
            # CDNOW_master.txt: customer id, date YYYYMMDD, units, dollars; one row per purchase.
            awk 'BEGIN { print "customer_id,date,amount" } $2 ~ /^[0-9]+$/ { printf "%s,%s-%s-%s,%s\n", $1, substr($2, 1, 4), substr($2, 5, 2), substr($2, 7, 2), $4 }' \
                "$cdnow" >"$out/cdnow-orders.csv"
            "$bin" request customer_clv_forecast "$out/cdnow-orders.csv" --horizon 12 --compact >"$body"
        fi
        log "customer_clv_forecast on CDNOW, $runs runs each"
        ours=$(median "$bin" run customer_clv_forecast "$body" --compact)
        # The peer's own end-to-end total (imports, load, summary, fits, forecast, write), without the comparison
        # lifetimes_clv.py computes after it.
        totals=()
        for ((i = 0; i < runs; i++)); do
            totals+=("$("$py" "$root/bench/clv/lifetimes_clv.py" "$body" 2>&1 | awk '$2 == "total" && $4 == "s" { print $3 }')")
        done
        peer=$(middle "${totals[@]}")
        rows+=("| customer_clv_forecast, CDNOW (23,570 customers) | $ours s | lifetimes summary + fit + predict: $peer s | $(echo "$peer / $ours" | bc -l | xargs printf '%.1f') × |")
        ;;
    *) echo "run.sh: unknown stage '$stage' (json, forecast)" >&2; exit 2 ;;
    esac
done

{
    echo "| work | cintel (median of $runs) | peer (median of $runs) | ratio |"
    echo "| --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
} | tee "$out/results.md"
