#!/usr/bin/env bash
# Report generation beyond the segmentation itself (issue 7's target: ≤ 2 s for 100k customers), release build.
#
# Usage: bench/reports/run.sh [N]     (default 100000 customers)
#
# `cintel report --timings` splits one run into the segmentation (SEG's own benchmark of models), building the pack
# from it and rendering the document; the figure that matters is pack + render. Each format (html with all three
# decks, xml, json) runs RUNS times; medians are reported. The peer measured in the same run is the segmentation
# endpoint itself (`cintel run purchasing_segmentation` on the same body, wall time), so the report's cost can be
# read as a share of what the caller pays anyway. A markdown table goes to stdout and to $OUT/results.md.
#
# Settings (environment): RUNS=3  OUT=bench/reports/out  CINTEL_BIN= (default: swift build -c release)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-100000}
runs=${RUNS:-3}
out=${OUT:-$here/out}
mkdir -p "$out"
if [ -z "${CINTEL_BIN:-}" ]; then
    (cd "$root" && swift build -c release --product cintel >&2)
    CINTEL_BIN=$(cd "$root" && swift build -c release --show-bin-path)/cintel
fi
body="$out/report-$n.json"
[ -f "$body" ] || python3 "$here/generate.py" "$n" "$body"
limits=(--max-body-bytes 200000000 --max-customers 2000000)

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

{
    echo "| format | segmentation s | pack s | render s | pack + render s | output bytes |"
    echo "| --- | --- | --- | --- | --- | --- |"
} >"$out/table.md"
for format in html xml json; do
    : >"$out/$format.timings"
    for _ in $(seq "$runs"); do
        "$CINTEL_BIN" report "$body" --lang all --format "$format" --timings --out "$out/report.$format" "${limits[@]}" 2>>"$out/$format.timings"
    done
    seg=$(sed -n 's/.*segmentation \([0-9.]*\) s.*/\1/p' "$out/$format.timings" | median)
    pack=$(sed -n 's/.*pack \([0-9.]*\) s.*/\1/p' "$out/$format.timings" | median)
    render=$(sed -n 's/.*render \([0-9.]*\) s.*/\1/p' "$out/$format.timings" | median)
    beyond=$(sed -n 's/.*pack \([0-9.]*\) s, render \([0-9.]*\) s.*/\1 \2/p' "$out/$format.timings" | awk '{print $1 + $2}' | median)
    bytes=$(stat -c %s "$out/report.$format")
    echo "| $format | $seg | $pack | $render | $beyond | $bytes |" >>"$out/table.md"
    echo "bench: $format done" >&2
done
: >"$out/seg.times"
for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e" -a -o "$out/seg.times" "$CINTEL_BIN" run purchasing_segmentation <(python3 -c "
import json,sys; b=json.load(open('$body')); [b.pop(k, None) for k in ('languages','report_date')]; json.dump(b, sys.stdout)") \
        --compact "${limits[@]}" >/dev/null
done
seg_wall=$(median <"$out/seg.times")
{
    echo "# Report generation, $n customers ($(date -u +%Y-%m-%d), $(nproc) cores, release build, medians of $runs runs)"
    echo
    cat "$out/table.md"
    echo
    echo "Peer in the same run: \`cintel run purchasing_segmentation\` on the same body (wall time, JSON in and out): $seg_wall s."
} | tee "$out/results.md"
