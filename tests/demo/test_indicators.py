import hashlib
import re
from collections import Counter, defaultdict

import phonenumbers

from xborder.demo.handles import PLATFORM_DOMAINS
from xborder.demo.sites import _OFFICIAL

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
TO_ASCII = str.maketrans("๐๑๒๓๔๕๖๗๘๙០១២៣៤៥៦៧៨៩", "01234567890123456789")


def refang(written: str) -> str:
    return written.replace("hxxp", "http").replace("[.]", ".").replace("(dot)", ".")


def tron_ok(address: str) -> bool:
    n = 0
    for ch in address:
        n = n * 58 + B58.index(ch)
    raw = n.to_bytes(25, "big")
    return raw[0] == 0x41 and hashlib.sha256(hashlib.sha256(raw[:21]).digest()).digest()[:4] == raw[21:]


def thai_id_ok(value: str) -> bool:
    check = (11 - sum(int(d) * (13 - i) for i, d in enumerate(value[:12])) % 11) % 10
    return len(value) == 13 and int(value[12]) == check


def uses(scenario):
    """(kind, value) -> list of (gang, country, external_id), once per report."""
    out = defaultdict(list)
    for r in scenario.reports:
        eid = r["external_id"]
        for kind, value in {(p.kind, p.value) for p in scenario.planted[eid]}:
            if kind == "domain" and value in PLATFORM_DOMAINS:
                continue
            out[kind, value].append((scenario.truth[eid], r["country"], eid))
    return out


def test_every_planted_indicator_is_in_its_text_with_its_canonical_value(scenario):
    kinds = set()
    for r in scenario.reports:
        text = r["text"]
        for p in scenario.planted[r["external_id"]]:
            kinds.add(p.kind)
            assert p.written in text, (p, text)
            if p.kind == "phone":
                number = phonenumbers.parse(p.written.translate(TO_ASCII), r["country"])
                assert phonenumbers.is_valid_number(number), p
                assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == p.value
            elif p.kind == "bank_account":
                assert re.sub(r"\D", "", p.written) == p.value
            elif p.kind == "promptpay":
                if p.value.startswith("+"):
                    number = phonenumbers.parse(p.written, "TH")
                    assert phonenumbers.is_valid_number(number)
                    assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == p.value
                else:
                    assert re.sub(r"\D", "", p.written) == p.value and thai_id_ok(p.value)
            elif p.kind == "url":
                url = refang(p.written)
                assert p.value == (url if "://" in url else "http://" + url)
            elif p.kind == "domain":
                host = re.sub(r"^[a-z]+://", "", refang(p.written)).split("/")[0]
                assert p.value == host == host.lower()
                assert p.value not in _OFFICIAL or p.value in PLATFORM_DOMAINS
            elif p.kind == "line_id":
                assert p.value == p.value.lower() and len(p.value.lstrip("@")) <= 20
            elif p.kind == "telegram":
                assert re.fullmatch(r"[a-z][a-z0-9_]{4,31}", p.value)
            elif p.kind == "crypto_wallet":
                assert tron_ok(p.value) if p.value.startswith("T") else re.fullmatch(r"0x[0-9a-f]{40}", p.value)
    assert kinds == {"phone", "bank_account", "promptpay", "url", "domain", "line_id", "telegram", "crypto_wallet"}


