#!/usr/bin/env bash
# cintel vs scikit-learn on the purchasing_segmentation benchmark (benchmark dialect), on the very same payloads.
#
# Usage: bench/segmentation/run.sh [SIZES...]          (default: 10000 100000 1000000)
#
# For each size: generate.py writes the payload; the release cintel answers it under /usr/bin/time -v (median wall
# time of CINTEL_RUNS runs, peak RSS); sklearn_benchmark.py runs the same benchmark once on the same file, also under
# /usr/bin/time -v; check_metrics.py recomputes the metrics of cintel's best model with scikit-learn. Progress goes
# to stderr; a results.md-ready markdown report goes to stdout (and to $OUT/results.md).
#
# Settings (environment):
#   CINTEL_RUNS_SMALL=3  CINTEL_RUNS_LARGE=1  SMALL_MAX=10000   cintel runs per size (sizes <= SMALL_MAX are small)
#   MEMORY_BUDGET_GB=8     scikit-learn skips Ward / DBSCAN when their estimated memory exceeds this
#   SKLEARN_MAX_N=         if set, scikit-learn is not run at all above this size
#   GEN_SEED=42            generator seed (the request's own seed is always 42)
#   OUT=bench/segmentation/out   working folder (payloads, responses, timings)
#   PYTHON=                an interpreter with scikit-learn 1.9; default: bench/segmentation/.venv, created on demand
#   CINTEL_BIN=            an already built cintel; default: swift build -c release --product cintel
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(10000 100000 1000000); fi
runs_small=${CINTEL_RUNS_SMALL:-3}
runs_large=${CINTEL_RUNS_LARGE:-1}
small_max=${SMALL_MAX:-10000}
budget=${MEMORY_BUDGET_GB:-8}
sklearn_max=${SKLEARN_MAX_N:-}
gen_seed=${GEN_SEED:-42}
out=${OUT:-$here/out}
for n in "${sizes[@]}"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: size '$n' is not a positive integer" >&2; exit 2; }
done
log() { echo "[segmentation] $*" >&2; }

# --- Python with scikit-learn 1.9 -------------------------------------------------------------------------------
source "$root/bench/python-env.sh"
bench_python "$here" 'import sklearn, sys; sys.exit(not sklearn.__version__.startswith("1.9."))' "scikit-learn 1.9" \
    'scikit-learn==1.9.*'

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
rss_mib_of() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$1"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { printf '%s\n' "$@" | sort -g | tail -1; }
jq_py() { "$py" -c "import json, sys; d = json.load(open(sys.argv[1])); print($2)" "$1" 2>/dev/null || echo "?"; }

