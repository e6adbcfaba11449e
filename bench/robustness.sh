#!/usr/bin/env bash
# Robustness figures for `cintel serve` on loopback (issue 18): a burst beyond --max-concurrent, liveness of /healthz
# while every compute slot is busy, idle and slowloris connections, and the server's memory for a hostile and a large
# valid body. A thin wrapper: builds release, makes keys and demo bodies, and for each block starts a fresh server on
# 127.0.0.1 (so one block's heap does not hide the next one's growth), runs bench/robustness.py, stops the server.
# Every parameter is an environment variable; the whole run is bounded (about 3 minutes after the build).
# bench/robustness.md explains each figure.
# Usage: [MAX_CONCURRENT=2] [ROUNDS=3] [IDLE_TIMEOUT=3] [PORT=18090] [SKIP_BUILD=1] bench/robustness.sh [BLOCK...]
#   BLOCK: burst liveness idle memory (default: all four)
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT=${PORT:-18090}
export MAX_CONCURRENT=${MAX_CONCURRENT:-2}
export ROUNDS=${ROUNDS:-3}
export IDLE_TIMEOUT=${IDLE_TIMEOUT:-3}
burst_customers=${BURST_CUSTOMERS:-2000}
long_customers=${LONG_CUSTOMERS:-12000}
blocks=("$@")
[ ${#blocks[@]} -gt 0 ] || blocks=(burst liveness idle memory)

if [ "${SKIP_BUILD:-0}" != 1 ]; then swift build -c release --product cintel >/dev/null; fi
bin=$(swift build -c release --show-bin-path)/cintel
work=$(mktemp -d)
server=""
stop_server() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        server=""
    fi
}
trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo "robustness: making demo bodies ($burst_customers and $long_customers customers) and a key"
"$bin" demo --customers "$burst_customers" --out "$work/demo-burst" >/dev/null
"$bin" demo --customers "$long_customers" --out "$work/demo-long" >/dev/null
credentials=$("$bin" keys add --file "$work/keys.json" --label robustness 2>/dev/null)
export API_ID=$(echo "$credentials" | sed -n 's/^X-Customer-Api-Id: //p')
export API_SECRET=$(echo "$credentials" | sed -n 's/^X-Secret: //p')

help=$("$bin" serve --help 2>&1)
idle_flags=()
idle_passed=()
if grep -q -- '--idle-timeout-seconds' <<<"$help"; then
    idle_flags=(--idle-timeout-seconds "$IDLE_TIMEOUT")
    idle_passed=(--idle-flag-passed)
fi

start_server() {
    LOG_LEVEL=error "$bin" serve --port "$PORT" --keys "$work/keys.json" --max-concurrent "$MAX_CONCURRENT" \
        "${idle_flags[@]}" "$@" >>"$work/server.log" 2>&1 &
    server=$!
    export SERVER_PID=$server
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0
        kill -0 "$server" 2>/dev/null || break
        sleep 0.1
    done
    echo "robustness: the server did not start; its log:" >&2
    cat "$work/server.log" >&2
    exit 1
}

client() { timeout 300 python3 bench/robustness.py "$@"; }

echo "robustness: $("$bin" --version 2>/dev/null || git rev-parse --short HEAD), $(nproc) cores, port $PORT, loopback only"
for block in "${blocks[@]}"; do
    case "$block" in
    burst) start_server; client --block burst --burst-body "$work/demo-burst/requests/purchasing_segmentation.json" ;;
    liveness) start_server; client --block liveness --long-body "$work/demo-long/requests/purchasing_segmentation.json" ;;
    idle) start_server; client --block idle "${idle_passed[@]}" ;;
    memory)
        start_server; client --block memory
        stop_server
        # Realistic bodies, each on a fresh server: first as its first request, then after a smaller warm-up.
        for endpoint in purchasing_segmentation customer_rfm; do
            for warm in cold warm; do
                stop_server
                start_server
                warmup=()
                [ "$warm" = warm ] && warmup=(--warmup-body "$work/demo-burst/requests/$endpoint.json")
                client --block memory --memory-body "$work/demo-long/requests/$endpoint.json" --memory-endpoint "$endpoint" "${warmup[@]}"
            done
        done
        ;;
    *) echo "unknown block $block (burst liveness idle memory)" >&2; exit 2 ;;
    esac
    stop_server
    echo
done
