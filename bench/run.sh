#!/usr/bin/env bash
# Benchmark: ingest a >= 1 GB post-level CSV and aggregate it by brand x platform x month with chuxin's
# fast path, pandas, polars and DuckDB, in the same run on the same file. Prints wall time, MB/s and peak
# RSS (from /usr/bin/time -v) for each.
#
# usage: bench/run.sh [ROWS]          (default 8,700,000 rows, about 1.05 GB)
# env:   BENCH_DIR (default /tmp/chuxin-bench): where the file and the Python venv go
#        THREADS (default 2): threads for every tool
#        REPEAT (default 3): runs per tool; the fastest run is reported (the machine may be shared)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${BENCH_DIR:-/tmp/chuxin-bench}"
ROWS="${1:-8700000}"
THREADS="${THREADS:-2}"
REPEAT="${REPEAT:-3}"
FILE="$DIR/posts_${ROWS}.csv"
mkdir -p "$DIR"

if [ ! -x /usr/bin/time ]; then
  echo "error: /usr/bin/time is missing (apt-get install -y time)" >&2
  exit 1
fi

if [ ! -f "$FILE" ]; then
  echo "generating $ROWS rows into $FILE ..." >&2
  python3 "$ROOT/bench/gen_posts.py" "$ROWS" "$FILE.tmp"
  mv "$FILE.tmp" "$FILE"
fi
BYTES=$(stat -c %s "$FILE")

if [ ! -x "$DIR/venv/bin/python" ]; then
  echo "creating the Python venv in $DIR/venv ..." >&2
  python3 -m venv "$DIR/venv"
  "$DIR/venv/bin/pip" install --quiet --upgrade pip
  "$DIR/venv/bin/pip" install --quiet pandas polars duckdb
fi
PY="$DIR/venv/bin/python"

echo "building chuxin (release) ..." >&2
(cd "$ROOT" && cargo build --quiet --release --locked -p chuxin-cli)
CHUXIN="$ROOT/target/release/chuxin"

cat > "$DIR/agg_pandas.py" <<'PY'
import sys, time
import pandas as pd
t = time.time()
cols = ["brand", "platform", "time", "likes", "comments", "shares", "saves", "clicks", "impressions", "reach", "views"]
df = pd.read_csv(sys.argv[1], usecols=cols, na_values=["-"], dtype={"brand": str, "platform": str, "time": str})
df["month"] = df["time"].str.slice(0, 7)
g = df.groupby(["brand", "platform", "month"]).agg(
    posts=("likes", "size"), likes=("likes", "sum"), comments=("comments", "sum"), shares=("shares", "sum"),
    saves=("saves", "sum"), clicks=("clicks", "sum"), impressions=("impressions", "sum"),
    reach=("reach", "sum"), views=("views", "sum"))
print(f"pandas: groups={len(g)} posts={int(g.posts.sum())} likes={int(g.likes.sum())} seconds={time.time()-t:.3f}", file=sys.stderr)
PY

cat > "$DIR/agg_polars.py" <<'PY'
import sys, time
import polars as pl
t = time.time()
lf = pl.scan_csv(sys.argv[1], null_values=["-", ""], infer_schema_length=10000,
                 schema_overrides={"views": pl.Float64, "shares": pl.Float64})
g = (lf.group_by(["brand", "platform", pl.col("time").str.slice(0, 7).alias("month")])
       .agg(pl.len().alias("posts"), pl.col("likes").sum(), pl.col("comments").sum(), pl.col("shares").sum(),
            pl.col("saves").sum(), pl.col("clicks").sum(), pl.col("impressions").sum(), pl.col("reach").sum(),
            pl.col("views").sum())
       .collect())
print(f"polars: groups={g.height} posts={g['posts'].sum()} likes={g['likes'].sum()} seconds={time.time()-t:.3f}", file=sys.stderr)
PY

cat > "$DIR/agg_duckdb.py" <<'PY'
import sys, time
import duckdb
t = time.time()
con = duckdb.connect()
con.execute(f"SET threads = {int(sys.argv[2])}")
rows = con.execute("""
  SELECT brand, platform, substr(time, 1, 7) AS month, count(*) AS posts, sum(likes) AS likes,
         sum(comments), sum(shares), sum(saves), sum(clicks), sum(impressions), sum(reach), sum(views)
  FROM read_csv(?, header = true, nullstr = ['-', ''],
                types = {'shares': 'DOUBLE', 'views': 'DOUBLE', 'time': 'VARCHAR'})
  GROUP BY ALL
""", [sys.argv[1]]).fetchall()
print(f"duckdb: groups={len(rows)} posts={sum(r[3] for r in rows)} likes={int(sum(r[4] for r in rows))} seconds={time.time()-t:.3f}", file=sys.stderr)
PY

export POLARS_MAX_THREADS="$THREADS" OMP_NUM_THREADS="$THREADS"
cat "$FILE" > /dev/null   # warm the page cache once for everyone

# Runs a tool REPEAT times and reports its fastest run (wall time, MB/s) and its largest peak RSS.
run() {
  local name="$1"; shift
  local best="" rss_max=0 summary=""
  for i in $(seq "$REPEAT"); do
    local log="$DIR/time_${name}_$i.txt"
    /usr/bin/time -v "$@" 2> "$log" > /dev/null || { echo "$name failed:"; cat "$log"; return 1; }
    local wall rss secs
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    secs=$(python3 -c "p='$wall'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $secs < $best else 1)"; then best=$secs; fi
    if [ "$rss" -gt "$rss_max" ]; then rss_max=$rss; fi
    summary=$(grep -E '^(chuxin|pandas|polars|duckdb):' "$log" | head -1)
  done
  printf '%-8s %8.2f s %9.0f MB/s %9.1f MB peak RSS   %s\n' "$name" "$best" \
    "$(python3 -c "print($BYTES/1e6/$best)")" "$(python3 -c "print($rss_max/1024)")" "$summary"
}

echo "file: $FILE ($(python3 -c "print(round($BYTES/1e9, 3))") GB, $ROWS rows), threads: $THREADS, $(nproc) cores, best of $REPEAT runs"
echo "tool       wall        throughput      peak memory    (tool's own summary)"
run chuxin "$CHUXIN" aggregate --threads "$THREADS" "$FILE"
run duckdb "$PY" "$DIR/agg_duckdb.py" "$FILE" "$THREADS"
run polars "$PY" "$DIR/agg_polars.py" "$FILE"
run pandas "$PY" "$DIR/agg_pandas.py" "$FILE"
