#!/usr/bin/env bash
# Benchmark the command users run, `chuxin bench CLIENT --posts FILE --format json`, with the industry plugins
# on (client industry `retail`, so the retail plugin's `promo_lift` comparison runs), on generated post-level
# exports of 0.25, 0.5, 1 and 2 GB with 200 brands, a client and 5 competitors; beside DuckDB and polars doing
# the equivalent work (bench/equiv.py) on the same file in the same run. Prints a Markdown table: wall time
# (best of REPEAT), MB/s, peak RSS (largest of the runs, from /usr/bin/time -v), DuckDB's wall ÷ the tool's, and
# each tool's groups, posts and Σ likes for the compared brands, which must agree; then chuxin's peak-RSS
# flatness across sizes.
#
# usage: bench/bench_cmd.sh
# env:   SIZES (default "0.25 0.5 1 2"): file sizes in GB (10^9 bytes)
#        BENCH_DIR (default /tmp/chuxin-bench): generated files (kept), the Python venv, logs, results
#        BRANDS (default 200): brands in the generated files
#        COMPARE_RANKS (default "40 41 42 43 44 45"): the client, then its competitors, by brand size rank
#                      (1 = the brand with most posts; see `bench/gen_posts.py --list-brands 200`)
#        THREADS (default 2): DuckDB's and polars' threads (RAYON_NUM_THREADS for chuxin)
#        REPEAT (default 3): timed runs per tool; the fastest is reported
#        CHUXIN_ARGS: extra arguments for `chuxin bench` (e.g. "--threads 2" once the command has it)
#        CHUXIN: the binary to time (default: target/release/chuxin, built here with the plugins)
#        SKIP_BUILD=1: do not run cargo build
#        PLUGIN_DIR: pass --plugin-dir DIR (default: none; chuxin loads the plugins beside its binary)
#        TIMEOUT (default 1800): seconds before any single run is killed
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${BENCH_DIR:-/tmp/chuxin-bench}"
SIZES="${SIZES:-0.25 0.5 1 2}"
BRANDS="${BRANDS:-200}"
COMPARE_RANKS="${COMPARE_RANKS:-40 41 42 43 44 45}"
THREADS="${THREADS:-2}"
REPEAT="${REPEAT:-3}"
TIMEOUT="${TIMEOUT:-1800}"
read -r -a EXTRA <<< "${CHUXIN_ARGS:-}"
mkdir -p "$DIR"

die() { echo "error: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install -y time)"

# Python venv with polars and duckdb (shared with run.sh).
PY="$DIR/venv/bin/python"
if ! { [ -x "$PY" ] && "$PY" -c "import polars, duckdb" 2>/dev/null; }; then
  echo "setting up the Python venv in $DIR/venv ..." >&2
  [ -x "$PY" ] || python3 -m venv "$DIR/venv"
  "$DIR/venv/bin/pip" install --quiet --upgrade pip
  "$DIR/venv/bin/pip" install --quiet polars duckdb
fi

if [ -z "${CHUXIN:-}" ]; then
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "building chuxin and the plugins (release) ..." >&2
    (cd "$ROOT" && cargo build --workspace --release --locked)
  fi
  CHUXIN="$ROOT/target/release/chuxin"
fi
[ -x "$CHUXIN" ] || die "no chuxin binary at $CHUXIN"
PLUGIN_ARGS=()
[ -n "${PLUGIN_DIR:-}" ] && PLUGIN_ARGS=(--plugin-dir "$PLUGIN_DIR")

# The compared brands: the client first, then the competitors.
mapfile -t ALL_BRANDS < <(python3 "$ROOT/bench/gen_posts.py" --list-brands "$BRANDS" | cut -f2)
COMPARED=()
for r in $COMPARE_RANKS; do
  [ "$r" -ge 1 ] && [ "$r" -le "$BRANDS" ] || die "COMPARE_RANKS: rank $r is not within 1..$BRANDS"
  COMPARED+=("${ALL_BRANDS[$((r - 1))]}")
done
[ "${#COMPARED[@]}" -ge 2 ] || die "COMPARE_RANKS needs a client and at least one competitor"
CLIENT_BRAND="${COMPARED[0]}"
COMPETITORS="$(IFS=,; echo "${COMPARED[*]:1}")"

# A workspace with one retail client, in a temporary folder.
TMP="$(mktemp -d "${TMPDIR:-/tmp}/chuxin-bench-cmd.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
WS="$TMP/ws"
cx() { "$CHUXIN" -w "$WS" "${PLUGIN_ARGS[@]}" "$@"; }
"$CHUXIN" init "$WS" --name bench > /dev/null
cx client add acme --name Acme --industry retail --brand "$CLIENT_BRAND" --competitor "$COMPETITORS"
PLUGINS="$(cx plugins list)"
echo "plugins (chuxin -w WS plugins list):"
echo "$PLUGINS" | sed 's/^/  /'
grep -qE '^retail[[:space:]]' <<< "$PLUGINS" || die "the retail plugin is not loaded (build with --workspace, or set PLUGIN_DIR)"

export POLARS_MAX_THREADS="$THREADS" OMP_NUM_THREADS="$THREADS" RAYON_NUM_THREADS="$THREADS"

# measure NAME LOGSTEM CMD…: runs CMD REPEAT times (stdout to /dev/null, stderr kept in the log); sets
# BEST (fastest wall, seconds), RSS_KB (largest peak RSS) and LAST_LOG.
measure() {
  local name="$1" stem="$2"; shift 2
  BEST="" RSS_KB=0
  for i in $(seq "$REPEAT"); do
    LAST_LOG="$stem.$i.log"
    if ! /usr/bin/time -v timeout "$TIMEOUT" "$@" > /dev/null 2> "$LAST_LOG"; then
      echo "$name failed (or ran over ${TIMEOUT}s); its stderr:" >&2
      tail -40 "$LAST_LOG" >&2
      exit 1
    fi
    local wall rss secs
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$LAST_LOG")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$LAST_LOG")
    secs=$(python3 -c "p='$wall'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))")
    echo "  $name run $i: ${secs} s, $((rss / 1024)) MB peak RSS" >&2
    if [ -z "$BEST" ] || python3 -c "import sys; sys.exit(0 if $secs < $BEST else 1)"; then BEST=$secs; fi
    if [ "$rss" -gt "$RSS_KB" ]; then RSS_KB=$rss; fi
  done
}