# --- the sizes ----------------------------------------------------------------------------------------------------
mkdir -p "$out"
rows=()
notes=()
for n in "${sizes[@]}"; do
    dir=$out/$n
    mkdir -p "$dir"
    payload=$dir/payload.json
    log "n=$n: generating the payload (seed $gen_seed)"
    "$py" "$here/generate.py" "$n" "$gen_seed" >"$payload"
    bytes=$(stat -c %s "$payload")
    body_limit=$(( bytes + 1024 > 64 * 1024 * 1024 ? bytes + 1024 : 64 * 1024 * 1024 ))
    customer_limit=$(( n > 1000000 ? n : 1000000 ))

    if [ "$n" -le "$small_max" ]; then runs=$runs_small; else runs=$runs_large; fi
    walls=(); rsss=(); cintel_ok=1
    for r in $(seq "$runs"); do
        log "n=$n: cintel run $r/$runs"
        if measure "$dir/cintel-$r.time" "$dir/response.json" "$dir/cintel.stderr" \
            "$bin" run purchasing_segmentation "$payload" --compact \
            --max-body-bytes "$body_limit" --max-customers "$customer_limit" --exact-limit "${EXACT_LIMIT:-20000}"; then
            walls+=("$(wall_of "$dir/cintel-$r.time")")
            rsss+=("$(rss_mib_of "$dir/cintel-$r.time")")
        else
            cintel_ok=0
            log "n=$n: cintel failed: $(head -c 400 "$dir/cintel.stderr")"
            notes+=("- $n: cintel failed (see \`$dir/cintel.stderr\`): $(head -c 200 "$dir/cintel.stderr" | tr '\n' ' ')")
            break
        fi
    done
    if [ $cintel_ok = 1 ]; then
        c_wall=$(median "${walls[@]}"); c_rss=$(maximum "${rsss[@]}")
        approx=$(jq_py "$dir/response.json" "', '.join('%s %s of %s' % (a['quantity'], a['method'], a['size']) for a in d.get('approximations', []))")
        [ -n "$approx" ] && notes+=("- $n: cintel approximations: $approx (SEG-49 to SEG-53).")
    else
        c_wall=failed; c_rss=—
    fi

    s_wall=skipped; s_rss=—; ratio=—; mark=""
    if [ -n "$sklearn_max" ] && [ "$n" -gt "$sklearn_max" ]; then
        notes+=("- $n: scikit-learn not run (SKLEARN_MAX_N=$sklearn_max).")
    else
        log "n=$n: scikit-learn"
        if measure "$dir/sklearn.time" "$dir/sklearn.json" "$dir/sklearn.stderr" \
            "$py" "$here/sklearn_benchmark.py" "$payload" --memory-budget-gb "$budget"; then
            s_wall=$(wall_of "$dir/sklearn.time"); s_rss=$(rss_mib_of "$dir/sklearn.time")
            skipped=$(jq_py "$dir/sklearn.json" "'; '.join('%s (estimated %s GiB)' % (s['step'], s['estimated_gib']) for s in d['skipped'])")
            silhouette=$(jq_py "$dir/sklearn.json" "d['silhouette']['mode'] + ('' if d['silhouette']['mode'] == 'exact' else ' of %d' % d['silhouette']['size'])")
            if [ -n "$skipped" ]; then
                mark=" †"
                notes+=("- $n: † scikit-learn skipped $skipped over the ${budget} GiB budget, so it did less work than cintel; silhouette $silhouette.")
            elif [ "$silhouette" != exact ]; then
                notes+=("- $n: scikit-learn silhouette: $silhouette (sample_size, like cintel above exact_limit).")
            fi
            if [ $cintel_ok = 1 ]; then
                ratio=$(awk -v s="$s_wall" -v c="$c_wall" 'BEGIN { if (c > 0) printf "%.1f", s / c; else printf "—" }')$mark
            fi
        else
            s_wall=failed
            notes+=("- $n: scikit-learn failed (see \`$dir/sklearn.stderr\`): $(tail -c 200 "$dir/sklearn.stderr" | tr '\n' ' ')")
        fi
    fi

    agree=—
    if [ $cintel_ok = 1 ]; then
        log "n=$n: checking cintel's metrics with scikit-learn"
        status=0
        "$py" "$here/check_metrics.py" "$payload" "$dir/response.json" >"$dir/check.json" 2>"$dir/check.stderr" || status=$?
        case $status in
            0) if [ "$(jq_py "$dir/check.json" "d['agree']")" = True ]; then agree=yes; else agree="n/a (no best model)"; fi ;;
            1) agree=no
               notes+=("- $n: metrics differ: $(jq_py "$dir/check.json" "'; '.join('%s cintel %s, scikit-learn %s' % (c['metric'], c['cintel'], c['sklearn']) for c in d['metrics'] if not c['agree']) or 'cluster count differs'")") ;;
            *) agree=error
               notes+=("- $n: check_metrics could not check: $(cat "$dir/check.json" "$dir/check.stderr" | head -c 300 | tr '\n' ' ')") ;;
        esac
    fi
    rows+=("| $n | $c_wall | $c_rss | $s_wall$mark | $s_rss | $ratio | $agree |")
    log "n=$n: cintel $c_wall s / $c_rss MiB, scikit-learn $s_wall s / $s_rss MiB, metrics agree: $agree"
done

# --- report -------------------------------------------------------------------------------------------------------
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$root" diff --quiet HEAD 2>/dev/null || commit="$commit (with uncommitted changes)"
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
versions=$("$py" -c 'import platform, numpy, scipy, sklearn; print("scikit-learn %s, numpy %s, scipy %s, Python %s" % (sklearn.__version__, numpy.__version__, scipy.__version__, platform.python_version()))')
swift_version=$(swift --version 2>/dev/null | head -1 || true)
{
    echo "## purchasing_segmentation: cintel vs scikit-learn"
    echo
    echo "- Date $(date -u +%Y-%m-%d), cintel commit $commit."
    echo "- Machine: $cpu, $(getconf _NPROCESSORS_ONLN) cores, $mem${OMP_NUM_THREADS:+; OMP_NUM_THREADS=$OMP_NUM_THREADS}."
    echo "- cintel: release build${swift_version:+ ($swift_version)}, \`cintel run purchasing_segmentation FILE --compact\`; median of $runs_small runs up to $small_max customers, $runs_large above."
    echo "- scikit-learn: $versions; one run of \`sklearn_benchmark.py\`, memory budget $budget GiB."
    echo "- Same payload for both: \`generate.py N $gen_seed\` (k_range 3-6, all four algorithms, eps 0.4, min_samples 5, seed 42)."
    echo "- Wall time and peak RSS of the whole process from \`/usr/bin/time -v\`, for both tools (parsing and writing included;"
    echo "  for scikit-learn also Python's start-up and imports). \"metrics agree\": scikit-learn's silhouette, Davies-Bouldin and"
    echo "  Calinski-Harabasz on cintel's best-model labels, rounded to 4 decimals, equal cintel's (\`check_metrics.py\`)."
    echo
    echo "| customers | cintel wall s (median) | cintel peak MiB | scikit-learn wall s | scikit-learn peak MiB | scikit-learn / cintel | metrics agree |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | :---: |"
    printf '%s\n' "${rows[@]}"
    if [ ${#notes[@]} -gt 0 ]; then
        echo
        printf '%s\n' "${notes[@]}"
    fi
} | tee "$out/results.md"
