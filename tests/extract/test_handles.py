from __future__ import annotations

import pytest

from xborder.extract import canonicalize, extract


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ติดต่อ LINE ID: w2659", {("line_id", "w2659")}),
        ("ทำงานที่บ้าน Line: atenaa1", {("line_id", "atenaa1")}),
        ("แอดไลน์ @yabohappy", {("line_id", "@yabohappy")}),
        ("ไลน์ @PayDeeThai โทร 021307170", {("line_id", "@paydeethai"), ("phone", "+6621307170")}),
        ("LINE ID：qtip9เบอร์โทรมือถือ：0619898003", {("line_id", "qtip9"), ("phone", "+66619898003")}),
        ("ติดต่อเรา@LINE：s2387", {("line_id", "s2387")}),
        ("ID line 0819991111", {("phone", "+66819991111")}),
        ("ติดต่อไลน์ 088-765-4321", {("phone", "+66887654321")}),
        ("ไอดีไลน์ fernn_nyyy", {("line_id", "fernn_nyyy")}),
        ("ไลน์ LINE ID：pp644", {("line_id", "pp644")}),
    ],
)
def test_line_ids(text, expected, pairs):
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    ["the line is busy", "online shopping", "ไลน์ของเรา", "สมัครออนไลน์ได้เลย", "บัญชี LINE ของคุณ"],
)
def test_no_line_id(text):
    assert [i for i in extract(text) if i.kind == "line_id"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Telegram: @crypto_vip88", {("telegram", "crypto_vip88")}),
        ("telegram ID Scam_Boss01", {("telegram", "scam_boss01")}),
        ("ทักเทเลแกรม HelpDesk_TH", {("telegram", "helpdesk_th")}),
        ("ติดต่อทาง Telegram นะคะ @Invest_Pro_TH", {("telegram", "invest_pro_th")}),
        ("សូមទាក់ទងតាម តេឡេក្រាម @khmer_job88", {("telegram", "khmer_job88")}),
        ("tg: @signals_bot", {("telegram", "signals_bot")}),
        # A full stop after the name ends the sentence.
        ("paying $20 a day via Telegram @task_kh_signal. The first tasks paid", {("telegram", "task_kh_signal")}),
        ("via Telegram channel @Dara_Task_99. Then", {("telegram", "dara_task_99")}),
        ("contact Telegram: @Amy420253.", {("telegram", "amy420253")}),
        ("ทักเทเลแกรม @cryptothai_vip...", {("telegram", "cryptothai_vip")}),
    ],
)
def test_telegram(text, expected, pairs):
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    ["join our Telegram group now", "follow @someone_here on X", "Telegram: @ab",
     # A dot followed by more of a name makes a host or an address, not a handle.
     "Telegram @name.com", "Telegram @some_name.x", "Telegram: @shop.th"],
)
def test_no_telegram(text):
    assert [i for i in extract(text) if i.kind == "telegram"] == []


def test_line_and_telegram_in_one_message(pairs):
    assert pairs("แอดไลน์ @shop_th หรือ Telegram @shop_th_vip") == {
        ("line_id", "@shop_th"), ("telegram", "shop_th_vip")}


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("line_id", "W2659", "w2659"),
        ("line_id", "@YaboHappy", "@yabohappy"),
        ("line_id", "https://line.me/ti/p/~Cntrl226666", "cntrl226666"),
        ("line_id", "line.me/R/ti/p/%40shop", "@shop"),
        ("telegram", "@Crypto_VIP88", "crypto_vip88"),
        ("telegram", "https://t.me/Crypto_VIP88", "crypto_vip88"),
    ],
)
def test_canonicalize_handles(kind, value, expected):
    assert canonicalize(kind, value) == expected
    assert canonicalize(kind, expected) == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [("line_id", "a"), ("line_id", "has space"), ("line_id", "ไลน์"), ("telegram", "abc"), ("telegram", "9lives_x"),
     ("telegram", "joinchat"), ("telegram", "bad-name")],
)
def test_canonicalize_handles_rejects(kind, value):
    with pytest.raises(ValueError):
        canonicalize(kind, value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("กด *948*1111*100# โทรออก", "*948*1111*100#"),
        ("กดเลย*160#(5บ/ขค)", "*160#"),
        ("เช็คยอดกด *121#และกดโทรออก", "*121#"),
        ("dial * 948 * 1111 #", "*948*1111#"),
    ],
)
def test_ussd(text, expected, pairs):
    assert pairs(text) == {("ussd", expected)}
    assert canonicalize("ussd", expected) == expected


def test_ussd_rejects():
    with pytest.raises(ValueError):
        canonicalize("ussd", "948#")
