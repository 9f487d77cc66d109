"""Shared fixtures: nodes on SQLite and real PostgreSQL, clients, tokens per role."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from xborder.core.actors import CLI
from xborder.node import Node, open_node
from xborder.settings import Settings, load_settings
from xborder.store.db import make_engine
from xborder.store.migrate import upgrade
from xborder.store.tables import metadata

PG_URL = os.environ.get("XBORDER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
BACKENDS = ("sqlite", "postgresql")
TEST_KEY = Fernet.generate_key().decode()


def _settings(tmp: Path, url: str) -> Settings:
    base = load_settings({"XBORDER_HOME": str(tmp), "XBORDER_DATABASE_URL": url, "XBORDER_NODE_COUNTRY": "TH"})
    # No background publisher in tests: a test that wants one turns it on.
    return replace(base, secret_key=TEST_KEY, publish_seconds=0, relink_seconds=0)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "xborder.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A throw-away PostgreSQL database for this test session, migrated once."""
    admin_url = make_url(PG_URL)
    name = f"xborder_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - turn any connection failure into one clear message
        pytest.fail(f"PostgreSQL is required for the storage tests and is not reachable at {PG_URL}: {exc}. "
                    "Run the tests with `bash scripts/test`, which starts it.")
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_pg(url: str) -> None:
    engine = create_engine(url)
    names = ", ".join(t.name for t in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def make_node(tmp_path, sqlite_template, request):
    """make_node("sqlite" | "postgresql") -> a Node on an empty, migrated database."""
    made: list[Node] = []

    def factory(backend: str = "sqlite") -> Node:
        if backend == "sqlite":
            path = tmp_path / f"node{len(made)}.db"
            shutil.copy(sqlite_template, path)
            url = f"sqlite:///{path}"
        else:
            url = request.getfixturevalue("pg_database")
            _truncate_pg(url)
        node = open_node(_settings(tmp_path, url))
        made.append(node)
        return node

    yield factory
    for node in made:
        node.close()


@pytest.fixture(params=BACKENDS)
def node(request, make_node) -> Node:
    """A node on each backend in turn: storage tests run on SQLite and PostgreSQL."""
    return make_node(request.param)


@pytest.fixture
def sqlite_node(make_node) -> Node:
    return make_node("sqlite")


@pytest.fixture
def tokens(node):
    """tokens["analyst"] -> a live token of that role on `node`."""
    from xborder.actions.access import create_token
    from xborder.core.taxonomy import ROLES

    return {role: create_token(node, role, acting=CLI, name=f"test-{role}").token for role in ROLES}


@pytest.fixture
def client(node):
    from fastapi.testclient import TestClient

    from xborder.web.app import create_app

    with TestClient(create_app(node)) as c:
        yield c


@pytest.fixture
def headers(tokens) -> dict[str, dict[str, str]]:
    """headers["bank"] -> request headers carrying a bank token."""
    return {role: {"Authorization": f"Bearer {tok}"} for role, tok in tokens.items()}
