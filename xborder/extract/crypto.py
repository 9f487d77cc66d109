"""Crypto wallet addresses, checksums verified: BTC, ETH, TRON.

An address with a bad checksum is a typo or a made-up string, never a wallet
to freeze, so it is not an indicator. Case matters: base58 addresses are kept
as written, bech32 and hex ones are lower-cased (DESIGN.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

import base58
import bech32m
from Crypto.Hash import keccak

from xborder.extract._found import Found

_B58 = "[1-9A-HJ-NP-Za-km-z]"
PATTERN = (
    r"(?<![A-Za-z0-9])(?:"
    rf"(?P<btc>[13]{_B58}{{25,34}})"
    r"|(?P<bech>(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87})"
    rf"|(?P<trx>T{_B58}{{33}})"
    r"|(?P<eth>0x[0-9a-fA-F]{40})"
    r")(?![A-Za-z0-9])"
)
WALLET = re.compile(r"(?=[13bBT0])" + PATTERN)
_BTC_VERSIONS = (0x00, 0x05)  # pay-to-public-key-hash, pay-to-script-hash
_TRON_VERSION = 0x41


@lru_cache(maxsize=16384)
def _base58_payload(address: str) -> bytes | None:
    try:
        payload = base58.b58decode_check(address)
    except ValueError:
        return None
    return payload if len(payload) == 21 else None


def _btc(address: str) -> bool:
    payload = _base58_payload(address)
    return payload is not None and payload[0] in _BTC_VERSIONS


def _tron(address: str) -> bool:
    payload = _base58_payload(address)
    return payload is not None and payload[0] == _TRON_VERSION


def _bech32(address: str) -> bool:
    # Mixed case is invalid in bech32 (BIP 173).
    if address != address.lower() and address != address.upper():
        return False
    try:
        bech32m.decode("bc", address.lower())
    except Exception:  # bech32m raises several types for malformed input
        return False
    return True


def _eth(address: str) -> bool:
    body = address[2:]
    if body == body.lower() or body == body.upper():
        return True  # no EIP-55 checksum was written
    digest = keccak.new(digest_bits=256, data=body.lower().encode("ascii")).hexdigest()
    return all((ch.isupper() if int(digest[i], 16) >= 8 else not ch.isupper()) for i, ch in enumerate(body) if ch.isalpha())


def _read(m: re.Match[str]) -> tuple[str, str] | None:
    kind = next((k for k in ("btc", "bech", "trx", "eth") if m.group(k)), None)
    address = m.group(kind) if kind else ""
    if kind == "btc" and _btc(address):
        return address, "btc"
    if kind == "bech" and _bech32(address):
        return address.lower(), "btc"
    if kind == "trx" and _tron(address):
        return address, "trx"
    if kind == "eth" and _eth(address):
        return address.lower(), "eth"
    return None


def read_wallet(m: re.Match[str], out: list[Found], regions: tuple[str, ...] = ()) -> None:
    """The wallet of one match of PATTERN, if its checksum holds."""
    read = _read(m)
    if read:
        out.append(Found("crypto_wallet", read[0], m.start(), m.end(), {"chain": read[1]}))


def find_wallets(norm: str) -> list[Found]:
    out: list[Found] = []
    for m in WALLET.finditer(norm):
        read_wallet(m, out)
    return out


def canonical_wallet(value: str) -> str:
    m = WALLET.fullmatch(value.strip())
    read = _read(m) if m else None
    if read is None:
        raise ValueError(f"{value!r} is not a BTC, ETH or TRON address with a valid checksum")
    return read[0]
