"""The 厦绿融 library store: SQLite by default, PostgreSQL for a shared library.

``Store(url)`` opens a database (``sqlite:///greenkit.db`` unless ``--db`` or
``GREENKIT_DB`` say otherwise; ``postgresql+psycopg://user@host/db`` for
PostgreSQL). ``init`` creates or upgrades the schema through numbered steps
recorded in the ``greenkit_schema`` table; every other call refuses a
database whose version differs from this greenkit's.

Every write runs in one transaction and appends its audit rows in that same
transaction, so a change and its audit entry are committed together or not
at all. Concurrent writers are safe: on SQLite each write transaction starts
with ``BEGIN IMMEDIATE`` (writers queue on the database lock, with a busy
timeout) and on PostgreSQL state changes are conditional ``UPDATE … WHERE
status = 'candidate' RETURNING id`` and ``INSERT … ON CONFLICT DO NOTHING``,
so two processes admitting the same candidates admit each exactly once and
only the one that changed a row writes its audit entry.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import (
    bindparam,
    create_engine,
    event,
    func,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from greenkit.errors import InputError, StoreError
from greenkit.ids import uscc_problem
from greenkit.library.models import (
    LIVE,
    AuditLog,
    Base,
    Batch,
    Decision,
    Enterprise,
    Entry,
    Evidence,
    Project,
    Run,
    SchemaVersion,
    utcnow,
)
from greenkit.library.names import name_key

DEFAULT_DB = "sqlite:///greenkit.db"
SCHEMA_VERSION = 2


def db_url(url: str | None = None) -> str:
    """``url``, else ``GREENKIT_DB``, else ``sqlite:///greenkit.db`` (current directory)."""
    return url or os.environ.get("GREENKIT_DB") or DEFAULT_DB


def current_user(user: str | None = None) -> str:
    if user:
        return user
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (OSError, KeyError):  # no login name in a container (getpwuid fails)
        return "unknown"


# --------------------------------------------------------------------------
# Schema steps
# --------------------------------------------------------------------------

def _step_1(conn: Connection) -> None:
    """Tables and indexes."""
    Base.metadata.create_all(conn)


def _step_2(conn: Connection) -> None:
    """Make audit_log append-only in the database itself."""
    if conn.dialect.name == "sqlite":
        for op in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{op.lower()} BEFORE {op} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION greenkit_audit_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        conn.exec_driver_sql(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION greenkit_audit_append_only()")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        conn.exec_driver_sql(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION greenkit_audit_append_only()")


#: Upgrade steps: version N is reached by running step N on version N-1.
UPGRADES = {1: _step_1, 2: _step_2}


def _jsonable(value: Any) -> Any:
    from greenkit.io import to_jsonable

    return json.loads(json.dumps(to_jsonable(value), ensure_ascii=False, default=str))


def _none(v: Any) -> Any:
    """NaN/NA/NaT → None, numpy scalars → Python."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if isinstance(v, np.generic):
        return v.item()
    return v


def _aware(t: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes; greenkit stores UTC."""
    if t is None:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


