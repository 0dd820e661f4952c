#!/usr/bin/env bash
# ./dev.sh bench render: personalised campaign messages of ~20 KB rendered per second on one core,
# unsigned, rsa-sha256 and ed25519-sha256 signed (tests/bench/bench_render.cpp, the code
# `campaign send` runs), beside `openssl speed` for the same signatures and python3-dkim signing
# the same messages, in one run.
#
#   tests/bench/bench_render.sh BUILD_DIR
#
# The signing overhead is what a signed message costs over an unsigned one (CPU time of the
# process, best of ten rounds that take turns between the variants); the target (issue 4) is
# within 1.5x of the raw signature's cost as `openssl speed` measures it, judged PASS or FAIL
# per algorithm on the last lines.
# Environment: MAILROOM_BENCH_RENDER_MESSAGES (default 3000 per figure).
set -euo pipefail

BUILD_DIR="$(cd "${1:?usage: bench_render.sh BUILD_DIR}" && pwd)"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$BUILD_DIR/tests/bench/bench_render"
OUT="$BUILD_DIR/bench/render"
MESSAGES="${MAILROOM_BENCH_RENDER_MESSAGES:-3000}"

die() { echo "bench_render.sh: $*" >&2; exit 1; }
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
holds() { awk "BEGIN { exit !($1) }"; }
[[ -x "$BENCH" ]] || die "$BENCH is missing: build first (./dev.sh build)"
command -v openssl >/dev/null || die "openssl is not installed (apt-get install openssl)"
/usr/bin/python3 -c 'import dkim' 2>/dev/null || die "python3-dkim is not installed (apt-get install python3-dkim)"
mkdir -p "$OUT"

declare -A F
while read -r key value; do F[$key]=$value; done < <("$BENCH" --out "$OUT" --messages "$MESSAGES")
while read -r key value; do F[$key]=$value; done < <(/usr/bin/python3 "$ROOT/tests/bench/bench_render_dkimpy.py" "$OUT" ed25519 300)
while read -r key value; do F[$key]=$value; done < <(/usr/bin/python3 "$ROOT/tests/bench/bench_render_dkimpy.py" "$OUT" rsa 60)
# `openssl speed`: its sign/s column (the seconds column is rounded to 0.0000s for ed25519).
SPEED=$(openssl speed -seconds 2 rsa2048 ed25519 2>/dev/null)
OPENSSL_RSA_US=$(awk '/^rsa 2048 bits/ { printf "%.2f", 1e6 / $6 }' <<<"$SPEED")
OPENSSL_ED_US=$(awk '/EdDSA \(Ed25519\)/ { printf "%.2f", 1e6 / $7 }' <<<"$SPEED")
[[ -n "$OPENSSL_RSA_US" && -n "$OPENSSL_ED_US" ]] || die "could not read openssl speed's output"

row() { printf '%-44s %12s %12s %12s  %s\n' "$@"; }
echo
echo "Render benchmark: $MESSAGES messages a figure, ~${F[unsigned_message_bytes]} bytes each, one core," \
    "$(nproc) cores, $(date -u +%F)"
row "figure" "unsigned" "rsa-sha256" "ed25519" ""
row "mailroom: messages/s (one core)" "${F[unsigned_per_second]}" "${F[rsa_per_second]}" "${F[ed25519_per_second]}" ""
row "mailroom: µs per message" "${F[unsigned_us]}" "${F[rsa_us]}" "${F[ed25519_us]}" ""
RSA_OVER=$(calc "${F[rsa_us]} - ${F[unsigned_us]}")
ED_OVER=$(calc "${F[ed25519_us]} - ${F[unsigned_us]}")
row "mailroom: signing overhead, µs" "" "$RSA_OVER" "$ED_OVER" "(signed minus unsigned)"
row "  of which the DKIM step, µs" "" "${F[rsa_dkim_us]}" "${F[ed25519_dkim_us]}" "(canonicalise, hash, sign)"
row "  of which the bare signature, µs" "" "${F[rsa_raw_sign_us]}" "${F[ed25519_raw_sign_us]}" \
    "(DkimKey::sign: rsa by libcrypto, ed25519 by Botan)"
row "openssl speed: one signature, µs" "" "$OPENSSL_RSA_US" "$OPENSSL_ED_US" ""
row "python3-dkim: signing one message, µs" "" "${F[dkimpy_rsa_us]}" "${F[dkimpy_ed25519_us]}" ""
RSA_RATIO=$(calc "$RSA_OVER / $OPENSSL_RSA_US")
ED_RATIO=$(calc "$ED_OVER / $OPENSSL_ED_US")
row "overhead / openssl signature" "" "${RSA_RATIO}x" "${ED_RATIO}x" "(target <= 1.5x)"
row "overhead / our bare signature" "" "$(calc "$RSA_OVER / ${F[rsa_raw_sign_us]}")x" \
    "$(calc "$ED_OVER / ${F[ed25519_raw_sign_us]}")x" ""
row "python3-dkim / mailroom's DKIM step" "" "$(calc "${F[dkimpy_rsa_us]} / ${F[rsa_dkim_us]}")x" \
    "$(calc "${F[dkimpy_ed25519_us]} / ${F[ed25519_dkim_us]}")x" ""
printf 'load average at the end: %s (CPU times, best of ten interleaved rounds; a busy machine still inflates them)\n' \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
verdict() { holds "$1 <= 1.5" && echo PASS || echo FAIL; }
echo "rsa-sha256: $(verdict "$RSA_RATIO") (signing overhead ${RSA_OVER} µs = ${RSA_RATIO}x openssl's ${OPENSSL_RSA_US} µs signature; target <= 1.5x)"
echo "ed25519-sha256: $(verdict "$ED_RATIO") (signing overhead ${ED_OVER} µs = ${ED_RATIO}x openssl's ${OPENSSL_ED_US} µs signature; target <= 1.5x)"
