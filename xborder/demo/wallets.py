"""Crypto wallets that investment and pig-butchering gangs take USDT on."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from xborder.demo.planted import Planted, Writing

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class Wallet:
    chain: str    # trx or eth, as DESIGN.md's attrs["chain"]
    address: str  # canonical: TRON as written, ETH lower-case


def _base58check(payload: bytes) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big")
    out = []
    while n:
        n, r = divmod(n, 58)
        out.append(_B58[r])
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + "".join(reversed(out))


def new_wallet(rng: random.Random, taken: set[str]) -> Wallet:
    """USDT on TRON is what these gangs ask for; a few still use ERC-20."""
    while True:
        body = rng.randbytes(20)
        if rng.random() < 0.85:
            # 0x41 is TRON's mainnet address prefix: every address starts with "T".
            wallet = Wallet("trx", _base58check(b"\x41" + body))
        else:
            # All lower-case: valid without an EIP-55 checksum, which needs Keccak.
            wallet = Wallet("eth", "0x" + body.hex())
        if wallet.address not in taken:
            taken.add(wallet.address)
            return wallet


_FORMS = {
    "th": ("USDT ({net}) {w}", "กระเป๋า USDT {w}", "วอลเล็ต {w}", "ที่อยู่กระเป๋า {net} {w}"),
    "km": ("កាបូប USDT {w}", "អាសយដ្ឋាន USDT ({net}) {w}", "កាបូប {net} {w}"),
    "en": ("USDT {net} address {w}", "wallet {w}", "USDT ({net}) {w}"),
}


def write_wallet(rng: random.Random, wallet: Wallet, lang: str) -> Writing:
    net = "TRC20" if wallet.chain == "trx" else "ERC20"
    text = rng.choice(_FORMS[lang]).format(net=net, w=wallet.address)
    return Writing(text, (Planted("crypto_wallet", wallet.address, wallet.address),))
