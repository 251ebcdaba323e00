"""The library store, run against SQLite and against a real PostgreSQL server.

Every test here runs twice (``db_url`` is parametrised): on a SQLite file and
on the throwaway PostgreSQL server of ``tests/pg.py``. When no PostgreSQL
server can be started the PostgreSQL half is skipped with the reason (what is
missing) in pytest's summary and as a warning; ``GREENKIT_REQUIRE_PG=1`` turns
that skip into a failure.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import warnings

import pandas as pd
import pg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from test_library_rules import CODE_A, CODE_B, CODE_C, code, write_companies, write_tagged

from greenkit.errors import InputError, StoreError
from greenkit.library.recognise import recognise
from greenkit.library.store import SCHEMA_VERSION, Store, read_submission

AS_OF = dt.date(2026, 9, 30)
ACTOR = "tester"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'library.db'}"
    try:
        url = pg.pg_url()
    except pg.PgUnavailable as exc:
        msg = f"PostgreSQL store tests NOT RUN — no PostgreSQL server could be started: {exc}"
        if os.environ.get("GREENKIT_REQUIRE_PG") == "1":
            pytest.fail(msg)
        warnings.warn(msg, stacklevel=1)
        pytest.skip(msg)
    pg.reset_database(url)
    return url


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    s.init(ACTOR)
    yield s
    s.close()


def _recognition(folder, *, penalty_on_b: str = ""):
    """3 enterprises (A, B recognised; C rejected) and 3 project loans (2 recognised)."""
    loans = [
        {"loan_id": "L1", "code": "4.2.2", "status": "aligned", "project": "甲光伏",
         "borrower": "甲公司", "code_id": CODE_A},
        {"loan_id": "L2", "code": "7.2.2", "status": "aligned", "borrower": "乙公司",
         "code_id": CODE_B},
        {"loan_id": "L3", "code": "4.2.2", "status": "eligible", "borrower": "丙公司",
         "code_id": CODE_C},
    ]
    tagged = write_tagged(folder / "tagged", loans)
    comp = write_companies(folder / "companies.csv", [
        ["甲公司", CODE_A, "光伏", 90, 9, "是", "", "蓝", "否"],
        ["甲公司", CODE_A, "贸易", 10, 1, "否", "", "", ""],
        ["乙公司", CODE_B, "节能服务", 70, 7, "是", penalty_on_b, "蓝", "否"],
        ["乙公司", CODE_B, "设备销售", 30, 3, "否", "", "", ""],
        ["丙公司", CODE_C, "贸易", 100, 5, "否", "", "蓝", "否"],
    ])
    return recognise(tagged, company_data=comp, as_of=AS_OF, green_factories=False)


@pytest.fixture(scope="module")
def rec(tmp_path_factory):
    return _recognition(tmp_path_factory.mktemp("rec"))


def _audit_update_fails(url: str) -> bool:
    eng = create_engine(url)
    try:
        with eng.begin() as c:
            c.execute(text("UPDATE audit_log SET reason = 'tampered'"))
        return False
    except DBAPIError:
        return True
    finally:
        eng.dispose()


# --------------------------------------------------------------------------
# Schema
# --------------------------------------------------------------------------

def test_init_creates_then_is_a_no_op(db_url):
    s = Store(db_url)
    with pytest.raises(StoreError, match="greenkit library init"):
        s.require_current()
    assert s.init(ACTOR) == {"from": 0, "to": SCHEMA_VERSION, "url": s._safe_url}
    assert s.init(ACTOR)["from"] == SCHEMA_VERSION
    assert s.version() == SCHEMA_VERSION
    a = s.audit()
    assert a["action"].tolist() == ["schema_init"]
    s.close()


def test_upgrade_from_version_1_keeps_data_and_adds_append_only_triggers(db_url):
    s = Store(db_url)
    s.init(ACTOR, target=1)
    assert s.version() == 1
    with pytest.raises(StoreError, match="version 1"):
        s.require_current()
    assert not _audit_update_fails(db_url)  # step 2 (the triggers) has not run yet
    res = s.init(ACTOR)
    assert res == {"from": 1, "to": 2, "url": s._safe_url}
    a = s.audit()
    assert a["action"].tolist() == ["schema_init", "schema_upgrade"]
    assert a["reason"].iloc[1] == "schema 1 → 2"
    assert _audit_update_fails(db_url)
    s.close()


# --------------------------------------------------------------------------
# Recognise → admit → withdraw → show
# --------------------------------------------------------------------------

def test_record_admit_withdraw_show(store, rec):
    res = store.record(rec, ACTOR)
    # recognised: enterprises 甲 (90 %) and 乙 (70 %); projects L1 and L2 (aligned); 丙 rejected
    assert res["candidates_created"] == 4 and res["rejected"] == 2
    e = store.entries()
    assert sorted(e["subject_key"]) == sorted([CODE_A, CODE_B, "L:L2", f"P:{CODE_A}:甲光伏"])
    assert set(e["status"]) == {"candidate"}

    adm = store.admit("2026-第一批", ACTOR, kind="enterprise", valid_from=dt.date(2026, 10, 1))
    assert adm["admitted"] == 2
    assert adm["valid_to"] == dt.date(2027, 9, 30)  # 12 months, last day inclusive
    again = store.admit("2026-第一批", ACTOR, kind="enterprise")
    assert again["admitted"] == 0  # nothing left to admit: no change, no audit row
    assert len(store.entries(status="admitted", batch="2026-第一批")) == 2
    assert len(store.entries(status="candidate", kind="project")) == 2
    tiers = store.entries(status="admitted").set_index("credit_code")["tier"]
    assert tiers[CODE_A] == "XLR-TE2" and tiers[CODE_B] == "XLR-TE2"  # 90 % and 70 %

    w = store.withdraw(CODE_B, "贷后检查：主营变更", ACTOR)
    assert w["previous_status"] == "admitted"
    with pytest.raises(InputError, match="already withdrawn"):
        store.withdraw(str(w["id"]), "again", ACTOR)
    with pytest.raises(InputError, match="needs a reason"):
        store.withdraw(CODE_A, "  ", ACTOR)

    info = store.show(str(w["id"]))
    assert info["entry"]["status"] == "withdrawn"
    assert info["entry"]["withdraw_reason"] == "贷后检查：主营变更"
    assert info["batch"] == "2026-第一批"
    assert [h["action"] for h in info["history"]] == ["candidate_created", "admitted",
                                                     "withdrawn"]
    assert {o["rule_id"] for o in info["decision"]["outcomes"]} >= {"XLR-E01", "XLR-S01"}
    assert info["decision"]["values"]["green_revenue_share"] == pytest.approx(0.7)  # 70/100
    assert info["evidence"][0]["type"] == "business_lines"
    p = store.show(f"P:{CODE_A}:甲光伏")
    assert p["project"]["carbon_effect"] == "direct"
    assert {x["type"] for x in p["evidence"]} == {"taxonomy_tag"}


def test_re_recognition_withdraws_stale_candidates_and_flags_admitted(store, rec, tmp_path):
    store.record(rec, ACTOR)
    store.admit("B1", ACTOR, ids=[CODE_A])
    # Next quarter 乙 has an environmental penalty: its enterprise candidate and its
    # project L2 (screened through the borrower) are no longer recognised → withdrawn.
    later = _recognition(tmp_path, penalty_on_b="2026-05-01")
    res = store.record(later, ACTOR)
    assert res["candidates_withdrawn"] == 2        # 乙 enterprise + project L:L2
    assert res["candidates_refreshed"] == 1        # 甲's project, still a candidate
    assert res["admitted_unchanged"] == 1          # 甲 enterprise, admitted in B1
    e = store.entries().set_index("subject_key")
    assert e.loc[CODE_B, "status"] == "withdrawn"
    assert e.loc["L:L2", "status"] == "withdrawn"
    assert "XLR-S01" in store.show("L:L2")["entry"]["withdraw_reason"]
    assert e.loc[CODE_A, "status"] == "admitted"
    actions = store.audit()["action"].value_counts()
    assert actions["candidate_withdrawn"] == 2


# --------------------------------------------------------------------------
# Audit log
# --------------------------------------------------------------------------

def test_audit_log_is_append_only(store, rec):
    store.record(rec, ACTOR)
    assert not any(hasattr(Store, n) for n in ("delete_audit", "update_audit", "clear_audit"))
    eng = create_engine(store.url)
    for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            with eng.begin() as c:
                c.execute(text(sql))
    eng.dispose()
    assert len(store.audit()) > 0


def test_every_state_change_has_an_audit_row(store, rec, tmp_path):
    store.record(rec, ACTOR)
    store.admit("B1", "alice", kind="enterprise", reason="季度入库")
    store.withdraw(CODE_A, "企业申请退出", "bob")
    store.record(_recognition(tmp_path, penalty_on_b="2026-05-01"), "carol")
    entries = store.entries()
    audit = store.audit()
    assert audit[["at", "actor", "action", "reason"]].notna().all().all()
    assert (audit["reason"].str.len() > 0).all()
    by_entry = audit[audit["entity"] == "entry"].groupby("entity_id")["action"].agg(list)
    expected_last = {"candidate": {"candidate_created", "candidate_refreshed"},
                     "admitted": {"admitted"}, "withdrawn": {"withdrawn",
                                                             "candidate_withdrawn"}}
    for row in entries.itertuples():
        history = by_entry[str(row.id)]
        assert history[0] == "candidate_created"
        state_changes = [a for a in history if a != "review_needed"]
        assert state_changes[-1] in expected_last[row.status], (row, history)
    # who and why
    adm = audit[audit["action"] == "admitted"]
    assert set(adm["actor"]) == {"alice"} and set(adm["reason"]) == {"季度入库"}
    wd = audit[audit["action"] == "withdrawn"].iloc[0]
    assert (wd["actor"], wd["reason"]) == ("bob", "企业申请退出")
    # 乙 was admitted, then penalised: still admitted (a person decides), flagged for review
    review = audit[audit["action"] == "review_needed"]
    assert len(review) == 1 and "XLR-S01" in review["reason"].iloc[0]
    assert review["actor"].iloc[0] == "carol"


# --------------------------------------------------------------------------
# Export and idempotent re-import
# --------------------------------------------------------------------------

def _snapshot(store: Store) -> dict[str, list]:
    eng = create_engine(store.url)
    out = {}
    with eng.connect() as c:
        for t in ("enterprises", "projects", "batches", "entries", "runs", "decisions",
                  "evidence"):
            out[t] = [tuple(r) for r in c.execute(text(f"SELECT * FROM {t} ORDER BY 1"))]
    eng.dispose()
    return out


def test_reimport_of_the_same_batch_changes_nothing(store, rec, tmp_path, db_url):
    from greenkit.cli.library import export_sheet

    store.record(rec, ACTOR)
    store.admit("2026-第一批", ACTOR, valid_from=dt.date(2026, 10, 1))
    frame = store.export_frame()
    assert len(frame) == 4
    xlsx = export_sheet(frame, tmp_path / "sub.xlsx", "xlsx")
    head = pd.read_excel(xlsx, nrows=0).columns.tolist()
    assert {"企业名称", "统一社会信用代码", "项目名称", "绿色分类", "入库批次", "入库日期",
            "有效期至", "层级", "认定依据", "碳减排量（吨二氧化碳当量）"} <= set(head)

    # Into an empty library, twice.
    if db_url.startswith("sqlite"):
        other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    else:
        store.close()
        pg.reset_database(db_url)
        other = Store(db_url)
    other.init(ACTOR)
    first = other.import_file(xlsx, ACTOR)
    assert first["changed"] and first["entries_admitted"] == 4
    assert first["enterprises_new"] == 2 and first["projects_new"] == 2
    before = _snapshot(other)
    n_audit = len(other.audit())
    second = other.import_file(xlsx, ACTOR)
    assert not second["changed"] and second["entries_unchanged"] == 4
    assert _snapshot(other) == before
    audit = other.audit()
    assert len(audit) == n_audit + 1
    last = audit.iloc[-1]
    assert last["action"] == "import_noop"
    assert last["reason"] == f"no change: all 4 rows of {xlsx} are already in the library"
    # JSON export → import is a no-op too (same rows, different file)
    js = export_sheet(other.export_frame(), tmp_path / "sub.json", "json")
    assert not other.import_file(js, ACTOR)["changed"]
    assert _snapshot(other) == before
    other.close()


def test_import_rejects_bad_rows_with_row_and_column(store, tmp_path):
    p = tmp_path / "bad.csv"
    pd.DataFrame({"主体类型": ["企业", "企业"], "企业名称": ["甲", "乙"],
                  "统一社会信用代码": [CODE_A, "91350200MA2Y0000X0"],
                  "入库批次": ["B", "B"]}).to_csv(p, index=False)
    frame, sha = read_submission(p)
    with pytest.raises(InputError, match=r"row 3, column 统一社会信用代码"):
        store.import_frame(frame, str(p), sha, ACTOR)
    assert store.entries().empty  # nothing half-imported


# --------------------------------------------------------------------------
# Two processes admitting at once (SQLite file and PostgreSQL in the same two
# spawned processes, to pay their start-up once)
# --------------------------------------------------------------------------

def _concurrency_store(url: str, folder, n: int) -> tuple[Store, list[str]]:
    st = Store(url)
    st.init(ACTOR)
    loans = [{"loan_id": f"C{i:03d}", "code": "4.2.2", "status": "aligned",
              "borrower": f"企业{i}", "code_id": code(100 + i)} for i in range(n)]
    r = recognise(write_tagged(folder, loans), as_of=AS_OF, green_factories=False)
    st.record(r, ACTOR)
    ids = [str(i) for i in st.entries(status="candidate")["id"]]
    assert len(ids) == n
    return st, ids


def test_two_processes_admitting_at_once_lose_nothing(tmp_path):
    n = 16
    targets = [_concurrency_store(f"sqlite:///{tmp_path / 'conc.db'}", tmp_path / "t1", n)]
    try:
        url = pg.pg_url()
        pg.reset_database(url)
        targets.append(_concurrency_store(url, tmp_path / "t2", n))
    except pg.PgUnavailable as exc:
        msg = f"concurrent admit NOT tested on PostgreSQL — no server could be started: {exc}"
        if os.environ.get("GREENKIT_REQUIRE_PG") == "1":
            pytest.fail(msg)
        warnings.warn(msg, stacklevel=1)
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    # Both processes try every candidate, in opposite orders, one transaction each,
    # into a batch that does not exist yet.
    jobs = {who: [(st.url, order(ids)) for st, ids in targets]
            for who, order in (("proc-a", list), ("proc-b", lambda x: x[::-1]))}
    procs = [ctx.Process(target=pg.admit_worker, args=(jobs[who], "并发批次", who, barrier, out))
             for who in jobs]
    for p in procs:
        p.start()
    results = [out.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    errors = [e for _, _, e in results if e]
    assert not errors, errors
    for k, (st, ids) in enumerate(targets):
        got = {who: set(adm[k]) for who, adm, _ in results}
        assert got["proc-a"].isdisjoint(got["proc-b"]), st.url    # nobody admitted twice
        assert sorted(got["proc-a"] | got["proc-b"]) == sorted(int(i) for i in ids)
        e = st.entries()
        assert (e["status"] == "admitted").all() and (e["batch"] == "并发批次").all()
        audit = st.audit()
        admitted = audit[audit["action"] == "admitted"]
        assert len(admitted) == n and admitted["entity_id"].is_unique
        assert (audit["action"] == "batch_created").sum() == 1
        assert set(admitted["actor"]) <= {"proc-a", "proc-b"}
        st.close()


def test_pg_helper_names_what_is_missing(monkeypatch):
    monkeypatch.setattr(pg.glob, "glob", lambda pattern: [])
    with pytest.raises(pg.PgUnavailable, match=r"/usr/lib/postgresql/\*/bin/initdb not found"):
        pg._bin_dir()
