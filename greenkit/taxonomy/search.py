"""Find taxonomy items by text, industry code or keyword."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from greenkit.taxonomy.model import Taxonomy


def search_items(taxonomies: list[Taxonomy], text: str) -> pd.DataFrame:
    """Items whose code, names, definition, industry codes or keywords contain ``text``.

    An industry code like ``D4416`` is searched without its section letter.
    """
    q = unicodedata.normalize("NFKC", text).strip()
    code_q = re.sub(r"^[A-Ta-t](?=\d)", "", q)
    rows = []
    for t in taxonomies:
        it = t.items
        hay = (it["code"] + " " + it["name_zh"] + " " + it["name_en"].str.lower() + " "
               + it["definition_zh"])
        hit = hay.str.contains(q.lower() if q.isascii() else q, regex=False)
        by_text = set(it.loc[hit, "code"])
        r = t.rules
        rule_hit = (r["industry_code"] == code_q) | r["keywords"].str.split("|").apply(
            lambda ks, q=q: q in ks)
        by_rule = set(r.loc[rule_hit, "item_code"]) - {"*"}
        for code in sorted(by_text | by_rule):
            item = t.item(code)
            rows.append({"taxonomy": t.id, "code": code, "level": int(item["level"]),
                         "name_zh": item["name_zh"], "name_en": item["name_en"],
                         "matched": "name" if code in by_text else "rule"})
    return pd.DataFrame(rows, columns=["taxonomy", "code", "level", "name_zh", "name_en",
                                       "matched"])
