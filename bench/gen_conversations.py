#!/usr/bin/env python3
"""Generate a synthetic conversation export (deterministic), for chuxin's conversation benchmark.

usage: gen_conversations.py SIZE OUT.csv [--seed S] [--brands N] [--skew Z] [--jobs J]

SIZE is a size in bytes with a unit (1GB, 500MB; 1 GB = 10^9 bytes): the file stops at the first thread that
reaches it. The same arguments always give the same bytes, whatever --jobs is (threads are made in fixed
chunks of 100,000, each with its own seed).

Columns: message_id,post_id,brand,platform,author,from_brand,reply_to,time,text. One thread = a customer's
comment under a brand's post (`from_brand` = no), then, with the brand's own answer rate (20 % to 95 %,
fixed per brand), its reply after a log-normal delay (median from 10 minutes to 20 hours per brand), and
in one thread of five a second reply later (only the first counts as the response). In one thread of twenty
the reply is written BEFORE the comment it answers (exports are not in time order), and in one of fifty the
reply answers a comment that is not in the file (an orphan). Brands and platforms as in gen_posts.py (the
same names, so `--list-brands` there lists them), over 2023-01-01 .. 2024-12-31. About 100 bytes a message.
`OUT.csv.meta.json` records messages, bytes, brands and seed. The data is synthetic.
"""
import argparse
import bisect
import datetime
import json
import math
import multiprocessing
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_posts import PLATFORMS, brand_names, brand_weights, parse_size  # noqa: E402

HEADER = "message_id,post_id,brand,platform,author,from_brand,reply_to,time,text\n"
CHUNK = 100_000
START = datetime.datetime(2023, 1, 1)
SECONDS = 731 * 86_400
COMMENTS = ["請問幾點開門？", "Is this in stock?", "奶茶太甜了", "Love it!", "外送等很久", "多少錢？",
            "Where is my order?", "新品好喝", '"Great, thanks"', "什麼時候補貨"]
REPLIES = ["謝謝您的留言", '"Thanks, we\'ll DM you"', "已私訊您", "Sorry for the wait!", "感謝支持！"]
_STATE = {}


def setup(brands, skew, seed):
    rnd = random.Random(f"{seed}:conversations")
    names = brand_names(brands)
    weights = brand_weights(brands, skew)
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    # Per brand: answer rate and median reply delay in minutes.
    service = [(rnd.uniform(0.2, 0.95), math.exp(rnd.uniform(math.log(10), math.log(1200)))) for _ in names]
    return names, cum, service


def _init(brands, skew, seed):
    _STATE["names"], _STATE["cum"], _STATE["service"] = setup(brands, skew, seed)
    _STATE["seed"] = seed


def stamp(seconds):
    return (START + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")


def make_chunk(k):
    """Threads k*CHUNK .. (k+1)*CHUNK-1, as a list of (thread text); depends only on (seed, brands, skew, k)."""
    names, cum, service, seed = _STATE["names"], _STATE["cum"], _STATE["service"], _STATE["seed"]
    rnd = random.Random(f"{seed}:{k}")
    rr = rnd.random
    total = cum[-1]
    last = len(names) - 1
    threads = []
    for i in range(k * CHUNK, (k + 1) * CHUNK):
        b = min(bisect.bisect_left(cum, rr() * total), last)
        brand = names[b]
        platform = PLATFORMS[int(rr() * len(PLATFORMS))]
        at = int(rr() * (SECONDS - 3 * 86_400))
        post = f"p{i // 4}"
        comment = f"{brand},{platform},u{int(rr() * 5_000_000)},no,,{stamp(at)},{COMMENTS[int(rr() * 10)]}\n"
        rows = [f"m{i},{post}," + comment]
        rate, median = service[b]
        if rr() < rate:
            delay = int(median * 60 * math.exp(rnd.gauss(0.0, 0.8))) + 1
            target = f"m{i}" if rr() >= 0.02 else f"gone{i}"
            reply = f"r{i},{post},{brand},{platform},{brand},yes,{target},{stamp(at + delay)},{REPLIES[int(rr() * 5)]}\n"
            if rr() < 0.05:
                rows.insert(0, reply)
            else:
                rows.append(reply)
            if rr() < 0.2:
                rows.append(f"s{i},{post},{brand},{platform},{brand},yes,m{i},{stamp(at + 2 * delay + 60)},"
                            f"{REPLIES[int(rr() * 5)]}\n")
        threads.append("".join(rows))
    return threads


def main():
    ap = argparse.ArgumentParser(usage=__doc__.split("\n\n")[1].removeprefix("usage: "))
    ap.add_argument("size")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--brands", type=int, default=200)
    ap.add_argument("--skew", type=float, default=0.8)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    rows, target = parse_size(a.size)
    if target is None:
        sys.exit("SIZE must be a size in bytes with a unit (1GB, 500MB)")
    written, messages = 0, 0
    with open(a.out, "wb") as f:
        head = HEADER.encode()
        f.write(head)
        written = len(head)
        ctx = multiprocessing.get_context("fork")
        chunks = range(target // (CHUNK * 60) + 2)
        with ctx.Pool(max(1, a.jobs), initializer=_init, initargs=(a.brands, a.skew, a.seed)) as pool:
            done = False
            for threads in pool.imap(make_chunk, chunks, chunksize=1):
                for t in threads:
                    data = t.encode()
                    f.write(data)
                    written += len(data)
                    messages += t.count("\n")
                    if written >= target:
                        done = True
                        break
                if done:
                    pool.terminate()
                    break
    meta = {"messages": messages, "bytes": written, "brands": a.brands, "skew": a.skew, "seed": a.seed,
            "generator": "gen_conversations.py v1"}
    with open(a.out + ".meta.json", "w") as m:
        json.dump(meta, m)
        m.write("\n")
    print(f"gen_conversations: {messages} messages, {written} bytes, {a.brands} brands -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
