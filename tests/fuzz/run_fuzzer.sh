#!/usr/bin/env bash
# One short libFuzzer run, as a ctest test (fuzz_run_<target>, label "fuzz"): the clang
# binary from the fuzz preset's tree mutates a scratch copy of the checked-in seeds for
# MAILROOM_FUZZ_SECONDS (default 20). A crash, a broken invariant (FUZZ_CHECK aborts), a
# leak, undefined behaviour, a slow input or an out-of-memory fails the test; the input
# that did it is kept under WORK_DIR/artifacts and printed.
#
#   tests/fuzz/run_fuzzer.sh BINARY WORK_DIR CORPUS_DIR [MORE_SEED_DIRS...]
#
# The seed folders are never written to. New inputs libFuzzer found stay in
# WORK_DIR/corpus until the next run; copy the ones worth keeping into CORPUS_DIR by hand.
set -uo pipefail

USAGE="usage: run_fuzzer.sh BINARY WORK_DIR CORPUS_DIR [MORE_SEED_DIRS...]"
BINARY="${1:?$USAGE}"
WORK="${2:?$USAGE}"
CORPUS="${3:?$USAGE}"
shift 2
SECONDS_TO_RUN="${MAILROOM_FUZZ_SECONDS:-20}"
NAME="$(basename "$BINARY")"

if [[ ! -x "$BINARY" ]]; then
    echo "$NAME: $BINARY is missing. It is built by the clang preset 'fuzz': ./dev.sh test builds it" \
        "before running the tests, or: cmake --preset fuzz && cmake --build build/fuzz --target $NAME" >&2
    exit 1
fi

rm -rf "$WORK"
mkdir -p "$WORK/corpus" "$WORK/artifacts"
for seeds in "$@"; do
    cp -R "$seeds"/. "$WORK/corpus/"
done
LOG="$WORK/fuzz.log"

# Undefined behaviour stops the run like a crash (by default UBSan only reports and goes on).
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
# -timeout: one input slower than 10 s (under ASan) is a hang; -rss_limit_mb: a reader that
# buffers without bound; -max_len as ./dev.sh fuzz uses.
"$BINARY" -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -artifact_prefix="$WORK/artifacts/" -print_final_stats=1 "$WORK/corpus" >"$LOG" 2>&1
status=$?

if ((status == 0)); then
    grep -E '^(INFO: Seed|Done [0-9]+ runs)' "$LOG"
    echo "$NAME: no crash in ${SECONDS_TO_RUN}s ($(find "$WORK/corpus" -type f | wc -l) inputs in the corpus now)"
    exit 0
fi

echo "---- last lines of the libFuzzer log ($LOG) ----"
tail -n 80 "$LOG"
echo "----"
shopt -s nullglob
artifacts=("$WORK"/artifacts/*)
if ((${#artifacts[@]} == 0)); then
    echo "$NAME: libFuzzer exited with $status and left no input behind; see $LOG"
    exit 1
fi
for input in "${artifacts[@]}"; do
    echo "$NAME: FAILING INPUT: $input ($(stat -c %s "$input") bytes)"
    echo "base64 (first 64 KiB):"
    head -c 65536 "$input" | base64 -w 100
done
echo
echo "Reproduce: $BINARY ${artifacts[0]}"
echo "Once fixed, keep it: cp ${artifacts[0]} $CORPUS/crash_<what> (the replay test ${NAME}_corpus runs it in every gcc build)."
exit 1
