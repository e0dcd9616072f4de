#!/usr/bin/env bash
# Benchmark: an agency portfolio of 50 clients, each with two audits (history), gets every client's report and
# the comparison of all clients. Prints the wall time and the peak RSS (from /usr/bin/time -v) of the whole run,
# for HTML reports, then for all four report formats. Goal: HTML reports + comparison under 2 s.
#
# usage: bench/portfolio.sh [CLIENTS]     (default 50)
# env:   BENCH_DIR (default /tmp/chuxin-portfolio): where the workspace goes (recreated on each run)
#        CHUXIN (default: target/release/chuxin, built with `cargo build --release -p chuxin-cli` if missing)
#
# The workspace is generated deterministically from the core pack (`chuxin packs show core --format json`):
# answers vary per client and audit, about one question in eight is left open, so coverage and sins vary too.
# Each client also gets a synthetic post-level export (the client and two competitors, 13 weeks, 3 platforms),
# benchmarked with `chuxin bench` before the timing starts, so every report carries its benchmark section,
# reference rows, plugin comparison and charts, as a real portfolio would.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-50}"
DIR="${BENCH_DIR:-/tmp/chuxin-portfolio}"
BIN="${CHUXIN:-$ROOT/target/release/chuxin}"

if [ ! -x /usr/bin/time ]; then
  echo "error: /usr/bin/time is missing (apt-get install -y time)" >&2
  exit 1
fi
if [ ! -x "$BIN" ]; then
  (cd "$ROOT" && cargo build --release --locked -p chuxin-cli)
fi

rm -rf "$DIR"
"$BIN" init "$DIR" --name "Benchmark agency" >/dev/null
"$BIN" packs show core --format json >"$DIR/core.json"
python3 - "$DIR" "$N" <<'PY'
import json, os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
pack = json.load(open(os.path.join(root, "core.json")))
questions = [q for s in pack["sections"] for q in s["questions"]]
industries = ["food", "retail", "finance", "beauty", "none"]

def toml_str(s):
    return json.dumps(s, ensure_ascii=False)

def value(q, rng):
    k = q["kind"]
    if k == "scale":
        return str(rng.randint(1, len(q["levels"])))
    if k == "yes_no":
        return rng.choice(["true", "false"])
    if k == "single":
        return toml_str(rng.choice(q["options"])["id"])
    if k == "multi":
        ids = [o["id"] for o in rng.sample(q["options"], rng.randint(1, min(3, len(q["options"]))))]
        return "[" + ", ".join(toml_str(i) for i in ids) + "]"
    if k == "number":
        lo = q.get("min_value") if q.get("min_value") is not None else 0
        hi = q.get("max_value") if q.get("max_value") is not None else 36
        return str(rng.randint(int(lo), int(min(hi, lo + 36))))
    if k == "list":
        return "[" + ", ".join(toml_str(c) for c in rng.sample(["weibo", "wechat", "douyin", "xiaohongshu", "bilibili"], 2)) + "]"
    return toml_str("notes from the workshop")

for i in range(n):
    cid = f"client-{i:03d}"
    d = os.path.join(root, "clients", cid, "audits")
    os.makedirs(d)
    with open(os.path.join(root, "clients", cid, "client.toml"), "w") as f:
        f.write(f'id = "{cid}"\nname = "客戶 {i:03d} 茶飲"\nindustry = "{industries[i % len(industries)]}"\n'
                f'channels = ["weibo", "wechat"]\ncompetitors = ["對手 A", "對手 B"]\n')
    for date in ["2026-05-01", "2026-11-01"]:
        rng = random.Random(f"{cid}/{date}")
        lines = [f'date = "{date}"', "[answers]"]
        for q in questions:
            if rng.random() < 0.125:
                continue
            note = ', note = "客戶補充說明"' if rng.random() < 0.2 else ""
            lines.append(f'"{q["id"]}" = {{ value = {value(q, rng)}{note} }}')
        with open(os.path.join(d, f"{date}.toml"), "w") as f:
            f.write("\n".join(lines) + "\n")
    rng = random.Random(f"{cid}/exports")
    os.makedirs(os.path.join(root, "exports"), exist_ok=True)
    with open(os.path.join(root, "exports", f"{cid}.csv"), "w") as f:
        f.write("brand,platform,post id,time,type,promotional,followers,impressions,likes,comments,shares,brand replies\n")
        for b, brand in enumerate([f"客戶 {i:03d} 茶飲", "對手 A", "對手 B"]):
            followers = rng.randint(20_000, 400_000)
            for day in range(0, 91, rng.choice([1, 2, 3])):
                platform = rng.choice(["weibo", "wechat", "douyin"])
                imp = rng.randint(2_000, 60_000)
                likes = int(imp * rng.uniform(0.01, 0.06))
                comments = int(likes * rng.uniform(0.05, 0.3))
                f.write(f"{brand},{platform},{cid}-{b}-{day},2026-{1 + day // 31:02d}-{1 + day % 28:02d} 10:00,"
                        f"photo,{rng.choice(['yes', 'no'])},{followers + day * 50},{imp},{likes},{comments},"
                        f"{int(likes * rng.uniform(0.02, 0.2))},{int(comments * rng.uniform(0, 0.8))}\n")
PY
CLIENTS=$(cd "$DIR/clients" && ls)
for c in $CLIENTS; do
  (cd "$DIR" && "$BIN" bench "$c" --posts "exports/$c.csv" >/dev/null 2>&1)
done
echo "workspace: $DIR ($N clients, 2 audits each, one benchmark each)"

run() {
  local label="$1" formats="$2"
  local log="$DIR/time-$label.txt"
  /usr/bin/time -v bash -c '
    set -e
    cd "$1"; bin="$2"; formats="$3"; shift 3
    for c in "$@"; do
      for f in $formats; do "$bin" report "$c" --format "$f" -o "out" >/dev/null; done
    done
    "$bin" compare --all --format html -o out/portfolio.html 2>/dev/null
    "$bin" compare --all --format xlsx -o out/portfolio.xlsx 2>/dev/null
  ' _ "$DIR" "$BIN" "$formats" $CLIENTS 2>"$log"
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  printf '%-22s wall %s   peak RSS %s KiB   files %s\n' "$label" "$wall" "$rss" "$(find "$DIR/out" -type f | wc -l)"
}

rm -rf "$DIR/out"
run "html+compare" "html"
rm -rf "$DIR/out"
run "all-formats+compare" "html md json xlsx"