def test_common_writings_all_occur(scenario):
    texts = "\n".join(r["text"] for r in scenario.reports)
    patterns = {
        "thai dashed mobile": r"\b0[689]\d-\d{3}-\d{4}\b",
        "thai plain mobile": r"\b0[689]\d{8}\b",
        "+66 spaced": r"\+66 [689]\d \d{3} \d{4}",
        "cambodian spaced": r"\b0\d{2} \d{3} \d{3,4}\b",
        "+855": r"\+855 ?\d{2}",
        "thai account layout": r"\b\d{3}-\d-\d{5}-\d\b",
        "thai bank named": r"บัญชีกสิกรไทย \d",
        "english bank acc": r"\b(?:SCB|KBank|Bangkok Bank) (?:acc|account|a/c no\.) \d{3}-?\d-?\d{5}-?\d\b",
        "khmer ABA account": r"គណនី ABA \d{3} \d{3} \d{3}",
        "ACLEDA": r"ACLEDA",
        "Wing": r"Wing",
        "promptpay": r"พร้อมเพย์ 0\d",
        "https link": r"https://[a-z0-9.-]+\.[a-z]+/\S*",
        "scheme-less link": r"(?<![/\w.])[a-z0-9-]+\.(?:com|net|xyz|top|cc)/\w",
        "defanged scheme": r"hxxps?://",
        "defanged dot": r"\[\.\]",
        "line official": r"LINE: @[a-z]",
        "line thai": r"ไลน์ไอดี [a-z]",
        "line link": r"line\.me/(?:R/)?ti/p/",
        "telegram at": r"Telegram:? @[A-Za-z]",
        "telegram link": r"t\.me/[A-Za-z]",
        "tron wallet": r"\bT[1-9A-HJ-NP-Za-km-z]{33}\b",
        "baht": r"\d บาท",
        "riel": r"(?:រៀល|៛|riel)",
        "dollars": r"\$\d",
    }
    missing = [name for name, pattern in patterns.items() if not re.search(pattern, texts)]
    assert not missing


def test_gangs_reuse_their_indicators_across_reports(scenario):
    used = uses(scenario)
    for gang in scenario.gangs:
        owned = {("phone", v) for v in gang.phones} | {("bank_account", a.number) for a in gang.bank_accounts} \
            | {("domain", d) for d in gang.domains} | {("line_id", v) for v in gang.line_ids} \
            | {("telegram", v) for v in gang.telegrams} | {("crypto_wallet", w.address) for w in gang.wallets} \
            | {("promptpay", v) for v in gang.promptpay}
        assert owned
        counts = sorted(sum(1 for g, _, _ in used[k] if g == gang.id) for k in owned)
        assert all(c >= 1 for c in counts)
        assert max(counts) >= 5
        assert counts[len(counts) // 2] >= 2, (gang.id, counts)
        # A gang's reports mostly carry at least one of its indicators seen elsewhere.
        reports = {eid for k in owned for g, _, eid in used[k] if g == gang.id}
        assert len(reports) == gang.reports


def test_cross_border_gangs_reuse_indicators_in_both_countries(scenario):
    used = uses(scenario)
    cross = [g for g in scenario.gangs if g.cross_border]
    assert len(cross) >= 15
    for gang in cross:
        shared = [k for k, v in used.items() if {c for g, c, _ in v if g == gang.id} == {"TH", "KH"}]
        assert shared, gang.id


def test_some_mule_accounts_are_shared_between_gangs(scenario):
    owners = defaultdict(set)
    for gang in scenario.gangs:
        for account in gang.bank_accounts:
            owners[account.number].add(gang.id)
    shared = {n: g for n, g in owners.items() if len(g) > 1}
    assert len(shared) >= 3
    used = uses(scenario)
    for number, gangs in shared.items():
        assert {g for g, _, _ in used["bank_account", number]} == gangs


def test_lone_scammers_indicators_appear_once(scenario):
    for key, seen in uses(scenario).items():
        if any(g is None for g, _, _ in seen):
            assert len(seen) == 1, key


def test_gang_records_list_exactly_what_reports_carry(scenario):
    used = uses(scenario)
    for gang in scenario.gangs:
        mine = {k for k, v in used.items() if any(g == gang.id for g, _, _ in v)}
        listed = {("phone", v) for v in gang.phones} | {("bank_account", a.number) for a in gang.bank_accounts} \
            | {("domain", d) for d in gang.domains} | {("line_id", v) for v in gang.line_ids} \
            | {("telegram", v) for v in gang.telegrams} | {("crypto_wallet", w.address) for w in gang.wallets} \
            | {("promptpay", v) for v in gang.promptpay}
        assert {k for k in mine if k[0] != "url"} == listed
        for url in gang.urls:
            assert url.startswith("https://") and url.split("/")[2] in gang.domains


def test_fake_domains_look_plausible_and_never_official(scenario):
    domains = {d for g in scenario.gangs for d in g.domains}
    assert len(domains) >= 40
    suffixes = Counter(d.rsplit(".", 1)[1] for d in domains)
    assert len(suffixes) >= 10 and "com" in {s for s, _ in suffixes.most_common(3)}
    assert not domains & _OFFICIAL
    for d in domains:
        assert re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,6}", d)
