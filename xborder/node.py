"""A running node's handles: settings, database engine, personal-data box."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from xborder.classify.loading import set_registry_dir
from xborder.settings import Settings, load_settings
from xborder.store.db import make_engine
from xborder.store.migrate import current_revision, head_revision, upgrade
from xborder.store.personal import PersonalDataBox, load_key


class NodeNotReady(RuntimeError):
    pass


@dataclass
class Node:
    settings: Settings
    engine: Engine
    box: PersonalDataBox

    def close(self) -> None:
        self.engine.dispose()


def open_node(settings: Settings | None = None, *, init: bool = False) -> Node:
    """Open the node's database; with init=True create or migrate it first."""
    settings = settings or load_settings()
    engine = make_engine(settings.database_url)
    if init:
        upgrade(engine)
    elif current_revision(engine) != head_revision():
        engine.dispose()
        raise NodeNotReady("the database is missing or not up to date: run `xborder init`")
    key = load_key(settings.secret_key, settings.secret_key_path, create=init)
    # The node classifies with the version its operators chose (`xborder model
    # use`), else the model shipped in the package.
    set_registry_dir(settings.home / "models")
    return Node(settings=settings, engine=engine, box=PersonalDataBox(key))