class Store:
    """One library database."""

    def __init__(self, url: str | None = None, *, echo: bool = False):
        self.url = db_url(url)
        try:
            self.engine: Engine = self._engine(self.url, echo)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open the library database: {exc}", path=self._safe_url) \
                from exc
        self.dialect = self.engine.dialect.name

    @property
    def _safe_url(self) -> str:
        from sqlalchemy.engine import make_url

        try:
            return make_url(self.url).render_as_string(hide_password=True)
        except (ValueError, TypeError, ArgumentError):  # an unparsable URL: never echo it
            return "<database url>"

    @staticmethod
    def _engine(url: str, echo: bool) -> Engine:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and path != ":memory:":
                Path(path).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, echo=echo, connect_args={"timeout": 60})

            @event.listens_for(engine, "connect")
            def _connect(dbapi_conn, _record):  # pragma: no cover - driver hook
                dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA busy_timeout=60000")
                cur.execute("PRAGMA journal_mode=WAL")
                cur.close()

            @event.listens_for(engine, "begin")
            def _begin(conn):  # pragma: no cover - driver hook
                # Take the write lock at the start: two writers queue instead of
                # failing half-way with "database is locked".
                conn.exec_driver_sql("BEGIN IMMEDIATE")

            return engine
        return create_engine(url, echo=echo, pool_pre_ping=True)

    def close(self) -> None:
        self.engine.dispose()

    # -- transactions ------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction; commits on success, rolls back on error."""
        try:
            with Session(self.engine, expire_on_commit=False) as s, s.begin():
                yield s
        except StoreError:
            raise
        except OperationalError as exc:
            raise StoreError(f"database error: {exc.orig}", path=self._safe_url) from exc

    def _audit(self, s: Session, actor: str, action: str, entity: str, entity_id: Any,
               reason: str | None = None, details: dict | None = None,
               at: dt.datetime | None = None) -> None:
        s.add(AuditLog(at=at or utcnow(), actor=actor, action=action, entity=entity,
                       entity_id=None if entity_id is None else str(entity_id), reason=reason,
                       details=_jsonable(details) if details is not None else None))

    def _audit_many(self, s: Session, rows: list[dict]) -> None:
        if rows:
            now = utcnow()
            s.execute(AuditLog.__table__.insert(), [
                {"at": now, "reason": None, "details": None, **r} for r in rows])

    def _insert(self, table):
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table)

    # -- schema ------------------------------------------------------------

    def version(self) -> int | None:
        """Schema version of the database, or None when it has no greenkit library."""
        try:
            if not inspect(self.engine).has_table(SchemaVersion.__tablename__):
                return None
            with self.engine.connect() as c:
                v = c.execute(select(SchemaVersion.version).where(SchemaVersion.id == 1)).scalar()
                c.rollback()
            return v
        except OperationalError as exc:
            raise StoreError(f"cannot read the database: {exc.orig}", path=self._safe_url) \
                from exc

    def init(self, actor: str | None = None, target: int = SCHEMA_VERSION) -> dict[str, Any]:
        """Create the library or upgrade it to ``target``; safe to run twice."""
        actor = current_user(actor)
        if target > SCHEMA_VERSION or target < 1:
            raise StoreError(f"unknown schema version {target}")
        with self.transaction() as s:
            conn = s.connection()
            if self.dialect == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7224157)")
            SchemaVersion.__table__.create(conn, checkfirst=True)
            row = s.get(SchemaVersion, 1)
            current = row.version if row else 0
            if current > SCHEMA_VERSION:
                raise StoreError(f"database schema version {current} is newer than this "
                                 f"greenkit ({SCHEMA_VERSION}); upgrade greenkit",
                                 path=self._safe_url)
            for v in range(current + 1, target + 1):
                UPGRADES[v](conn)
            if target > current:
                if row is None:
                    s.add(SchemaVersion(id=1, version=target, upgraded_at=utcnow()))
                else:
                    row.version, row.upgraded_at = target, utcnow()
                s.flush()
                self._audit(s, actor, "schema_init" if current == 0 else "schema_upgrade",
                            "schema", target, f"schema {current} → {target}",
                            {"from": current, "to": target})
        return {"from": current, "to": max(current, target), "url": self._safe_url}

    def _missing_sqlite_file(self) -> bool:
        if self.dialect != "sqlite" or "///" not in self.url:
            return False
        path = self.url.split("///", 1)[1].split("?", 1)[0]
        return bool(path) and path != ":memory:" and not Path(path).expanduser().exists()

    def require_current(self) -> None:
        if self._missing_sqlite_file():
            raise StoreError("no library database here; run "
                             f"`greenkit library init --db {self._safe_url}` first",
                             path=self._safe_url)
        v = self.version()
        if v is None:
            raise StoreError("no greenkit library in this database; run "
                             f"`greenkit library init --db {self._safe_url}` first",
                             path=self._safe_url)
        if v != SCHEMA_VERSION:
            raise StoreError(f"library schema is version {v}, this greenkit needs "
                             f"{SCHEMA_VERSION}; run `greenkit library init` to upgrade",
                             path=self._safe_url)

    # -- recognition -------------------------------------------------------

    def record(self, rec, actor: str | None = None) -> dict[str, Any]:
        """Store a :class:`~greenkit.library.recognise.Recognition` as decisions and candidates.

        New recognised subjects become candidates; live candidates get the new
        decision and tier; candidates no longer recognised are withdrawn;
        admitted entries that no longer pass are flagged in the audit log for
        a person to decide (never withdrawn automatically).
        """
        self.require_current()
        actor = current_user(actor)
        d = rec.decisions
        counts = {"decisions": len(d), "candidates_created": 0, "candidates_refreshed": 0,
                  "candidates_withdrawn": 0, "admitted_unchanged": 0, "admitted_review": 0,
                  "rejected": int((~d["recognised"]).sum())}
        with self.transaction() as s:
            run = Run(source="recognise", at=utcnow(), actor=actor, rules=rec.rules.label,
                      as_of=rec.as_of, inputs=_jsonable(rec.inputs),
                      counts=_jsonable(rec.counts()))
            s.add(run)
            s.flush()
            dec_ids = self._insert_decisions(s, run.id, rec)
            self._insert_evidence(s, rec.evidence, dec_ids)
            self._upsert_subjects(s, d[d["recognised"]])
            live = self._live_entries(s, list(dec_ids))
            audit = self._apply_decisions(s, d, dec_ids, live, run.id, actor, counts)
            audit.insert(0, dict(actor=actor, action="recognise", entity="run",
                                 entity_id=str(run.id),
                                 reason=f"recognition with {rec.rules.label} as of {rec.as_of}",
                                 details={"counts": counts, "inputs": rec.inputs}))
            self._audit_many(s, [{**a, "details": _jsonable(a.get("details"))} for a in audit])
            run.counts = _jsonable({**rec.counts(), "store": counts})
        return {"run": run.id, **counts}

    def _apply_decisions(self, s: Session, d: pd.DataFrame, dec_ids: dict, live: dict,
                         run_id: int, actor: str, counts: dict) -> list[dict]:
        """Candidates from decisions, as set operations and bulk statements."""
        now = utcnow()
        f = pd.DataFrame({
            "kind": d["kind"].astype(str).to_numpy(),
            "key": d["subject_key"].astype(str).to_numpy(),
            "recognised": d["recognised"].astype(bool).to_numpy(),
            "name": d["name"].astype(object).where(d["name"].notna(), None).to_numpy(),
            "code": d["credit_code"].astype(object).where(d["credit_code"].notna(),
                                                          None).to_numpy(),
            "tier": d["tier"].astype(object).where(d["tier"].notna(), None).to_numpy(),
            "label": d["tier_label_zh"].astype(object).where(d["tier_label_zh"].notna(),
                                                             None).to_numpy(),
            "fired": d["rules_fired"].astype(str).to_numpy(),
            "reasons": d["reasons"].astype(str).to_numpy()})
        pairs = list(zip(f["kind"], f["key"], strict=True))
        f["decision"] = [dec_ids[k] for k in pairs]
        f["entry"] = [live[k].id if k in live else None for k in pairs]
        f["status"] = [live[k].status if k in live else None for k in pairs]
        f["old_tier"] = [live[k].tier if k in live else None for k in pairs]
        new = f[f["recognised"] & f["status"].isna()]
        refresh = f[f["recognised"] & (f["status"] == "candidate")]
        stale = f[~f["recognised"] & (f["status"] == "candidate")]
        review = f[~f["recognised"] & (f["status"] == "admitted")]
        counts["admitted_unchanged"] = int((f["recognised"] & (f["status"] == "admitted")).sum())
        audit: list[dict] = []
        if len(new):
            rows = [{"kind": k, "subject_key": key, "name": n, "credit_code": c,
                     "status": "candidate", "tier": t, "tier_label": lb, "decision_id": dec,
                     "created_at": now, "updated_at": now}
                    for k, key, n, c, t, lb, dec in new[["kind", "key", "name", "code", "tier",
                                                          "label", "decision"]].itertuples(
                        index=False)]
            ins = self._insert(Entry.__table__).on_conflict_do_nothing(
                index_elements=["kind", "subject_key"],
                index_where=text("status IN ('candidate', 'admitted')"))
            made = {}
            for r in rows:  # one statement each: ON CONFLICT … RETURNING tells who won
                eid = s.execute(ins.values(**r).returning(Entry.id)).scalar()
                if eid is not None:
                    made[(r["kind"], r["subject_key"])] = eid
            counts["candidates_created"] = len(made)
            audit += [dict(actor=actor, action="candidate_created", entity="entry",
                           entity_id=str(made[(k, key)]),
                           reason=f"recognised in run {run_id}: {fired}",
                           details={"subject": key, "tier": t, "decision": dec})
                      for k, key, fired, t, dec in new[["kind", "key", "fired", "tier",
                                                        "decision"]].itertuples(index=False)
                      if (k, key) in made]
        if len(refresh):
            s.execute(update(Entry.__table__).where(Entry.__table__.c.id == bindparam("eid"))
                      .values(decision_id=bindparam("dec"), tier=bindparam("t"),
                              tier_label=bindparam("lb"), name=bindparam("n"), updated_at=now),
                      [{"eid": int(e), "dec": dec, "t": t, "lb": lb, "n": n}
                       for e, dec, t, lb, n in refresh[["entry", "decision", "tier", "label",
                                                        "name"]].itertuples(index=False)])
            counts["candidates_refreshed"] = len(refresh)
            audit += [dict(actor=actor, action="candidate_refreshed", entity="entry",
                           entity_id=str(int(e)), reason=f"recognised again in run {run_id}",
                           details={"tier": [old, t], "decision": dec})
                      for e, old, t, dec in refresh[["entry", "old_tier", "tier",
                                                     "decision"]].itertuples(index=False)]
        if len(stale):
            reason = dict(zip(stale["entry"].astype(int), stale["reasons"], strict=True))
            done = set()
            for e, dec in zip(stale["entry"].astype(int), stale["decision"], strict=True):
                hit = s.execute(update(Entry).where(
                    Entry.id == e, Entry.status == "candidate").values(
                    status="withdrawn", withdrawn_at=now, updated_at=now, decision_id=dec,
                    withdraw_reason=f"no longer recognised: {reason[e]}").returning(
                    Entry.id)).scalar()
                if hit is not None:
                    done.add(e)
            counts["candidates_withdrawn"] = len(done)
            audit += [dict(actor=actor, action="candidate_withdrawn", entity="entry",
                           entity_id=str(e), reason=f"no longer recognised in run {run_id}: "
                           f"{reason[e]}", details={"decision": dec})
                      for e, dec in zip(stale["entry"].astype(int), stale["decision"],
                                        strict=True) if e in done]
        counts["admitted_review"] = len(review)
        audit += [dict(actor=actor, action="review_needed", entity="entry",
                       entity_id=str(int(e)), reason=f"admitted entry no longer passes in run "
                       f"{run_id}: {why}", details={"decision": dec})
                  for e, why, dec in review[["entry", "reasons", "decision"]].itertuples(
                      index=False)]
        return audit

    def _insert_decisions(self, s: Session, run_id: int, rec) -> dict[tuple[str, str], int]:
        d = rec.decisions
        o = rec.outcomes.copy()
        o["subject_key"] = o["subject_key"].astype(str)
        per = {k: g.drop(columns=["kind", "subject_key"]).to_dict("records")
               for k, g in o.groupby(["kind", "subject_key"], sort=False)}
        internal = {"lines"}
        value_cols = [c for c in d.columns if c not in internal]
        values = d[value_cols].astype(object).where(d[value_cols].notna(), None)
        rows = []
        for rec_row, vals in zip(d.itertuples(index=False), values.to_dict("records"),
                                 strict=True):
            key = (rec_row.kind, str(rec_row.subject_key))
            rows.append({
                "run_id": run_id, "kind": key[0], "subject_key": key[1],
                "name": _none(rec_row.name), "credit_code": _none(rec_row.credit_code),
                "recognised": bool(rec_row.recognised), "tier": _none(rec_row.tier),
                "tier_label": _none(rec_row.tier_label_zh),
                "rules_fired": rec_row.rules_fired, "reasons": rec_row.reasons,
                "notes": rec_row.notes, "outcomes": _jsonable(per.get(key, [])),
                "values": _jsonable(vals)})
        ids: dict[tuple[str, str], int] = {}
        if rows:
            res = s.execute(Decision.__table__.insert().returning(
                Decision.id, Decision.kind, Decision.subject_key), rows)
            for did, kind, key in res:
                ids[(kind, key)] = did
        return ids

    def _insert_evidence(self, s: Session, ev: pd.DataFrame, dec_ids: dict) -> None:
        if ev is None or ev.empty:
            return
        rows = [{"decision_id": dec_ids[(k, str(sk))], "evidence_type": t, "description": desc,
                 "value": _jsonable(v)}
                for k, sk, t, desc, v in ev[["kind", "subject_key", "evidence_type",
                                             "description", "value"]].itertuples(index=False)
                if (k, str(sk)) in dec_ids]
        if rows:
            s.execute(Evidence.__table__.insert(), rows)

    def _upsert_subjects(self, s: Session, rec: pd.DataFrame) -> None:
        """Enterprise rows for every recognised subject's credit code; project rows."""
        now = utcnow()
        codes = rec[["credit_code", "name", "kind"]].copy()
        if "borrower_name" in rec:
            codes["name"] = rec["borrower_name"].where(rec["kind"] == "project", rec["name"])
        codes = codes.dropna(subset=["credit_code"]).drop_duplicates("credit_code")
        if len(codes):
            ent_rows = [{"credit_code": c, "name": n or c, "name_key": k, "created_at": now,
                         "updated_at": now}
                        for c, n, k in zip(codes["credit_code"], codes["name"].astype(object),
                                           name_key(codes["name"]).astype(object), strict=True)]
            ins = self._insert(Enterprise.__table__)
            s.execute(ins.on_conflict_do_update(
                index_elements=["credit_code"],
                set_={"name": ins.excluded.name, "name_key": ins.excluded.name_key,
                      "updated_at": ins.excluded.updated_at}), ent_rows)
        proj = rec[rec["kind"] == "project"]
        if len(proj):
            cols = ["subject_key", "credit_code", "name", "loan_ids", "industry_code", "region",
                    "taxonomy_edition", "taxonomy_code", "taxonomy_name", "carbon_effect",
                    "reduction_tco2e"]
            p = proj.reindex(columns=cols).astype(object)
            p = p.where(p.notna() & (p != ""), None).rename(columns={"subject_key": "project_key"})
            rows = [{**r, "created_at": now, "updated_at": now} for r in p.to_dict("records")]
            ins = self._insert(Project.__table__)
            s.execute(ins.on_conflict_do_update(
                index_elements=["project_key"],
                set_={c: getattr(ins.excluded, c) for c in [*p.columns[1:], "updated_at"]
                      if c != "project_key"}), rows)

    def _live_entries(self, s: Session, keys: list[tuple[str, str]]) -> dict:
        if not keys:
            return {}
        subjects = sorted({k for _, k in keys})
        out = {}
        for i in range(0, len(subjects), 500):
            rows = s.execute(select(Entry).where(Entry.status.in_(LIVE),
                                                 Entry.subject_key.in_(subjects[i:i + 500])))
            for (e,) in rows:
                out[(e.kind, e.subject_key)] = e
        return out

    # -- admission ---------------------------------------------------------

    def _ensure_batch(self, s: Session, name: str, actor: str) -> int:
        name = name.strip()
        if not name:
            raise InputError("a batch needs a name (入库批次), e.g. --batch 2026-Q3")
        created = s.execute(self._insert(Batch.__table__).values(
            name=name, created_at=utcnow(), created_by=actor).on_conflict_do_nothing(
            index_elements=["name"]).returning(Batch.id)).scalar()
        if created is not None:
            self._audit(s, actor, "batch_created", "batch", created, f"batch {name} created",
                        {"name": name})
            return created
        return s.execute(select(Batch.id).where(Batch.name == name)).scalar_one()

    def admit(self, batch: str, actor: str | None = None, *, kind: str | None = None,
              tier: str | None = None, ids: list[str] | None = None,
              valid_from: dt.date | None = None, valid_to: dt.date | None = None,
              validity_months: int = 12, reason: str | None = None) -> dict[str, Any]:
        """Admit candidates (all, or those matching kind/tier/ids) into ``batch``."""
        self.require_current()
        actor = current_user(actor)
        valid_from = valid_from or dt.date.today()
        if valid_to is None:
            valid_to = (pd.Timestamp(valid_from) + pd.DateOffset(months=validity_months)
                        - pd.Timedelta(days=1)).date()
        if valid_to < valid_from:
            raise InputError(f"--valid-to {valid_to} is before --valid-from {valid_from}")
        with self.transaction() as s:
            q = select(Entry.id).where(Entry.status == "candidate")
            if kind:
                q = q.where(Entry.kind == kind)
            if tier:
                q = q.where(Entry.tier == tier)
            if ids:
                q = q.where(self._ident_clause(ids))
            wanted = [r for (r,) in s.execute(q.order_by(Entry.id))]
            batch_id = self._ensure_batch(s, batch, actor)
            now = utcnow()
            admitted: list[int] = []
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                res = s.execute(update(Entry).where(
                    Entry.id.in_(chunk), Entry.status == "candidate").values(
                    status="admitted", batch_id=batch_id, valid_from=valid_from,
                    valid_to=valid_to, admitted_at=now, updated_at=now).returning(Entry.id))
                admitted.extend(r for (r,) in res)
            why = reason or f"admitted in batch {batch}"
            self._audit_many(s, [dict(actor=actor, action="admitted", entity="entry",
                                      entity_id=str(e), reason=why,
                                      details=_jsonable({"batch": batch, "batch_id": batch_id,
                                                         "valid_from": valid_from,
                                                         "valid_to": valid_to}))
                                 for e in sorted(admitted)])
        return {"batch": batch, "batch_id": batch_id, "admitted": len(admitted),
                "admitted_ids": sorted(admitted),
                "skipped": len(wanted) - len(admitted), "valid_from": valid_from,
                "valid_to": valid_to}

    @staticmethod
    def _ident_clause(idents: list[str]):
        nums = [int(i) for i in idents if str(i).isdigit()]
        keys = [str(i).strip() for i in idents] + [str(i).strip().upper() for i in idents]
        return or_(Entry.id.in_(nums), Entry.subject_key.in_(keys))

    def _resolve(self, s: Session, ident: str | int) -> Entry:
        ident = str(ident).strip()
        if ident.isdigit():
            e = s.get(Entry, int(ident))
            if e is not None:
                return e
        order = (Entry.status.in_(LIVE).desc(), Entry.id.desc())
        # A subject key (an enterprise's credit code, a project key) first; a
        # credit code that is only a project's borrower's code after that.
        rows = s.execute(select(Entry).where(Entry.subject_key.in_([ident, ident.upper()]))
                         .order_by(*order)).scalars().all()
        if not rows:
            rows = s.execute(select(Entry).where(Entry.credit_code == ident.upper())
                             .order_by(*order)).scalars().all()
        live = [e for e in rows if e.status in LIVE]
        if len(live) > 1:
            raise InputError(f"{ident!r} names {len(live)} live entries "
                             f"({', '.join(str(e.id) for e in live)}); use the entry id")
        if rows:
            return live[0] if live else rows[0]
        raise InputError(f"no library entry {ident!r} (use an entry id from "
                         "`greenkit library list`, a credit code or a project key)")

    def withdraw(self, ident: str | int, reason: str, actor: str | None = None) -> dict:
        """Withdraw a candidate or admitted entry; the reason is required."""
        self.require_current()
        actor = current_user(actor)
        if not reason or not reason.strip():
            raise InputError("withdraw needs a reason (--reason)")
        with self.transaction() as s:
            e = self._resolve(s, ident)
            eid, previous, subject = e.id, e.status, e.subject_key
            now = utcnow()
            done = s.execute(update(Entry).where(Entry.id == e.id, Entry.status.in_(LIVE))
                             .values(status="withdrawn", withdrawn_at=now, updated_at=now,
                                     withdraw_reason=reason.strip()).returning(Entry.id)).scalar()
            if done is None:
                raise InputError(f"entry {eid} is already withdrawn")
            self._audit(s, actor, "withdrawn", "entry", eid, reason.strip(),
                        {"previous_status": previous, "subject": subject})
        return {"id": eid, "subject_key": subject, "previous_status": previous,
                "status": "withdrawn"}

    # -- reading -----------------------------------------------------------

    def entries(self, *, status: str | None = None, tier: str | None = None,
                kind: str | None = None, batch: str | None = None) -> pd.DataFrame:
        self.require_current()
        q = (select(Entry.id, Entry.kind, Entry.status, Entry.tier, Entry.name,
                    Entry.credit_code, Entry.subject_key, Batch.name.label("batch"),
                    Entry.valid_from, Entry.valid_to, Entry.updated_at)
             .outerjoin(Batch, Batch.id == Entry.batch_id).order_by(Entry.id))
        if status:
            q = q.where(Entry.status == status)
        if tier:
            q = q.where(Entry.tier == tier)
        if kind:
            q = q.where(Entry.kind == kind)
        if batch:
            q = q.where(Batch.name == batch)
        with self.engine.connect() as c:
            rows = c.execute(q).mappings().all()
            c.rollback()
        cols = ["id", "kind", "status", "tier", "name", "credit_code", "subject_key", "batch",
                "valid_from", "valid_to", "updated_at"]
        return pd.DataFrame([dict(r) for r in rows], columns=cols)

    def audit(self, entity_id: str | None = None, entity: str | None = None) -> pd.DataFrame:
        """The audit log, optionally about one entity (``entry``, ``batch``, ``run``…)."""
        q = select(AuditLog).order_by(AuditLog.id)
        if entity is not None:
            q = q.where(AuditLog.entity == entity)
        if entity_id is not None:
            q = q.where(AuditLog.entity_id == str(entity_id))
        with Session(self.engine) as s:
            rows = [{"id": a.id, "at": _aware(a.at), "actor": a.actor, "action": a.action,
                     "entity": a.entity, "entity_id": a.entity_id, "reason": a.reason,
                     "details": a.details} for a in s.execute(q).scalars()]
        return pd.DataFrame(rows,
                            columns=["id", "at", "actor", "action", "entity", "entity_id",
                                     "reason", "details"])

    def show(self, ident: str | int) -> dict[str, Any]:
        """An entry with its subject, decision (rules and values), evidence and history."""
        self.require_current()
        def row(obj, model):
            return {c.name: getattr(obj, c.name) for c in model.__table__.columns} if obj else None

        with Session(self.engine) as s:
            e = self._resolve(s, ident)
            batch = s.get(Batch, e.batch_id) if e.batch_id else None
            dec = s.get(Decision, e.decision_id) if e.decision_id else None
            ev = (s.execute(select(Evidence).where(Evidence.decision_id == dec.id))
                  .scalars().all() if dec else [])
            ent = s.get(Enterprise, e.credit_code) if e.credit_code else None
            proj = (s.execute(select(Project).where(Project.project_key == e.subject_key))
                    .scalar_one_or_none() if e.kind == "project" else None)
            others = s.execute(select(Entry.id, Entry.status, Entry.created_at)
                               .where(Entry.kind == e.kind, Entry.subject_key == e.subject_key,
                                      Entry.id != e.id).order_by(Entry.id)).all()
            out = {"entry": row(e, Entry), "batch": batch.name if batch else None,
                   "enterprise": row(ent, Enterprise), "project": row(proj, Project),
                   "decision": row(dec, Decision),
                   "evidence": [{"type": x.evidence_type, "description": x.description,
                                 "value": x.value} for x in ev],
                   "other_entries": [{"id": i, "status": st, "created_at": _aware(t)}
                                     for i, st, t in others]}
        out["history"] = self.audit(out["entry"]["id"], "entry").to_dict("records")
        return out

    # -- export / import ---------------------------------------------------

    def export_frame(self, *, status: str | None = "admitted", batch: str | None = None
                     ) -> pd.DataFrame:
        """The submission sheet (canonical column names; see EXPORT_COLUMNS for labels)."""
        self.require_current()
        q = (select(Entry, Batch.name, Decision, Project, Enterprise.name)
             .outerjoin(Batch, Batch.id == Entry.batch_id)
             .outerjoin(Decision, Decision.id == Entry.decision_id)
             .outerjoin(Project, (Project.project_key == Entry.subject_key)
                        & (Entry.kind == "project"))
             .outerjoin(Enterprise, Enterprise.credit_code == Entry.credit_code)
             .order_by(Batch.name, Entry.kind, Entry.id))
        if status:
            q = q.where(Entry.status == status)
        if batch:
            q = q.where(Batch.name == batch)
        rows = []
        with Session(self.engine) as s:
            for e, bname, dec, proj, ent_name in s.execute(q):
                rows.append({
                    "entry_id": e.id, "kind": e.kind,
                    "enterprise_name": ent_name or (e.name if e.kind == "enterprise" else None),
                    "credit_code": e.credit_code,
                    "project_name": proj.name if proj else None,
                    "project_key": e.subject_key if e.kind == "project" else None,
                    "loan_ids": proj.loan_ids if proj else None,
                    "industry_code": proj.industry_code if proj else None,
                    "taxonomy_edition": proj.taxonomy_edition if proj else None,
                    "taxonomy_code": proj.taxonomy_code if proj else None,
                    "taxonomy_name": proj.taxonomy_name if proj else None,
                    "carbon_effect": proj.carbon_effect if proj else None,
                    "reduction_tco2e": proj.reduction_tco2e if proj else None,
                    "batch": bname, "admitted_on": (_aware(e.admitted_at).date()
                                                    if e.admitted_at else None),
                    "valid_to": e.valid_to, "valid_from": e.valid_from, "tier": e.tier,
                    "tier_label": e.tier_label, "status": e.status,
                    "basis": (dec.reasons if dec and dec.recognised else None),
                    "rules_fired": dec.rules_fired if dec else None,
                })
        return pd.DataFrame(rows, columns=list(EXPORT_COLUMNS))

    def import_frame(self, frame: pd.DataFrame, source: str, sha256: str,
                     actor: str | None = None, batch: str | None = None) -> dict[str, Any]:
        """Load admitted entries from a submission sheet; re-importing changes nothing."""
        self.require_current()
        actor = current_user(actor)
        f = _canonical_import(frame, source, batch)
        counts = {"rows": len(f), "enterprises_new": 0, "enterprises_updated": 0,
                  "projects_new": 0, "projects_updated": 0, "batches_new": 0,
                  "entries_admitted": 0, "entries_unchanged": 0, "entries_updated": 0}
        with self.transaction() as s:
            now = utcnow()
            audit: list[dict] = []
            # Enterprises: every row's credit code.
            ents = f.drop_duplicates("credit_code")
            have = {e.credit_code: e for e in s.execute(select(Enterprise).where(
                Enterprise.credit_code.in_(ents["credit_code"].tolist()))).scalars()}
            for code, nm in zip(ents["credit_code"], ents["enterprise_name"], strict=True):
                nm = _none(nm) or code
                if code not in have:
                    s.add(Enterprise(credit_code=code, name=nm, name_key=name_key(
                        pd.Series([nm])).iloc[0], created_at=now, updated_at=now))
                    counts["enterprises_new"] += 1
                elif have[code].name != nm and _none(nm):
                    have[code].name, have[code].updated_at = nm, now
                    counts["enterprises_updated"] += 1
            s.flush()
            # Projects.
            pr = f[f["kind"] == "project"]
            pcols = ["credit_code", "name", "loan_ids", "industry_code", "taxonomy_edition",
                     "taxonomy_code", "taxonomy_name", "carbon_effect", "reduction_tco2e"]
            hp = {p.project_key: p for p in s.execute(select(Project).where(
                Project.project_key.in_(pr["project_key"].tolist()))).scalars()}
            for r in pr.to_dict("records"):
                vals = {c: _none(r.get("project_name" if c == "name" else c)) for c in pcols}
                old = hp.get(r["project_key"])
                if old is None:
                    s.add(Project(project_key=r["project_key"], created_at=now, updated_at=now,
                                  **vals))
                    counts["projects_new"] += 1
                elif any(_differs(getattr(old, c), v) for c, v in vals.items()):
                    for c, v in vals.items():
                        setattr(old, c, v)
                    old.updated_at = now
                    counts["projects_updated"] += 1
            s.flush()
            # Batches.
            batch_ids = {}
            for b in sorted(f["batch"].unique()):
                bid = s.execute(select(Batch.id).where(Batch.name == b)).scalar()
                if bid is None:
                    bid = self._ensure_batch(s, b, actor)
                    counts["batches_new"] += 1
                batch_ids[b] = bid
            # Entries.
            live = self._live_entries(s, list(zip(f["kind"], f["subject_key"], strict=True)))
            run = None
            for r in f.to_dict("records"):
                key = (r["kind"], r["subject_key"])
                e = live.get(key)
                want = {"batch_id": batch_ids[r["batch"]], "valid_from": r["valid_from"],
                        "valid_to": r["valid_to"], "tier": _none(r["tier"])}
                if e is not None and e.status == "admitted" and not any(
                        _differs(getattr(e, k), v) for k, v in want.items() if v is not None):
                    counts["entries_unchanged"] += 1
                    continue
                if run is None:
                    run = Run(source="import", at=now, actor=actor, rules=None, as_of=None,
                              inputs={"file": source, "sha256": sha256})
                    s.add(run)
                    s.flush()
                dec = Decision(run_id=run.id, kind=key[0], subject_key=key[1],
                               name=_none(r["name"]), credit_code=r["credit_code"],
                               recognised=True, tier=_none(r["tier"]),
                               tier_label=_none(r["tier_label"]),
                               rules_fired=_none(r["rules_fired"]),
                               reasons=_none(r["basis"]), notes=f"imported from {source}",
                               outcomes=[], values=_jsonable(r))
                s.add(dec)
                s.flush()
                admitted_at = (dt.datetime.combine(r["admitted_on"], dt.time(), dt.UTC)
                               if r["admitted_on"] else now)
                if e is None:
                    res = s.execute(self._insert(Entry.__table__).values(
                        kind=key[0], subject_key=key[1], name=_none(r["name"]),
                        credit_code=r["credit_code"], status="admitted",
                        tier_label=_none(r["tier_label"]), decision_id=dec.id,
                        created_at=now, updated_at=now, admitted_at=admitted_at,
                        **want).on_conflict_do_nothing(
                        index_elements=["kind", "subject_key"],
                        index_where=text("status IN ('candidate', 'admitted')"),
                    ).returning(Entry.id)).scalar()
                    if res is None:
                        counts["entries_unchanged"] += 1
                        continue
                    counts["entries_admitted"] += 1
                    audit.append(dict(actor=actor, action="admitted", entity="entry",
                                      entity_id=str(res), reason=f"imported from {source}",
                                      details=_jsonable({"batch": r["batch"], "sha256": sha256,
                                                         **want})))
                else:
                    previous = e.status
                    s.execute(update(Entry).where(Entry.id == e.id).values(
                        status="admitted", decision_id=dec.id, updated_at=now,
                        admitted_at=e.admitted_at or admitted_at,
                        **{k: v for k, v in want.items() if v is not None}))
                    action = "admitted" if previous == "candidate" else "import_updated"
                    counts["entries_admitted" if previous == "candidate"
                           else "entries_updated"] += 1
                    audit.append(dict(actor=actor, action=action, entity="entry",
                                      entity_id=str(e.id), reason=f"imported from {source}",
                                      details=_jsonable({"batch": r["batch"], "sha256": sha256,
                                                         "previous_status": previous,
                                                         **want})))
            changed = sum(v for k, v in counts.items() if k not in ("rows", "entries_unchanged"))
            summary = (f"imported {source}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
                       if changed else
                       f"no change: all {len(f)} rows of {source} are already in the library")
            audit.insert(0, dict(actor=actor, action="import" if changed else "import_noop",
                                 entity="file", entity_id=sha256, reason=summary,
                                 details=_jsonable({"file": source, "counts": counts})))
            self._audit_many(s, audit)
        return {"changed": bool(changed), **counts}

    def import_file(self, path: str | Path, actor: str | None = None,
                    batch: str | None = None) -> dict[str, Any]:
        frame, sha = read_submission(path)
        return self.import_frame(frame, str(path), sha, actor, batch)

    def table_counts(self) -> dict[str, int]:
        with self.engine.connect() as c:
            out = {t.name: c.execute(select(func.count()).select_from(t)).scalar()
                   for t in Base.metadata.sorted_tables}
            c.rollback()
        return out