# summary_of LOG TOOL: the "groups posts likes" of the tool's summary line.
summary_of() {
  grep -E "^$2: " "$1" | tail -1 | sed -E 's/.*groups=([0-9]+) posts=([0-9]+) likes=([0-9]+).*/\1\t\2\t\3/'
}

RESULTS="$DIR/bench_cmd_results.tsv"
printf 'size_gb\trows\tbytes\ttool\twall_s\trss_kb\tgroups\tposts\tlikes\n' > "$RESULTS"
for size in $SIZES; do
  FILE="$DIR/posts_${size}GB_b${BRANDS}.csv"
  if [ ! -f "$FILE" ] || [ ! -f "$FILE.meta.json" ]; then
    echo "generating $size GB with $BRANDS brands into $FILE ..." >&2
    python3 "$ROOT/bench/gen_posts.py" "${size}GB" "$FILE.tmp" --brands "$BRANDS"
    mv "$FILE.tmp.meta.json" "$FILE.meta.json"
    mv "$FILE.tmp" "$FILE"
  fi
  BYTES=$(stat -c %s "$FILE")
  ROWS=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['rows'])" "$FILE.meta.json")
  echo "== $size GB: $FILE ($BYTES bytes, $ROWS rows); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  rm -f "$DIR/bench_cmd_${size}GB"_*.log   # logs of an earlier run
  cat "$FILE" > /dev/null   # warm the page cache once for everyone

  # One run kept, to check the record: the plugin comparison is there, and the groups agree with the others.
  JSON="$DIR/bench_cmd_${size}GB.json"
  timeout "$TIMEOUT" "$CHUXIN" -w "$WS" "${PLUGIN_ARGS[@]}" bench acme --posts "$FILE" --format json "${EXTRA[@]}" \
    > "$JSON" 2> "$DIR/bench_cmd_${size}GB.check.log" || { tail -40 "$DIR/bench_cmd_${size}GB.check.log" >&2; die "chuxin bench failed"; }
  python3 - "$JSON" <<'PY' || die "the bench record has no retail plugin comparison (promo_lift)"
