#!/usr/bin/env bash
# cintel vs Python lifetimes on customer_clv_forecast (BG/NBD + Gamma-Gamma), on the very same request bodies.
#
# Usage: bench/clv/run.sh [SIZES...]     SIZE = CUSTOMERS:TRANSACTIONS (default: 25000:70000 1000000:5000000)
#        (one quoted argument "25000:70000 1000000:5000000" works too)
#
# For each size: generate.py writes the request body (and a CSV and a .meta.json beside it); the release cintel
# answers it under /usr/bin/time -v (median wall time of CINTEL_RUNS_SMALL runs up to SMALL_MAX customers, of
# CINTEL_RUNS_LARGE above; peak RSS = the largest of the runs); lifetimes_clv.py does the same work once on the same
# body, also under /usr/bin/time -v; then lifetimes_clv.py --from-report compares the fitted parameters and the total
# forecast with cintel's response. Progress goes to stderr; a markdown report goes to stdout and to $OUT/results.md.
#
# Settings (environment):
#   CINTEL_RUNS_SMALL=5  CINTEL_RUNS_LARGE=1  SMALL_MAX=100000   cintel runs per size (by customer count)
#   GEN_SEED=42          generator seed (the request's own seed is always 42)
#   MARGIN=              set to 1 for bodies with cost (margin basis, CLV-6)
#   REGENERATE=          set to 1 to rewrite bodies that already exist with the same size, seed and basis
#   OUT=bench/clv/out    working folder (bodies, responses, timings; git-ignored)
#   PYTHON=              an interpreter with lifetimes 0.11.3; default: bench/clv/.venv, created on demand
#   CINTEL_BIN=          an already built cintel; default: swift build -c release --product cintel
#   LIFETIMES_INPUT=json json: lifetimes parses the same JSON body as cintel; csv: it reads the CSV beside it
#   LIFETIMES_MAX_N=     if set, lifetimes is not run above this many customers
#   LIFETIMES_TIMEOUT=3600   seconds before the lifetimes run is stopped
#   MAX_BODY_BYTES=2147483648  MAX_CUSTOMERS=2000000  MAX_TRANSACTIONS=10000000  MAX_PER_CUSTOMER=1000000
#                        cintel's size limits (VAL-11); the first three are raised further when a body needs them
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ $# -gt 0 ]; then read -r -a sizes <<<"$*"; else sizes=(25000:70000 1000000:5000000); fi
runs_small=${CINTEL_RUNS_SMALL:-5}
runs_large=${CINTEL_RUNS_LARGE:-1}
small_max=${SMALL_MAX:-100000}
gen_seed=${GEN_SEED:-42}
margin=${MARGIN:-}
out=${OUT:-$here/out}
lt_input=${LIFETIMES_INPUT:-json}
lt_max=${LIFETIMES_MAX_N:-}
lt_timeout=${LIFETIMES_TIMEOUT:-3600}
for s in "${sizes[@]}"; do
    [[ $s =~ ^[1-9][0-9]*:[1-9][0-9]*$ ]] || { echo "run.sh: size '$s' is not CUSTOMERS:TRANSACTIONS" >&2; exit 2; }
    (( ${s#*:} >= ${s%%:*} )) || { echo "run.sh: size '$s' has fewer transactions than customers" >&2; exit 2; }
done
case $lt_input in json|csv) ;; *) echo "run.sh: LIFETIMES_INPUT must be json or csv" >&2; exit 2 ;; esac
log() { echo "[clv] $*" >&2; }

# --- Python with lifetimes 0.11.3 ---------------------------------------------------------------------------------
has_lifetimes='import sys, lifetimes, pandas; sys.exit(lifetimes.__version__ != "0.11.3")'
source "$root/bench/python-env.sh"
bench_python "$here" "$has_lifetimes" "lifetimes 0.11.3 with pandas" 'lifetimes==0.11.3'

# --- cintel, release build ----------------------------------------------------------------------------------------
source "$root/bench/release-cintel.sh"
[ -x "$bin" ] || { echo "run.sh: no cintel executable at $bin" >&2; exit 2; }

# --- measuring: wall seconds and peak RSS of one command ----------------------------------------------------------
# measure TIMEFILE STDOUT STDERR CMD... : runs CMD, writes a GNU time -v style report to TIMEFILE, returns CMD's status
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
    measure() { local tf=$1 so=$2 se=$3; shift 3; /usr/bin/time -v -o "$tf" "$@" >"$so" 2>"$se"; }
else
    log "/usr/bin/time -v is missing (Debian: apt-get install time); measuring with Python's getrusage instead"
    measure() {
        local tf=$1 so=$2 se=$3; shift 3
        "$py" - "$tf" "$so" "$se" "$@" <<'PYEOF'
import resource, subprocess, sys, time
tf, so, se, cmd = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
start = time.perf_counter()
with open(so, "wb") as o, open(se, "wb") as e:
    rc = subprocess.call(cmd, stdout=o, stderr=e)
wall = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(tf, "w") as t:
    t.write("\tElapsed (wall clock) time (h:mm:ss or m:ss): %d:%05.2f\n" % (wall // 60, wall % 60))
    t.write("\tMaximum resident set size (kbytes): %d\n\tExit status: %d\n" % (rss, rc))
sys.exit(rc)
PYEOF
    }
fi
wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$1"; }
rss_kib_of() { awk -F': ' '/Maximum resident set size/ { print $NF }' "$1"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { printf '%s\n' "$@" | sort -g | tail -1; }
jq_py() { "$py" -c "import json, sys; d = json.load(open(sys.argv[1])); print($2)" "$1" 2>/dev/null || echo "?"; }
bigger() { if [ "$1" -gt "$2" ]; then echo "$1"; else echo "$2"; fi; }
human() { awk -v b="$1" 'BEGIN { if (b >= 1e9) printf "%.2f GB", b / 1e9; else if (b >= 1e6) printf "%.1f MB", b / 1e6; else printf "%.0f kB", b / 1e3 }'; }

# --- the sizes ----------------------------------------------------------------------------------------------------
mkdir -p "$out"
rows=()
notes=()
for size in "${sizes[@]}"; do
    n=${size%%:*}; tx=${size#*:}
    dir=$out/${n}x${tx}${margin:+-margin}
    mkdir -p "$dir"
    body=$dir/body.json
    meta=$dir/body.meta.json
    wanted="$n $tx $gen_seed ${margin:+margin}"
    have=$(jq_py "$meta" "'%s %s %s %s' % (d['customers'], d['transactions_target'], d['seed'], 'margin' if d['value_basis'] == 'margin' else '')")
    if [ -z "${REGENERATE:-}" ] && [ -s "$body" ] && [ "${have% }" = "${wanted% }" ]; then
        log "$size: reusing $body"
    else
        log "$size: generating the body (seed $gen_seed${margin:+, margin basis})"
        "$py" "$here/generate.py" "$n" "$tx" "$body" --seed "$gen_seed" ${margin:+--margin}
    fi
    bytes=$(stat -c %s "$body")
    written=$(jq_py "$meta" "d['transactions']")
    notes+=("- $size: body $(human "$bytes") ($written transactions, $(jq_py "$meta" "d['purchase_days']") purchase days, $(jq_py "$meta" "d['repeat_buyers']") repeat buyers; generated with alpha $(jq_py "$meta" "'%.4f' % d['bgnbd']['alpha']") days).")

    # cintel's limits: generous defaults, raised further when this body needs it
    body_limit=$(bigger "${MAX_BODY_BYTES:-2147483648}" $(( bytes + 1048576 )))
    customer_limit=$(bigger "${MAX_CUSTOMERS:-2000000}" "$n")
    tx_limit=$(bigger "${MAX_TRANSACTIONS:-10000000}" "$tx")
    per_customer_limit=${MAX_PER_CUSTOMER:-1000000}  # generate.py writes at most a few thousand rows per customer

    if [ "$n" -le "$small_max" ]; then runs=$runs_small; else runs=$runs_large; fi
    walls=(); rsss=(); cintel_ok=1
    for r in $(seq "$runs"); do
        log "$size: cintel run $r/$runs"
        if measure "$dir/cintel-$r.time" "$dir/response.json" "$dir/cintel.stderr" \
            "$bin" run customer_clv_forecast "$body" --compact \
            --max-body-bytes "$body_limit" --max-customers "$customer_limit" \
            --max-total-transactions "$tx_limit" --max-transactions-per-customer "$per_customer_limit"; then
            walls+=("$(wall_of "$dir/cintel-$r.time")")
            rsss+=("$(rss_kib_of "$dir/cintel-$r.time")")
        else
            cintel_ok=0
            log "$size: cintel failed: $(head -c 400 "$dir/cintel.stderr")"
            notes+=("- $size: cintel failed (see \`$dir/cintel.stderr\`): $(head -c 200 "$dir/cintel.stderr" | tr '\n' ' ')")
            break
        fi
    done
    if [ $cintel_ok = 1 ]; then
        c_wall=$(median "${walls[@]}"); c_kib=$(maximum "${rsss[@]}"); c_rss=$(mib "$c_kib")
        best=$(jq_py "$dir/response.json" "d['best_algorithm']")
        notes+=("- $size: cintel best_algorithm $best, value_basis $(jq_py "$dir/response.json" "d['value_basis']"), total_predicted_clv $(jq_py "$dir/response.json" "d['summary']['total_predicted_clv']"), warnings: $(jq_py "$dir/response.json" "', '.join(w['code'] for w in d['warnings']) or 'none'"); cintel runs: ${walls[*]} s.")
    else
        c_wall=failed; c_kib=; c_rss=—
    fi

    l_wall=skipped; l_rss=—; ratio=—; lt_ok=0
    if [ -n "$lt_max" ] && [ "$n" -gt "$lt_max" ]; then
        notes+=("- $size: lifetimes not run (LIFETIMES_MAX_N=$lt_max).")
    else
        log "$size: lifetimes ($lt_input input, timeout ${lt_timeout}s)"
        lt_args=("$body" --out "$dir/lifetimes_forecast.json" --report "$dir/lifetimes_report.json")
        [ "$lt_input" = csv ] && lt_args+=(--csv)
        rm -f "$dir/lifetimes_report.json"
        if measure "$dir/lifetimes.time" "$dir/lifetimes.stdout" "$dir/lifetimes.stderr" \
            timeout "$lt_timeout" "$py" "$here/lifetimes_clv.py" "${lt_args[@]}"; then
            lt_ok=1
            l_wall=$(jq_py "$dir/lifetimes_report.json" "'%.2f' % d['end_to_end_seconds']")
            l_rss=$(mib "$(rss_kib_of "$dir/lifetimes.time")")
            notes+=("- $size: lifetimes stages (s): $(jq_py "$dir/lifetimes_report.json" "', '.join('%s %.2f' % kv for kv in d['stages_seconds'].items())"); process wall $(wall_of "$dir/lifetimes.time") s.")
            if [ $cintel_ok = 1 ]; then
                ratio=$(awk -v l="$l_wall" -v c="$c_wall" 'BEGIN { if (c > 0) printf "%.1f", l / c; else printf "—" }')
            fi
        else
            l_wall=failed
            notes+=("- $size: lifetimes failed or timed out (see \`$dir/lifetimes.stderr\`): $(tail -c 200 "$dir/lifetimes.stderr" | tr '\n' ' ')")
        fi
    fi

    diff=—
    if [ $cintel_ok = 1 ] && [ $lt_ok = 1 ]; then
        log "$size: comparing parameters and totals"
        status=0
        "$py" "$here/lifetimes_clv.py" --from-report "$dir/lifetimes_report.json" --response "$dir/response.json" \
            --comparison "$dir/comparison.json" >"$dir/comparison.md" 2>"$dir/comparison.stderr" || status=$?
        case $status in
            0) diff=$(jq_py "$dir/comparison.json" "'%.1e' % d['max_parameter_relative_difference']") ;;
            1) diff="$(jq_py "$dir/comparison.json" "'%.1e' % d['max_parameter_relative_difference']") ✗"
               notes+=("- $size: parameters differ by more than 1e-3: $(jq_py "$dir/comparison.json" "'; '.join('%s cintel %.6f, lifetimes %.6f' % (p['parameter'], p['cintel'], p['lifetimes']) for p in d['parameters'] if p['relative_difference'] > 1e-3)")") ;;
            *) diff="n/a"
               notes+=("- $size: not comparable: $(head -c 300 "$dir/comparison.stderr" | tr '\n' ' ')") ;;
        esac
        total_note=$("$py" -c 'import json, sys
c, r = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
note = "" if c["best_algorithm"] == "BGNBD_GammaGamma" else "; not comparable: cintel forecast with %s" % c["best_algorithm"]
print("cintel %s; lifetimes with 30.4375-day months (CLV-29) %.2f, relative difference %.1e; lifetimes own 30-day months %.2f%s"
      % (c["cintel_total_predicted_clv"], r["total_clv_spec_months"], c["total_relative_difference_spec_months"],
         r["total_clv_lifetimes"], note))' "$dir/comparison.json" "$dir/lifetimes_report.json" 2>/dev/null || echo "?")
        notes+=("- $size: total predicted CLV: $total_note.")
    fi

    # targets: 25k customers within 0.5 s end to end; 1M within 60 s and 4 GB (4e9 bytes) of peak RSS
    target=—
    if [ $cintel_ok = 1 ]; then
        if [ "$n" -le 25000 ]; then
            target=$(awk -v w="$c_wall" 'BEGIN { print (w <= 0.5 ? "yes (≤ 0.5 s)" : "no (> 0.5 s)") }')
        elif [ "$n" -ge 1000000 ]; then
            target=$(awk -v w="$c_wall" -v k="$c_kib" 'BEGIN { t = (w <= 60 ? "≤ 60 s" : "> 60 s"); m = (k * 1024 <= 4e9 ? "≤ 4 GB" : "> 4 GB"); print ((w <= 60 && k * 1024 <= 4e9) ? "yes" : "no") " (" t ", " m ")" }')
        fi
    fi
    rows+=("| $n / $tx | $c_wall | $c_rss | $l_wall | $l_rss | $ratio | $diff | $target |")
    log "$size: cintel $c_wall s / $c_rss MiB, lifetimes $l_wall s / $l_rss MiB, max parameter difference $diff, target $target"
done

# --- report -------------------------------------------------------------------------------------------------------
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$root" diff --quiet HEAD 2>/dev/null || commit="$commit (with uncommitted changes)"
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
versions=$("$py" -c 'import platform, lifetimes, numpy, pandas, scipy; print("lifetimes %s, pandas %s, numpy %s, scipy %s, Python %s" % (lifetimes.__version__, pandas.__version__, numpy.__version__, scipy.__version__, platform.python_version()))')
swift_version=$(swift --version 2>/dev/null | head -1 || true)
{
    echo "## customer_clv_forecast: cintel vs lifetimes"
    echo
    echo "- Date $(date -u +%Y-%m-%d), cintel commit $commit."
    echo "- Machine: $cpu, $(getconf _NPROCESSORS_ONLN) cores, $mem."
    echo "- cintel: release build${swift_version:+ ($swift_version)}, \`cintel run customer_clv_forecast body.json --compact\` (limits raised);"
    echo "  median of $runs_small runs up to $small_max customers, $runs_large above; peak = the largest RSS of those runs."
    echo "- lifetimes: $versions; one run of \`lifetimes_clv.py\` ($lt_input input): summary, BetaGeoFitter, GammaGammaFitter,"
    echo "  customer_lifetime_value over 12 months, forecasts written as JSON. Its time is the script's own end-to-end"
    echo "  figure (start, imports included, to forecast written); its peak is the process RSS from \`/usr/bin/time -v\`."
    echo "- Same body for both: \`generate.py CUSTOMERS TRANSACTIONS body.json --seed $gen_seed${margin:+ --margin}\` (BG/NBD r 0.8, a 0.6, b 2.4,"
    echo "  alpha calibrated per size; Gamma-Gamma p 4, q 3.5, v 45; today 2025-06-30, two years of history)."
    echo "- \"max param diff\": the largest relative difference between cintel's models.bgnbd / models.gamma_gamma parameters"
    echo "  (r, alpha, a, b, p, q, v) and lifetimes' (✗ when over 1e-3). Targets: 25k customers ≤ 0.5 s end to end; 1M ≤ 60 s and"
    echo "  ≤ 4 GB (4e9 bytes) peak RSS; cintel's figures are the ones judged."
    echo
    echo "| customers / transactions | cintel wall s (median) | cintel peak MiB | lifetimes wall s | lifetimes peak MiB | lifetimes / cintel | max param diff | targets hold |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- |"
    printf '%s\n' "${rows[@]}"
    if [ ${#notes[@]} -gt 0 ]; then
        echo
        printf '%s\n' "${notes[@]}"
    fi
} | tee "$out/results.md"
