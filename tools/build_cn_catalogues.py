#!/usr/bin/env python3
"""Build greenkit's rule tables for the two Chinese catalogues.

    python tools/build_cn_catalogues.py

Reads the reference copies in ../shared/reference (relative to the repository
root, i.e. /work/shared/reference) and greenkit's curated tables in tools/
(cn_keywords.yaml, cn_names.yaml, cn_cases.yaml) and writes:

    taxonomies/cn-green-industry-2019/{manifest.yaml,items.csv,rules.csv,cases.csv}
    taxonomies/cn-green-bond-2021/{manifest.yaml,items.csv,rules.csv,cases.csv}
    taxonomies/crosswalks/cn-green-bond-2021__cn-green-industry-2019.csv

criteria.csv of both catalogues is written by someone else and never touched.
The output is deterministic (sorted, no timestamps). If
taxonomies/industry/gbt4754-2017.csv exists, every industry code is checked
against it (unknown codes fail the build). The script ends with a validation
of the item tree, the rules and a replay of cases.csv with a minimal matcher;
any inconsistency makes it exit non-zero.
"""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT.parent / "shared" / "reference"
TOOLS = ROOT / "tools"
TAX = ROOT / "taxonomies"

REF19 = REF / "cn-green-industry-2019.catalog.csv"
REF21 = REF / "cn-green-bond-2021.catalog.yaml"
REFPROD = REF / "cn-green-industry-2019.products-gbt4754.csv"
GBT = TAX / "industry" / "gbt4754-2017.csv"

ID19, ID21 = "cn-green-industry-2019", "cn-green-bond-2021"
SID19, SID21 = "CNI19", "CNB21"

SRC19 = ("《绿色产业指导目录（2019年版）》及解释说明 (发改环资〔2019〕293号); text via "
         "shared/reference/cn-green-industry-2019.catalog.csv (copy of shangfr/GreenCreditPolicy "
         "data/绿色产业指导目录.csv)")
SRC21 = ("《绿色债券支持项目目录（2021年版）》 (银发〔2021〕96号 附件); text via "
         "shared/reference/cn-green-bond-2021.catalog.yaml (copy of Nikeandocean/carbon-accounting-specs "
         "specs/green-finance/bond-catalog.yaml)")

ITEM_COLS = ["code", "level", "parent", "name_zh", "name_en", "definition_zh", "carbon_effect",
             "source", "verified", "note"]
RULE_COLS = ["rule_id", "item_code", "match", "industry_code", "industry_partial", "nace_code",
             "keywords", "context_keywords", "exclude_keywords", "text_fields", "description",
             "source", "verified", "note"]
CASE_COLS = ["case_id", "industry_code", "purpose", "project_name", "expect_code", "expect_status",
             "note"]
XW_COLS = ["from_code", "to_code", "relation", "note", "source", "verified"]


def code_key(code: str) -> tuple:
    """Natural sort key for dotted codes ("1.1.10" after "1.1.9")."""
    return tuple(int(p) for p in code.split("."))


def b(v: bool) -> str:
    return "true" if v else "false"