import json, sys
record = json.load(open(sys.argv[1], encoding="utf-8"))
found = [p for p in record.get("plugins", []) if p.get("comparison") == "promo_lift" and p.get("rows")]
print(f"  record: plugin comparisons {[p.get('comparison') for p in record.get('plugins', [])]}", file=sys.stderr)
sys.exit(0 if found else 1)
PY
  "$PY" "$ROOT/bench/equiv.py" chuxin-bench "$JSON" 2> "$DIR/bench_cmd_${size}GB.chuxin.sum"
  CHUXIN_SUM=$(summary_of "$DIR/bench_cmd_${size}GB.chuxin.sum" chuxin)

  measure chuxin "$DIR/bench_cmd_${size}GB_chuxin" "$CHUXIN" -w "$WS" "${PLUGIN_ARGS[@]}" bench acme --posts "$FILE" --format json "${EXTRA[@]}"
  printf '%s\t%s\t%s\tchuxin\t%s\t%s\t%s\n' "$size" "$ROWS" "$BYTES" "$BEST" "$RSS_KB" "$CHUXIN_SUM" >> "$RESULTS"
  measure duckdb "$DIR/bench_cmd_${size}GB_duckdb" "$PY" "$ROOT/bench/equiv.py" duckdb "$FILE" "$THREADS" "${COMPARED[@]}"
  printf '%s\t%s\t%s\tduckdb\t%s\t%s\t%s\n' "$size" "$ROWS" "$BYTES" "$BEST" "$RSS_KB" "$(summary_of "$LAST_LOG" duckdb)" >> "$RESULTS"
  measure polars "$DIR/bench_cmd_${size}GB_polars" "$PY" "$ROOT/bench/equiv.py" polars "$FILE" "${COMPARED[@]}"
  printf '%s\t%s\t%s\tpolars\t%s\t%s\t%s\n' "$size" "$ROWS" "$BYTES" "$BEST" "$RSS_KB" "$(summary_of "$LAST_LOG" polars)" >> "$RESULTS"
done

# The report: a header (machine, versions, settings), the Markdown table, the RSS flatness, the goals, agreement.
report() {
echo "\`bench/bench_cmd.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo))"
echo "chuxin $("$CHUXIN" --version | awk '{print $2}') ($CHUXIN; source tree $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- . 2>/dev/null || echo '+uncommitted')),"\
  "DuckDB $("$PY" -c 'import duckdb; print(duckdb.__version__)'), polars $("$PY" -c 'import polars; print(polars.__version__)');"\
  "threads $THREADS; best of $REPEAT after one warm-up read; $BRANDS brands;"\
  "client \`$CLIENT_BRAND\` (industry retail) vs ${COMPETITORS//,/, }"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores$(awk -v n="$(nproc)" '$2 > n {printf " (other work shared the machine)"}' /proc/loadavg)"
echo "command: chuxin -w WS bench acme --posts FILE --format json ${CHUXIN_ARGS:-}> /dev/null"
echo
python3 - "$RESULTS" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
duck = {r["size_gb"]: float(r["wall_s"]) for r in rows if r["tool"] == "duckdb"}
print("| size | rows | tool | wall (best) | MB/s | peak RSS | DuckDB wall ÷ tool wall | groups | posts | Σ likes |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    wall, mb = float(r["wall_s"]), int(r["bytes"]) / 1e6
    print(f"| {float(r['size_gb']):g} GB ({mb:,.0f} MB) | {int(r['rows']):,} | {r['tool']} | {wall:.2f} s | "
          f"{mb / wall:,.0f} | {int(r['rss_kb']) / 1024:,.1f} MB | {duck[r['size_gb']] / wall:.2f}× | "
          f"{r['groups']} | {r['posts']} | {r['likes']} |")
ok = True
for size in dict.fromkeys(r["size_gb"] for r in rows):
    sums = {(r["groups"], r["posts"], r["likes"]) for r in rows if r["size_gb"] == size}
    if len(sums) != 1:
        ok = False
        print(f"\nDISAGREE at {size} GB: groups/posts/Σ likes differ between tools", file=sys.stderr)
cx = [r for r in rows if r["tool"] == "chuxin"]
rss = [int(r["rss_kb"]) / 1024 for r in cx]
print()
if len(rss) > 1:
    print(f"chuxin peak RSS across sizes: min {min(rss):.1f} MB, max {max(rss):.1f} MB, max/min {max(rss) / min(rss):.2f}")
for r in cx:
    speed = duck[r["size_gb"]] / float(r["wall_s"])
    mb = int(r["rss_kb"]) / 1024
    print(f"goal at {float(r['size_gb']):g} GB: ≥ 2× DuckDB: {'met' if speed >= 2 else 'NOT met'} ({speed:.2f}×); "
          f"peak RSS ≤ 128 MB: {'met' if mb <= 128 else 'NOT met'} ({mb:,.1f} MB)")
print("all tools agree on groups, posts and Σ likes" if ok else "TOOLS DISAGREE (see above)")
sys.exit(0 if ok else 1)
PY
}
echo
report | tee "$DIR/bench_cmd_results.md"
