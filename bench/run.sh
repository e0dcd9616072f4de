#!/usr/bin/env bash
# Benchmark `chuxin aggregate`: ingest a >= 1 GB post-level CSV and total it by brand x platform x month, beside
# DuckDB and polars (and pandas with PANDAS=1) doing the same aggregation (bench/equiv.py), in the same run on
# the same file. The default file has 250 brands x 6 platforms x 24 months = 36,000 groups. Prints wall time,
# MB/s and peak RSS (from /usr/bin/time -v) for each, and each tool's groups, posts and sum of likes, which must
# agree. For the command a client's benchmark runs (`chuxin bench`, plugins on), see bench/bench_cmd.sh.
#
# usage: bench/run.sh [ROWS]          (default 8,700,000 rows, about 1.09 GB)
# env:   BENCH_DIR (default /tmp/chuxin-bench): where the file and the Python venv go
#        BRANDS (default 250): brands in the generated file (groups = BRANDS x 6 x 24 when every cell has posts)
#        THREADS (default 2): threads for every tool
#        REPEAT (default 3): runs per tool; the fastest run is reported (the machine may be shared)
#        PANDAS=1: time pandas too (slow, ~2.7 GB of memory per GB of CSV)
#        CHUXIN: the binary to time (default: target/release/chuxin, built here); SKIP_BUILD=1: do not build
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${BENCH_DIR:-/tmp/chuxin-bench}"
ROWS="${1:-8700000}"
BRANDS="${BRANDS:-250}"
THREADS="${THREADS:-2}"
REPEAT="${REPEAT:-3}"
PANDAS="${PANDAS:-0}"
FILE="$DIR/posts_${ROWS}_b${BRANDS}.csv"
mkdir -p "$DIR"

if [ ! -x /usr/bin/time ]; then
  echo "error: /usr/bin/time is missing (apt-get install -y time)" >&2
  exit 1
fi

if [ ! -f "$FILE" ] || [ ! -f "$FILE.meta.json" ]; then
  echo "generating $ROWS rows with $BRANDS brands into $FILE ..." >&2
  python3 "$ROOT/bench/gen_posts.py" "$ROWS" "$FILE.tmp" --brands "$BRANDS"
  mv "$FILE.tmp.meta.json" "$FILE.meta.json"
  mv "$FILE.tmp" "$FILE"
fi
BYTES=$(stat -c %s "$FILE")

PY="$DIR/venv/bin/python"
MODULES="polars, duckdb"; PACKAGES="polars duckdb"
if [ "$PANDAS" = 1 ]; then MODULES="$MODULES, pandas"; PACKAGES="$PACKAGES pandas"; fi
if ! { [ -x "$PY" ] && "$PY" -c "import $MODULES" 2>/dev/null; }; then
  echo "setting up the Python venv in $DIR/venv ..." >&2
  [ -x "$PY" ] || python3 -m venv "$DIR/venv"
  "$DIR/venv/bin/pip" install --quiet --upgrade pip
  # shellcheck disable=SC2086
  "$DIR/venv/bin/pip" install --quiet $PACKAGES
fi

if [ -z "${CHUXIN:-}" ]; then
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "building chuxin (release) ..." >&2
    (cd "$ROOT" && cargo build --quiet --release --locked -p chuxin-cli)
  fi
  CHUXIN="$ROOT/target/release/chuxin"
fi

export POLARS_MAX_THREADS="$THREADS" OMP_NUM_THREADS="$THREADS"
cat "$FILE" > /dev/null   # warm the page cache once for everyone

# Runs a tool REPEAT times and reports its fastest run (wall time, MB/s), its largest peak RSS and the
# "groups posts likes" summary its last run printed on stderr (for chuxin: computed from its CSV output by
# equiv.py's chuxin_aggregate_summary, the one place to adapt when `aggregate`'s columns change).
run() {
  local name="$1"; shift
  local best="" rss_max=0 summary=""
  for i in $(seq "$REPEAT"); do
    local log="$DIR/time_${name}_$i.txt" out="$DIR/out_${name}.txt"
    /usr/bin/time -v "$@" 2> "$log" > "$out" || { echo "$name failed:"; cat "$log"; return 1; }
    local wall rss secs
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    secs=$(python3 -c "p='$wall'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $secs < $best else 1)"; then best=$secs; fi
    if [ "$rss" -gt "$rss_max" ]; then rss_max=$rss; fi
    if [ "$name" = chuxin ]; then "$PY" "$ROOT/bench/equiv.py" chuxin-aggregate "$out" 2>> "$log"; fi
    summary=$(grep -E "^$name: " "$log" | tail -1 | sed -E 's/ seconds=.*//')
  done
  printf '%-8s %8.2f s %9.0f MB/s %9.1f MB peak RSS   %s\n' "$name" "$best" \
    "$(python3 -c "print($BYTES/1e6/$best)")" "$(python3 -c "print($rss_max/1024)")" "$summary"
  SUMMARIES+=("${summary#*: }")
}

SUMMARIES=()
echo "file: $FILE ($(python3 -c "print(round($BYTES/1e9, 3))") GB, $ROWS rows, $BRANDS brands), threads: $THREADS, $(nproc) cores, best of $REPEAT runs"
echo "tool       wall        throughput      peak memory    (groups, posts, Σ likes)"
run chuxin "$CHUXIN" aggregate --threads "$THREADS" "$FILE"
run duckdb "$PY" "$ROOT/bench/equiv.py" duckdb-agg "$FILE" "$THREADS"
run polars "$PY" "$ROOT/bench/equiv.py" polars-agg "$FILE"
if [ "$PANDAS" = 1 ]; then run pandas "$PY" "$ROOT/bench/equiv.py" pandas-agg "$FILE"; fi
if [ "$(printf '%s\n' "${SUMMARIES[@]}" | sort -u | wc -l)" != 1 ]; then
  echo "TOOLS DISAGREE on groups, posts or Σ likes" >&2
  exit 1
fi
echo "all tools agree: ${SUMMARIES[0]}"
