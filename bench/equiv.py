#!/usr/bin/env python3
"""The work DuckDB and polars do beside `chuxin bench` / `chuxin aggregate`, and the checks of every tool's output.

usage:
  equiv.py duckdb FILE THREADS BRAND…       `chuxin bench`'s equivalent in DuckDB (see QUERY below)
  equiv.py polars FILE BRAND…               the same in polars (threads: POLARS_MAX_THREADS)
  equiv.py chuxin-bench RECORD.json         groups, posts and Σ likes of the compared brands in `bench --format json`
  equiv.py chuxin-aggregate OUT.csv         groups, posts and Σ likes in `aggregate`'s CSV
  equiv.py duckdb-agg FILE THREADS          `chuxin aggregate`'s equivalent in DuckDB (every brand, duplicate post ids dropped)
  equiv.py polars-agg FILE                  the same in polars
  equiv.py pandas-agg FILE                  the same in pandas
  equiv.py duckdb-conv FILE THREADS BRAND…  `chuxin bench --conversations`' response figures in DuckDB (see below)
  equiv.py chuxin-conv RECORD.json          the same figures read from `bench --format json`

Each prints one line on stderr, `TOOL: groups=N posts=N likes=N seconds=S`, which the scripts compare
(the conversation ones: `TOOL: inbound=N answered=N median_minutes=X`, X the sum over brands of each brand's
median first-response minutes, to two decimals).

The equivalent of `chuxin bench --conversations` on a conversation export (bench/gen_conversations.py): keep
the compared brands' messages; each customer message (`from_brand` = no) is answered by the earliest reply of
its brand (`from_brand` = yes, `reply_to` = its id) dated at or after it; per brand: inbound messages,
answered ones, and the median minutes to the first reply.

The equivalent of `chuxin bench` (what every tool does on the same file): read the whole CSV (quoted fields
with commas, doubled quotes and new lines; `-` and empty cells are missing), keep the compared brands (the
client and its competitors), drop duplicate (brand, platform, post_id), and group by brand × platform × month
with: the post count; sums of likes, comments, shares, saves, clicks, impressions, reach, views; the mean of
(likes + comments + shares) ÷ followers × 100 over posts with followers > 0 (a missing action counts as
nothing); the first and last post time; the followers at the first and at the last post. chuxin does more
(every metric of its registry, comparisons, the retail plugin's `promo_lift`, the stored record), never less.
"""
import sys
import time


def summary(tool, groups, posts, likes, started):
    print(f"{tool}: groups={groups} posts={posts} likes={int(round(likes))} seconds={time.time() - started:.3f}",
          file=sys.stderr)


# --- chuxin's outputs: adapt these two functions when the output formats change ---------------------------


def chuxin_bench_summary(record):
    """(groups, posts, Σ likes) of brand × platform × month groups of the compared brands in a bench record.

    Today's record (`chuxin bench --format json`) has `client`, `competitors` and `groups`: one object per
    brand × platform (null: all platforms) × period (null: whole window) with `posts` and `values` (metric id →
    value); months without posts are listed with `posts: 0` and are not counted. Σ likes comes from
    `applause_per_post` (likes ÷ posts with likes known) × posts, exact when likes are never missing, as in
    gen_posts.py's files.
    """
    brands = {record["client"], *record["competitors"]}
    groups = [g for g in record["groups"]
              if g["brand"] in brands and g.get("platform") is not None and g.get("period") is not None
              and g["posts"] > 0]
    posts = sum(g["posts"] for g in groups)
    likes = sum(round(g["values"].get("applause_per_post", 0.0) * g["posts"]) for g in groups)
    return len(groups), posts, likes


def chuxin_aggregate_summary(path):
    """(groups, posts, Σ likes) from `chuxin aggregate`'s CSV output (columns found by name)."""
    import csv
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return len(rows), sum(int(float(r["posts"])) for r in rows), sum(float(r["likes"] or 0) for r in rows)


# --- the equivalent of `chuxin bench` ----------------------------------------------------------------------


