#!/usr/bin/env bash
# Benchmark `chuxin bench --conversations`, the command a user runs on a comment or mention export: a generated
# conversation export of SIZES GB (200 brands, bench/gen_conversations.py), the client and five competitors,
# beside DuckDB matching replies to messages and computing each brand's inbound messages, answered ones and
# median first-response minutes on the same file in the same run (bench/equiv.py duckdb-conv). Prints wall time
# and peak RSS (/usr/bin/time -v, best of REPEAT after one warm-up read), and each tool's inbound, answered and
# Σ of the brands' median minutes, which must agree.
#
# usage: bench/conversations.sh                 SIZES="1" REPEAT=3 THREADS=2 by default
# env:   BENCH_DIR (default /tmp/chuxin-bench), BRANDS (200), COMPARE_RANKS ("40 41 42 43 44 45"), THREADS,
#        REPEAT, CHUXIN (a binary to time; default: target/release/chuxin, built here), SKIP_BUILD=1
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${BENCH_DIR:-/tmp/chuxin-bench}"
SIZES="${SIZES:-1}"
BRANDS="${BRANDS:-200}"
COMPARE_RANKS="${COMPARE_RANKS:-40 41 42 43 44 45}"
THREADS="${THREADS:-2}"
REPEAT="${REPEAT:-3}"
mkdir -p "$DIR"
die() { echo "error: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install -y time)"

PY="$DIR/venv/bin/python"
if ! { [ -x "$PY" ] && "$PY" -c "import duckdb" 2>/dev/null; }; then
  [ -x "$PY" ] || python3 -m venv "$DIR/venv"
  "$DIR/venv/bin/pip" install --quiet duckdb
fi
if [ -z "${CHUXIN:-}" ]; then
  [ "${SKIP_BUILD:-0}" = 1 ] || (cd "$ROOT" && cargo build --workspace --release --locked)
  CHUXIN="$ROOT/target/release/chuxin"
fi

mapfile -t ALL_BRANDS < <(python3 "$ROOT/bench/gen_posts.py" --list-brands "$BRANDS" | cut -f2)
COMPARED=()
for r in $COMPARE_RANKS; do COMPARED+=("${ALL_BRANDS[$((r - 1))]}"); done
CLIENT_BRAND="${COMPARED[0]}"
COMPETITORS="$(IFS=,; echo "${COMPARED[*]:1}")"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/chuxin-conv.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
WS="$TMP/ws"
"$CHUXIN" init "$WS" --name bench > /dev/null
"$CHUXIN" -w "$WS" client add acme --name Acme --brand "$CLIENT_BRAND" --competitor "$COMPETITORS" > /dev/null
# A post export naming the compared brands over the same two years (bench needs posts; these are not timed work).
POSTS="$TMP/posts.csv"
{
  echo "brand,platform,post_id,time,likes,comments,shares"
  for b in "${COMPARED[@]}"; do
    echo "$b,weibo,$b-first,2023-01-01 00:00,1,0,0"
    echo "$b,weibo,$b-last,2024-12-31 23:59,1,0,0"
  done
} > "$POSTS"

measure() {
  local name="$1"; shift
  BEST="" RSS_KB=0
  for i in $(seq "$REPEAT"); do
    /usr/bin/time -v "$@" > /dev/null 2> "$TMP/$name.log" || { tail -20 "$TMP/$name.log" >&2; die "$name failed"; }
    local wall rss secs
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$TMP/$name.log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/$name.log")
    secs=$(python3 -c "p='$wall'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))")
    echo "  $name run $i: $secs s, $((rss / 1024)) MB" >&2
    if [ -z "$BEST" ] || python3 -c "import sys; sys.exit(0 if $secs < $BEST else 1)"; then BEST=$secs; fi
    if [ "$rss" -gt "$RSS_KB" ]; then RSS_KB=$rss; fi
  done
}

echo "| size | messages | tool | wall (best of $REPEAT) | peak RSS | DuckDB ÷ tool | inbound | answered | Σ median minutes |"
echo "|---|---|---|---|---|---|---|---|---|"
for size in $SIZES; do
  FILE="$DIR/conversations_${size}GB_b${BRANDS}.csv"
  if [ ! -f "$FILE" ] || [ ! -f "$FILE.meta.json" ]; then
    python3 "$ROOT/bench/gen_conversations.py" "${size}GB" "$FILE.tmp" --brands "$BRANDS"
    mv "$FILE.tmp.meta.json" "$FILE.meta.json"
    mv "$FILE.tmp" "$FILE"
  fi
  MESSAGES=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['messages'])" "$FILE.meta.json")
  cat "$FILE" > /dev/null
  JSON="$DIR/conversations_${size}GB.json"
  "$CHUXIN" -w "$WS" bench acme --posts "$POSTS" --conversations "$FILE" --threads "$THREADS" --format json \
    > "$JSON" 2> "$TMP/check.log" || { tail -20 "$TMP/check.log" >&2; die "chuxin bench failed"; }
  CX=$("$PY" "$ROOT/bench/equiv.py" chuxin-conv "$JSON" 2>&1 | sed -E 's/.*inbound=([0-9]+) answered=([0-9]+) median_minutes=([0-9.]+).*/\1 | \2 | \3/')
  measure chuxin "$CHUXIN" -w "$WS" bench acme --posts "$POSTS" --conversations "$FILE" --threads "$THREADS" --format json
  CX_WALL=$BEST CX_RSS=$RSS_KB
  measure duckdb "$PY" "$ROOT/bench/equiv.py" duckdb-conv "$FILE" "$THREADS" "${COMPARED[@]}"
  DK=$(sed -nE 's/.*inbound=([0-9]+) answered=([0-9]+) median_minutes=([0-9.]+).*/\1 | \2 | \3/p' "$TMP/duckdb.log" | tail -1)
  ratio=$(python3 -c "print(f'{$BEST / $CX_WALL:.2f}')")
  echo "| $size GB | $MESSAGES | chuxin | $CX_WALL s | $((CX_RSS / 1024)) MB | ${ratio}× | $CX |"
  echo "| $size GB | $MESSAGES | duckdb | $BEST s | $((RSS_KB / 1024)) MB | 1.00× | $DK |"
  [ "$CX" = "$DK" ] || die "chuxin and DuckDB disagree: $CX vs $DK"
done
echo
echo "client \`$CLIENT_BRAND\` vs ${COMPETITORS//,/, }; threads $THREADS; load average $(cut -d' ' -f1-3 /proc/loadavg)"
