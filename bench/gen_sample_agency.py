#!/usr/bin/env python3
"""Write the SYNTHETIC sample exports of chuxin's demo agency into data/sample-agency/clients/<id>/exports/.

usage: bench/gen_sample_agency.py [AGENCY_DIR]     (deterministic: the same files every run)

Three fictional clients, each with two fictional competitors, 13 weeks (2024-01-01 to 2024-03-31).
The figures are invented to support the intended diagnoses:
  lotus-tea       replies to few comments (brand reply ratio < 0.2)
  hengfeng-bank   posts rarely (well under one post a week; competitors post several a week)
  mingyue-beauty  posts mostly on Weibo (channel HHI > 0.6) and mostly promotions (> 50 %), which
                  engage less than its organic posts
lotus-tea also has a comment export: it answers about a third of its customers' comments, after about
nine hours; its competitors answer most, within a few hours.
The files use the shapes real exports come in: Traditional and Simplified Chinese headers, English
headers, UTF-8 with and without BOM, GBK, UTF-16LE tab-separated, `;` delimiters, thousands
separators, Chinese magnitudes (1.2万), empty cells and "-".
"""
import csv
import io
import math
import os
import random
import sys
from datetime import datetime, timedelta

START = datetime(2024, 1, 1)
DAYS = 91  # 13 weeks

# brand: platforms {platform: (share of posts, followers at start, weekly growth)}, posts a week,
#        promotional share, base ER by followers (%), promo ER factor, brand reply rate
BRANDS = {
    "蓮心茶飲": dict(platforms={"weibo": (0.40, 86_000, 0.004), "wechat": (0.25, 41_000, 0.003),
                                "xiaohongshu": (0.20, 23_000, 0.010), "douyin": (0.15, 58_000, 0.008)},
                     per_week=4.0, promo=0.30, er=0.55, promo_factor=0.9, reply=0.08),
    "茶語時光": dict(platforms={"weibo": (0.35, 120_000, 0.006), "wechat": (0.20, 64_000, 0.004),
                                "xiaohongshu": (0.30, 51_000, 0.012), "douyin": (0.15, 90_000, 0.010)},
                     per_week=5.5, promo=0.25, er=0.75, promo_factor=0.95, reply=0.52),
    "一點甜": dict(platforms={"weibo": (0.30, 45_000, 0.005), "xiaohongshu": (0.40, 38_000, 0.015),
                              "douyin": (0.30, 70_000, 0.012)},
                   per_week=3.5, promo=0.35, er=0.95, promo_factor=0.85, reply=0.41),
    "恒豐銀行": dict(platforms={"wechat": (0.60, 210_000, 0.001), "weibo": (0.40, 150_000, 0.000)},
                     per_week=0.55, promo=0.40, er=0.08, promo_factor=0.8, reply=0.20),
    "安信銀行": dict(platforms={"wechat": (0.45, 180_000, 0.003), "weibo": (0.35, 130_000, 0.002),
                                "linkedin": (0.20, 25_000, 0.006)},
                     per_week=4.5, promo=0.30, er=0.12, promo_factor=0.85, reply=0.35),
    "富邦達銀行": dict(platforms={"wechat": (0.50, 260_000, 0.002), "weibo": (0.30, 170_000, 0.002),
                                  "douyin": (0.20, 40_000, 0.015)},
                       per_week=3.8, promo=0.35, er=0.10, promo_factor=0.9, reply=0.30),
    "明月美妝": dict(platforms={"weibo": (0.85, 310_000, 0.002), "xiaohongshu": (0.10, 42_000, 0.004),
                                "douyin": (0.05, 35_000, 0.004)},
                     per_week=8.0, promo=0.65, er=0.45, promo_factor=0.55, reply=0.25),
    "花漾": dict(platforms={"weibo": (0.35, 150_000, 0.004), "xiaohongshu": (0.35, 120_000, 0.012),
                            "douyin": (0.30, 210_000, 0.015)},
                 per_week=6.0, promo=0.30, er=0.85, promo_factor=0.9, reply=0.45),
    "素顏坊": dict(platforms={"weibo": (0.30, 60_000, 0.003), "xiaohongshu": (0.40, 75_000, 0.010),
                              "douyin": (0.30, 52_000, 0.011)},
                   per_week=4.5, promo=0.25, er=0.70, promo_factor=0.95, reply=0.38),
}

