"""index.py: entries, and risk that decays on read exactly as link/risk.py scores it."""

import random
from datetime import datetime, timezone

import numpy as np
import pytest

from xborder.core.indicators import KINDS
from xborder.link.risk import risk_scores
from xborder.lookup.build import build_from_arrays
from xborder.lookup.evidence import EvidenceRows, apply_evidence
from xborder.lookup.index import KIND_CODE, LookupIndex
from xborder.lookup.verdict import MALICIOUS, SUSPICIOUS, UNKNOWN

DAY = 86400.0
T0 = datetime(2025, 6, 1, tzinfo=timezone.utc).timestamp()


def add(index, kind, value, *, count=1, at=T0, wl=None):
    return index.upsert(len(index) + 1, kind, value, wl, count, at, at)


def report(index, row, at, source="api", country="TH", scam="impersonation", network=None):
    index.add_report(row, at=at, source=source, country=country, scam_type=scam, network=network)


def test_an_entry_says_what_the_reports_said():
    index = LookupIndex(epoch=T0)
    row = add(index, "phone", "+66812345678", count=2)
    report(index, row, T0 - DAY, network=7)
    report(index, row, T0, source="import", country="KH", scam="investment", network=9)
    e = index.lookup("phone", "+66812345678", T0)
    assert (e.kind, e.value, e.indicator_id, e.report_count) == ("phone", "+66812345678", 1, 2)
    assert e.scam_types == ("impersonation", "investment") and e.countries == ("KH", "TH")
    assert e.sources == ("api", "import") and e.network == 9  # the newest report's network
    assert e.risk == 33 and e.verdict == SUSPICIOUS and e.mark is None  # 1 + 0.5 ** (1/60) reports
    assert index.lookup("phone", "+66899999999", T0) is None
    assert index.lookup("bank_account", "+66812345678", T0) is None  # kinds are apart


def _reference(kind, evidence, now):
    """link/risk.py on the same evidence: (evidence kind, unix time, source)."""
    at = np.array([datetime.fromtimestamp(t, tz=timezone.utc).replace(tzinfo=None) for _, t, _ in evidence],
                  dtype="datetime64[us]")
    scores = risk_scores([kind], [0] * len(evidence), [k for k, _, _ in evidence], at,
                         [s for _, _, s in evidence], datetime.fromtimestamp(now, tz=timezone.utc))
    return int(scores.score[0])


def test_risk_on_read_equals_link_risk_for_any_evidence_at_any_time():
    rng = random.Random(7)
    index = LookupIndex(epoch=T0)
    cases = []
    for i in range(300):
        kind = rng.choice(KINDS)
        row = add(index, kind, f"v{i}")
        evidence = []
        marks = EvidenceRows()
        for j in range(rng.randint(0, 6)):
            at = T0 + rng.uniform(-400, 200) * DAY
            what = rng.choice(["report", "report", "sighting", "confirmed", "false_positive"])
            if what == "report":
                source = f"report:{i}-{j}"
                report(index, row, at)
                evidence.append(("report", at, source))
            elif what == "sighting":
                country = rng.choice(["KH", "LA"])
                marks.sighting(row, int(at * 1e6), country)
                evidence.append(("sighting", at, f"partner:{country}"))
            else:
                actor = rng.choice(["token:a", "token:b"])
                marks.mark(row, what, int(at * 1e6), actor)
                evidence.append(("confirmation" if what == "confirmed" else "false_positive", at, actor))
        apply_evidence(index, [row], marks)
        cases.append((row, kind, evidence))
    for now in (T0 + 201 * DAY, T0 + 400 * DAY):
        rows = np.array([row for row, _, _ in cases])
        vector = index.risks(rows, now)
        for (row, kind, evidence), many in zip(cases, vector.tolist()):
            expected = _reference(kind, evidence, now)
            # float32 masses may round a score sitting on .5 the other way
            assert abs(index.risk(row, now) - expected) <= 1, (kind, evidence)
            assert many == index.risk(row, now)
    exact = sum(index.risk(row, T0 + 201 * DAY) == _reference(kind, ev, T0 + 201 * DAY) for row, kind, ev in cases)
    assert exact >= 295
    # moving the epoch changes no score
    before = index.risks(rows, T0 + 400 * DAY)
    index.rebase(T0 + 300 * DAY)
    assert np.abs(index.risks(rows, T0 + 400 * DAY) - before).max() <= 1


def test_documented_scores_and_verdicts():
    index = LookupIndex(epoch=T0)
    one = add(index, "phone", "+66800000001")
    report(index, one, T0)
    three = add(index, "phone", "+66800000003", count=3)
    for _ in range(3):
        report(index, three, T0)
    assert index.entry(one, T0).risk == 18 and index.entry(one, T0).verdict == SUSPICIOUS
    assert index.entry(three, T0).risk == 45 and index.entry(three, T0).verdict == MALICIOUS
    # a phone's evidence halves every 60 days: three old reports are no longer enough
    assert index.entry(three, T0 + 60 * DAY).verdict == SUSPICIOUS
    assert index.entry(three, T0 + 5 * 365 * DAY).verdict == UNKNOWN

    marks = EvidenceRows()
    marks.mark(three, "false_positive", int(T0 * 1e6), "token:analyst")
    apply_evidence(index, [three], marks)
    e = index.entry(three, T0)
    assert (e.risk, e.verdict, e.mark) == (0, UNKNOWN, "false_positive")
    marks.mark(three, "confirmed", int((T0 + 1) * 1e6), "token:analyst")
    apply_evidence(index, [three], marks)
    e = index.entry(three, T0 + 1)
    assert (e.verdict, e.mark) == (MALICIOUS, "confirmed") and e.risk == 83  # confirmation + three reports


def test_a_warninglisted_value_never_scores():
    index = LookupIndex(epoch=T0)
    row = add(index, "phone", "+6628888888", count=50, wl="bank-call-centres")
    for _ in range(50):
        report(index, row, T0)
    e = index.entry(row, T0)
    assert (e.risk, e.verdict, e.warninglist) == (0, "official", "bank-call-centres")
    assert index.risks(np.array([row]), T0).tolist() == [0]


def test_columns_grow_without_losing_rows_and_merges_move_networks():
    index = LookupIndex(epoch=T0, capacity=16)
    rows = [add(index, "bank_account", f"{10000000 + i}") for i in range(100)]
    for row in rows:
        report(index, row, T0, network=row % 3 + 1)
    assert index.cols.capacity >= 100 and len(index) == 100
    assert all(index.lookup("bank_account", f"{10000000 + i}", T0).network == i % 3 + 1 for i in range(100))
    moved = index.remap_networks({1: 2, 2: 3})  # 1 -> 2 -> 3 in one batch
    assert moved == 67
    assert {index.entry(r, T0).network for r in rows} == {3}


def test_bulk_load_from_arrays():
    n = 1000
    values = [f"+668{i:08d}" for i in range(n)]
    index = build_from_arrays(epoch=T0, ids=np.arange(1, n + 1), kinds=np.full(n, KIND_CODE["phone"]), values=values,
                              counts=np.full(n, 3), first=np.full(n, int(T0)), last=np.full(n, int(T0)),
                              mass=np.full(n, 3.0))
    e = index.lookup("phone", values[500], T0)
    assert e.indicator_id == 501 and e.risk == 45 and e.verdict == MALICIOUS
    with pytest.raises(ValueError, match="duplicate"):
        index.load(np.array([5000]), np.array([KIND_CODE["phone"]]), [values[0]], np.zeros(1), np.ones(1),
                   np.zeros(1), np.zeros(1))
