"""The node's MISP feed (manifest.json + one event per network + hashes.csv), built from the same facts it shares.

Read-only: nothing here changes the database. What goes in follows an
agreement's terms: a partner's own agreement when a partner asks, else the
node-wide terms below (every kind that may leave the node, up to TLP:AMBER:
banks and telcos subscribe to this feed, and TLP:AMBER+STRICT is for the
node's own partners' organisations only).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, select

from xborder.actions._share_facts import Member, indicator_facts, network_facts
from xborder.actions.publish import node_identity
from xborder.core.clock import utcnow
from xborder.node import Node
from xborder.share.facts import IndicatorFacts, IndicatorKey, NetworkFacts
from xborder.share.misp import MispFeed, feed_files, misp_feed
from xborder.share.policy import Agreement, allows_export, allows_tlp, export_kinds
from xborder.share.stix import indicator_id
from xborder.share.timestamps import parse_time
from xborder.share.vocab import EXPORTABLE_KINDS
from xborder.store.share import all_local_indicator_ids, chunks, indicator_rows, latest_versions, network_rows
from xborder.store.tables import networks

NODE_WIDE = Agreement(kinds=frozenset(EXPORTABLE_KINDS), tlp_max="amber", min_confidence=0)


def build_misp_feed(node: Node, terms: Agreement = NODE_WIDE) -> MispFeed:
    """The feed for `terms`: indicators it lets out (revoked ones as deleted attributes) and their networks."""
    now = utcnow()
    identity = node_identity(node)
    with node.engine.connect() as conn:
        facts: dict[int, IndicatorFacts] = {}
        for part in chunks(all_local_indicator_ids(conn)):
            facts.update(indicator_facts(indicator_rows(conn, part), now))
        facts = {i: f for i, f in facts.items() if _admitted(terms, f)}
        facts = _with_published_times(conn, identity.country, facts, now)
        members = {i: Member(f.key, f.tlp, f.confidence) for i, f in facts.items() if not f.revoked}
        active: list[int] = list(conn.execute(select(networks.c.id).where(networks.c.status == "active")).scalars())
        nets: list[NetworkFacts] = []
        for part in chunks(active, 1000):
            for rows in network_rows(conn, part):
                net = network_facts(rows, members, terms, node.settings.rates_per_usd, now)
                if net is not None:
                    nets.append(net)
    by_key: dict[IndicatorKey, IndicatorFacts] = {f.key: f for f in facts.values()}
    return misp_feed(identity, nets, by_key)


def _admitted(terms: Agreement, f: IndicatorFacts) -> bool:
    if f.revoked:
        # A withdrawal goes to whoever may see the kind at that TLP, whatever the confidence.
        return f.kind in export_kinds(terms) and allows_tlp(terms, f.tlp)
    return allows_export(terms, f.kind, f.tlp, f.confidence)


def _with_published_times(conn: Connection, country: str, facts: dict[int, IndicatorFacts],
                          now: datetime) -> dict[int, IndicatorFacts]:
    """Each indicator's `modified` as published, so MISP sees an event change only when it did."""
    ids = {indicator_id(country, f.kind, f.value): i for i, f in facts.items()}
    latest = latest_versions(conn, ids)
    out = dict(facts)
    for (sid, audience), v in latest.items():
        if audience is None and sid in ids:
            out[ids[sid]] = replace(facts[ids[sid]], modified=parse_time(v.modified))
    return out


def write_misp_feed(feed: MispFeed, folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for name, data in feed_files(feed).items():
        (folder / name).write_bytes(data)
        names.append(name)
    return names
