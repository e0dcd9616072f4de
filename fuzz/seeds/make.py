#!/usr/bin/env python3
"""Writes the starting corpus of every target into fuzz/corpus/<target>/ from the repository's own data
(data/, tests/fixtures, crates/*/tests/fixtures) and, when present, ../shared/realdata.

Exports are cut to their first few kilobytes at a line end (just over the engine's smallest chunk, so that chunk
boundaries are crossed), and packs are kept whole. Run from anywhere: `python3 fuzz/seeds/make.py`. The questionnaire
CSV and workbook come from `chuxin form`, so a built `chuxin` must be on PATH or given as CHUXIN."""
import glob, json, os, shutil, struct, subprocess, sys, tempfile, tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "fuzz", "corpus")
CUT = 5000


def put(target, name, data):
    os.makedirs(os.path.join(OUT, target), exist_ok=True)
    with open(os.path.join(OUT, target, name), "wb") as f:
        f.write(data)


def head(path, cut=CUT):
    data = open(path, "rb").read()
    if len(data) <= cut:
        return data
    end = data.rfind(b"\n", 0, cut)
    return data[: end + 1] if end > 0 else data[:cut]


def r(*parts):
    return sorted(glob.glob(os.path.join(ROOT, *parts)))


realdata = os.path.join(os.path.dirname(ROOT), "shared", "realdata")
if not os.path.isdir(realdata):
    realdata = "/work/shared/realdata"

for p in r("data/sample-agency/clients/*/exports/*_posts.csv") + r("data/sample-agency/clients/*/exports/*_competitors.csv"):
    put("posts", os.path.basename(p), head(p))
for p in r("crates/bench/tests/fixtures/messy/*.csv") + r("crates/bench/tests/fixtures/encodings/*.csv"):
    put("posts", os.path.basename(p), head(p))
for p in sorted(glob.glob(os.path.join(realdata, "*.csv"))):
    name = os.path.basename(p)
    put("conversations" if name.startswith("twcs") else "posts", "realdata_" + name, head(p))
for p in r("data/sample-agency/clients/*/exports/*_accounts.csv"):
    put("accounts", os.path.basename(p), head(p))
for p in r("crates/bench/tests/fixtures/conversations/*.csv"):
    put("conversations", os.path.basename(p), head(p))

for p in r("crates/bench/profiles/*.toml") + r("data/profiles/*.toml"):
    put("profile", os.path.basename(p), open(p, "rb").read())

for p in r("data/packs/*.toml") + r("plugins/*/pack.toml") + r("tests/fixtures/plugins/*/pack.toml"):
    put("pack", os.path.basename(os.path.dirname(p)) + "_" + os.path.basename(p), open(p, "rb").read())

# Questionnaires: the sample audits (TOML as written, and as JSON), keeping the core pack's answers in a second
# copy so that the import gets past the unknown-id check of a core-only catalog.
core_ids = {q["id"] for s in tomllib.load(open(os.path.join(ROOT, "data/packs/core.toml"), "rb")).get("sections", [])
            for q in s.get("questions", [])}
for p in r("data/sample-agency/clients/*/audits/*.toml"):
    client = p.split(os.sep)[-3]
    text = open(p, "rb").read()
    put("form_toml", client + ".toml", text)
    audit = tomllib.loads(text.decode())
    put("form_json", client + ".json", json.dumps(audit, ensure_ascii=False, indent=1).encode())
    core = {k: v for k, v in audit.get("answers", {}).items() if k in core_ids}
    lines = [f'date = "{audit.get("date", "2026-10-15")}"', ""]
    for k, v in core.items():
        lines.append(f'[answers."{k}"]')
        for kk, vv in v.items():
            lines.append(f"{kk} = {json.dumps(vv, ensure_ascii=False)}")
        lines.append("")
    put("form_toml", client + "_core.toml", "\n".join(lines).encode())
    put("form_json", client + "_core.json", json.dumps({"date": audit.get("date"), "answers": core},
                                                        ensure_ascii=False, indent=1).encode())

chuxin = os.environ.get("CHUXIN") or shutil.which("chuxin")
if chuxin:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(ROOT, "data/sample-agency"), os.path.join(tmp, "a"))
        ws = os.path.join(tmp, "a")
        for lang in ["en", "zh-Hant"]:
            csv_path = os.path.join(tmp, f"form-{lang}.csv")
            xlsx_path = os.path.join(tmp, f"form-{lang}.xlsx")
            subprocess.run([chuxin, "form", "mingyue-beauty", "--format", "csv", "--lang", lang, "-o", csv_path],
                           cwd=ws, check=True, capture_output=True)
            subprocess.run([chuxin, "form", "mingyue-beauty", "--format", "xlsx", "--lang", lang, "-o", xlsx_path],
                           cwd=ws, check=True, capture_output=True)
            put("form_csv", f"blank-{lang}.csv", open(csv_path, "rb").read())
            put("form_xlsx", f"blank-{lang}.xlsx", open(xlsx_path, "rb").read())
            # The same CSV with answers filled from the lotus-tea audit (core questions only).
            import csv, io
            audit = tomllib.load(open(os.path.join(ROOT, "data/sample-agency/clients/lotus-tea/audits/2026-10-15.toml"), "rb"))
            rows = list(csv.reader(io.StringIO(open(csv_path, encoding="utf-8-sig").read())))
            for row in rows[1:]:
                a = audit["answers"].get(row[0])
                if a is not None:
                    v = a["value"]
                    row[4] = ", ".join(v) if isinstance(v, list) else str(v).lower() if isinstance(v, bool) else str(v)
                    row[5] = a.get("note", "")
            out = io.StringIO()
            csv.writer(out, lineterminator="\r\n").writerows(rows)
            put("form_csv", f"filled-{lang}.csv", b"\xef\xbb\xbf" + out.getvalue().encode())
else:
    print("warning: no chuxin binary (set CHUXIN): no form_csv / form_xlsx seeds", file=sys.stderr)

# Plugin replies: first byte picks (bit 0) first reply or not and (bits 1-2) the method; then the framed reply.
def frame(status, payload):
    return b"CXP1" + struct.pack("<iQ", status, len(payload)) + payload

put("plugin_reply", "hello_ok", b"\x01" + frame(100, json.dumps({"id": "retail", "name": "Retail", "version": "0.1.0", "api_version": "0.1.0"}).encode()))
put("plugin_reply", "hello_failed", b"\x01" + frame(101, json.dumps({"kind": "abi_mismatch", "found": 9, "expected": 1}).encode()))
put("plugin_reply", "hello_bad_descriptor", b"\x01" + frame(101, json.dumps({"kind": "bad_descriptor", "field": "call", "problem": "is null"}).encode()))
put("plugin_reply", "packs_ok", b"\x00" + frame(0, json.dumps([{"file": "pack.toml", "toml": "id = \"x\"\n"}]).encode()))
put("plugin_reply", "benchmarks_ok", b"\x02" + frame(0, b"[]"))
put("plugin_reply", "comparisons_ok", b"\x04" + frame(0, b"[]"))
put("plugin_reply", "compare_ok", b"\x06" + frame(0, b'{"rows":[]}'))
put("plugin_reply", "error", b"\x00" + frame(1, b'{"error":"no such comparison"}'))
put("plugin_reply", "panic", b"\x00" + frame(2, b'{"panic":"boom"}'))
put("plugin_reply", "huge_claim", b"\x00" + b"CXP1" + struct.pack("<iQ", 0, 1 << 40))
put("plugin_reply", "bad_magic", b"\x00" + b"hello world, this is not a reply")
