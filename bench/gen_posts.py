#!/usr/bin/env python3
"""Generate a synthetic post-level CSV export (deterministic), for chuxin's benchmarks.

usage: gen_posts.py SIZE OUT.csv [--seed S] [--brands N] [--skew Z] [--jobs J]
       gen_posts.py --list-brands N

SIZE is a row count (8700000) or a size in bytes with a unit (0.25GB, 500MB; 1 GB = 10^9 bytes): the file
then stops at the first row that reaches the size. The same arguments always give the same bytes, whatever
--jobs is (rows are made in fixed chunks of 100,000, each with its own seed).

Columns: brand,platform,post_id,time,type,promotional,followers,impressions,reach,views,likes,comments,
shares,saves,clicks,brand_replies,text. N brands (default 24: the historical list, Chinese and English names;
from the 25th on, generated names alternating Chinese and English, the same for every seed), every brand
posting on all 6 platforms with its own uneven platform mix, over two years (2023-01-01 .. 2024-12-31) with
followers growing over time. Rows are spread over brands by a Zipf-like law (brand k has weight 1/k^Z,
Z = --skew, default 0.8), so the first brands are the biggest. Post ids (`p<row number>`) are unique in the
file, hence per (brand, platform). About 4% of texts are quoted with commas, doubled quotes or a newline and
about 1% of `shares` cells are empty or "-". `OUT.csv.meta.json` records rows, bytes, brands and seed. The
data is synthetic.

--list-brands N prints the N brand names, biggest first, one a line (tab-separated: rank, name, weight share).
"""
import argparse
import bisect
import datetime
import json
import multiprocessing
import os
import random
import sys

LEGACY_BRANDS = [
    "蓮心茶飲", "茶語時光", "一點甜", "恒豐銀行", "安信銀行", "富邦達銀行", "明月美妝", "花漾", "素顏坊",
    "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Adventure Works", "Proseware",
    "Lucerne", "Margie's Travel", "Trey Research", "Coho Winery", "Alpine Ski", "Blue Yonder", "Humongous",
]
CN_A = ["金", "銀", "青", "紅", "白", "雲", "山", "海", "星", "月", "春", "秋", "禾", "悅", "瑞", "鮮"]
CN_B = ["泉", "田", "林", "匠", "坊", "記", "堂", "苑", "家", "谷", "橋", "島"]
CN_C = ["茶飲", "美妝", "超市", "烘焙", "服飾", "家居", "數碼", "母嬰", "咖啡", "零食", "藥房", "書店", "寵物", "鞋履"]
EN_A = ["North", "Silver", "Blue", "Red", "Golden", "Urban", "Happy", "Green", "Bright", "Swift", "Maple",
        "Coral", "Lunar", "Sunny", "Cedar", "Velvet"]
EN_B = ["Leaf", "Peak", "Harbor", "Fox", "Oak", "River", "Stone", "Bay", "Field", "Lane", "Bloom", "Wave"]
EN_C = ["Foods", "Beauty", "Mart", "Home", "Wear", "Tech", "Kids", "Coffee", "Pharmacy", "Books", "Pets", "Shoes",
        "Bakery", "Outdoors"]
PLATFORMS = ["weibo", "wechat", "douyin", "xiaohongshu", "instagram", "facebook"]
VIDEO_PLATFORMS = {"douyin", "wechat"}
TYPES = ["photo", "video", "link", "status", "article"]
TEXTS = [
    "新品上市，快來試試", "Weekend offer: 20% off", "今日推薦", "Behind the scenes", "客戶故事分享",
    "Live Q&A at 8pm", "春季限定", "Thank you for 10k followers", "門店活動", "How we brew our tea",
]
SPECIAL = [
    '"Limited, while stocks last"', '"He said ""wow"", we agree"', '"第一行\n第二行"', '"a, b, and c"',
]
HEADER = ("brand,platform,post_id,time,type,promotional,followers,impressions,reach,views,"
          "likes,comments,shares,saves,clicks,brand_replies,text\n")
CHUNK = 100_000
FIRST_DAY = datetime.date(2023, 1, 1)
DAYS = [(FIRST_DAY + datetime.timedelta(days=d)).isoformat() for d in range(731)]
MINUTES = ["%02d:%02d:00" % (h, m) for h in range(24) for m in range(60)]


