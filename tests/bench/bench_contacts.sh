#!/usr/bin/env bash
# ./dev.sh bench contacts: the contacts table on 1,000,000 contacts, beside the same queries
# run by the sqlite3 shell on the same file in the same run.
#
#   tests/bench/bench_contacts.sh BUILD_DIR
#
# Environment: MAILROOM_BENCH_CONTACTS (default 1000000) contacts in the workspace,
# MAILROOM_BENCH_WORKSPACE to use another file. The workspace is made once with
# `mailroom-cli demo --contacts N --seed 1` and kept in BUILD_DIR/bench for the next run.
set -euo pipefail

BUILD_DIR="$(cd "${1:?usage: bench_contacts.sh BUILD_DIR}" && pwd)"
CONTACTS="${MAILROOM_BENCH_CONTACTS:-1000000}"
BENCH_DIR="$BUILD_DIR/bench"
WORKSPACE="${MAILROOM_BENCH_WORKSPACE:-$BENCH_DIR/contacts-$CONTACTS.mailroom}"
BENCH="$BUILD_DIR/tests/bench/bench_contacts"
CLI="$BUILD_DIR/app/mailroom-cli"
[[ -x "$CLI" ]] || CLI="$BUILD_DIR/app/cli/mailroom-cli"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { echo "bench_contacts.sh: $*" >&2; exit 1; }
now_ns() { date +%s%N; }
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; } # arithmetic without bc
holds() { awk "BEGIN { exit !($1) }"; }

command -v sqlite3 >/dev/null || die "sqlite3 is not installed (apt-get install sqlite3)"
[[ -x "$BENCH" ]] || die "$BENCH is missing: build first (./dev.sh build)"
mkdir -p "$BENCH_DIR"

if [[ ! -f "$WORKSPACE" ]]; then
    [[ -x "$CLI" ]] || die "mailroom-cli is missing: build first (./dev.sh build)"
    log "Making $WORKSPACE ($CONTACTS contacts, seed 1)"
    t0=$(now_ns)
    "$CLI" --workspace "$WORKSPACE" demo --contacts "$CONTACTS" --seed 1 >/dev/null
    printf 'workspace made in %.1f s\n' "$(calc "($(now_ns) - $t0) / 1000000000")"
fi

