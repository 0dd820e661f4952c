#!/usr/bin/env bash
# Mailroom's one developer script. On a fresh Debian 12 machine it installs what is
# missing, configures, builds, and then runs the window, the tests, the benchmarks,
# the fuzzers or the packager.
#
#   ./dev.sh run [mailroom args]     build and open the window on the demo workspace
#   ./dev.sh test [ctest args]       build and run every test (unit, integration, gui, 20 s of each fuzzer)
#   ./dev.sh build                   configure and build only
#   ./dev.sh bench contacts          benchmark a 1,000,000-contact workspace against sqlite3
#   ./dev.sh bench import            benchmark importing a 1,000,000-row CSV against sqlite3's .import
#   ./dev.sh bench render            benchmark rendering and DKIM-signing messages against openssl and python3-dkim
#   ./dev.sh bench send              benchmark delivering 20,000 messages to smtp-sink against Postfix's smtp-source
#   ./dev.sh fuzz [seconds]          run each libFuzzer target (clang) for a while (default 60 s)
#   ./dev.sh package                 build a .deb with CPack (build/release/*.deb)
#   ./dev.sh format                  clang-format every C++ file
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

# Presets: CI builds with warnings as errors.
PRESET="${MAILROOM_PRESET:-dev}"
if [[ "${CI:-}" == "true" && -z "${MAILROOM_PRESET:-}" ]]; then
    PRESET=ci
fi
BUILD_DIR="$ROOT/build/$PRESET"

# Debian 12 packages the build, the tests and the tools need.
PACKAGES=(
    build-essential cmake ninja-build pkg-config ccache git
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite qt6-qpa-plugins qt6-translations-l10n libgl-dev libbotan-2-dev libuchardet-dev libsqlite3-dev
    libphonenumber-dev libgumbo-dev qtkeychain-qt6-dev
    sqlite3 appstream desktop-file-utils dpkg-dev file fonts-dejavu-core
    xvfb xauth
    clang libclang-rt-14-dev time
    python3 python3-dkim python3-aiosmtpd openssl dbus-daemon postfix libssl-dev
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

install_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    if ((${#missing[@]})); then
        log "Installing Debian packages: ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

configure() {
    local launcher=()
    if command -v ccache >/dev/null; then
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
    if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
        log "Configuring ($PRESET)"
        cmake --preset "$PRESET" "${launcher[@]}" >/dev/null
    fi
}

build() {
    install_packages
    configure
    log "Building ($PRESET)"
    cmake --build "$BUILD_DIR" --parallel "$(nproc)"
}

demo_workspace() {
    local data="${XDG_DATA_HOME:-$HOME/.local/share}/Mailroom"
    echo "$data/demo.mailroom"
}

cmd_run() {
    build
    local demo
    demo="$(demo_workspace)"
    if [[ ! -f "$demo" ]]; then
        log "Making the demo workspace (10,000 synthetic contacts): $demo"
        "$BUILD_DIR/app/cli/mailroom-cli" --workspace "$demo" demo --contacts 10000
    fi
    local args=("$@")
    if ((${#args[@]} == 0)); then
        args=(--workspace "$demo")
    fi
    log "Opening Mailroom"
    exec "$BUILD_DIR/app/mailroom" "${args[@]}"
}

# The clang tree of the "fuzz" preset: the libFuzzer binaries only (and the engine they link).
FUZZ_DIR="$ROOT/build/fuzz"
fuzz_targets() {
    local source
    for source in "$ROOT"/tests/fuzz/fuzz_*.cpp; do
        basename "$source" .cpp
    done
}

build_fuzz() {
    install_packages
    local launcher=()
    if command -v ccache >/dev/null; then
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
    if [[ ! -f "$FUZZ_DIR/build.ninja" ]]; then
        log "Configuring (fuzz)"
        cmake --preset fuzz "${launcher[@]}" >/dev/null
    fi
    log "Building the libFuzzer targets (fuzz, clang)"
    local targets
    mapfile -t targets < <(fuzz_targets)
    cmake --build "$FUZZ_DIR" --parallel "$(nproc)" --target "${targets[@]}"
}

cmd_test() {
    build
    # Each libFuzzer binary also runs for MAILROOM_FUZZ_SECONDS (default 20) as a ctest
    # test, fuzz_run_<name> (tests/fuzz/run_fuzzer.sh): the test tree learns where they are.
    build_fuzz
    if ! grep -qxF "MAILROOM_FUZZ_BINARY_DIR:PATH=$FUZZ_DIR" "$BUILD_DIR/CMakeCache.txt"; then
        cmake -B "$BUILD_DIR" -DMAILROOM_FUZZ_BINARY_DIR="$FUZZ_DIR" >/dev/null
    fi
    log "Running every test"
    # Tests make their own temporary workspaces; none touches the user's data.
    local scratch
    scratch="$(mktemp -d)"
    mkdir -m 700 "$scratch/runtime"
    # Expand now: $scratch is local and gone by the time the EXIT trap runs.
    trap "rm -rf '$scratch'" EXIT
    XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_RUNTIME_DIR="$scratch/runtime" \
        QT_QPA_PLATFORM=offscreen \
        ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)" --timeout 900 "$@"
}

cmd_bench() {
    local what="${1:-contacts}"
    shift || true
    build
    case "$what" in
        contacts) exec "$ROOT/tests/bench/bench_contacts.sh" "$BUILD_DIR" "$@" ;;
        import) exec "$ROOT/tests/bench/bench_import.sh" "$BUILD_DIR" "$@" ;;
        render) exec "$ROOT/tests/bench/bench_render.sh" "$BUILD_DIR" "$@" ;;
        send) exec "$ROOT/tests/bench/bench_send.sh" "$BUILD_DIR" "$@" ;;
        *) echo "dev.sh bench: unknown benchmark '$what' (try: contacts, import, render, send)" >&2; exit 2 ;;
    esac
}

cmd_fuzz() {
    local seconds="${1:-60}"
    build_fuzz
    local targets target binary corpus work
    mapfile -t targets < <(fuzz_targets)
    for target in "${targets[@]}"; do
        binary="$FUZZ_DIR/tests/fuzz/$target"
        corpus="$ROOT/tests/fuzz/corpus/${target#fuzz_}"
        # New inputs go to a scratch folder; copy the ones worth keeping into the corpus by hand.
        work="$FUZZ_DIR/corpus/$target"
        mkdir -p "$work"
        log "Fuzzing $target for ${seconds}s"
        "$binary" -max_total_time="$seconds" -max_len=4096 "$work" "$corpus"
    done
}

cmd_package() {
    install_packages
    PRESET=release
    BUILD_DIR="$ROOT/build/release"
    configure
    log "Building release"
    cmake --build "$BUILD_DIR" --parallel "$(nproc)"
    log "Packaging"
    # An old version's .deb left beside the new one would be easy to install by mistake.
    rm -f "$BUILD_DIR"/*.deb
    (cd "$BUILD_DIR" && cpack -G DEB)
    local deb
    deb="$(ls -1 "$BUILD_DIR"/*.deb)"
    log "Built $deb (install: sudo apt install $deb)"
    echo "$deb"
}

cmd_format() {
    git ls-files '*.cpp' '*.h' | xargs clang-format -i
}

verb="${1:-}"
shift || true
case "$verb" in
    run) cmd_run "$@" ;;
    test) cmd_test "$@" ;;
    build) build ;;
    bench) cmd_bench "$@" ;;
    fuzz) cmd_fuzz "$@" ;;
    package) cmd_package "$@" ;;
    format) cmd_format ;;
    *)
        sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
