"""`greenkit taxonomy …` — list, show, search, validate and diff rule tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer

from greenkit.cli.common import FORMAT_OPT, LANG_OPT, Format, Lang, console, emit, say
from greenkit.taxonomy import list_taxonomies, load_taxonomy, validate_folder
from greenkit.taxonomy.diff import diff_taxonomies

app = typer.Typer(help="规则目录 · Taxonomy rule tables: list, show, search, validate, diff.",
                  no_args_is_help=True)

USER_TAX_OPT = typer.Option(None, "--taxonomy", "-t",
                            help="Also include a user taxonomy folder (repeatable).")


@app.command("list")
def list_cmd(fmt: Format = FORMAT_OPT,
             extra: list[Path] | None = USER_TAX_OPT) -> None:
    """Shipped and user taxonomies with item counts and verification status."""
    rows = [t.counts() for t in list_taxonomies(extra)]
    if fmt == Format.json:
        emit(pd.DataFrame(rows), fmt, json_obj=rows)
        return
    table = pd.DataFrame([{
        "id": r["id"], "document": r["document_number"],
        "in force": f"{r['effective_from']} –{r['effective_to'] or ''}",
        "levels": " / ".join(str(r["levels"][k]) for k in sorted(r["levels"])),
        "rules": r["rules"], "criteria": r["criteria"],
        "verified": f"{r['verified_share']:.0%}",
    } for r in rows])
    emit(table, fmt, "greenkit taxonomies")


def _item_record(t, code: str, lang: str) -> dict:
    it = t.item(code)
    return {"code": it["code"], "level": int(it["level"]), "parent": it["parent"] or None,
            "name_zh": it["name_zh"], "name_en": it["name_en"],
            "name": it["name_zh"] if lang == "zh" else (it["name_en"] or it["name_zh"]),
            "definition_zh": it["definition_zh"], "carbon_effect": it["carbon_effect"] or None,
            "source": it["source"], "verified": bool(it["verified"]), "note": it["note"]}


@app.command("show")
def show(taxonomy: str = typer.Argument(..., help="Taxonomy id or folder."),
         code: str | None = typer.Argument(None, help="Item code; omit for every item."),
         fmt: Format = FORMAT_OPT, lang: Lang = LANG_OPT) -> None:
    """An item with its parent chain, rules, criteria and source; or every item."""
    t = load_taxonomy(taxonomy)
    if code is None:
        items = [_item_record(t, c, lang.value) for c in t.items["code"]]
        if fmt == Format.json:
            emit(pd.DataFrame(items), fmt, json_obj={"id": t.id, "title_zh": t.title_zh,
                                                     "title_en": t.title_en, "items": items})
            return
        emit(pd.DataFrame(items)[["code", "level", "parent", "name", "verified"]], fmt,
             t.title(lang.value))
        return
    if not t.has_item(code):
        from greenkit.errors import TaxonomyError

        raise TaxonomyError(f"{t.id} has no item {code!r} (try `greenkit taxonomy search`)")
    rec = _item_record(t, code, lang.value)
    rec["chain"] = [{"code": c["code"], "name_zh": c["name_zh"], "name_en": c["name_en"]}
                    for c in t.parent_chain(code)]
    rec["rules"] = t.rules_of(code).to_dict("records")
    rec["criteria"] = t.criteria_of(code).to_dict("records")
    if fmt == Format.json:
        emit(pd.DataFrame([rec]), fmt, json_obj=rec)
        return
    if fmt == Format.csv:
        emit(pd.concat([t.rules_of(code), t.criteria_of(code)], ignore_index=True), fmt)
        return
    c = console()
    c.print(f"[bold]{t.title(lang.value)}[/] · {t.edition}")
    c.print(" › ".join(f"{x['code']} {x['name_zh'] if lang == Lang.zh else x['name_en']}"
                       for x in rec["chain"]))
    if rec["definition_zh"]:
        c.print(rec["definition_zh"], soft_wrap=True)
    c.print(f"source: {rec['source']} · verified: {rec['verified']}", highlight=False)
    rules = t.rules_of(code)
    if len(rules):
        emit(rules[["rule_id", "match", "industry_code", "industry_partial", "keywords",
                    "exclude_keywords", "description"]], Format.table, "rules")
    crit = t.criteria_of(code)
    if len(crit):
        emit(crit[["criterion_id", "kind", "variable", "operator", "threshold", "unit",
                   "standard"]], Format.table, "criteria")


@app.command("search")
def search(text: str = typer.Argument(..., help="Chinese or English text, industry code or keyword."),
           taxonomies: list[str] | None = typer.Option(None, "--taxonomy", "-t",
                                                       help="Limit to these taxonomies."),
           fmt: Format = FORMAT_OPT) -> None:
    """Find items by name, definition, industry code or keyword."""
    from greenkit.taxonomy.search import search_items

    tax = [load_taxonomy(t) for t in taxonomies] if taxonomies else list_taxonomies()
    hits = search_items(tax, text)
    if hits.empty:
        say(f"no item matches {text!r}")
        raise typer.Exit(1)
    emit(hits, fmt, f"items matching {text!r}")


@app.command("validate")
def validate(path: Path = typer.Argument(..., help="A taxonomy folder."),
             fmt: Format = FORMAT_OPT) -> None:
    """Validate a folder exactly like the shipped ones; exit 1 with the findings if broken."""
    findings = validate_folder(path)
    errors = findings[findings["severity"] == "error"]
    if len(findings):
        emit(findings.drop(columns=["reason"]), fmt, f"{path}: {len(errors)} error(s), "
             f"{len(findings) - len(errors)} warning(s)")
    elif fmt == Format.json:
        emit(findings, fmt)
    else:
        say(f"{path}: valid")
    raise typer.Exit(1 if len(errors) else 0)


@app.command("diff")
def diff(a: str = typer.Argument(..., help="Older edition (id or folder)."),
         b: str = typer.Argument(..., help="Newer edition (id or folder)."),
         fmt: Format = FORMAT_OPT) -> None:
    """Items added, removed, renamed and criteria changed between two editions."""
    ta, tb = load_taxonomy(a), load_taxonomy(b)
    out = diff_taxonomies(ta, tb)
    if fmt == Format.table:
        counts = out["change"].value_counts().to_dict()
        say(f"{ta.id} → {tb.id}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    emit(out, fmt, f"{ta.id} → {tb.id}")