TYPES = {"weibo": ["圖文", "視頻", "轉發"], "wechat": ["文章"], "xiaohongshu": ["筆記", "視頻"],
         "douyin": ["短視頻"], "linkedin": ["post", "article"]}
PLATFORM_ZH = {"weibo": "微博", "wechat": "微信公眾號", "xiaohongshu": "小紅書", "douyin": "抖音", "linkedin": "LinkedIn"}
TEXTS = ["新品上市，快來試試", "春季限定，第二杯半價", "門店活動：週末買一送一", "客戶故事分享", "今日推薦",
         "幕後花絮：我們怎麼做", "理財小知識：如何規劃每月預算", "新年快樂！", "直播預告，今晚八點見",
         "粉絲問答 Q&A", "保養小貼士：換季怎麼護膚"]


def posts_for(rnd, brand, cfg):
    out = []
    n = max(1, round(cfg["per_week"] * DAYS / 7 * rnd.uniform(0.95, 1.05)))
    platforms = list(cfg["platforms"])
    weights = [cfg["platforms"][p][0] for p in platforms]
    for i in range(n):
        day = rnd.uniform(0, DAYS - 0.01)
        when = START + timedelta(days=day)
        when = when.replace(second=0, microsecond=0)
        platform = rnd.choices(platforms, weights)[0]
        share, followers0, growth = cfg["platforms"][platform]
        followers = round(followers0 * (1 + growth) ** (day / 7))
        promo = rnd.random() < cfg["promo"]
        er = cfg["er"] * math.exp(rnd.gauss(0, 0.35)) * (cfg["promo_factor"] if promo else 1.0)
        interactions = max(1, round(followers * er / 100))
        likes = round(interactions * rnd.uniform(0.62, 0.75))
        comments = round(interactions * rnd.uniform(0.10, 0.18))
        shares = max(0, interactions - likes - comments)
        saves = round(likes * rnd.uniform(0.05, 0.25))
        impressions = round(followers * rnd.uniform(0.08, 0.35))
        reach = round(impressions * rnd.uniform(0.55, 0.8))
        replies = sum(1 for _ in range(comments) if rnd.random() < cfg["reply"])
        out.append(dict(brand=brand, platform=platform, id=f"{platform[:2]}{rnd.randrange(10**10):010d}",
                        time=when, type=rnd.choice(TYPES[platform]), promo=promo, followers=followers,
                        impressions=impressions, reach=reach, likes=likes, comments=comments, shares=shares,
                        saves=saves, replies=replies, text=rnd.choice(TEXTS)))
    out.sort(key=lambda p: p["time"])
    return out


def wan(n):
    """1.2万 style for large numbers, as Chinese dashboards print them."""
    return f"{n / 10_000:.1f}万" if n >= 100_000 else str(n)


def write(path, text, encoding):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text.encode(encoding))


def table(rows, delimiter=","):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def accounts(rnd, brands, all_posts):
    rows = []
    for brand in brands:
        cfg = BRANDS[brand]
        for platform, (share, followers0, growth) in cfg["platforms"].items():
            for week in range(13):
                day = START + timedelta(days=7 * week + 6)
                followers = round(followers0 * (1 + growth) ** (week + 1))
                posts = sum(1 for p in all_posts if p["brand"] == brand and p["platform"] == platform
                            and START + timedelta(days=7 * week) <= p["time"] < START + timedelta(days=7 * week + 7))
                mentions = round(followers * rnd.uniform(0.002, 0.006))
                pos = round(mentions * rnd.uniform(0.3, 0.5))
                neg = round(mentions * rnd.uniform(0.05, 0.2))
                inbound = round(followers * rnd.uniform(0.0003, 0.0008))
                answered = round(inbound * min(1.0, cfg["reply"] * rnd.uniform(1.2, 1.8)))
                minutes = round(rnd.uniform(30, 200) / max(cfg["reply"], 0.05))
                rows.append([brand, platform, day.strftime("%Y-%m-%d"), followers, posts, mentions, pos, neg,
                             mentions - pos - neg, inbound, answered, minutes])
    return rows