# 200 queries as a user types them: every prefix of names, companies and a few other words.
QUERIES="$BENCH_DIR/queries.txt"
for word in martin patel thompson jackson moore anderson jones brown miller taylor johnson wilson smith \
    davis sophie jennifer ethan linda sarah olivia tyler madison david matthew sunrise copper northwind \
    florist kettle tailoring garcia nguyen; do
    for ((i = 1; i <= ${#word}; i++)); do echo "${word:0:i}"; done
done | head -n 200 >"$QUERIES"

# Both sides start from a warm page cache.
cat "$WORKSPACE" >/dev/null

# ---------------------------------------------------------------------------------------
# The SQL ContactRepository runs (core/contacts/ContactRepository.cpp: count, page,
# fillDetails), written out for sqlite3. Keep in step with the repository.
COLUMNS="c.id, c.email, c.first_name, c.last_name, c.company, c.phone, c.street, c.city, c.region, c.postcode,
 c.country, c.notes, c.status, c.consent_source, c.consent_at, c.created_at, c.updated_at"
fts_match() { echo "contacts_fts MATCH '\"$1\"*'"; }
fts_where() { # word: the materializing plan (narrow searches)
    echo "c.id IN (SELECT rowid FROM contacts_fts WHERE $(fts_match "$1"))"
}
fts_probe_where() { # word: the probing plan (short words with over 100,000 matches)
    echo "EXISTS (SELECT 1 FROM contacts_fts WHERE $(fts_match "$1") AND contacts_fts.rowid = c.id)"
}
count_sql() { # WHERE
    echo "SELECT count(*) FROM contacts c WHERE $1;"
}
count_search_sql() { # word: a search alone is counted in the FTS table
    echo "SELECT count(*) FROM contacts_fts WHERE $(fts_match "$1");"
}
search_where() { # word, matches: the plan ContactRepository::page picks
    if ((${#1} <= 3 && $2 > 100000)); then fts_probe_where "$1"; else fts_where "$1"; fi
}
page_sql() { # WHERE, SORT, DIR, LIMIT [, FROM]: the page, then its tags, lists and custom fields (5 statements)
    # The page lands in a temp table so the detail queries read its ids, as fillDetails binds them.
    local order="$2 $3, c.id $3"
    # An id order needs no tie-breaker, and must have none for FTS5 to deliver rows in order.
    [[ "$2" == "c.id" || "$2" == "contacts_fts.rowid" ]] && order="$2 $3"
    echo "DROP TABLE IF EXISTS temp.page;"
    echo "CREATE TEMP TABLE page AS SELECT $COLUMNS, $2 AS k FROM ${5:-contacts c} WHERE $1 ORDER BY $order LIMIT $4;"
    echo "SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id IN (SELECT id FROM temp.page) ORDER BY t.name COLLATE NOCASE;"
    echo "SELECT lm.contact_id, l.name FROM list_members lm JOIN lists l ON l.id = lm.list_id WHERE lm.contact_id IN (SELECT id FROM temp.page) ORDER BY l.name COLLATE NOCASE;"
    echo "SELECT v.contact_id, f.name, v.value FROM contact_field_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.contact_id IN (SELECT id FROM temp.page);"
}
# Sums sqlite3's ".timer on" lines in groups of N statements; prints one ms figure per group.
sum_timers() {
    grep '^Run Time: real' | awk -v n="$1" '{ s += $4; k++; if (k == n) { printf "%.3f\n", s * 1000; s = 0; k = 0 } }'
}
stats() { # median p95 of a column of numbers
    sort -n | awk '{ v[NR] = $1 } END { m = v[int((NR + 1) / 2)]; i = int(0.95 * NR + 0.999); printf "%.2f %.2f\n", m, v[i] }'
}
LASTNAME="c.last_name COLLATE NOCASE"
# The window's default order, newest first: with a search the page reads off the FTS index.
NEWEST="c.id"
FTS_JOIN="contacts_fts JOIN contacts c ON c.id = contacts_fts.rowid"
ROWS=$(sqlite3 "$WORKSPACE" "SELECT count(*) FROM contacts;")
LAST_LIMIT=$(( ROWS - (ROWS - 1) / 256 * 256 ))

log "sqlite3: the same queries"
# Launch to first page: a fresh sqlite3 process counts and reads the first and last pages.
t0=$(now_ns)
{ echo "PRAGMA temp_store = MEMORY;"; count_sql "1 = 1"; page_sql "1 = 1" "$NEWEST" DESC 256
  page_sql "1 = 1" "$NEWEST" ASC "$LAST_LIMIT"; } |
    sqlite3 "$WORKSPACE" >/dev/null
SQL_FIRST=$(calc "($(now_ns) - $t0) / 1000000")

# Sort by last name (descending): the new first and last pages, as the model reads them.
# The jumps: the page at that row.
SQL_SORT=$({ echo ".timer on"; echo ".output /dev/null"; page_sql "1 = 1" "$LASTNAME" DESC 256
    page_sql "1 = 1" "$LASTNAME" ASC "$LAST_LIMIT"; } | sqlite3 "$WORKSPACE" | sum_timers 10)
SQL_LAST=$({ echo ".timer on"; echo ".output /dev/null"; page_sql "1 = 1" "$LASTNAME" DESC "$LAST_LIMIT"; } |
    sqlite3 "$WORKSPACE" | sum_timers 5)
MIDDLE_KEY=$(sqlite3 "$WORKSPACE" "SELECT quote(c.last_name), c.id FROM contacts c ORDER BY $LASTNAME, c.id LIMIT 1 OFFSET $(( ROWS / 2 / 256 * 256 ));")
MK_VALUE=${MIDDLE_KEY%|*}
MK_ID=${MIDDLE_KEY#*|}
SQL_MIDDLE=$({ echo ".timer on"; echo ".output /dev/null"
    page_sql "($LASTNAME >= $MK_VALUE AND ($LASTNAME > $MK_VALUE OR c.id >= $MK_ID))" "$LASTNAME" ASC 256; } |
    sqlite3 "$WORKSPACE" | sum_timers 5)

# Typed searches: count + first page + details, and the bare FTS5 MATCH ... LIMIT 100 for orientation.
# (Each query's match count, read first and untimed, picks the page plan as the repository does.)
SQL_SEARCH_FILE="$BENCH_DIR/search.sql"
SQL_SEARCH_LAST_FILE="$BENCH_DIR/search-by-last-name.sql"
mapfile -t MATCHES < <(while read -r q; do count_search_sql "$q"; done <"$QUERIES" | sqlite3 "$WORKSPACE")
{
    echo "PRAGMA temp_store = MEMORY;"
    echo ".timer on"
    echo ".output /dev/null"
    while read -r q; do
        count_search_sql "$q"
        page_sql "$(fts_match "$q")" "contacts_fts.rowid" DESC 256 "$FTS_JOIN"
    done <"$QUERIES"
} >"$SQL_SEARCH_FILE"
{
    echo "PRAGMA temp_store = MEMORY;"
    echo ".timer on"
    echo ".output /dev/null"
    i=0
    while read -r q; do
        count_search_sql "$q"
        page_sql "$(search_where "$q" "${MATCHES[i]}")" "$LASTNAME" ASC 256
        i=$((i + 1))
    done <"$QUERIES"
} >"$SQL_SEARCH_LAST_FILE"
read -r SQL_SEARCH_MED SQL_SEARCH_P95 < <(sqlite3 "$WORKSPACE" <"$SQL_SEARCH_FILE" | sum_timers 6 | stats)
read -r SQL_SEARCH_LAST_MED SQL_SEARCH_LAST_P95 < <(sqlite3 "$WORKSPACE" <"$SQL_SEARCH_LAST_FILE" | sum_timers 6 | stats)
read -r FTS_MED FTS_P95 < <({ echo ".timer on"; echo ".output /dev/null"
    while read -r q; do echo "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH '\"$q\"*' LIMIT 100;"; done <"$QUERIES"
} | sqlite3 "$WORKSPACE" | sum_timers 1 | stats)
SQL_RSS="-"
if [[ -x /usr/bin/time ]]; then
    SQL_RSS=$(/usr/bin/time -f '%M' sqlite3 "$WORKSPACE" <"$SQL_SEARCH_FILE" 2>&1 >/dev/null | tail -n 1)
    SQL_RSS=$(calc "$SQL_RSS / 1024")
fi

log "Mailroom: ContactTableModel in a headless QTableView"
OUT="$BENCH_DIR/bench_contacts.out"
QT_QPA_PLATFORM=offscreen "$BENCH" --workspace "$WORKSPACE" --queries "$QUERIES" --launched-ns "$(now_ns)" >"$OUT"
get() { awk -v k="$1" '$1 == k { print $2 }' "$OUT"; }

# metric, mailroom, sqlite3, target (ms or MB), unit
row() {
    local name="$1" ours="$2" theirs="$3" target="$4" unit="$5" ratio="-" verdict
    if [[ "$theirs" != "-" ]] && holds "$theirs > 0"; then
        ratio=$(printf '%.1fx' "$(calc "$ours / $theirs")")
    fi
    verdict=$(holds "$ours < $target" && echo "ok" || echo "MISSED")
    [[ "$theirs" != "-" ]] && theirs=$(printf '%.1f' "$theirs")
    printf '%-34s %10.1f %10s %8s %8s %s\n' "$name" "$ours" "$theirs" "$ratio" "< $target$unit" "$verdict"
}

echo
echo "Contacts benchmark: $(get rows | cut -d. -f1) contacts, $(nproc) cores, $(sqlite3 --version | cut -d' ' -f1) ($(date -u +%F))"
printf '%-34s %10s %10s %8s %8s\n' "figure (ms unless noted)" "mailroom" "sqlite3" "ratio" "target"
row "launch to first page shown" "$(get first_page_ms)" "$SQL_FIRST" 1000 ms
row "search median (200 typed queries)" "$(get search_median_ms)" "$SQL_SEARCH_MED" 50 ms
row "search p95" "$(get search_p95_ms)" "$SQL_SEARCH_P95" 50 ms
row "search median, sorted by last name" "$(get search_by_last_name_median_ms)" "$SQL_SEARCH_LAST_MED" 200 ms
row "search p95, sorted by last name" "$(get search_by_last_name_p95_ms)" "$SQL_SEARCH_LAST_P95" 200 ms
row "sort by last name (desc)" "$(get sort_last_name_desc_ms)" "$SQL_SORT" 200 ms
row "sort by last name (asc, from email)" "$(get sort_last_name_asc_ms)" "$SQL_SORT" 200 ms
row "jump to the last row" "$(get jump_last_ms)" "$SQL_LAST" 200 ms
row "jump to the middle row" "$(get jump_middle_ms)" "$SQL_MIDDLE" 200 ms
row "peak RSS (MB)" "$(get peak_rss_mb)" "$SQL_RSS" 250 " MB"
echo
printf 'search p95 within 2x of sqlite3 (newest first): %s\n' \
    "$(holds "$(get search_p95_ms) <= 2 * $SQL_SEARCH_P95" && echo yes || echo NO)"
printf 'for orientation, bare FTS5 MATCH ... LIMIT 100 in sqlite3: median %.1f ms, p95 %.1f ms\n' "$FTS_MED" "$FTS_P95"
printf 'sparse index ready %.0f ms after the first page (background thread)\n' "$(get index_ready_after_first_page_ms)"
printf 'one paint of a loaded screenful: %.1f ms (included in every mailroom figure)\n' "$(get paint_ms)"
echo "slowest searches, newest first (ms, matches):"
grep '^search_query' "$OUT" | sort -k3 -n -r | head -n 5 | awk '{ printf "  %-12s %8.1f %9d\n", $2, $3, $4 }'
echo "slowest searches, sorted by last name (ms, matches):"
grep '^search_by_last_name_query' "$OUT" | sort -k3 -n -r | head -n 5 | awk '{ printf "  %-12s %8.1f %9d\n", $2, $3, $4 }'
