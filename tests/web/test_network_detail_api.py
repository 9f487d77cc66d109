"""A network's key indicators: the value that joins its victims ranks first, not the most-cited one."""


def file(client, text, **extra):
    r = client.post("/api/v1/reports", json={"country": "TH", "text": text, **extra})
    assert r.status_code == 201, r.text
    return r.json()


def test_key_indicators_rank_by_betweenness(client, headers):
    # Two clusters of victims, each around its own phone, joined by one mule
    # wallet that one victim of each cluster paid into.
    a = file(client, "โทรจาก 081-111-2222 ให้โอน USDT ไปที่ 0x52908400098527886e0f7030069857d2e4169ee7")
    for _ in range(3):
        file(client, "Call from 081-111-2222 about a parcel")
    b = file(client, "Officer on 089-333-4444 said send to 0x52908400098527886E0F7030069857D2E4169EE7")
    for _ in range(3):
        file(client, "โทรจาก 089-333-4444 อ้างเป็นตำรวจ")
    assert a["network_id"] == b["network_id"]

    net = client.get(f"/api/v1/networks/{a['network_id']}", headers=headers["analyst"]).json()
    assert net["key_indicators_by"] == "betweenness"
    keys = net["key_indicators"]
    assert keys[0]["kind"] == "crypto_wallet" and keys[0]["reports"] == 2
    assert keys[0]["betweenness"] > keys[1]["betweenness"]
    # By citations alone the phones (4 reports each) would come first.
    by_reports = [i["kind"] for i in net["indicators"]]
    assert by_reports[:2] == ["phone", "phone"]
    assert client.get(f"/api/v1/networks/{a['network_id']}", headers=headers["bank"]).status_code == 403
