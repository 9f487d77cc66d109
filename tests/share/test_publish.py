"""publish_changes: what becomes a STIX object version, and when a new version is made."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from sqlalchemy import select

from xborder.actions.indicator_marks import mark_indicator
from xborder.core.actors import CLI
from xborder.share.timestamps import parse_time
from xborder.share.vocab import TLP_MARKING_IDS
from xborder.store.audit import verify_chain
from xborder.store.tables import audit_log, share_objects

_spec = importlib.util.spec_from_file_location("share_serving_kit", Path(__file__).with_name("serving_kit.py"))
assert _spec is not None and _spec.loader is not None
kit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kit)

SCAM = "Fake police officer called from 081-234-5678 and told me to pay KBANK account 123-4-56789-0"
PHONE = "+66812345678"


def rows(node, **where):
    c = share_objects.c
    q = select(share_objects).order_by(c.seq)
    for name, value in where.items():
        q = q.where(getattr(c, name) == value)
    with node.engine.connect() as conn:
        return conn.execute(q).all()


def indicator_rows(node, value):
    return [r for r in rows(node, stix_type="indicator") if value in json.loads(r.body)["pattern"]]


def test_local_intelligence_is_published_once_and_partner_data_never(node):
    kit.file_report(node, SCAM)
    kit.file_report(node, "Partner saw a call from 081-999-8888", source="partner")
    done = kit.publish(node)
    assert done.indicators == 2 and done.versions == 17 + 8
    types = [r.stix_type for r in rows(node)]
    assert types.count("marking-definition") == 5 and types.count("identity") == 2
    assert types.count("extension-definition") == 10
    assert {r.kind for r in rows(node, stix_type="indicator")} == {"phone", "bank_account"}
    assert "+66819998888" not in json.dumps([r.body for r in rows(node)])  # only a partner report cites it
    assert kit.publish(node).versions == 0  # nothing changed, nothing new
    # date_added grows strictly with seq: added_after paging can neither skip nor repeat
    stamps = [r.date_added for r in rows(node)]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    with node.engine.connect() as conn:
        assert verify_chain(conn).ok
        actions = conn.execute(select(audit_log.c.action)).scalars().all()
    assert actions.count("publish_objects") == 2  # reference objects, then the indicators' chunk


def test_a_change_makes_a_new_version_with_a_later_modified_and_the_old_one_stops_being_latest(node):
    kit.file_report(node, SCAM)
    kit.publish(node)
    first = indicator_rows(node, PHONE)
    kit.file_report(node, "ตำรวจปลอมโทรจาก 081-234-5678 อีกครั้ง")
    done = kit.publish(node)
    assert done.examined == 1 and done.indicators == 1
    versions = indicator_rows(node, PHONE)
    assert len(versions) == 2 and [v.latest for v in versions] == [False, True]
    old, new = (json.loads(v.body) for v in versions)
    assert parse_time(new["modified"]) > parse_time(old["modified"]) and new["created"] == old["created"]
    assert new["confidence"] > old["confidence"] == first[0].confidence
    sighting = [json.loads(r.body) for r in rows(node, stix_type="sighting", latest=True)
                if json.loads(r.body)["sighting_of_ref"] == new["id"]]
    assert sighting[0]["count"] == 2
    # the SCO did not change (same value, same TLP): no new version of it
    assert len([r for r in rows(node, stix_type="phone-number")]) == 1


def test_tlp_is_the_analysts_or_the_most_permissive_of_local_reports_and_red_is_never_published(node):
    kit.file_report(node, "Call from 081-234-5678", tlp="amber")
    kit.file_report(node, "Call again from 081-234-5678", tlp="green")
    kit.file_report(node, "Informant: wallet seller at 082-222-3333", tlp="red")
    kit.publish(node)
    (phone,) = indicator_rows(node, PHONE)
    assert phone.tlp == "green" and json.loads(phone.body)["object_marking_refs"] == [TLP_MARKING_IDS["green"]]
    assert not indicator_rows(node, "+66822223333")
    kit.set_indicator_tlp(node, "phone", PHONE, "amber+strict")
    kit.publish(node)
    assert indicator_rows(node, PHONE)[-1].tlp == "amber+strict"
    kit.set_indicator_tlp(node, "phone", PHONE, "red")
    assert kit.publish(node).versions == 0  # a red value gets no new version at all
    kit.set_indicator_tlp(node, "phone", PHONE, None)
    kit.publish(node)
    assert indicator_rows(node, PHONE)[-1].tlp == "green"


def test_a_false_positive_revokes_the_indicator_for_everyone_who_had_it_and_for_good(node):
    for _ in range(4):
        kit.file_report(node, "Call from 081-234-5678")
    kit.publish(node)
    before = indicator_rows(node, PHONE)[-1]
    mark_indicator(node, "phone", PHONE, "false_positive", acting=CLI)
    kit.publish(node)
    revoked = indicator_rows(node, PHONE)[-1]
    body = json.loads(revoked.body)
    assert body["revoked"] is True and body["confidence"] == 0
    # filtered as the version it replaces, so a partner with a confidence floor still learns of it
    assert revoked.confidence == before.confidence and revoked.tlp == before.tlp
    mark_indicator(node, "phone", PHONE, "confirmed", acting=CLI)
    kit.file_report(node, "Call from 081-234-5678 again")
    kit.publish(node)
    assert indicator_rows(node, PHONE)[-1].seq == revoked.seq  # STIX: no version after a revocation


def test_groupings_and_report_summaries_are_built_per_agreement(node):
    kit.file_report(node, SCAM, reporter={"name": "Somchai Jaidee", "phone": "0899999999"})
    kit.file_report(node, "Same gang, account 123-4-56789-0 again, my name is Malee Srisuk")
    phones, _ = kit.partner(node, "phones", kinds="phone")
    money, _ = kit.partner(node, "money", kinds="bank_account,phone", narratives="redacted")
    done = kit.publish(node)
    assert done.groupings == 2 and done.notes == 2
    groupings = {r.audience: json.loads(r.body) for r in rows(node, stix_type="grouping")}
    phone_id = indicator_rows(node, PHONE)[0].stix_id
    assert groupings[phones.id]["object_refs"] == [phone_id]  # the bank account is not theirs to see
    assert len(groupings[money.id]["object_refs"]) == 2
    assert groupings[phones.id]["id"] == groupings[money.id]["id"]
    notes = [json.loads(r.body) for r in rows(node, stix_type="note")]
    assert {r.audience for r in rows(node, stix_type="note")} == {money.id}
    text = json.dumps(notes)
    assert "Malee" not in text and "Somchai" not in text and "0899999999" not in text
    assert kit.publish(node).versions == 0
    # new terms: that agreement's objects are rebuilt
    from xborder.actions.agreements import Terms, set_agreement

    set_agreement(node, "phones", Terms(kinds="phone,bank_account"), acting=CLI)
    again = kit.publish(node)
    assert again.groupings == 1
    assert len(json.loads(rows(node, stix_type="grouping", audience=phones.id, latest=True)[0].body)
               ["object_refs"]) == 2
