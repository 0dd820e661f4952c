#!/usr/bin/env bash
# ./dev.sh bench import: Mailroom's import of a 1,000,000-row CSV beside the sqlite3 shell's
# .import of the same file, in the same run.
#
#   tests/bench/bench_import.sh BUILD_DIR
#
# The file (tests/bench/bench_import_data.cpp): ~120 bytes a row, email, first name, last
# name, company, phone, city, country, names from a dozen locales, CRLF; 1% of the rows
# repeat an earlier email (half in another letter case), 0.5% have an invalid email.
#
# The peer: the sqlite3 shell, `.import --csv --skip 1` straight into a plain table whose
# email is UNIQUE COLLATE NOCASE, with the pragmas a workspace connection uses (WAL,
# synchronous=NORMAL, 32 MB cache). Each duplicate fails its INSERT and .import goes on (its
# error lines are counted, not shown), so the peer dedups case-insensitively in one pass, as
# fast as the shell can; it validates nothing and keeps the invalid rows. Building the FTS5
# index the workspace keeps (same table definition) is timed after it, for orientation.
#
# The second peer: the sqlite3 shell doing the same work as Mailroom's import in a workspace
# made by `mailroom-cli init` (its sort indexes and search index), in one transaction, without
# validating or normalising anything: the floor for any import into this schema.
#
# Mailroom: `mailroom-cli init` a fresh workspace, then `mailroom-cli import FILE --json`
# (validated, deduplicated, indexed for search), timed as a whole process.
#
# Environment: MAILROOM_BENCH_IMPORT_ROWS (default 1000000). Files go to BUILD_DIR/bench/import;
# the CSV is kept for the next run (it is made again when the generator is rebuilt).
set -euo pipefail

BUILD_DIR="$(cd "${1:?usage: bench_import.sh BUILD_DIR}" && pwd)"
ROWS="${MAILROOM_BENCH_IMPORT_ROWS:-1000000}"
BENCH_DIR="$BUILD_DIR/bench/import"
GENERATOR="$BUILD_DIR/tests/bench/bench_import_data"
CLI="$BUILD_DIR/app/mailroom-cli"
[[ -x "$CLI" ]] || CLI="$BUILD_DIR/app/cli/mailroom-cli"
CSV="$BENCH_DIR/contacts-$ROWS.csv"
COUNTS="$CSV.counts"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { echo "bench_import.sh: $*" >&2; exit 1; }
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; } # arithmetic without bc
holds() { awk "BEGIN { exit !($1) }"; }
count() { awk -v k="$1" '$1 == k { print $2 }' "$COUNTS"; }
mb() { calc "$1 / 1048576"; }
file_bytes() { # a SQLite database with its WAL, if one is left
    local total=0 f
    for f in "$1" "$1-wal"; do
        [[ -f "$f" ]] && total=$((total + $(stat -c %s "$f")))
    done
    echo "$total"
}
# Runs a command under GNU time; sets WALL and CPU (user + system) in s and RSS (peak, MB)
# and returns the command's exit status. On a busy machine CPU is the steadier figure.
timed() {
    local out="$BENCH_DIR/time.out" status=0 user sys
    /usr/bin/time -f '%e %M %U %S' -o "$out" "$@" || status=$?
    read -r WALL RSS user sys < <(tail -n 1 "$out")
    RSS=$(calc "$RSS / 1024")
    CPU=$(printf '%.2f' "$(calc "$user + $sys")")
    return "$status"
}

command -v sqlite3 >/dev/null || die "sqlite3 is not installed (apt-get install sqlite3)"
[[ -x /usr/bin/time ]] || die "GNU time is not installed (apt-get install time)"
[[ -x "$GENERATOR" ]] || die "$GENERATOR is missing: build first (./dev.sh build)"
[[ -x "$CLI" ]] || die "mailroom-cli is missing: build first (./dev.sh build)"
mkdir -p "$BENCH_DIR"

if [[ ! -f "$CSV" || ! -f "$COUNTS" || "$GENERATOR" -nt "$CSV" ]]; then
    log "Writing $CSV ($ROWS rows)"
    "$GENERATOR" --rows "$ROWS" --seed 1 "$CSV" >"$COUNTS.tmp"
    mv "$COUNTS.tmp" "$COUNTS"
fi
BYTES=$(count bytes)
printf 'file: %s rows, %.1f MB (%.0f bytes a row), %s duplicate emails, %s invalid emails\n' \
    "$ROWS" "$(mb "$BYTES")" "$(calc "$BYTES / ($ROWS + 1)")" "$(count duplicates)" "$(count invalid)"

# ---------------------------------------------------------------------------------------
log "sqlite3: .import into a table with a unique case-insensitive email"
PEER="$BENCH_DIR/peer.sqlite3"
rm -f "$PEER" "$PEER-wal" "$PEER-shm"
cat >"$BENCH_DIR/peer-import.sql" <<EOF
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -32000;
CREATE TABLE contacts (email TEXT NOT NULL COLLATE NOCASE UNIQUE, first_name TEXT, last_name TEXT,
                       company TEXT, phone TEXT, city TEXT, country TEXT);
