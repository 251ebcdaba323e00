"""The library's tables (SQLAlchemy 2.0 declarative), portable to SQLite and PostgreSQL.

``enterprises`` are keyed by unified social credit code; ``projects`` by a
project key (``P:<credit code>:<project name>`` or ``L:<loan id>``).
``entries`` are library entries — one subject's life in the library, with a
status (candidate → admitted → withdrawn), a batch (入库批次) and validity
dates; at most one *live* (candidate or admitted) entry per subject, enforced
by a partial unique index on both databases. ``decisions`` keep what each
recognition (or import) decided and why; ``evidence`` hangs off decisions.
``audit_log`` is append-only: the store has no update or delete for it, and
database triggers (schema step 2) refuse UPDATE, DELETE and TRUNCATE.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

STATUSES = ("candidate", "admitted", "withdrawn")
LIVE = ("candidate", "admitted")
KINDS = ("enterprise", "project")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class SchemaVersion(Base):
    __tablename__ = "greenkit_schema"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    upgraded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class Enterprise(Base):
    __tablename__ = "enterprises"

    credit_code: Mapped[str] = mapped_column(String(18), primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    name_key: Mapped[str | None] = mapped_column(Text, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_key: Mapped[str] = mapped_column(String(600), unique=True, nullable=False)
    credit_code: Mapped[str] = mapped_column(ForeignKey("enterprises.credit_code"),
                                             nullable=False, index=True)
    name: Mapped[str | None] = mapped_column(Text)
    loan_ids: Mapped[str | None] = mapped_column(Text)
    industry_code: Mapped[str | None] = mapped_column(String(16))
    region: Mapped[str | None] = mapped_column(Text)
    taxonomy_edition: Mapped[str | None] = mapped_column(String(64))
    taxonomy_code: Mapped[str | None] = mapped_column(String(32))
    taxonomy_name: Mapped[str | None] = mapped_column(Text)
    carbon_effect: Mapped[str | None] = mapped_column(String(16))
    reduction_tco2e: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class Batch(Base):
    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)


class Run(Base):
    """One recognition run or one import."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(16), nullable=False)  # recognise | import
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    actor: Mapped[str] = mapped_column(String(200), nullable=False)
    rules: Mapped[str | None] = mapped_column(String(200))
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    inputs: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    counts: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Decision(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    subject_key: Mapped[str] = mapped_column(String(600), nullable=False, index=True)
    name: Mapped[str | None] = mapped_column(Text)
    credit_code: Mapped[str | None] = mapped_column(String(18))
    recognised: Mapped[bool] = mapped_column(Boolean, nullable=False)
    tier: Mapped[str | None] = mapped_column(String(64))
    tier_label: Mapped[str | None] = mapped_column(Text)
    rules_fired: Mapped[str | None] = mapped_column(Text)
    reasons: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    outcomes: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    values: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Entry(Base):
    __tablename__ = "entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    subject_key: Mapped[str] = mapped_column(String(600), nullable=False)
    name: Mapped[str | None] = mapped_column(Text)
    credit_code: Mapped[str | None] = mapped_column(String(18), index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    tier: Mapped[str | None] = mapped_column(String(64))
    tier_label: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    admitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    withdraw_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("uq_entries_live_subject", "kind", "subject_key", unique=True,
              sqlite_where=text("status IN ('candidate', 'admitted')"),
              postgresql_where=text("status IN ('candidate', 'admitted')")),
        Index("ix_entries_status", "status"),
    )


class Evidence(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), nullable=False,
                                             index=True)
    evidence_type: Mapped[str] = mapped_column(String(64), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    value: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class AuditLog(Base):
    """Append-only: who, when, what, why."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    actor: Mapped[str] = mapped_column(String(200), nullable=False)
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    entity_id: Mapped[str | None] = mapped_column(String(600), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