def brand_names(n):
    """The first n brand names: the historical 24, then generated ones (Chinese, English, Chinese, …)."""
    names = list(LEGACY_BRANDS[:n])
    seen = set(names)
    k = 0
    while len(names) < n:
        # Mixed-radix walk with coprime strides so that neighbours differ in every part.
        if k % 2 == 0:
            j = k // 2
            name = CN_A[(j * 7) % len(CN_A)] + CN_B[(j * 5) % len(CN_B)] + CN_C[(j // 3) % len(CN_C)]
        else:
            j = k // 2
            name = f"{EN_A[(j * 7) % len(EN_A)]} {EN_B[(j * 5) % len(EN_B)]} {EN_C[(j // 3) % len(EN_C)]}"
        if name in seen:
            name = f"{name} {len(names) + 1}"
        seen.add(name)
        names.append(name)
        k += 1
    return names


def brand_weights(n, skew):
    return [1.0 / (k + 1) ** skew for k in range(n)]


def setup(brands, skew, seed):
    """Per (brand, platform): followers at the start, growth over two years; cumulative weights."""
    rnd = random.Random(f"{seed}:setup")
    names = brand_names(brands)
    weights = brand_weights(brands, skew)
    keys, cum, total = [], [], 0.0
    for name, w in zip(names, weights):
        mix = [rnd.uniform(0.2, 1.0) for _ in PLATFORMS]
        s = sum(mix)
        for platform, m in zip(PLATFORMS, mix):
            base = rnd.randint(2_000, 2_000_000)
            growth = rnd.uniform(0.0, 0.6)
            keys.append((name + "," + platform + ",p", base, growth, platform in VIDEO_PLATFORMS))
            total += w * m / s
            cum.append(total)
    return keys, cum


_STATE = {}


def _init(brands, skew, seed):
    _STATE["keys"], _STATE["cum"] = setup(brands, skew, seed)
    _STATE["seed"] = seed


def make_chunk(k):
    """Rows k*CHUNK .. (k+1)*CHUNK-1, as one string; depends only on (seed, brands, skew, k)."""
    keys, cum, seed = _STATE["keys"], _STATE["cum"], _STATE["seed"]
    rnd = random.Random(f"{seed}:{k}")
    rr = rnd.random
    total = cum[-1]
    nkeys = len(keys) - 1
    out = []
    append = out.append
    start = k * CHUNK
    for i in range(start, start + CHUNK):
        idx = bisect.bisect_left(cum, rr() * total)
        prefix, base, growth, video = keys[idx if idx <= nkeys else nkeys]
        d = int(rr() * 731)
        fol = int(base * (1.0 + growth * d / 730))
        impressions = 100 + int(rr() * (fol // 2 + 100))
        reach = impressions * (40 + int(rr() * 56)) // 100
        views = int(rr() * impressions) if video else ""
        promo = rr() < 0.3
        likes = int(rr() * (reach // 20 + 2))
        comments = int(rr() * (likes // 5 + 2))
        shares = int(rr() * (likes // 8 + 2))
        saves = int(rr() * (likes // 6 + 2))
        clicks = int(rr() * (reach // (20 if promo else 30) + 2))
        replies = int(rr() * (comments + 1))
        x = rr()
        if x < 0.01:
            shares = "" if x < 0.005 else "-"
        x = rr()
        text = SPECIAL[int(x * 100) % 4] if x < 0.04 else TEXTS[int(x * 1000) % 10]
        append("%s%d,%s %s,%s,%d,%d,%d,%d,%s,%d,%d,%s,%d,%d,%d,%s\n" % (
            prefix, i, DAYS[d], MINUTES[int(rr() * 1440)], TYPES[int(rr() * 5)], promo, fol, impressions,
            reach, views, likes, comments, shares, saves, clicks, replies, text))
    return "".join(out)


def parse_size(s):
    u = s.strip().upper().replace(" ", "")
    for unit, mult in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if u.endswith(unit):
            return None, int(float(u[: -len(unit)]) * mult)
    return int(s.replace("_", "").replace(",", "")), None


def main():
    ap = argparse.ArgumentParser(usage=__doc__.split("\n\n")[1].removeprefix("usage: "))
    ap.add_argument("size", nargs="?")
    ap.add_argument("out", nargs="?")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--brands", type=int, default=24)
    ap.add_argument("--skew", type=float, default=0.8)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--list-brands", type=int, metavar="N")
    a = ap.parse_args()
    if a.list_brands:
        names = brand_names(a.list_brands)
        w = brand_weights(a.list_brands, a.skew)
        for k, (name, x) in enumerate(zip(names, w)):
            print(f"{k + 1}\t{name}\t{x / sum(w):.5f}")
        return
    if not a.size or not a.out:
        sys.exit(__doc__)
    if a.brands < 1:
        sys.exit("--brands must be at least 1")
    rows, target = parse_size(a.size)
    written_rows, written = 0, 0
    # Enough chunks for the row count, or for the byte size at 60 bytes a row (rows are longer than that).
    chunks = range((rows if rows is not None else target // 60 + 1) // CHUNK + 1)

    with open(a.out, "wb") as f:
        head = HEADER.encode()
        f.write(head)
        written = len(head)
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(max(1, a.jobs), initializer=_init, initargs=(a.brands, a.skew, a.seed)) as pool:
            for k, text in enumerate(pool.imap(make_chunk, chunks, chunksize=1)):
                data = text.encode()
                n = CHUNK
                if rows is not None and (k + 1) * CHUNK > rows:
                    n = rows - k * CHUNK
                    data = cut_rows(data, n)
                if target is not None and written + len(data) >= target:
                    data, n = cut_bytes(data, target - written)
                f.write(data)
                written += len(data)
                written_rows += n
                if (target is not None and written >= target) or (rows is not None and written_rows >= rows):
                    pool.terminate()
                    break
    meta = {"rows": written_rows, "bytes": written, "brands": a.brands, "skew": a.skew, "seed": a.seed,
            "platforms": len(PLATFORMS), "generator": "gen_posts.py v2"}
    with open(a.out + ".meta.json", "w") as m:
        json.dump(meta, m)
        m.write("\n")
    print(f"gen_posts: {written_rows} rows, {written} bytes, {a.brands} brands -> {a.out}", file=sys.stderr)


def row_ends(data):
    """Offsets just past each row's final newline (newlines inside quotes do not end a row)."""
    ends, quoted = [], False
    pos = 0
    while True:
        nl = data.find(b"\n", pos)
        if nl < 0:
            return ends
        # Only SPECIAL texts contain quotes, and each is balanced within its row except the one with a newline.
        quoted ^= data.count(b'"', pos, nl) % 2 == 1
        if not quoted:
            ends.append(nl + 1)
        pos = nl + 1


def cut_rows(data, n):
    return data[: row_ends(data)[n - 1]] if n > 0 else b""


def cut_bytes(data, need):
    """The shortest prefix of whole rows with at least `need` bytes, and its row count."""
    for i, end in enumerate(row_ends(data)):
        if end >= need:
            return data[:end], i + 1
    return data, CHUNK


if __name__ == "__main__":
    main()
