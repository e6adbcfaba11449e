#!/usr/bin/env bash
# Segments and loyalty tiers a marketer would see, from two cintel binaries side by side in one run (issue 19):
# CDNOW (real purchase history, from the lifetimes package) through `cintel analyze` and through customer_features
# + purchasing_segmentation with default options, the built-in demo, a scikit-learn check of the chosen model's
# metrics, and the 10,000-customer benchmark's speed.
#
# Usage: bench/segments/run.sh
#
# Steps: cdnow.py converts CDNOW into an orders CSV and a customer_features body (in $OUT, never in the repository);
# bench/segmentation/generate.py writes the speed payload; segments.py runs every step for each binary and prints
# the markdown report (also $OUT/results.md). Progress goes to stderr. Exit status 1 when the after binary misses
# a target.
#
# Settings (environment):
#   CINTEL_AFTER=     the binary with the new rule; default: swift build -c release --product cintel (this tree)
#   CINTEL_BEFORE=    the binary with today's rule; unset: the before column is skipped, with a note
#   SPEED_RUNS=3      runs per binary of the 10,000-customer benchmark (interleaved)
#   SPEED_CUSTOMERS=10000   customers in that benchmark's payload (the target is stated for 10,000)
#   STABILITY_CUSTOMERS=100000   customers of the payload that prices SEG-74's stability (target: +20 % at most)
#   OUT=bench/segments/out   working folder (git-ignored)
#   PYTHON=           an interpreter with scikit-learn and numpy (and lifetimes, unless CDNOW is set);
#                     default: bench/segments/.venv, created on demand
#   CDNOW=            path of CDNOW_master.txt; default: the copy inside the lifetimes package
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT:-$here/out}
runs=${SPEED_RUNS:-3}
speed_n=${SPEED_CUSTOMERS:-10000}
[[ $speed_n =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: SPEED_CUSTOMERS '$speed_n' is not a positive integer" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: SPEED_RUNS '$runs' is not a positive integer" >&2; exit 2; }
log() { echo "[segments] $*" >&2; }

# --- Python with scikit-learn (and the lifetimes package, for its CDNOW file) -------------------------------------
# lifetimes is installed without its dependencies: only its data file is read (cdnow.py locates, never imports it).
has_tools='import importlib.util, sys, sklearn, numpy; sys.exit(importlib.util.find_spec("lifetimes") is None)'
[ -n "${CDNOW:-}" ] && has_tools='import sklearn, numpy'
source "$root/bench/python-env.sh"
bench_python "$here" "$has_tools" "scikit-learn 1.9 and lifetimes 0.11.3 (without its dependencies; or set CDNOW)" \
    'scikit-learn==1.9.*' '--no-deps lifetimes==0.11.3'

# --- the two binaries ---------------------------------------------------------------------------------------------
CINTEL_BIN=${CINTEL_AFTER:-} source "$root/bench/release-cintel.sh"
after=$bin
[ -x "$after" ] || { echo "run.sh: no cintel executable at $after (CINTEL_AFTER)" >&2; exit 2; }
before_args=()
if [ -n "${CINTEL_BEFORE:-}" ]; then
    [ -x "$CINTEL_BEFORE" ] || { echo "run.sh: no cintel executable at $CINTEL_BEFORE (CINTEL_BEFORE)" >&2; exit 2; }
    before_args=(--before "$CINTEL_BEFORE")
else
    log "CINTEL_BEFORE is not set: only the after binary is measured"
fi

# --- inputs -------------------------------------------------------------------------------------------------------
mkdir -p "$out"
log "converting CDNOW"
"$py" "$here/cdnow.py" "$out/cdnow-orders.csv" "$out/cdnow-customer_features.json" \
    ${CDNOW:+--source "$CDNOW"} >"$out/cdnow-summary.json"
log "CDNOW: $(cat "$out/cdnow-summary.json")"
log "generating the benchmark payload (bench/segmentation/generate.py $speed_n 42)"
"$py" "$root/bench/segmentation/generate.py" "$speed_n" 42 >"$out/payload-$speed_n.json"
stability_n=${STABILITY_CUSTOMERS:-100000}
log "generating the stability payload (bench/segmentation/generate.py $stability_n 42)"
[ -f "$out/payload-$stability_n.json" ] || "$py" "$root/bench/segmentation/generate.py" "$stability_n" 42 >"$out/payload-$stability_n.json"

# --- measuring and reporting --------------------------------------------------------------------------------------
exec "$py" "$here/segments.py" --after "$after" "${before_args[@]}" --out "$out" \
    --orders "$out/cdnow-orders.csv" --features-request "$out/cdnow-customer_features.json" \
    --cdnow-summary "$out/cdnow-summary.json" --speed-payload "$out/payload-$speed_n.json" --speed-customers "$speed_n" --runs "$runs" \
    --stability-payload "$out/payload-$stability_n.json" --stability-customers "$stability_n"
