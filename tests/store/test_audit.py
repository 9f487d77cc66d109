import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from xborder.actions.access import add_user, create_token
from xborder.core.actors import CLI
from xborder.store.audit import verify_chain


def _fill(node, n=5):
    for i in range(n):
        add_user(node, f"user{i}", "analyst", acting=CLI)


def test_an_untouched_chain_verifies(node):
    _fill(node)
    create_token(node, "bank", acting=CLI)
    with node.engine.connect() as conn:
        check = verify_chain(conn)
    assert check.ok and check.rows == 6


def test_the_database_refuses_updates_and_deletes(node):
    _fill(node, 1)
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            with node.engine.begin() as conn:
                conn.execute(text(statement))


def _drop_guards(conn, dialect):
    if dialect == "sqlite":
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))
    else:
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))


@pytest.mark.parametrize("tamper, bad_seq", [
    ("UPDATE audit_log SET details = '{\"username\": \"mallory\"}' WHERE seq = 3", 3),
    ("DELETE FROM audit_log WHERE seq = 2", 2),
    ("DELETE FROM audit_log WHERE seq = 5", 5),
])
def test_tampering_is_found_even_with_the_guards_removed(node, tamper, bad_seq):
    _fill(node)
    with node.engine.begin() as conn:
        _drop_guards(conn, node.engine.dialect.name)
        conn.execute(text(tamper))
    with node.engine.connect() as conn:
        check = verify_chain(conn)
    assert not check.ok
    assert check.first_bad_seq == bad_seq


def test_rehashing_one_row_still_breaks_the_next_link(node):
    _fill(node)
    with node.engine.begin() as conn:
        _drop_guards(conn, node.engine.dialect.name)
        conn.execute(text("UPDATE audit_log SET hash = :h WHERE seq = 2"), {"h": "f" * 64})
    with node.engine.connect() as conn:
        check = verify_chain(conn)
    assert not check.ok and check.first_bad_seq == 2
