#!/usr/bin/env bash
# Loopback soak of `cintel serve` (issue 18): RATE requests per second, open loop, for SOAK_MINUTES (default 30),
# mixed customer_rfm (1,000-customer body) and purchasing_segmentation (2,000-customer body), server started with
# --max-concurrent 4; per-minute lines (requests, statuses, p50/p99, RSS) and, at the end, 5xx split 503 / other and
# the RSS slope over the last 2/3 of the run (flat memory ≈ 0 MiB per 10 min). See bench/robustness.md.
# CALIBRATE=SECONDS measures closed-loop capacity instead (how the default RATE was chosen).
# Usage: [SOAK_MINUTES=30] [RATE=2.5] [MAX_CONCURRENT=4] [PORT=18095] [SKIP_BUILD=1] bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT=${PORT:-18095}
export MAX_CONCURRENT=${MAX_CONCURRENT:-4}
export SOAK_MINUTES=${SOAK_MINUTES:-30}

if [ "${SKIP_BUILD:-0}" != 1 ]; then swift build -c release --product cintel >/dev/null; fi
bin=$(swift build -c release --show-bin-path)/cintel
work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$server" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$bin" demo --customers 1000 --out "$work/demo-1000" >/dev/null
"$bin" demo --customers 2000 --out "$work/demo-2000" >/dev/null
credentials=$("$bin" keys add --file "$work/keys.json" --label soak 2>/dev/null)
export API_ID=$(echo "$credentials" | sed -n 's/^X-Customer-Api-Id: //p')
export API_SECRET=$(echo "$credentials" | sed -n 's/^X-Secret: //p')
export RFM_BODY="$work/demo-1000/requests/customer_rfm.json"
export SEG_BODY="$work/demo-2000/requests/purchasing_segmentation.json"

LOG_LEVEL=error "$bin" serve --port "$PORT" --keys "$work/keys.json" --max-concurrent "$MAX_CONCURRENT" \
    >"$work/server.log" 2>&1 &
server=$!
export SERVER_PID=$server
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }

echo "soak: $(nproc) cores, --max-concurrent $MAX_CONCURRENT, port $PORT, loopback only"
# Bounded: the run plus the drain time; the client stops by itself well before.
limit=$(python3 -c "import os; print(int(float(os.environ['SOAK_MINUTES']) * 60 + float(os.environ.get('CALIBRATE') or 0) + 180))")
timeout "$limit" python3 bench/soak.py
