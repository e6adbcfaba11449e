#!/usr/bin/env bash
# Load run of the HTTP service on loopback: wrk against customer_features and customer_rfm with 1k-customer demo
# payloads (requests/s, p50/p99 latency), then a soak of SOAK_SECONDS (default 300) sampling the server's resident
# memory: flat memory after the warm-up means no leak. Release build; needs Debian's wrk.
# Usage: bench/server-load.sh [DURATION_SECONDS] [CONNECTIONS]
# CINTEL_BIN= runs an already built cintel (e.g. the build a change started from, as the peer); SOAK_SECONDS=0 skips
# the soak.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
log() { echo "[server-load] $*" >&2; }
duration=${1:-20}
connections=${2:-8}
soak=${SOAK_SECONDS:-300}
port=${PORT:-18080}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

source bench/release-cintel.sh
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

$bin demo --customers 1000 --out "$work/demo" >/dev/null
credentials=$($bin keys add --file "$work/keys.json" --label bench 2>/dev/null)
export API_ID=$(echo "$credentials" | sed -n 's/^X-Customer-Api-Id: //p')
export API_SECRET=$(echo "$credentials" | sed -n 's/^X-Secret: //p')
LOG_LEVEL=error $bin serve --port "$port" --keys "$work/keys.json" --max-concurrent 8 &
server=$!
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
echo "cintel serve: $(nproc) cores, wrk -t2 -c$connections -d${duration}s, 1,000-customer payloads"
for endpoint in customer_features customer_rfm; do
    body="$work/demo/requests/$endpoint.json"
    printf '%-22s %6s KiB body  ' "$endpoint" $(( $(stat -c %s "$body") / 1024 ))
    BODY_FILE="$body" wrk -t2 -c"$connections" -d"${duration}s" --latency -s bench/post.lua "http://127.0.0.1:$port/api/v1/ai/$endpoint" | tail -1
done

[ "$soak" -gt 0 ] || exit 0
echo "soak: customer_rfm for ${soak}s; resident memory (KiB) every 30 s:"
BODY_FILE="$work/demo/requests/customer_rfm.json" wrk -t2 -c"$connections" -d"${soak}s" -s bench/post.lua \
    "http://127.0.0.1:$port/api/v1/ai/customer_rfm" > "$work/soak.txt" &
load=$!
samples=()
for _ in $(seq $(( soak / 30 ))); do sleep 30; samples+=("$(rss)"); done
wait $load
echo "  ${samples[*]}"
echo "  soak: $(tail -1 "$work/soak.txt")"
