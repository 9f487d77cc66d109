"""GET /api/v1/networks/{network_id}/graph and GET /api/v1/reports/{a}/path/{b}."""

from __future__ import annotations

PHONE_X = "+66812345678"
ACCOUNT_Y = "1234567890"
BANK_HOTLINE = "+6628888888"  # KBANK's real call centre: on the warninglist


def file(client, text, country="TH", **extra):
    r = client.post("/api/v1/reports", json={"country": country, "text": text, **extra})
    assert r.status_code == 201, r.text
    return r.json()


def chain_of_three(client):
    """A -phone x- B -account y- C; A and C also quote the bank's real hotline."""
    a = file(client, "Fake police called from 081-234-5678. I checked with 02-888-8888 too late.",
             reported_at="2024-05-01T10:00:00Z")
    b = file(client, "He called from 081-234-5678 and said transfer to KBANK account 123-4-56789-0",
             reported_at="2024-05-02T10:00:00Z")
    c = file(client, "Paid the deposit to KBANK account 123-4-56789-0, then my bank 02-888-8888 said it was a scam",
             reported_at="2024-05-03T10:00:00Z")
    assert a["network_id"] == b["network_id"] == c["network_id"]
    return a, b, c


def step(s):
    return (s["kind"], s["id"] if s["kind"] == "report" else s["value"])