.import --csv --skip 1 '$CSV' contacts
EOF
# Like the workspace's contacts_fts (core/storage/Migrations.cpp), over the columns the file has.
cat >"$BENCH_DIR/peer-fts.sql" <<EOF
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -32000;
CREATE VIRTUAL TABLE contacts_fts USING fts5(email, first_name, last_name, company,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
INSERT INTO contacts_fts (rowid, email, first_name, last_name, company)
    SELECT rowid, email, first_name, last_name, company FROM contacts;
EOF
# The same work as Mailroom's import, done by the sqlite3 shell with the workspace's own schema
# (`mailroom-cli init`, so it follows every migration): the rows into contacts with their
# unique key and sort indexes, then the search index, in one transaction. It validates,
# normalises and reports nothing, so it is the floor an import into this schema can reach.
NOW=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
cat >"$BENCH_DIR/peer-same-work.sql" <<EOF
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -32000;
CREATE TEMP TABLE staged (email TEXT, first_name TEXT, last_name TEXT, company TEXT, phone TEXT,
                          city TEXT, country TEXT);
BEGIN;
.import --csv --skip 1 --schema temp '$CSV' staged
INSERT INTO contacts (email, email_key, first_name, last_name, company, phone, city, country,
                      created_at, updated_at)
    SELECT email, lower(email), first_name, last_name, company, phone, city, country, '$NOW', '$NOW'
    FROM temp.staged WHERE true ON CONFLICT (email_key) DO NOTHING;
INSERT INTO contacts_fts (rowid, email, first_name, last_name, company, tags, notes)
    SELECT id, email, first_name, last_name, company, '', notes FROM contacts;
COMMIT;
EOF
cat "$CSV" >/dev/null # both importers start from a warm page cache
# The shell exits 1 after the failed INSERTs of the duplicates: what it said is checked below.
timed sqlite3 "$PEER" <"$BENCH_DIR/peer-import.sql" >/dev/null 2>"$BENCH_DIR/peer-import.err" || true
SQL_WALL=$WALL SQL_RSS=$RSS SQL_CPU=$CPU
SQL_REJECTED=$(grep -c 'UNIQUE constraint failed' "$BENCH_DIR/peer-import.err" || true)
if grep -v 'UNIQUE constraint failed' "$BENCH_DIR/peer-import.err" | grep -q .; then
    die "sqlite3 .import reported more than duplicates: $(grep -v 'UNIQUE constraint failed' "$BENCH_DIR/peer-import.err" | head -n 3)"
fi
SQL_ROWS=$(sqlite3 "$PEER" "SELECT count(*) FROM contacts;")
SQL_SIZE=$(file_bytes "$PEER")
timed sqlite3 "$PEER" <"$BENCH_DIR/peer-fts.sql" >/dev/null
SQL_FTS_WALL=$WALL SQL_FTS_CPU=$CPU
SQL_FTS_SIZE=$(file_bytes "$PEER")
[[ "$SQL_ROWS" == "$(count unique_emails)" ]] ||
    die "sqlite3 kept $SQL_ROWS rows, the file has $(count unique_emails) distinct emails: the peer is not doing what it should"

log "sqlite3: the same work in a workspace's schema (rows, sort indexes, search index)"
SAME="$BENCH_DIR/peer-same-work.mailroom"
rm -f "$SAME" "$SAME-wal" "$SAME-shm"
"$CLI" --workspace "$SAME" init >/dev/null
cat "$CSV" >/dev/null
timed sqlite3 "$SAME" <"$BENCH_DIR/peer-same-work.sql" >/dev/null 2>"$BENCH_DIR/peer-same-work.err" ||
    die "sqlite3 failed on the workspace schema: $(head -n 3 "$BENCH_DIR/peer-same-work.err")"
SAME_WALL=$WALL SAME_CPU=$CPU SAME_RSS=$RSS
SAME_ROWS=$(sqlite3 "$SAME" "SELECT count(*) FROM contacts;")
[[ "$SAME_ROWS" == "$(count unique_emails)" ]] ||
    die "sqlite3 kept $SAME_ROWS rows in the workspace schema, the file has $(count unique_emails) distinct emails"

# ---------------------------------------------------------------------------------------
log "Mailroom: mailroom-cli import into a fresh workspace"
WORKSPACE="$BENCH_DIR/import.mailroom"
rm -f "$WORKSPACE" "$WORKSPACE-wal" "$WORKSPACE-shm"
"$CLI" --workspace "$WORKSPACE" init >/dev/null
MAILROOM_OK=1
if ! "$CLI" help import >/dev/null 2>&1; then
    MAILROOM_OK=0
else
    cat "$CSV" >/dev/null
    if ! timed "$CLI" --workspace "$WORKSPACE" import "$CSV" --json \
        >"$BENCH_DIR/mailroom-import.json" 2>"$BENCH_DIR/mailroom-import.err"; then
        tail -n 20 "$BENCH_DIR/mailroom-import.err" >&2
        die "mailroom-cli import failed (exit status above; output in $BENCH_DIR)"
    fi
    MR_WALL=$WALL MR_RSS=$RSS MR_CPU=$CPU
    MR_ROWS=$(sqlite3 "$WORKSPACE" "SELECT count(*) FROM contacts;")
    MR_SIZE=$(file_bytes "$WORKSPACE")
fi

# ---------------------------------------------------------------------------------------
row() { # figure, mailroom, sqlite3, ratio, target
    printf '%-30s %12s %12s %8s  %s\n' "$@"
}
echo
echo "Import benchmark: $ROWS rows, $(nproc) cores, sqlite3 $(sqlite3 --version | cut -d' ' -f1) ($(date -u +%F))"
row "figure" "mailroom" "sqlite3" "ratio" "target"
if ((MAILROOM_OK)); then
    row "import wall time (s)" "$MR_WALL" "$SQL_WALL" "$(printf '%.2fx' "$(calc "$MR_WALL / $SQL_WALL")")" \
        "<= 2x sqlite3: $(holds "$MR_WALL <= 2 * $SQL_WALL" && echo ok || echo MISSED)"
    row "  same work in sqlite3 (s)" "$MR_WALL" "$SAME_WALL" "$(printf '%.2fx' "$(calc "$MR_WALL / $SAME_WALL")")" \
        "(the schema's floor: $(printf '%.2fx' "$(calc "$SAME_WALL / $SQL_WALL")") of .import)"
    row "CPU time, user + system (s)" "$MR_CPU" "$SQL_CPU" "$(printf '%.2fx' "$(calc "$MR_CPU / $SQL_CPU")")" ""
    row "  same work in sqlite3 (s)" "$MR_CPU" "$SAME_CPU" "$(printf '%.2fx' "$(calc "$MR_CPU / $SAME_CPU")")" ""
    row "rows/s" "$(printf '%.0f' "$(calc "$ROWS / $MR_WALL")")" "$(printf '%.0f' "$(calc "$ROWS / $SQL_WALL")")" "" ""
    row "peak RSS (MB)" "$(printf '%.0f' "$MR_RSS")" "$(printf '%.0f' "$SQL_RSS")" "" \
        "< 300 MB: $(holds "$MR_RSS < 300" && echo ok || echo MISSED)"
    row "database file (MB)" "$(printf '%.0f' "$(mb "$MR_SIZE")")" "$(printf '%.0f' "$(mb "$SQL_SIZE")")" \
        "$(printf '%.2fx' "$(calc "$MR_SIZE / $SQL_SIZE")")" ""
    row "contacts kept" "$MR_ROWS" "$SQL_ROWS" "" "expected $(count unique_valid) (sqlite3 keeps the invalid)"
else
    row "import wall time (s)" "-" "$SQL_WALL" "" "<= 2x sqlite3"
    row "CPU time, user + system (s)" "-" "$SQL_CPU" "" ""
    row "rows/s" "-" "$(printf '%.0f' "$(calc "$ROWS / $SQL_WALL")")" "" ""
    row "peak RSS (MB)" "-" "$(printf '%.0f' "$SQL_RSS")" "" "< 300 MB"
    row "database file (MB)" "-" "$(printf '%.0f' "$(mb "$SQL_SIZE")")" "" ""
    row "contacts kept" "-" "$SQL_ROWS" "" "expected $(count unique_valid) (sqlite3 keeps the invalid)"
fi
echo
printf 'sqlite3 rejected %s duplicate rows; then building the workspace-like FTS5 index took %.2f s more' \
    "$SQL_REJECTED" "$SQL_FTS_WALL"
printf ' (CPU %.2f s; file then %.0f MB)\n' "$SQL_FTS_CPU" "$(mb "$SQL_FTS_SIZE")"
printf 'load average at the end: %s (a busy machine stretches wall times; CPU times hold)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
if ((MAILROOM_OK)); then
    # Its figures, without the per-row lists (read with the sqlite3 shell's JSON functions).
    echo "mailroom-cli import --json said (all of it in $BENCH_DIR/mailroom-import.json):"
    sqlite3 :memory: "SELECT '  ' || key || ': ' || coalesce(value, 'null') FROM json_each(readfile('$BENCH_DIR/mailroom-import.json'))
                      WHERE type NOT IN ('array', 'object');"
    [[ "$MR_ROWS" == "$(count unique_valid)" ]] ||
        echo "NOTE: the workspace holds $MR_ROWS contacts; a validating, deduplicating import keeps $(count unique_valid)"
else
    echo
    die "mailroom-cli has no 'import' command yet ('$CLI help import' fails): the Mailroom column is empty"
fi