def duckdb_bench(path, threads, brands):
    import duckdb
    t = time.time()
    con = duckdb.connect()
    con.execute(f"SET threads = {int(threads)}")
    marks = ", ".join("?" for _ in brands)
    rows = con.execute(f"""
      WITH p AS (
        SELECT brand, platform, post_id, time, followers, likes, comments, shares, saves, clicks, impressions,
               reach, views
        FROM read_csv(?, header = true, nullstr = ['-', ''],
                      types = {{'shares': 'DOUBLE', 'views': 'DOUBLE', 'time': 'TIMESTAMP', 'post_id': 'VARCHAR'}})
        WHERE brand IN ({marks})
      ), d AS (
        SELECT DISTINCT ON (brand, platform, post_id) * FROM p
      )
      SELECT brand, platform, date_trunc('month', time) AS month, count(*) AS posts, sum(likes) AS likes,
             sum(comments), sum(shares), sum(saves), sum(clicks), sum(impressions), sum(reach), sum(views),
             avg((coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0)) * 100.0 / followers)
               FILTER (WHERE followers > 0) AS er_followers,
             min(time), max(time), arg_min(followers, time), arg_max(followers, time)
      FROM d
      GROUP BY ALL
    """, [path, *brands]).fetchall()
    summary("duckdb", len(rows), sum(r[3] for r in rows), sum(r[4] or 0 for r in rows), t)


def polars_bench(path, brands):
    import polars as pl
    t = time.time()
    c = pl.col
    g = (pl.scan_csv(path, null_values=["-", ""], infer_schema_length=10000, try_parse_dates=True,
                     schema_overrides={"views": pl.Float64, "shares": pl.Float64, "post_id": pl.String})
         .filter(c("brand").is_in(brands))
         .unique(subset=["brand", "platform", "post_id"], keep="any")
         .group_by("brand", "platform", c("time").dt.truncate("1mo").alias("month"))
         .agg(pl.len().alias("posts"), c("likes").sum(), c("comments").sum(), c("shares").sum(), c("saves").sum(),
              c("clicks").sum(), c("impressions").sum(), c("reach").sum(), c("views").sum(),
              ((c("likes").fill_null(0) + c("comments").fill_null(0) + c("shares").fill_null(0)) * 100.0
               / c("followers")).filter(c("followers") > 0).mean().alias("er_followers"),
              c("time").min().alias("first"), c("time").max().alias("last"),
              c("followers").sort_by("time").first().alias("followers_first"),
              c("followers").sort_by("time").last().alias("followers_last"))
         .collect())
    summary("polars", g.height, int(g["posts"].sum()), g["likes"].sum(), t)


# --- the equivalent of `chuxin aggregate` (every brand, duplicate post ids removed as chuxin does) -----------


def duckdb_agg(path, threads):
    import duckdb
    t = time.time()
    con = duckdb.connect()
    con.execute(f"SET threads = {int(threads)}")
    rows = con.execute("""
      WITH p AS (
        SELECT brand, platform, post_id, time, likes, comments, shares, saves, clicks, impressions, reach, views
        FROM read_csv(?, header = true, nullstr = ['-', ''],
                      types = {'shares': 'DOUBLE', 'views': 'DOUBLE', 'time': 'VARCHAR', 'post_id': 'VARCHAR'})
      ), d AS (
        SELECT DISTINCT ON (brand, platform, post_id) * FROM p
      )
      SELECT brand, platform, substr(time, 1, 7) AS month, count(*) AS posts, sum(likes) AS likes,
             sum(comments), sum(shares), sum(saves), sum(clicks), sum(impressions), sum(reach), sum(views)
      FROM d
      GROUP BY ALL
    """, [path]).fetchall()
    summary("duckdb", len(rows), sum(r[3] for r in rows), sum(r[4] or 0 for r in rows), t)


def polars_agg(path):
    import polars as pl
    t = time.time()
    c = pl.col
    g = (pl.scan_csv(path, null_values=["-", ""], infer_schema_length=10000,
                     schema_overrides={"views": pl.Float64, "shares": pl.Float64, "post_id": pl.String})
         .unique(subset=["brand", "platform", "post_id"], keep="any")
         .group_by("brand", "platform", c("time").str.slice(0, 7).alias("month"))
         .agg(pl.len().alias("posts"), c("likes").sum(), c("comments").sum(), c("shares").sum(), c("saves").sum(),
              c("clicks").sum(), c("impressions").sum(), c("reach").sum(), c("views").sum())
         .collect())
    summary("polars", g.height, int(g["posts"].sum()), g["likes"].sum(), t)


