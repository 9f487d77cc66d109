"""From a pasted value to the one entry a lookup answers with."""

from __future__ import annotations

from xborder.extract import warninglist_match
from xborder.extract.phones import DEFAULT_REGIONS, phone_e164
from xborder.lookup.index import Entry, LookupIndex, absent_entry
from xborder.lookup.query import handle_readings, looks_like_handle, readings
from xborder.lookup.verdict import MALICIOUS, OFFICIAL, SUSPICIOUS

# When readings disagree, the answer that protects the asker wins: a number
# known as a mule account is answered as that, and the bank's real hotline
# as official rather than as an account nobody reported.
_RANK = {MALICIOUS: 3, OFFICIAL: 2, SUSPICIOUS: 1}
_LISTED_KINDS = frozenset({"phone", "domain", "url"})


def entry_for(index: LookupIndex, kind: str, value: str, now: float) -> Entry:
    """The index's entry for (kind, canonical value), or what is known of a value never seen."""
    found = index.lookup(kind, value, now)
    if found is not None:
        return found
    return absent_entry(kind, value, warninglist_match(kind, value) if kind in _LISTED_KINDS else None)


def best_entry(index: LookupIndex, options: list[tuple[str, str]], now: float) -> Entry:
    """Of several readings of one value, the entry to answer with (see _RANK; then the likelier reading)."""
    best: Entry | None = None
    best_key: tuple[int, int, int] = (-1, -1, 0)
    for i, (kind, value) in enumerate(options):
        entry = entry_for(index, kind, value, now)
        key = (_RANK.get(entry.verdict, 0), 1 if entry.report_count else 0, -i)
        if key > best_key:
            best, best_key = entry, key
    if best is None:
        raise ValueError("no readings to choose from")
    return best


# Where a canonical value can be, by its first character or a mark inside it.
# Bare digits are left out: they are national numbers with other readings
# (a phone, a PromptPay ID, an account), and so is a leading "@" (a handle's).
_BY_SHAPE = {"+": ("phone", "promptpay"), "*": ("ussd",)}
_URL_KINDS = ("url",)
_EMAIL_KINDS = ("email",)
_OTHER_KINDS = ("crypto_wallet", "iban", "domain", "ip", "line_id", "telegram")


def known_readings(index: LookupIndex, q: str) -> list[tuple[str, str]]:
    """The readings of `q` when it is already the canonical value of something the node knows, else [].

    What banks send in bulk is mostly canonical (E.164 numbers, links as
    stored), and looking those up directly skips detection, which costs ten
    times the lookup. The answer is the one full detection would give:
    canonical forms read back as themselves, and the only other readings a
    canonical non-numeric value can have, a handle's, are added here too.
    """
    if not q or q[0] == "@" or q.isdigit():
        return []
    kinds = _BY_SHAPE.get(q[0])
    if kinds is None:
        kinds = _URL_KINDS if "://" in q else _EMAIL_KINDS if "@" in q else _OTHER_KINDS
    found = [(kind, q) for kind in kinds if index.find(kind, q) is not None]
    if found and looks_like_handle(q):
        found += [r for r in handle_readings(q) if r not in found]
    return found


def unknown_e164(index: LookupIndex, q: str) -> bool:
    """Whether `q` is a valid E.164 number, as written, that the index holds under no kind.

    Its readings are then the phone and perhaps the PromptPay ID, both the
    value itself and both absent; an absent PromptPay ID ranks below the
    phone reading (best_entry), so the answer is the phone's, and working
    out whether the number is a Thai mobile, the dearest step of detecting
    it, is skipped. Banks' bulk look-ups are mostly such numbers.
    """
    return (q[:1] == "+" and q[1:].isdigit() and q.isascii() and index.find("phone", q) is None
            and index.find("promptpay", q) is None and phone_e164(q[1:], True, DEFAULT_REGIONS) == q)


def resolve(index: LookupIndex, q: str, now: float, *, kind: str | None = None,
            country: str | None = None) -> Entry:
    """The entry for a pasted value (kind forced, or detected); QueryError (query.py) when it cannot be read."""
    if kind is not None:
        # The index holds canonical values only, and a canonical value reads back as itself.
        found = index.lookup(kind, q, now)
        return found if found is not None else best_entry(index, readings(q, kind, country), now)
    options = known_readings(index, q)
    if not options and unknown_e164(index, q):
        return entry_for(index, "phone", q, now)
    return best_entry(index, options or readings(q, kind, country), now)