def test_a_small_network_is_drawn_whole_without_warninglisted_values(client, headers):
    a, b, c = chain_of_three(client)
    r = client.get(f"/api/v1/networks/{a['network_id']}/graph", headers=headers["investigator"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["network_id"] == a["network_id"] and body["status"] == "active" and body["merged_into"] is None

    reports = [n for n in body["nodes"] if n["kind"] == "report"]
    scam_type = a["classification"]["scam_type"]
    assert reports[0] == {"kind": "report", "id": a["id"], "label": f"TH, {scam_type}, 2024-05-01", "country": "TH",
                          "scam_type": scam_type, "reported_at": "2024-05-01T10:00:00Z", "degree": 1}
    assert [(n["id"], n["degree"]) for n in reports] == [(a["id"], 1), (b["id"], 2), (c["id"], 1)]

    indicators = {n["value"]: n for n in body["nodes"] if n["kind"] == "indicator"}
    assert sorted(indicators) == sorted([PHONE_X, ACCOUNT_Y])  # the bank hotline is left out
    x, y = indicators[PHONE_X], indicators[ACCOUNT_Y]
    assert x == {"kind": "indicator", "id": x["id"], "label": f"phone {PHONE_X}", "indicator_kind": "phone",
                 "value": PHONE_X, "degree": 2}
    assert y["indicator_kind"] == "bank_account" and y["degree"] == 2

    assert body["edges"] == [{"report": a["id"], "indicator": x["id"]}, {"report": b["id"], "indicator": x["id"]},
                             {"report": b["id"], "indicator": y["id"]}, {"report": c["id"], "indicator": y["id"]}]
    none = {"reports": 0, "indicators": 0, "edges": 0}
    assert body["summary"] == {"reports": 3, "indicators": 2, "edges": 4,
                               "shown": {"reports": 3, "indicators": 2, "edges": 4}, "left_out": none,
                               "truncated": False, "complete": True, "limit": 300}


def test_a_huge_network_is_bounded_and_says_what_is_left_out(client, headers):
    filed = [file(client, f"Courier scam: call 081-234-5678, or their second line 089-123-45{i:02d}")
             for i in range(40)]
    network_id = filed[0]["network_id"]
    assert {f["network_id"] for f in filed} == {network_id}

    body = client.get(f"/api/v1/networks/{network_id}/graph?limit=10", headers=headers["analyst"]).json()
    assert len(body["nodes"]) <= 10
    shown = body["summary"]["shown"]
    assert body["summary"]["reports"] == 40 and body["summary"]["indicators"] == 41
    assert body["summary"]["edges"] == 80 and body["summary"]["truncated"] is True
    assert body["summary"]["left_out"] == {"reports": 40 - shown["reports"], "indicators": 41 - shown["indicators"],
                                           "edges": 80 - shown["edges"]}
    assert shown["reports"] + shown["indicators"] == len(body["nodes"])
    # The phone every report cites is kept first, with its degree over the whole network.
    hub = next(n for n in body["nodes"] if n["kind"] == "indicator" and n["value"] == PHONE_X)
    assert hub["degree"] == 40
    # Every edge joins shown nodes, and every shown node has an edge.
    ids = {(n["kind"], n["id"]) for n in body["nodes"]}
    ends = {("report", e["report"]) for e in body["edges"]} | {("indicator", e["indicator"]) for e in body["edges"]}
    assert ends == ids and len(body["edges"]) == shown["edges"]

    whole = client.get(f"/api/v1/networks/{network_id}/graph?limit=2000", headers=headers["analyst"]).json()
    assert len(whole["nodes"]) == 81 and whole["summary"]["truncated"] is False
    for bad in (1, 2001, "many"):
        r = client.get(f"/api/v1/networks/{network_id}/graph?limit={bad}", headers=headers["analyst"])
        assert r.status_code == 422 and r.json()["field"] == "limit"


def test_a_report_citing_only_warninglisted_values_is_drawn_alone(client, headers):
    alone = file(client, "Someone claiming to be my bank asked me to call back on 02-888-8888")
    body = client.get(f"/api/v1/networks/{alone['network_id']}/graph", headers=headers["admin"]).json()
    assert [(n["kind"], n["id"], n["degree"]) for n in body["nodes"]] == [("report", alone["id"], 0)]
    assert body["edges"] == [] and body["summary"]["reports"] == 1 and body["summary"]["indicators"] == 0


def test_a_merged_network_answers_with_its_merged_into(client, headers):
    first = file(client, "Loan scam, they called from 081-234-5678")
    second = file(client, "Loan app asked a fee by LINE, number 089-876-5432")
    both = file(client, "Fee again: 081-234-5678 and 089-876-5432")
    survivor = both["network_id"]
    gone = ({first["network_id"], second["network_id"]} - {survivor}).pop()
    body = client.get(f"/api/v1/networks/{gone}/graph", headers=headers["analyst"]).json()
    assert body["status"] == "merged" and body["merged_into"] == survivor
    assert body["graph_url"] == f"/api/v1/networks/{survivor}/graph"
    assert body["nodes"] == [] and body["edges"] == []
    live = client.get(f"/api/v1/networks/{survivor}/graph", headers=headers["analyst"]).json()
    assert live["summary"]["reports"] == 3 and live["summary"]["indicators"] == 2


def test_the_path_between_two_reports_goes_through_shared_linkable_indicators(client, headers):
    a, b, c = chain_of_three(client)
    r = client.get(f"/api/v1/reports/{a['id']}/path/{c['id']}", headers=headers["analyst"])
    assert r.status_code == 200, r.text
    body = r.json()
    # A and C both quote the bank's hotline, yet the chain goes through B: a warninglisted value links nothing.
    assert [step(s) for s in body["path"]] == [("report", a["id"]), ("indicator", PHONE_X), ("report", b["id"]),
                                              ("indicator", ACCOUNT_Y), ("report", c["id"])]
    assert BANK_HOTLINE not in r.text
    assert body["from"] == a["id"] and body["to"] == c["id"] and body["network_id"] == a["network_id"]
    assert body["length"] == 2 and body["reason"] is None
    assert body["path"][1] == {"kind": "indicator", "id": body["path"][1]["id"], "label": f"phone {PHONE_X}",
                               "indicator_kind": "phone", "value": PHONE_X}
    assert body["path"][0]["reported_at"] == "2024-05-01T10:00:00Z"

    back = client.get(f"/api/v1/reports/{c['id']}/path/{a['id']}", headers=headers["investigator"]).json()
    assert [step(s) for s in back["path"]] == [step(s) for s in reversed(body["path"])]
    itself = client.get(f"/api/v1/reports/{b['id']}/path/{b['id']}", headers=headers["admin"]).json()
    assert [step(s) for s in itself["path"]] == [("report", b["id"])] and itself["length"] == 0


def test_reports_in_different_networks_have_no_path(client, headers):
    a, _, _ = chain_of_three(client)
    other = file(client, "Romance scam, he asked for money by phone 089-555-1234 and told me to call 02-888-8888")
    assert other["network_id"] != a["network_id"]
    r = client.get(f"/api/v1/reports/{a['id']}/path/{other['id']}", headers=headers["analyst"])
    assert r.status_code == 200
    assert r.json() == {"from": a["id"], "to": other["id"], "network_id": None, "path": None,
                        "reason": "not in the same network"}


def test_only_investigators_read_graphs_and_paths(client, headers):
    a, b, _ = chain_of_three(client)
    for url in (f"/api/v1/networks/{a['network_id']}/graph", f"/api/v1/reports/{a['id']}/path/{b['id']}"):
        r = client.get(url)
        assert r.status_code == 401 and r.json()["field"] == "authorization", url
        for role in ("bank", "public", "partner"):
            r = client.get(url, headers=headers[role])
            assert r.status_code == 403 and r.json()["field"] == "authorization", (url, role)
        for role in ("admin", "analyst", "investigator"):
            assert client.get(url, headers=headers[role]).status_code == 200, (url, role)


def test_unknown_networks_and_reports_are_404_naming_the_field(client, headers):
    a = file(client, "Scam call from 081-234-5678")
    r = client.get("/api/v1/networks/424242/graph", headers=headers["analyst"])
    assert r.status_code == 404 and r.json()["field"] == "network_id" and "424242" in r.json()["error"]
    r = client.get(f"/api/v1/reports/424242/path/{a['id']}", headers=headers["analyst"])
    assert r.status_code == 404 and r.json()["field"] == "a"
    r = client.get(f"/api/v1/reports/{a['id']}/path/424242", headers=headers["analyst"])
    assert r.status_code == 404 and r.json()["field"] == "b"
    r = client.get(f"/api/v1/reports/{a['id']}/path/nope", headers=headers["analyst"])
    assert r.status_code == 422 and r.json()["field"] == "b"