def main():
    agency = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "data",
                                                                 "sample-agency")
    rnd = random.Random(20240101)
    posts = {b: posts_for(rnd, b, cfg) for b, cfg in BRANDS.items()}

    # lotus-tea: the client's own export, Traditional Chinese headers, UTF-8 with BOM (Excel "CSV UTF-8").
    head = ["品牌", "平台", "貼文ID", "發布時間", "類型", "是否推廣", "粉絲數", "曝光", "觸達", "點贊", "評論", "轉發",
            "收藏", "品牌回覆", "內容"]
    rows = [head] + [[p["brand"], PLATFORM_ZH[p["platform"]], p["id"], p["time"].strftime("%Y/%m/%d %H:%M"), p["type"],
                      "是" if p["promo"] else "否", p["followers"], f"{p['impressions']:,}", p["reach"], p["likes"],
                      p["comments"], p["shares"], p["saves"], p["replies"], p["text"]] for p in posts["蓮心茶飲"]]
    write(os.path.join(agency, "clients", "lotus-tea", "exports", "lotus-tea_posts.csv"), "\ufeff" + table(rows), "utf-8")
    # lotus-tea competitors: a listening tool's export, Simplified headers, GBK (Excel "CSV (逗号分隔)").
    head = ["品牌", "平台", "帖子ID", "发布时间", "类型", "是否推广", "粉丝数", "曝光", "点赞", "评论", "转发", "收藏",
            "品牌回复"]
    comp = sorted(posts["茶語時光"] + posts["一點甜"], key=lambda p: p["time"])
    rows = [head] + [[p["brand"], p["platform"], p["id"], p["time"].strftime("%Y-%m-%d %H:%M"), p["type"],
                      1 if p["promo"] else 0, p["followers"], p["impressions"], p["likes"], p["comments"],
                      p["shares"], "-" if p["platform"] == "weibo" else p["saves"], p["replies"]] for p in comp]
    write(os.path.join(agency, "clients", "lotus-tea", "exports", "lotus-tea_competitors.csv"), table(rows), "gbk")

    # hengfeng-bank: one English export for all three banks, `;`-delimited, ISO times with zone.
    head = ["Brand", "Platform", "Post ID", "Published", "Type", "Paid", "Followers", "Impressions", "Reach",
            "Likes", "Comments", "Shares", "Saves", "Brand replies", "Text"]
    bank = sorted(posts["恒豐銀行"] + posts["安信銀行"] + posts["富邦達銀行"], key=lambda p: p["time"])
    rows = [head] + [[p["brand"], p["platform"].capitalize(), p["id"], p["time"].strftime("%Y-%m-%dT%H:%M:00+08:00"),
                      p["type"], "yes" if p["promo"] else "no", f"{p['followers']:,}", f"{p['impressions']:,}",
                      p["reach"], p["likes"], p["comments"], p["shares"], "", p["replies"], p["text"]] for p in bank]
    write(os.path.join(agency, "clients", "hengfeng-bank", "exports", "hengfeng-bank_posts.csv"), table(rows, ";"), "utf-8")

    # mingyue-beauty: the client's export, Simplified headers, UTF-8 without BOM, 万 magnitudes.
    head = ["品牌", "平台", "帖子ID", "发布时间", "类型", "是否推广", "粉丝数", "曝光量", "触达", "点赞", "评论", "转发",
            "收藏", "品牌回复", "内容"]
    rows = [head] + [[p["brand"], PLATFORM_ZH[p["platform"]], p["id"], p["time"].strftime("%Y年%m月%d日 %H:%M"),
                      p["type"], "推广" if p["promo"] else "自然", wan(p["followers"]), wan(p["impressions"]),
                      p["reach"], p["likes"], p["comments"], p["shares"], p["saves"], p["replies"], p["text"]]
                     for p in posts["明月美妝"]]
    write(os.path.join(agency, "clients", "mingyue-beauty", "exports", "mingyue-beauty_posts.csv"), table(rows), "utf-8")
    # mingyue-beauty competitors: Excel "Unicode 文本": UTF-16LE with BOM, tab-separated, English headers.
    head = ["brand", "platform", "post_id", "time", "type", "promotional", "followers", "impressions", "reach",
            "likes", "comments", "shares", "saves", "brand_replies"]
    comp = sorted(posts["花漾"] + posts["素顏坊"], key=lambda p: p["time"])
    rows = [head] + [[p["brand"], p["platform"], p["id"], p["time"].strftime("%Y-%m-%d %H:%M"), p["type"],
                      "TRUE" if p["promo"] else "FALSE", p["followers"], p["impressions"], p["reach"], p["likes"],
                      p["comments"], p["shares"], p["saves"], p["replies"]] for p in comp]
    write(os.path.join(agency, "clients", "mingyue-beauty", "exports", "mingyue-beauty_competitors.csv"), "\ufeff" + table(rows, "\t"), "utf-16-le")

    # Account-level weekly exports (followers, posts, mentions, sentiment, inbox).
    every = [p for ps in posts.values() for p in ps]
    en = ["brand", "platform", "date", "followers", "posts", "mentions", "positive", "negative", "neutral",
          "inbound messages", "answered messages", "response minutes"]
    zh = ["品牌", "平台", "日期", "粉絲數", "發文數", "提及量", "正面", "負面", "中性", "私信", "已回覆", "回覆時間（分鐘）"]
    for client, brands, header in [("lotus-tea", ["蓮心茶飲", "茶語時光", "一點甜"], zh),
                                   ("hengfeng-bank", ["恒豐銀行", "安信銀行", "富邦達銀行"], en),
                                   ("mingyue-beauty", ["明月美妝", "花漾", "素顏坊"], en)]:
        rows = [header] + accounts(rnd, brands, every)
        write(os.path.join(agency, "clients", client, "exports", f"{client}_accounts.csv"), table(rows), "utf-8")

    # lotus-tea: a comment export for the three tea brands (Traditional headers, UTF-8 with BOM, no sentiment
    # column, so chuxin reads sentiment with its lexicon). Its own random stream keeps the files above unchanged.
    rows = [["留言ID", "貼文ID", "品牌", "平台", "留言者", "是否品牌", "回覆對象ID", "發布時間", "內容"]]
    rows += comments(random.Random(20240102), ["蓮心茶飲", "茶語時光", "一點甜"], posts)
    write(os.path.join(agency, "clients", "lotus-tea", "exports", "lotus-tea_comments.csv"), "\ufeff" + table(rows),
          "utf-8")