def write_csv(path: Path, cols: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    for r in rows:
        w.writerow({c: r.get(c, "") for c in cols})
    path.write_text(buf.getvalue(), encoding="utf-8")


def write_yaml(path: Path, data: dict, header: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + body, encoding="utf-8")


# --------------------------------------------------------------------------
# GB/T 4754-2017 code list (optional: written by another engineer)
# --------------------------------------------------------------------------
def load_gbt() -> dict[str, str] | None:
    if not GBT.exists():
        return None
    out = {}
    with GBT.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code = (r.get("code") or "").strip()
            code = re.sub(r"^[A-T]", "", code)  # tolerate a section letter
            if code:
                out[code] = (r.get("name_zh") or "").strip()
    return out


# --------------------------------------------------------------------------
# 2019 catalogue
# --------------------------------------------------------------------------
# 4.2.5's name runs over into the 说明 column of the reference copy
FIX_NAME_19 = {
    "4.2.5": ("国家公园、世界遗产、国家级风景名胜区、国家森林公园、国家地质公园、国家湿地公园等保护性运营",
              "公园、国家地质公园、国家湿地公园等保护性运营"),
}


def load_2019(names: dict) -> tuple[list[dict], dict]:
    rows = list(csv.DictReader(REF19.open(encoding="utf-8")))
    l1, l2, l3 = {}, {}, {}
    for r in rows:
        m1 = re.match(r"^(\d+)\.\s*(.+)$", r["一级目录"].strip())
        m2 = re.match(r"^(\d+\.\d+)\s*(.+)$", r["二级目录"].strip())
        m3 = re.match(r"^(\d+\.\d+\.\d+)\s*(.+)$", r["目录"].strip())
        assert m1 and m2 and m3, r
        l1[m1.group(1)] = m1.group(2).strip()
        l2[m2.group(1)] = m2.group(2).strip()
        code, name = m3.group(1), m3.group(2).strip()
        definition = r["说明"].strip()
        note = ("说明 text from the reference copy; not checked against the official 解释说明")
        if code in FIX_NAME_19:
            full, spill = FIX_NAME_19[code]
            assert definition.startswith(spill), code
            name, definition = full, definition[len(spill):].strip()
            note = ("name runs into the 说明 column in the reference copy; full name restored from the "
                    "2021 bond catalogue copy (4.2.2.5); " + note)
        l3[code] = {"name": name, "definition": definition, "note": note}
    items = []
    en_up = names["en19_upper"]
    en3 = {c: v["en"] for c, v in KW["items"].items()}
    for c in sorted(l1, key=code_key):
        items.append(dict(code=c, level=1, parent="", name_zh=l1[c], name_en=en_up[c],
                          definition_zh="", carbon_effect="", source=SRC19, verified=b(True),
                          note="first-level names confirmed by public reports of the notice "
                               "(6 categories) and by the 2021 bond catalogue copy"))
    for c in sorted(l2, key=code_key):
        items.append(dict(code=c, level=2, parent=c.split(".")[0], name_zh=l2[c], name_en=en_up[c],
                          definition_zh="", carbon_effect="", source=SRC19, verified=b(False),
                          note="second-level code was glued to the name in the reference copy "
                               "(split by greenkit); name not checked against the official text"))
    for c in sorted(l3, key=code_key):
        items.append(dict(code=c, level=3, parent=c.rsplit(".", 1)[0], name_zh=l3[c]["name"],
                          name_en=en3[c], definition_zh=l3[c]["definition"], carbon_effect="",
                          source=SRC19, verified=b(False), note=l3[c]["note"]))
    return items, {c: v["name"] for c, v in l3.items()}


# --------------------------------------------------------------------------
# 2021 catalogue
# --------------------------------------------------------------------------
STD_TAIL = re.compile(r"\s*\[技术标准:[^\]]*\]\s*$")
CLOSING_NOTE_RE = re.compile(r"说明：1\.纳入本目录的项目.*$")


def load_2021(names: dict, names19: dict) -> tuple[list[dict], dict, str, dict]:
    ref = yaml.safe_load(REF21.open(encoding="utf-8"))
    cits = {}
    for c in ref["citations"]:
        code = c["section"].split()[-1]
        cits[code] = c["text"]
    notes_extra = {}
    closing = ""
    l3, l4 = {}, {}

    def std_list(text: str) -> str:
        m = re.search(r"\[技术标准:([^\]]*)\]", text)
        return re.sub(r"\s+", " ", m.group(1)).strip() if m else ""

    # ---- level 3 ----
    for code, text in list(cits.items()):
        if code.count(".") != 2:
            continue
        if code == "2.4.1":
            # "工业节水2.4.1.1 生产过程节水：和水资源高效利用…" (level-4 item merged in)
            head, _, rest = text.partition("2.4.1.1")
            l3[code] = {"name": head.strip(), "note": "level-3 row merged with 2.4.1.1 in the reference copy; split by greenkit"}
            cits["2.4.1.1"] = rest.strip()
            notes_extra["2.4.1.1"] = ("missing as a row in the reference copy: recovered from the text "
                                      "merged into the 2.4.1 row")
            continue
        l3[code] = {"name": text.replace("：", "", 1).strip(), "note": ""}
    for code, (zh, _en) in names["l3_21_missing"].items():
        assert code not in l3
        l3[code] = {"name": zh, "note": "MISSING from the reference copy (row had no 说明); name is greenkit's "
                                        "reading, not found with the search tools — check against 银发〔2021〕96号 附件",
                    "unverified_name": True}

    # ---- level 4 ----
    # 4.2.1.4 is merged into the 4.2.1.3 row of the reference copy
    head, sep, tail = cits["4.2.1.3"].partition("4.2.1.4.")
    assert sep, "4.2.1.4 not found in 4.2.1.3"
    assert "4.2.1.4" not in cits
    cits["4.2.1.3"], cits["4.2.1.4"] = head.strip(), tail.strip()
    notes_extra["4.2.1.4"] = ("missing as a row in the reference copy: recovered from the text "
                              "merged into the 4.2.1.3 row")
    renamed = names["renamed_21"]
    new21 = names["new_21"]
    for code in sorted(cits, key=code_key):
        if code.count(".") != 3:
            continue
        text = cits[code]
        stds = std_list(text)
        body = STD_TAIL.sub("", text).strip()
        # reference builder cut the definition at 300 characters
        truncated = len(body.partition("：")[2]) >= 300
        m = CLOSING_NOTE_RE.search(body)
        if m:
            closing = m.group(0)
            body = body[:m.start()].strip()
        s = body.replace("：", "", 1)
        if code in renamed:
            name = renamed[code]["name"]  # 2021 wording differs from the 2019 name
        elif code in new21:
            name = new21[code]["name"]
        else:
            cands = [n for n in names19.values() if s.startswith(n)]
            if not cands:
                raise SystemExit(f"2021 {code}: no 2019 name is a prefix of {s[:40]!r}")
            name = max(cands, key=len)
        assert s.startswith(name), (code, name, s[:40])
        definition = s[len(name):].strip()
        note = []
        if code in notes_extra:
            note.append(notes_extra[code])
        if truncated:
            note.append("definition TRUNCATED at 300 characters in the reference copy; the full text was not "
                        "found with the search tools" + (f"; standards cited in the full text: {stds}" if stds else ""))
        l4[code] = {"name": name, "definition": definition, "note": "; ".join(note)}
    assert closing, "closing 说明 not found"

    # ---- rows ----
    items = []
    top = ref["catalog_summary"]["top_level"]
    for c in sorted(top, key=code_key):
        items.append(dict(code=c, level=1, parent="", name_zh=top[c], name_en=names["en19_upper"][c],
                          definition_zh="", carbon_effect="", source=SRC21, verified=b(True),
                          note="first-level names in the reference copy's summary, equal to the 2019 catalogue's"))
    for c, (zh, en) in sorted(names["l2_21"].items(), key=lambda kv: code_key(kv[0])):
        items.append(dict(code=c, level=2, parent=c.split(".")[0], name_zh=zh, name_en=en,
                          definition_zh="", carbon_effect="",
                          source="greenkit reading of 银发〔2021〕96号 附件 structure (tools/cn_names.yaml)",
                          verified=b(False),
                          note="NOT in the reference copy and not found with the search tools; name to be checked "
                               "against the official text"))
    for c in sorted(l3, key=code_key):
        v = l3[c]
        src = SRC21 if not v.get("unverified_name") else "greenkit reading (tools/cn_names.yaml)"
        items.append(dict(code=c, level=3, parent=c.rsplit(".", 1)[0], name_zh=v["name"],
                          name_en=(names["en21_l3"].get(c) or names["l3_21_missing"][c][1]),
                          definition_zh="", carbon_effect="", source=src, verified=b(False),
                          note=(v["note"] or "name from the reference copy (stray '：' removed); not checked "
                                             "against the official text")))
    return items, l4, closing, l3


def finish_2021_l4(items: list, l4: dict, names: dict, names19: dict, xw19: dict) -> None:
    en19 = {c: v["en"] for c, v in KW["items"].items()}
    for c in sorted(l4, key=code_key):
        v = l4[c]
        if c in names["new_21"]:
            en = names["new_21"][c]["en"]
        elif c in names["renamed_21"]:
            en = names["renamed_21"][c]["en"]
        else:
            en = en19[xw19[c]]
        base = "name equals the 2019 catalogue's level-3 name (independent copy); definition from the reference copy, " \
               "not checked against the official text"
        if c in names["renamed_21"]:
            base = (f"2021 wording differs from the 2019 name «{names19[names['renamed_21'][c]['from19']]}»; "
                    "definition from the reference copy, not checked against the official text")
        if c in names["new_21"]:
            base = "new in 2021 (no 2019 counterpart); text from the reference copy, not checked against the official text"
        note = "; ".join(x for x in [v["note"], base] if x)
        items.append(dict(code=c, level=4, parent=c.rsplit(".", 1)[0], name_zh=v["name"], name_en=en,
                          definition_zh=v["definition"], carbon_effect="", source=SRC21, verified=b(False),
                          note=note))


# --------------------------------------------------------------------------
# rules
# --------------------------------------------------------------------------
def expand(part: str) -> list[str]:
    out = []
    for tok in part.split("|"):
        tok = tok.strip()
        if not tok:
            continue
        if tok.startswith("$"):
            out.extend(KW["macros"][tok[1:]].split("|"))
        else:
            out.append(tok)
    # de-duplicate, keep order
    seen, res = set(), []
    for t in out:
        if t not in seen:
            seen.add(t)
            res.append(t)
    return res


def parse_k(spec: str, is21: bool = False) -> tuple[list, list, list]:
    parts = [p.strip() for p in spec.split("//")]
    while len(parts) < 3:
        parts.append("")
    ctx = parts[1]
    if is21:
        # the 2021 manufacturing items cover 制造及贸易活动: widen the context
        ctx = "|".join("$MFG21" if t.strip() == "$MFG" else t for t in ctx.split("|"))
    return expand(parts[0]), expand(ctx), expand(parts[2])


def parse_ind(tok: str) -> tuple[str, bool, bool]:
    tok = str(tok)
    dict_src = tok.endswith("@d")
    tok = tok.replace("@d", "")
    partial = tok.endswith("*")
    return tok.rstrip("*"), partial, dict_src


def industry_rows(sid, item_code, item_name, inds, gbt):
    rows = []
    for i, tok in enumerate(inds, 1):
        code, partial, dsrc = parse_ind(tok)
        if dsrc:
            source = (f"industry code from shared/reference/cn-green-industry-2019.products-gbt4754.csv "
                      f"(nscode {code}{'*' if partial else ''}), matched to the item by greenkit")
        else:
            source = "greenkit correspondence from the item definition to GB/T 4754-2017"
        cname = gbt.get(code, "") if gbt else ""
        if gbt is None:
            verified, note = False, "code not yet checked against the GB/T 4754-2017 code list"
        else:
            verified = code in gbt
            note = ("code exists in GB/T 4754-2017 (taxonomies/industry/gbt4754-2017.csv); the item-to-class "
                    "correspondence is greenkit's judgment, not official") if verified else \
                "code NOT found in taxonomies/industry/gbt4754-2017.csv"
        if partial:
            note += "; class only partly corresponds: supports a candidate only together with a keyword"
        desc = (f"GB/T 4754-2017 {code}{' ' + cname if cname else ''} "
                f"{'partly corresponds' if partial else 'corresponds'} to {item_name}")
        rows.append(dict(rule_id=f"{sid}-{item_code}-I{i:02d}", item_code=item_code, match="industry",
                         industry_code=code, industry_partial=b(partial), description=desc,
                         source=source, verified=b(verified), note=note))
    return rows


def keyword_rows(sid, item_code, item_name, specs, is21, start=1):
    rows = []
    for i, spec in enumerate(specs, start):
        kws, ctx, ex = parse_k(spec, is21)
        assert kws, (item_code, spec)
        prev = "、".join(kws[:4]) + ("…" if len(kws) > 4 else "")
        desc = f"{item_name}: text mentions {prev}"
        if ctx:
            desc += " together with " + "、".join(ctx[:4]) + ("…" if len(ctx) > 4 else "")
        if ex:
            desc += "; not when it mentions " + "、".join(ex[:4]) + ("…" if len(ex) > 4 else "")
        rows.append(dict(rule_id=f"{sid}-{item_code}-K{i:02d}", item_code=item_code, match="keyword",
                         keywords="|".join(kws), context_keywords="|".join(ctx),
                         exclude_keywords="|".join(ex), description=desc,
                         source="greenkit keyword curation from the item name and definition (tools/cn_keywords.yaml)",
                         verified=b(False),
                         note="greenkit curation, not official text: terms as banks write loan purposes and project names"))
    return rows


def build_rules(sid, leaves: dict, key_of: dict, gbt, is21: bool) -> list[dict]:
    """leaves: code -> name; key_of: code -> key in cn_keywords items (or items21_only)."""
    rows = []
    for code in sorted(leaves, key=code_key):
        name = leaves[code]
        key = key_of[code]
        if key.startswith("21:"):
            ent = KW["items21_only"][key[3:]]
        else:
            ent = KW["items"][key]
        inds = list(ent.get("ind") or [])
        if is21:
            inds += list(ent.get("ind21") or [])
        specs = list(ent.get("k") or [])
        specs += list(ent.get("k21" if is21 else "k19") or [])
        rows += industry_rows(sid, code, name, inds, gbt)
        rows += keyword_rows(sid, code, name, specs, is21)
    if is21:
        for ex in KW["exclusions21"]:
            kws, ctx, exk = parse_k(ex["k"])
            rows.append(dict(rule_id=f"{sid}-ALL-{ex['id']}", item_code="*", match="exclusion",
                             keywords="|".join(kws), context_keywords="|".join(ctx),
                             exclude_keywords="|".join(exk), description=ex["description"],
                             source=("银发〔2021〕96号 (the 2021 catalogue removed the fossil-fuel production and "
                                     "clean-use categories of the 2019 catalogue, confirmed by public reports of the "
                                     "notice); terms are greenkit curation"),
                             verified=b(False),
                             note="greenkit curation of the removed categories, not official wording"))
    return rows


# --------------------------------------------------------------------------
# cases
# --------------------------------------------------------------------------
def load_criteria(folder: Path) -> dict[str, list[list[str]]] | None:
    """item_code -> list of applies_if_keywords lists, from criteria.csv (read only)."""
    path = folder / "criteria.csv"
    if not path.exists():
        return None
    out: dict[str, list[list[str]]] = {}
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            kws = [k for k in (r.get("applies_if_keywords") or "").split("|") if k]
            out.setdefault(r["item_code"], []).append(kws)
    return out


def build_cases(sid, which: str, xw19to21: dict, crit: dict | None) -> list[dict]:
    """Cases for one catalogue. A positive case is `eligible` when its item has a
    criterion that applies to the row (no applies_if_keywords, or one of them in
    the text) — the row gives no technical data — and `aligned` when the item has
    no applicable criterion in criteria.csv as it stands at build time."""
    rows = []
    for c in CASES["cases"]:
        if c.get("only") and str(c["only"]) != which:
            continue
        if which == "19":
            exp, st = c["e19"], c.get("s19")
        else:
            exp, st = c["e21"], c.get("s21")
            if exp == "=":
                exp = xw19to21[c["e19"]]
        if not st:  # default: a positive row gives no technical data, a negative matches nothing
            st = "eligible" if exp else "not_eligible"
        note = c.get("note", "")
        if st == "eligible" and exp and crit is not None:
            text = (c.get("purpose") or "") + " " + (c.get("project_name") or "")
            applicable = [k for k in crit.get(exp, []) if not k or any(w in text for w in k)]
            if not applicable:
                st = "aligned"
                note += " (status: the item has no criterion applicable to this row in criteria.csv at build time)"
            else:
                note += " (status: criteria apply but the row gives no technical data)"
        rows.append(dict(case_id=f"{sid}-{c['id']}", industry_code=c.get("ind", ""), purpose=c.get("purpose", ""),
                         project_name=c.get("project_name", ""), expect_code=exp, expect_status=st,
                         note=note))
    return rows


# --------------------------------------------------------------------------
# manifests
# --------------------------------------------------------------------------
HEADER = ("# Generated by tools/build_cn_catalogues.py — edit the builder or tools/cn_*.yaml, not this file.\n")


def manifest19(n1, n2, n3, n_same) -> dict:
    return {
        "id": ID19,
        "short_id": SID19,
        "title_zh": "绿色产业指导目录（2019年版）",
        "title_en": "Green Industry Guidance Catalogue (2019 Edition)",
        "issuers": ["国家发展改革委", "工业和信息化部", "自然资源部", "生态环境部", "住房城乡建设部", "中国人民银行", "国家能源局"],
        "document_number": "发改环资〔2019〕293号",
        "published": "2019-02-14",
        "effective_from": "2019-02-14",
        "effective_to": None,
        "supersedes": [],
        "scope": ("Defines green industries (节能环保、清洁生产、清洁能源、生态环境、基础设施绿色升级、绿色服务) as the common "
                  "basis of investment, pricing, finance and tax support policies; basis of green-loan statistics and of "
                  "the 2021 green bond catalogue's level-4 items"),
        "jurisdiction": "CN",
        "leaf_level": 3,
        "industry_code_system": "gbt4754-2017",
        "source": SRC19,
        "licence": ("Apache-2.0 (reference copy, shangfr/GreenCreditPolicy); the catalogue itself is an official "
                    "government document"),
        "verification": "partial",
        "verification_note": (
            f"{n1} first-level, {n2} second-level, {n3} third-level items as in the reference copy (counts match the "
            "published 6/30/211). First-level names confirmed by public reports; third-level names agree with the "
            f"independent copy of the 2021 bond catalogue for {n_same} items (see the crosswalk). "
            " 说明 texts, second-level names and the cited "
            "standards were not checked against the official 解释说明. Issuers: the notice was issued by 7 departments "
            "(confirmed: 国家发展改革委等7部门); the list of the other six departments is as given in the team brief and "
            "was not independently confirmed. Issue month February 2019 confirmed (NDRC interview, 2024); the day "
            "(2019-02-14, the notice date) comes from the brief and a public dataset, not from the notice itself."),
        "name_en_source": "greenkit translation",
        "notes": (
            "English title and names are greenkit translations. The 2019 catalogue has no greenhouse-gas attribute, so "
            "carbon_effect is empty. It still contains fossil-fuel clean-use items (3.3 传统能源清洁高效利用, 2.3.2 "
            "燃煤电厂超低排放改造, 3.4.4 燃煤发电机组调峰灵活性改造), so it has no fossil exclusion rules. Replaced in "
            "substance by 《绿色低碳转型产业指导目录（2024年版）》(发改环资〔2024〕165号); the date from which the 2019 "
            "edition ceased to apply was not confirmed, so effective_to is left null. Industry (GB/T 4754-2017) and "
            "keyword rules are greenkit's curation (see rules.csv notes): the catalogue itself gives no industry codes."),
    }


def manifest21(counts, closing) -> dict:
    c1, c2, c3, c4 = counts
    return {
        "id": ID21,
        "short_id": SID21,
        "title_zh": "绿色债券支持项目目录（2021年版）",
        "title_en": "Green Bond Endorsed Projects Catalogue (2021 Edition)",
        "issuers": ["中国人民银行", "国家发展改革委", "中国证监会"],
        "document_number": "银发〔2021〕96号",
        "published": "2021-04-21",
        "effective_from": "2021-07-01",
        "effective_to": None,
        "supersedes": [],
        "scope": ("Green bonds: green financial bonds, green enterprise bonds, green corporate bonds, green debt financing "
                  "instruments and green asset-backed securities; proceeds must go to the projects in the catalogue. "
                  "Used in practice as a green-project standard for loans as well."),
        "jurisdiction": "CN",
        "leaf_level": 4,
        "industry_code_system": "gbt4754-2017",
        "source": SRC21,
        "licence": ("MIT (reference copy, Nikeandocean/carbon-accounting-specs); the catalogue itself is an official "
                    "government document"),
        "verification": "partial",
        "verification_note": (
            f"{c1} first-level, {c2} second-level, {c3} third-level, {c4} fourth-level items. Issuers, document number "
            "and effective date 2021-07-01 confirmed by public reports of the notice; publication date 2021-04-21 is the "
            "public release reported by two independent sources (the notice itself is understood to be dated "
            "2021-04-02, not confirmed). Level-4 names agree with the independent 2019 copy (same names by design). "
            "Second-level names and the level-3 names 5.4.2 and 5.5.2 are NOT in the reference copy and could not be "
            "found with the search tools: they are greenkit's reading, verified=false. Items 2.4.1.1 and 4.2.1.4 were "
            "recovered from text merged into neighbouring rows. Definitions of 1.1.1.13, 1.1.3.1 and 3.2.2.8 are "
            "truncated in the reference copy. The 2020 consultation draft had 25/48/204 items at levels 2/3/4; this "
            f"table has {c2}/{c3}/{c4}: one level-3 and one level-4 item may be missing from the reference copy "
            "(candidate: 城镇污水处理厂污泥处置综合利用装备制造, 2019 item 1.3.9) — check against the official text."),
        "name_en_source": "greenkit translation",
        "notes": (
            "The catalogue's closing 说明 (quoted): " + closing + " — i.e. every project must also meet the "
            "explanatory notes of the 2019 Green Industry Guidance Catalogue and the 说明/条件 of its item here, and "
            "relevant safety, environmental and quality rules; cited documents mean their latest valid version. "
            "Level-4 names equal the 2019 catalogue's level-3 names (codes differ; see "
            "crosswalks/cn-green-bond-2021__cn-green-industry-2019.csv); fossil-fuel production and clean-use items of "
            "2019 (煤炭清洁生产、煤炭清洁利用、清洁燃油生产、燃煤电厂超低排放改造、燃煤发电机组调峰灵活性改造、煤层气抽采、"
            "油气开采装备) were removed and are encoded as taxonomy-wide exclusions CNB21-ALL-X01..X03. The 2021 "
            "manufacturing items also cover trade (制造及贸易活动); 1.6.1.1 also covers purchase of new energy vehicles. "
            "No greenhouse-gas attribute: carbon_effect is empty. Replaced for new green finance business by "
            "《绿色金融支持项目目录（2025年版）》(银发〔2025〕132号, in force 2025-10-01); business approved before keeps "
            "this standard. effective_to is left null because the formal repeal date was not confirmed. English names are "
            "greenkit translations."),
    }


# --------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------
def norm_ind(code: str) -> str:
    code = (code or "").strip()
    return re.sub(r"^[A-Ta-t]", "", code)


def simulate(rules: list[dict], ind: str, text: str):
    """Scores, longest keyword per item and fired exclusions for one case row.

    Scoring as the tagger's README: keyword 3 + full industry 2 + partial
    industry 1 (a partial industry match alone never makes a candidate).
    Text is compared case-folded, like the tagger's NFKC + lower().
    """
    ind = norm_ind(ind)
    text = text.lower()
    full: set[str] = set()
    part: set[str] = set()
    kw_len: dict[str, int] = {}
    excluded = []
    for r in rules:
        if r["match"] == "industry":
            if ind and ind.startswith(r["industry_code"]):
                (part if r["industry_partial"] == "true" else full).add(r["item_code"])
            continue
        kws = [x.lower() for x in r["keywords"].split("|") if x]
        ctx = [x.lower() for x in r["context_keywords"].split("|") if x]
        ex = [x.lower() for x in r["exclude_keywords"].split("|") if x]
        hit = [k for k in kws if k in text]
        fired = bool(hit) and (not ctx or any(k in text for k in ctx)) \
            and not any(k in text for k in ex)
        if not fired:
            continue
        if r["match"] == "exclusion":
            excluded.append(r["rule_id"])
        else:
            c = r["item_code"]
            kw_len[c] = max(kw_len.get(c, 0), max(len(k) for k in hit))
    scores = {}
    for c in set(kw_len) | full:
        scores[c] = (3 if c in kw_len else 0) + (2 if c in full else 0) + \
            (1 if c in part and c not in full and c in kw_len else 0)
    return scores, kw_len, excluded


def validate(tag: str, items: list[dict], rules: list[dict], cases: list[dict], leaf_level: int) -> list[str]:
    errs = []
    codes = [i["code"] for i in items]
    if len(codes) != len(set(codes)):
        errs.append(f"{tag}: duplicate item codes")
    byc = {i["code"]: i for i in items}
    for i in items:
        if int(i["level"]) != len(i["code"].split(".")):
            errs.append(f"{tag}: level mismatch {i['code']}")
        if i["parent"] and i["parent"] not in byc:
            errs.append(f"{tag}: parent missing {i['code']}")
        if not i["name_zh"] or not i["name_en"]:
            errs.append(f"{tag}: empty name {i['code']}")
    leaves = {i["code"] for i in items if int(i["level"]) == leaf_level}
    has_child = {i["parent"] for i in items if i["parent"]}
    for i in items:
        if int(i["level"]) < leaf_level and i["code"] not in has_child:
            errs.append(f"{tag}: non-leaf without children {i['code']}")
    ids = [r["rule_id"] for r in rules]
    if len(ids) != len(set(ids)):
        errs.append(f"{tag}: duplicate rule ids")
    for r in rules:
        if r["item_code"] != "*" and r["item_code"] not in leaves:
            errs.append(f"{tag}: rule {r['rule_id']} points to non-leaf {r['item_code']}")
    covered = {r["item_code"] for r in rules}
    for c in leaves - covered:
        errs.append(f"{tag}: leaf without rule {c}")
    # replay cases
    for c in cases:
        text = (c["purpose"] or "") + " " + (c["project_name"] or "")
        scores, kw_len, excluded = simulate(rules, c["industry_code"], text)
        exp, st = c["expect_code"], c["expect_status"]
        if exp and exp not in leaves:
            errs.append(f"{tag}: case {c['case_id']} expects unknown leaf {exp}")
        if st == "excluded":
            if not excluded:
                errs.append(f"{tag}: case {c['case_id']} expected an exclusion, none fired")
            continue
        if excluded:
            errs.append(f"{tag}: case {c['case_id']} hit exclusion {excluded}")
        if not exp:
            if scores:
                errs.append(f"{tag}: case {c['case_id']} expected no candidate, got {scores}")
            continue
        if not scores:
            errs.append(f"{tag}: case {c['case_id']} expected {exp}, got nothing")
            continue
        # the tagger ranks by score, then the longest keyword, then the lowest code; this
        # check is stricter: a tie on both score and keyword length counts as a failure
        key = {k: (v, kw_len.get(k, 0)) for k, v in scores.items()}
        best = max(key.values())
        tops = sorted(k for k, v in key.items() if v == best)
        if tops != [exp]:
            errs.append(f"{tag}: case {c['case_id']} expected {exp}, got top {tops} from {key}")
    return errs


# --------------------------------------------------------------------------
def main() -> int:
    global KW, CASES
    KW = yaml.safe_load((TOOLS / "cn_keywords.yaml").read_text(encoding="utf-8"))
    names = yaml.safe_load((TOOLS / "cn_names.yaml").read_text(encoding="utf-8"))
    CASES = yaml.safe_load((TOOLS / "cn_cases.yaml").read_text(encoding="utf-8"))
    gbt = load_gbt()

    # ---- 2019 ----
    items19, names19 = load_2019(names)
    assert set(names19) == set(KW["items"]), set(names19) ^ set(KW["items"])

    # ---- 2021 ----
    items21, l4, closing, _l3 = load_2021(names, names19)
    # crosswalk 2021 level-4 -> 2019 level-3
    by_name19 = {v: k for k, v in names19.items()}
    xw21to19 = {}
    for c, v in l4.items():
        if c in names["new_21"]:
            continue
        if c in names["renamed_21"]:
            xw21to19[c] = names["renamed_21"][c]["from19"]
        else:
            xw21to19[c] = by_name19[v["name"]]
    assert len(set(xw21to19.values())) == len(xw21to19), "2019 item matched twice"
    xw19to21 = {v: k for k, v in xw21to19.items()}
    finish_2021_l4(items21, l4, names, names19, xw21to19)
    items21.sort(key=lambda r: code_key(r["code"]))

    # ---- rules ----
    leaves19 = {i["code"]: i["name_zh"] for i in items19 if i["level"] == 3}
    leaves21 = {i["code"]: i["name_zh"] for i in items21 if i["level"] == 4}
    key19 = {c: c for c in leaves19}
    key21 = {c: (xw21to19[c] if c in xw21to19 else "21:" + c) for c in leaves21}
    rules19 = build_rules(SID19, leaves19, key19, gbt, is21=False)
    rules21 = build_rules(SID21, leaves21, key21, gbt, is21=True)
    if gbt is not None:
        bad = sorted({r["industry_code"] for r in rules19 + rules21
                      if r["match"] == "industry" and r["industry_code"] not in gbt})
        if bad:
            print("industry codes not in GB/T 4754-2017 list:", bad, file=sys.stderr)
            return 1

    # ---- cases ----
    cases19 = build_cases(SID19, "19", xw19to21, load_criteria(TAX / ID19))
    cases21 = build_cases(SID21, "21", xw19to21, load_criteria(TAX / ID21))

    # ---- crosswalk ----
    xw = []
    src_xw = ("name match between shared/reference/cn-green-bond-2021.catalog.yaml (level 4) and "
              "shared/reference/cn-green-industry-2019.catalog.csv (level 3)")
    for c in sorted(leaves21, key=code_key):
        if c in xw21to19:
            t = xw21to19[c]
            if c in names["renamed_21"]:
                xw.append(dict(from_code=c, to_code=t, relation="exact",
                               note=f"same activity, wording differs: «{leaves21[c]}» / «{names19[t]}»",
                               source=src_xw, verified=b(False)))
            else:
                xw.append(dict(from_code=c, to_code=t, relation="exact",
                               note="same name in both catalogues (codes differ)", source=src_xw, verified=b(True)))
        else:
            xw.append(dict(from_code=c, to_code="", relation="none",
                           note="new in the 2021 bond catalogue, no 2019 counterpart", source=src_xw,
                           verified=b(False)))
    for t in sorted(set(leaves19) - set(xw19to21), key=code_key):
        note = "2019 item not in the 2021 bond catalogue (fossil-fuel production / clean use removed in 2021)"
        if t == "1.3.9":
            note = ("2019 item not found in the 2021 reference copy; not a fossil-fuel item, so it may be missing "
                    "from the copy rather than removed (the 2020 draft had 204 level-4 items) — check the official text")
        xw.append(dict(from_code="", to_code=t, relation="none", note=note, source=src_xw, verified=b(False)))

    # ---- validation ----
    errs = validate(ID19, items19, rules19, cases19, 3) + validate(ID21, items21, rules21, cases21, 4)
    n19 = [sum(1 for i in items19 if i["level"] == L) for L in (1, 2, 3)]
    n21 = [sum(1 for i in items21 if i["level"] == L) for L in (1, 2, 3, 4)]
    if n19 != [6, 30, 211]:
        errs.append(f"2019 counts {n19} != [6, 30, 211]")
    if errs:
        print("\n".join(errs), file=sys.stderr)
        return 1

    # ---- write ----
    d19, d21 = TAX / ID19, TAX / ID21
    n_same = sum(1 for r in xw if r["relation"] == "exact" and r["verified"] == "true")
    write_yaml(d19 / "manifest.yaml", manifest19(*n19, n_same), HEADER)
    write_csv(d19 / "items.csv", ITEM_COLS, items19)
    write_csv(d19 / "rules.csv", RULE_COLS, rules19)
    write_csv(d19 / "cases.csv", CASE_COLS, cases19)
    write_yaml(d21 / "manifest.yaml", manifest21(n21, closing), HEADER)
    write_csv(d21 / "items.csv", ITEM_COLS, items21)
    write_csv(d21 / "rules.csv", RULE_COLS, rules21)
    write_csv(d21 / "cases.csv", CASE_COLS, cases21)
    write_csv(TAX / "crosswalks" / f"{ID21}__{ID19}.csv", XW_COLS, xw)

    def cnt(rs, m):
        return sum(1 for r in rs if r["match"] == m)
    print(f"{ID19}: items L1/L2/L3 = {n19}; rules industry/keyword = {cnt(rules19,'industry')}/{cnt(rules19,'keyword')}; "
          f"cases = {len(cases19)}")
    print(f"{ID21}: items L1/L2/L3/L4 = {n21}; rules industry/keyword/exclusion = {cnt(rules21,'industry')}/"
          f"{cnt(rules21,'keyword')}/{cnt(rules21,'exclusion')}; cases = {len(cases21)}")
    print(f"crosswalk rows = {len(xw)}; GB/T 4754 list {'checked' if gbt is not None else 'NOT available (codes unverified)'}")
    return 0


KW: dict = {}
CASES: dict = {}

if __name__ == "__main__":
    sys.exit(main())
