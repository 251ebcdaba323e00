"""`greenkit library …` — the 厦绿融 green financing enterprise and project library.

Every command takes ``--db URL`` (default ``sqlite:///greenkit.db`` in the
current directory, or ``GREENKIT_DB``) and ``--user NAME`` for the audit log
(default ``USER``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import typer

from greenkit.cli.common import FORMAT_OPT, LANG_OPT, Format, Lang, console, emit, say, state
from greenkit.io import to_jsonable, write_csv, write_json, write_xlsx

app = typer.Typer(help="厦绿融绿色融资企业（项目）库 · Green enterprise and project library: "
                       "recognise, admit, withdraw, list, show, export, import.",
                  no_args_is_help=True)

DB_OPT = typer.Option(None, "--db", envvar="GREENKIT_DB",
                      help="Database URL: sqlite:///greenkit.db (default, current directory) "
                           "or postgresql+psycopg://user@host/db. Env GREENKIT_DB.")
USER_OPT = typer.Option(None, "--user", help="Who is acting, for the audit log (default $USER).")


def _date(value: str | None, opt: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{opt} {value!r} is not a date (YYYY-MM-DD)") from exc


def _store(db: str | None):
    from greenkit.library.store import Store

    return Store(db)


@app.command("init")
def init(db: str | None = DB_OPT, user: str | None = USER_OPT) -> None:
    """Create the library database, or upgrade its schema to this greenkit's version."""
    st = _store(db)
    res = st.init(user)
    if res["from"] == res["to"]:
        say(f"library at {res['url']} is up to date (schema {res['to']})")
    else:
        say(f"library at {res['url']}: schema {res['from']} → {res['to']}")


@app.command("rules")
def rules_cmd(rules: Path | None = typer.Option(None, "--rules", help="A rules file to check "
                                                "and print (default: greenkit's)."),
              fmt: Format = FORMAT_OPT, lang: Lang = LANG_OPT) -> None:
    """Print the recognition rules (id, name, role, parameters, source) after validating them."""
    from greenkit.library.rules import describe, load_rules

    rs = load_rules(rules)
    rows = describe(rs, lang.value)
    tiers = [{"kind": k, "id": t.id, "label": t.label_zh if lang == Lang.zh else t.label_en,
              "when": json.dumps(t.when, ensure_ascii=False)}
             for k, ts in rs.tiers.items() for t in ts]
    if fmt == Format.json:
        emit(pd.DataFrame(rows), fmt, json_obj={
            "id": rs.id, "version": rs.version, "official": rs.official,
            "title": rs.title_zh if lang == Lang.zh else rs.title_en, "rules": rows,
            "tiers": tiers, "validity_months": rs.validity_months})
        return
    say(f"{rs.title_zh if lang == Lang.zh else rs.title_en} ({rs.label}, {rs.path})")
    if not rs.official:
        say("[yellow]greenkit defaults — not the official Xiamen recognition method[/]")
    emit(pd.DataFrame(rows)[["id", "name", "applies_to", "role", "on_fail", "params",
                             "verified"]] if fmt == Format.table else pd.DataFrame(rows), fmt,
         "rules")
    if fmt == Format.table:
        emit(pd.DataFrame(tiers), fmt, "tiers")