def _differs(old: Any, new: Any) -> bool:
    if isinstance(old, float) or isinstance(new, float):
        try:
            return not np.isclose(float(old), float(new))
        except (TypeError, ValueError):
            return old != new
    return old != new


# --------------------------------------------------------------------------
# The submission sheet
# --------------------------------------------------------------------------

#: Canonical column → Chinese header of the submission sheet.
EXPORT_COLUMNS: dict[str, str] = {
    "entry_id": "条目编号",
    "kind": "主体类型",
    "enterprise_name": "企业名称",
    "credit_code": "统一社会信用代码",
    "project_name": "项目名称",
    "project_key": "项目编号",
    "loan_ids": "贷款编号",
    "industry_code": "所属行业",
    "taxonomy_edition": "分类标准",
    "taxonomy_code": "绿色分类",
    "taxonomy_name": "绿色分类名称",
    "carbon_effect": "碳减排属性",
    "reduction_tco2e": "碳减排量（吨二氧化碳当量）",
    "batch": "入库批次",
    "admitted_on": "入库日期",
    "valid_from": "有效期起",
    "valid_to": "有效期至",
    "tier": "层级",
    "tier_label": "层级说明",
    "status": "状态",
    "basis": "认定依据",
    "rules_fired": "认定规则",
}
KIND_ZH = {"enterprise": "企业", "project": "项目"}
STATUS_ZH = {"candidate": "候选", "admitted": "已入库", "withdrawn": "已撤销"}