# brand: (share of customers' comments answered, median hours to the first reply)
SERVICE = {"蓮心茶飲": (0.35, 9.0), "茶語時光": (0.85, 1.5), "一點甜": (0.70, 3.0)}
QUESTIONS = ["請問幾點開門？", "有沒有無糖的選項？", "外送範圍到哪裡？", "會員點數怎麼用？"]
PRAISE = ["好喝！推薦", "新品很讚，會回購", "店員很親切，謝謝"]
COMPLAINTS = ["奶茶太甜了，很失望", "外送等很久，飲料都不冰了", "杯子漏了，要求退款", "店員態度差"]
REPLIES = ["謝謝您的留言，我們已轉告門市", "不好意思讓您久等，已私訊您處理", "感謝支持！"]


def comments(rnd, brands, posts):
    """Customers' comments under each brand's posts (one to three a post) and the brand's replies."""
    rows = []
    n = 0
    for brand in brands:
        share, hours = SERVICE[brand]
        for p in posts[brand]:
            for _ in range(rnd.randint(1, 3)):
                n += 1
                cid = f"c{n}"
                at = p["time"] + timedelta(minutes=rnd.randint(5, 600))
                kind = rnd.random()
                text = rnd.choice(COMPLAINTS if kind < 0.3 else PRAISE if kind < 0.6 else QUESTIONS)
                rows.append([cid, p["id"], brand, PLATFORM_ZH[p["platform"]], f"u{rnd.randint(1000, 9999)}", "否", "",
                             at.strftime("%Y/%m/%d %H:%M"), text])
                if rnd.random() < share:
                    n += 1
                    delay = timedelta(hours=hours * rnd.uniform(0.3, 1.7))
                    rows.append([f"c{n}", p["id"], brand, PLATFORM_ZH[p["platform"]], brand, "是", cid,
                                 (at + delay).strftime("%Y/%m/%d %H:%M"), rnd.choice(REPLIES)])
    return rows


if __name__ == "__main__":
    main()
