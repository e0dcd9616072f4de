#!/usr/bin/env python3
"""Generate a synthetic post-level CSV export of N rows (deterministic), for chuxin's benchmark.

usage: gen_posts.py ROWS OUT.csv [--seed S]

Columns: brand,platform,post_id,time,type,promotional,followers,impressions,reach,views,likes,
comments,shares,saves,clicks,brand_replies,text. 24 brands (some with Chinese names), 6 platforms,
two years of times; about 4% of texts are quoted with commas, doubled quotes or a newline, and about
1% of metric cells are empty or "-". The data is synthetic.
"""
import random
import sys

BRANDS = [
    "蓮心茶飲", "茶語時光", "一點甜", "恒豐銀行", "安信銀行", "富邦達銀行", "明月美妝", "花漾", "素顏坊",
    "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Adventure Works", "Proseware",
    "Lucerne", "Margie's Travel", "Trey Research", "Coho Winery", "Alpine Ski", "Blue Yonder", "Humongous",
]
PLATFORMS = ["weibo", "wechat", "douyin", "xiaohongshu", "instagram", "facebook"]
TYPES = ["photo", "video", "link", "status", "article"]
TEXTS = [
    "新品上市，快來試試", "Weekend offer: 20% off", "今日推薦", "Behind the scenes", "客戶故事分享",
    "Live Q&A at 8pm", "春季限定", "Thank you for 10k followers", "門店活動", "How we brew our tea",
]
SPECIAL = [
    '"Limited, while stocks last"', '"He said ""wow"", we agree"', '"第一行\n第二行"', '"a, b, and c"',
]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rows = int(sys.argv[1])
    out = sys.argv[2]
    seed = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--seed" else 7
    rnd = random.Random(seed)
    followers = {(b, p): rnd.randint(2_000, 2_000_000) for b in BRANDS for p in PLATFORMS}
    keys = list(followers)
    rint = rnd.randint
    rr = rnd.random
    choice = rnd.choice
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("brand,platform,post_id,time,type,promotional,followers,impressions,reach,views,"
                "likes,comments,shares,saves,clicks,brand_replies,text\n")
        batch = []
        for i in range(rows):
            brand, platform = keys[rint(0, len(keys) - 1)]
            fol = followers[(brand, platform)]
            impressions = rint(100, fol // 2 + 200)
            reach = impressions * rint(40, 95) // 100
            views = rint(0, impressions) if platform in ("douyin", "wechat") else ""
            likes = rint(0, reach // 20 + 1)
            comments = rint(0, likes // 5 + 1)
            shares = rint(0, likes // 8 + 1)
            saves = rint(0, likes // 6 + 1)
            clicks = rint(0, reach // 30 + 1)
            replies = rint(0, comments)
            if rr() < 0.01:
                shares = choice(["", "-"])
            text = choice(SPECIAL) if rr() < 0.04 else choice(TEXTS)
            time = "%04d-%02d-%02d %02d:%02d:00" % (
                rint(2023, 2024), rint(1, 12), rint(1, 28), rint(0, 23), rint(0, 59))
            batch.append("%s,%s,p%d,%s,%s,%d,%d,%d,%d,%s,%d,%d,%s,%d,%d,%d,%s\n" % (
                brand, platform, i, time, choice(TYPES), rr() < 0.3, fol, impressions, reach, views,
                likes, comments, shares, saves, clicks, replies, text))
            if len(batch) >= 50_000:
                f.write("".join(batch))
                batch.clear()
        f.write("".join(batch))


if __name__ == "__main__":
    main()