def pandas_agg(path):
    import pandas as pd
    t = time.time()
    cols = ["brand", "platform", "post_id", "time", "likes", "comments", "shares", "saves", "clicks", "impressions",
            "reach", "views"]
    df = pd.read_csv(path, usecols=cols, na_values=["-"],
                     dtype={"brand": str, "platform": str, "post_id": str, "time": str})
    df = df.drop_duplicates(subset=["brand", "platform", "post_id"])
    df["month"] = df["time"].str.slice(0, 7)
    g = df.groupby(["brand", "platform", "month"]).agg(
        posts=("likes", "size"), likes=("likes", "sum"), comments=("comments", "sum"), shares=("shares", "sum"),
        saves=("saves", "sum"), clicks=("clicks", "sum"), impressions=("impressions", "sum"),
        reach=("reach", "sum"), views=("views", "sum"))
    summary("pandas", len(g), int(g.posts.sum()), g.likes.sum(), t)


# --- the equivalent of `chuxin bench --conversations` --------------------------------------------------------


def duckdb_conv(path, threads, brands):
    import duckdb
    t = time.time()
    con = duckdb.connect()
    con.execute(f"SET threads = {int(threads)}")
    marks = ", ".join("?" for _ in brands)
    rows = con.execute(f"""
      WITH m AS (
        SELECT message_id, brand, from_brand, reply_to, time
        FROM read_csv(?, header = true, types = {{'time': 'TIMESTAMP', 'reply_to': 'VARCHAR',
                                                 'message_id': 'VARCHAR'}})
        WHERE brand IN ({marks})
      ), inb AS (
        SELECT message_id, brand, time FROM m WHERE from_brand = 'no'
      ), rep AS (
        SELECT reply_to, brand, time FROM m WHERE from_brand = 'yes' AND reply_to IS NOT NULL
      ), first AS (
        SELECT i.message_id, i.brand, i.time, min(r.time) AS answer
        FROM inb i LEFT JOIN rep r ON r.reply_to = i.message_id AND r.brand = i.brand AND r.time >= i.time
        GROUP BY ALL
      )
      SELECT brand, count(*), count(answer), median(epoch(answer - time) / 60.0)
      FROM first GROUP BY brand
    """, [path, *brands]).fetchall()
    conv_summary("duckdb", rows, t)


def conv_summary(tool, rows, started=None):
    inbound = sum(r[1] for r in rows)
    answered = sum(r[2] for r in rows)
    median = sum(r[3] or 0 for r in rows)
    took = f" seconds={time.time() - started:.3f}" if started else ""
    print(f"{tool}: inbound={inbound} answered={answered} median_minutes={median:.2f}{took}", file=sys.stderr)


def chuxin_conv_summary(record):
    """(brand, inbound, answered, median minutes) of each compared brand in a `bench --format json` record."""
    metrics = {m["metric"]: {b["brand"]: b["value"] for b in m["brands"]} for m in record["overall"]["metrics"]}
    rows = []
    for brand, inbound in metrics.get("inbound_messages", {}).items():
        if inbound is None:
            continue
        rate = metrics["response_rate"].get(brand) or 0.0
        rows.append((brand, int(inbound), int(round(rate * inbound / 100)),
                     metrics["median_response_minutes"].get(brand)))
    return rows


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "duckdb":
        duckdb_bench(args[0], args[1], args[2:])
    elif cmd == "polars":
        polars_bench(args[0], args[1:])
    elif cmd == "chuxin-bench":
        import json
        with open(args[0], encoding="utf-8") as f:
            g, p, likes = chuxin_bench_summary(json.load(f))
        print(f"chuxin: groups={g} posts={p} likes={int(round(likes))}", file=sys.stderr)
    elif cmd == "chuxin-aggregate":
        g, p, likes = chuxin_aggregate_summary(args[0])
        print(f"chuxin: groups={g} posts={p} likes={int(round(likes))}", file=sys.stderr)
    elif cmd == "duckdb-agg":
        duckdb_agg(args[0], args[1])
    elif cmd == "polars-agg":
        polars_agg(args[0])
    elif cmd == "pandas-agg":
        pandas_agg(args[0])
    elif cmd == "duckdb-conv":
        duckdb_conv(args[0], args[1], args[2:])
    elif cmd == "chuxin-conv":
        import json
        with open(args[0], encoding="utf-8") as f:
            conv_summary("chuxin", chuxin_conv_summary(json.load(f)))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