def submission_sheet(frame: pd.DataFrame) -> pd.DataFrame:
    """Canonical export frame → the sheet with Chinese headers and values."""
    out = frame.copy()
    out["kind"] = out["kind"].map(KIND_ZH).fillna(out["kind"])
    out["status"] = out["status"].map(STATUS_ZH).fillna(out["status"])
    for c in ("admitted_on", "valid_from", "valid_to"):  # dates as text: 2027-09-30
        out[c] = pd.to_datetime(out[c]).dt.strftime("%Y-%m-%d").astype("string")
    return out.rename(columns=EXPORT_COLUMNS)


def read_submission(path: str | Path) -> tuple[pd.DataFrame, str]:
    """Read a submission sheet (XLSX/CSV with Chinese or English headers, or greenkit JSON)."""
    from greenkit.io.read import file_sha256, read_table

    p = Path(path)
    if not p.is_file():
        from greenkit.errors import InputFileNotFound

        raise InputFileNotFound("file not found", path=p)
    if p.suffix.lower() == ".json":
        try:
            doc = json.loads(p.read_text(encoding="utf-8-sig"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"not valid JSON: {exc}", path=p) from exc
        rows = doc.get("rows") if isinstance(doc, dict) else doc
        if not isinstance(rows, list):
            raise InputError("expected a list of rows or {\"rows\": [...]}", path=p)
        frame = pd.DataFrame(rows).astype("string")
        frame.insert(0, "_row", range(1, len(frame) + 1))
        return frame, file_sha256(p)
    raw = read_table(p)
    return raw.frame, raw.sha256


def _canonical_import(frame: pd.DataFrame, source: str, batch: str | None) -> pd.DataFrame:
    back = {v: k for k, v in EXPORT_COLUMNS.items()}
    f = frame.rename(columns=lambda c: back.get(str(c).strip(), str(c).strip()))
    rows = f["_row"] if "_row" in f else pd.Series(range(2, len(f) + 2), index=f.index)
    for c in EXPORT_COLUMNS:
        if c not in f:
            f[c] = pd.NA
    f = f.astype({c: "string" for c in EXPORT_COLUMNS})
    for c in EXPORT_COLUMNS:
        f[c] = f[c].str.strip().replace("", pd.NA)
    kind = f["kind"].replace({"企业": "enterprise", "项目": "project"})
    bad = ~kind.isin(["enterprise", "project"]).fillna(False)
    _fail(bad, rows, EXPORT_COLUMNS["kind"], "must be 企业 or 项目", f["kind"], source)
    f["kind"] = kind
    f["credit_code"] = f["credit_code"].str.upper()
    problem = uscc_problem(f["credit_code"])
    missing = f["credit_code"].isna()
    _fail(missing | (problem != ""), rows, EXPORT_COLUMNS["credit_code"],
          "missing or invalid credit code (GB 32100-2015)", f["credit_code"], source)
    if batch:
        f["batch"] = f["batch"].fillna(batch)
    _fail(f["batch"].isna(), rows, EXPORT_COLUMNS["batch"], "no batch (give --batch)",
          f["batch"], source)
    proj = f["kind"] == "project"
    _fail(proj & f["project_key"].isna(), rows, EXPORT_COLUMNS["project_key"],
          "a project row needs its 项目编号", f["project_key"], source)
    f["subject_key"] = f["project_key"].where(proj, f["credit_code"])
    f["name"] = f["project_name"].where(proj, f["enterprise_name"])
    for c in ("admitted_on", "valid_from", "valid_to"):
        d = pd.to_datetime(f[c], errors="coerce", format="mixed")
        _fail(f[c].notna() & d.isna(), rows, EXPORT_COLUMNS[c], "not a date (YYYY-MM-DD)",
              f[c], source)
        f[c] = [x.date() if not pd.isna(x) else None for x in d]
    red = pd.to_numeric(f["reduction_tco2e"], errors="coerce")
    _fail(f["reduction_tco2e"].notna() & red.isna(), rows, EXPORT_COLUMNS["reduction_tco2e"],
          "not a number", f["reduction_tco2e"], source)
    f["reduction_tco2e"] = red
    dup = f.duplicated(["kind", "subject_key"], keep="first")
    _fail(dup, rows, "项目编号/统一社会信用代码", "listed twice in the file", f["subject_key"],
          source)
    return f


def _fail(mask: pd.Series, rows: pd.Series, column: str, message: str, values: pd.Series,
          source: str) -> None:
    mask = mask.fillna(False).astype(bool)
    if mask.any():
        first = mask.idxmax()
        n = int(mask.sum())
        raise InputError(f"row {rows[first]}, column {column}: {message} "
                         f"(value {values[first]!r}){f'; {n - 1} more row(s) like it' if n > 1 else ''}",
                         path=source)