@app.command("recognise")
def recognise_cmd(
    tagged_dir: Path = typer.Argument(..., help="Folder written by `greenkit tag BOOK -o DIR`."),
    company_data: Path | None = typer.Option(None, "--company-data",
                                             help="Business lines and screens per company."),
    reductions: Path | None = typer.Option(None, "--reductions", help="Carbon reductions CSV "
                                           "(loan_id, reduction_tco2e, status)."),
    rules: Path | None = typer.Option(None, "--rules", help="Your rules file (default: "
                                      "greenkit's defaults)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Assessment date (default: the "
                                     "tagged folder's as-of date)."),
    green_factories: Path | None = typer.Option(None, "--green-factories",
                                                help="MIIT green-factory list (CSV/XLSX)."),
    amount_unit: str | None = typer.Option(None, "--amount-unit",
                                           help="Unit of revenue/profit columns without one."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Write the decisions (.csv, .xlsx or .json)."),
    no_store: bool = typer.Option(False, "--no-store", help="Decide only; do not write "
                                  "candidates to the library."),
    db: str | None = DB_OPT, user: str | None = USER_OPT, fmt: Format = FORMAT_OPT,
) -> None:
    """Recognise candidate green enterprises and projects, with the reasons for each decision.

    Recognised subjects become candidates in the library (unless --no-store).
    Exit 1 when company-data rows were rejected, else 0.
    """
    from greenkit.library.recognise import decisions_table, recognise

    st = None
    if not no_store:  # fail fast on a missing or outdated library
        st = _store(db)
        st.require_current()
    rec = recognise(tagged_dir, company_data=company_data, reductions=reductions, rules=rules,
                    as_of=_date(as_of, "--as-of"), green_factories=green_factories,
                    amount_unit=amount_unit)
    stored = st.record(rec, user) if st is not None else None
    table = decisions_table(rec)
    if output is not None:
        write_decisions(rec, output)
    counts = rec.counts()
    if fmt == Format.json:
        emit(table, fmt, json_obj={"counts": counts, "store": stored, "notes": rec.notes,
                                   "rules": rec.rules.label, "as_of": rec.as_of,
                                   "decisions": table.to_dict("records")})
    elif fmt == Format.csv:
        emit(table, fmt)
    elif not state.quiet:
        c = console()
        label = "" if rec.rules.official else " (greenkit defaults, not the official Xiamen method)"
        c.print(f"rules {rec.rules.label}{label} · as of {rec.as_of}", highlight=False)
        for kind, v in counts.items():
            tiers = ", ".join(f"{t} {n}" for t, n in sorted(v["by_tier"].items()))
            c.print(f"{kind}: {v['candidates']} candidates · {v['recognised']} recognised "
                    f"({tiers or 'none'}) · {v['rejected']} rejected", highlight=False)
        for n in rec.notes:
            c.print(f"[yellow]note:[/] {n}", highlight=False)
        if stored:
            c.print(f"library: {stored['candidates_created']} new candidates, "
                    f"{stored['candidates_refreshed']} refreshed, "
                    f"{stored['candidates_withdrawn']} withdrawn, "
                    f"{stored['admitted_review']} admitted entries to review (run {stored['run']})",
                    highlight=False)
        if len(rec.findings):
            c.print(f"[yellow]{len(rec.findings)} finding(s) in the company data[/]")
        shown = table[["kind", "name", "recognised", "tier", "reasons"]]
        emit(shown, Format.table, "decisions")
    rejected_rows = rec.findings["severity"].eq("error").any() if len(rec.findings) else False
    raise typer.Exit(1 if rejected_rows else 0)


def write_decisions(rec, output: Path) -> Path:
    """Decisions, per-rule outcomes, evidence and findings, in one file or workbook."""
    from greenkit.library.recognise import decisions_table

    table = decisions_table(rec)
    suffix = output.suffix.lower()
    if suffix == ".xlsx":
        ev = rec.evidence.assign(value=rec.evidence["value"].map(
            lambda v: json.dumps(to_jsonable(v), ensure_ascii=False)))
        return write_xlsx({"decisions": table, "outcomes": rec.outcomes, "evidence": ev,
                           "findings": rec.findings}, output)
    if suffix == ".json":
        return write_json({"rules": rec.rules.label, "official": rec.rules.official,
                           "as_of": rec.as_of, "inputs": rec.inputs, "notes": rec.notes,
                           "counts": rec.counts(), "decisions": table.to_dict("records"),
                           "outcomes": rec.outcomes.to_dict("records"),
                           "evidence": rec.evidence.to_dict("records")}, output)
    if suffix == ".csv":
        return write_csv(table, output)
    raise typer.BadParameter("--output must end in .csv, .xlsx or .json")


@app.command("admit")
def admit(batch: str = typer.Option(..., "--batch", help="Batch name (入库批次), e.g. 2026-第一批."),
          ids: list[str] | None = typer.Argument(None, help="Entry ids, credit codes or project "
                                                 "keys; default: every candidate."),
          kind: str | None = typer.Option(None, "--kind", help="enterprise or project."),
          tier: str | None = typer.Option(None, "--tier", help="Only candidates of this tier."),
          valid_from: str | None = typer.Option(None, "--valid-from",
                                                help="Validity start (default today)."),
          valid_to: str | None = typer.Option(None, "--valid-to", help="Validity end (default: "
                                              "valid-from + the rules file's validity)."),
          rules: Path | None = typer.Option(None, "--rules", help="Rules file whose "
                                            "admission.validity_months applies."),
          reason: str | None = typer.Option(None, "--reason", help="Why (audit log)."),
          db: str | None = DB_OPT, user: str | None = USER_OPT, fmt: Format = FORMAT_OPT) -> None:
    """Admit candidates into a batch; admitting twice changes nothing."""
    from greenkit.library.rules import load_rules

    if kind not in (None, "enterprise", "project"):
        raise typer.BadParameter("--kind must be enterprise or project")
    months = load_rules(rules).validity_months
    res = _store(db).admit(batch, user, kind=kind, tier=tier, ids=ids or None,
                           valid_from=_date(valid_from, "--valid-from"),
                           valid_to=_date(valid_to, "--valid-to"), validity_months=months,
                           reason=reason)
    if fmt == Format.json:
        emit(pd.DataFrame(), fmt, json_obj=res)
        return
    say(f"batch {res['batch']}: admitted {res['admitted']}, skipped {res['skipped']} "
        f"(valid {res['valid_from']} – {res['valid_to']})")


@app.command("withdraw")
def withdraw(ident: str = typer.Argument(..., metavar="ID",
                                         help="Entry id, credit code or project key."),
             reason: str = typer.Option(..., "--reason", help="Why (required, audit log)."),
             db: str | None = DB_OPT, user: str | None = USER_OPT) -> None:
    """Withdraw a candidate or admitted entry."""
    res = _store(db).withdraw(ident, reason, user)
    say(f"entry {res['id']} ({res['subject_key']}): {res['previous_status']} → withdrawn")


@app.command("list")
def list_cmd(status: str | None = typer.Option(None, "--status",
                                               help="candidate, admitted or withdrawn."),
             tier: str | None = typer.Option(None, "--tier"),
             kind: str | None = typer.Option(None, "--kind", help="enterprise or project."),
             batch: str | None = typer.Option(None, "--batch"),
             db: str | None = DB_OPT, fmt: Format = FORMAT_OPT,
             output: Path | None = typer.Option(None, "--output", "-o")) -> None:
    """Library entries, filtered."""
    frame = _store(db).entries(status=status, tier=tier, kind=kind, batch=batch)
    emit(frame, fmt, f"library entries ({len(frame)})", output)


@app.command("show")
def show(ident: str = typer.Argument(..., metavar="ID",
                                     help="Entry id, credit code or project key."),
         db: str | None = DB_OPT, fmt: Format = FORMAT_OPT) -> None:
    """One entry: subject, decision with the rules that fired and the values used, evidence,
    and its history from the audit log."""
    info = _store(db).show(ident)
    if fmt == Format.json:
        emit(pd.DataFrame(), fmt, json_obj=info)
        return
    c = console()
    e = info["entry"]
    c.print(f"[bold]entry {e['id']}[/] · {e['kind']} · {e['name']} · {e['credit_code'] or ''} · "
            f"[bold]{e['status']}[/] · tier {e['tier'] or '-'} · batch {info['batch'] or '-'} · "
            f"valid {e['valid_from'] or '-'} – {e['valid_to'] or '-'}", highlight=False)
    if e.get("withdraw_reason"):
        c.print(f"withdrawn because: {e['withdraw_reason']}", highlight=False)
    d = info["decision"]
    if d:
        c.print(f"decision {d['id']} (run {d['run_id']}): "
                f"{'recognised' if d['recognised'] else 'rejected'} by {d['rules_fired']}",
                highlight=False)
        if d.get("outcomes"):
            emit(pd.DataFrame(d["outcomes"]), Format.table, "rules and values")
        if d.get("notes"):
            c.print(f"notes: {d['notes']}", highlight=False)
    if info["evidence"]:
        emit(pd.DataFrame([{"type": x["type"], "description": x["description"]}
                           for x in info["evidence"]]), Format.table, "evidence")
    hist = pd.DataFrame(info["history"])
    if len(hist):
        emit(hist[["at", "actor", "action", "reason"]], Format.table, "history")
    if info["other_entries"]:
        c.print("earlier entries for this subject: " + ", ".join(
            f"{o['id']} ({o['status']})" for o in info["other_entries"]), highlight=False)


@app.command("export")
def export(output: Path = typer.Option(..., "--output", "-o", help="File to write."),
           fmt: str = typer.Option(None, "--format", "-f", help="xlsx, csv or json (default: "
                                   "from the file name)."),
           batch: str | None = typer.Option(None, "--batch", help="Only this batch."),
           status: str = typer.Option("admitted", "--status",
                                      help="Entries to export (default admitted; 'all')."),
           db: str | None = DB_OPT) -> None:
    """Write the submission sheet (Chinese headers) of admitted entries."""
    kind = (fmt or output.suffix.lstrip(".")).lower()
    if kind not in ("xlsx", "csv", "json"):
        raise typer.BadParameter("--format must be xlsx, csv or json")
    st = _store(db)
    frame = st.export_frame(status=None if status == "all" else status, batch=batch)
    path = export_sheet(frame, output, kind)
    say(f"wrote {len(frame)} entries to {path}")


def export_sheet(frame: pd.DataFrame, output: Path, kind: str) -> Path:
    """Write the submission sheet: XLSX/CSV with Chinese headers, JSON with canonical keys."""
    from greenkit import __version__
    from greenkit.library.store import EXPORT_COLUMNS, submission_sheet

    if kind == "json":
        return write_json({"greenkit": __version__, "exported_at": dt.datetime.now(dt.UTC),
                           "columns": EXPORT_COLUMNS, "rows": frame.to_dict("records")}, output)
    sheet = submission_sheet(frame)
    if kind == "csv":
        return write_csv(sheet, output)
    return write_xlsx({"入库名单": sheet}, output)


@app.command("import")
def import_cmd(file: Path = typer.Argument(..., help="A submission sheet (XLSX/CSV with the "
                                           "export's headers) or an export JSON."),
               batch: str | None = typer.Option(None, "--batch",
                                                help="Batch for rows that have none."),
               db: str | None = DB_OPT, user: str | None = USER_OPT,
               fmt: Format = FORMAT_OPT) -> None:
    """Load admitted entries; importing the same file again changes nothing."""
    res = _store(db).import_file(file, user, batch)
    if fmt == Format.json:
        emit(pd.DataFrame(), fmt, json_obj=res)
        return
    if not res["changed"]:
        say(f"no change: all {res['rows']} rows of {file} are already in the library")
    else:
        say(", ".join(f"{k} {v}" for k, v in res.items() if k != "changed"))


@app.command("audit")
def audit(entity_id: str | None = typer.Option(None, "--id", help="Only rows about this id."),
          entity: str | None = typer.Option(None, "--entity",
                                            help="Only rows about entry, batch, run, file…"),
          db: str | None = DB_OPT, fmt: Format = FORMAT_OPT,
          output: Path | None = typer.Option(None, "--output", "-o")) -> None:
    """The append-only audit log: who, when, what, why."""
    st = _store(db)
    st.require_current()
    frame = st.audit(entity_id, entity)
    shown = frame.drop(columns=["details"]) if fmt == Format.table else frame
    emit(shown, fmt, "audit log", output, json_obj=frame.to_dict("records"))

