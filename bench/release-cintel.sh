# Sourced by bench/*/run.sh, after they define log() and root. Sets bin to the cintel a benchmark runs: $CINTEL_BIN
# when set, else the release build of the checkout at $root (built now; incremental when nothing changed).
if [ -n "${CINTEL_BIN:-}" ]; then
    bin=$CINTEL_BIN
else
    log "swift build -c release --product cintel (in $root)"
    (cd "$root" && swift build -c release --product cintel >&2)
    bin=$(cd "$root" && swift build -c release --show-bin-path)/cintel
fi
