"""Migrations from 0002 on (indicator_marks, victim_key): a 0002 database upgrades with its data; the schema matches tables.py."""

from __future__ import annotations

from datetime import datetime, timezone

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, select

from xborder.store.db import make_engine
from xborder.store.migrate import current_revision, head_revision, upgrade
from xborder.store.tables import indicator_marks, indicators, labels, metadata, observations, reports

AT = datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc)


def test_a_0002_database_upgrades_to_head_and_keeps_its_data(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(insert(reports).values(
            id=1, country="TH", channel="sms", text="Call 081-234-5678", language="en", scam_probability=0.9,
            scam_type="impersonation", reported_at=AT, created_at=AT, source="api", status="labelled",
            relink_needed=False))
        conn.execute(insert(indicators).values(id=7, kind="phone", value="+66812345678", report_count=1,
                                               first_seen=AT, last_seen=AT))
        conn.execute(insert(observations).values(report_id=1, indicator_id=7, span_start=5, span_end=17,
                                                 role="mentioned"))
        conn.execute(insert(labels).values(report_id=1, label="impersonation", actor="token:a", created_at=AT))

    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.begin() as conn:
        assert conn.execute(select(reports.c.text)).scalars().all() == ["Call 081-234-5678"]
        assert conn.execute(select(indicators.c.id, indicators.c.value)).all() == [(7, "+66812345678")]
        assert conn.execute(select(observations.c.indicator_id)).scalars().all() == [7]
        assert conn.execute(select(labels.c.label, labels.c.actor)).all() == [("impersonation", "token:a")]
        conn.execute(insert(indicator_marks).values(indicator_id=7, verdict="false_positive", actor="token:a",
                                                    created_at=AT))
        assert conn.execute(select(indicator_marks.c.verdict, indicator_marks.c.note)).all() == [
            ("false_positive", None)]
    engine.dispose()


def test_the_migrated_schema_is_what_tables_py_says(node):
    with node.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
