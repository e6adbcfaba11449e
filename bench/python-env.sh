# Sourced by bench/*/run.sh, after they define log(). bench_python DIR CHECK WHAT SPEC...: sets py to the Python a
# benchmark uses: $PYTHON when set, else DIR/.venv, created and given each SPEC (one pip install's arguments, split on
# spaces, never globbed) when the Python code CHECK fails there. Exits 2 when the result still fails CHECK.
bench_python() {
    local dir=$1 check=$2 what=$3
    shift 3
    if [ -n "${PYTHON:-}" ]; then
        py=$PYTHON
    else
        py=$dir/.venv/bin/python
        if ! "$py" -c "$check" 2>/dev/null; then
            if [ ! -x "$py" ]; then
                log "creating $dir/.venv"
                python3 -m venv "$dir/.venv"
            fi
            log "installing $what into $dir/.venv"
            local spec words
            for spec in "$@"; do
                read -ra words <<<"$spec"
                "$py" -m pip install --quiet --disable-pip-version-check "${words[@]}" >&2
            done
        fi
    fi
    "$py" -c "$check" || { echo "run.sh: $py lacks $what" >&2; exit 2; }
}
