"""The STIX 2.1 names xborder speaks: a STIX type per indicator kind, fixed ids.

Kinds STIX 2.1 has an SCO for map onto it (domain-name, url, email-addr,
ipv4-addr / ipv6-addr). The others get new SCO types, each declared by its own
extension-definition (STIX 2.1 section 7.3, extension_types ["new-sco"]); the
type names follow the ones OpenCTI already uses where it has one
(phone-number, bank-account, cryptocurrency-wallet), so a third party that
knows those reads ours. An IBAN is a bank-account with an `iban` property
instead of `account_number`.

`national_id` has no STIX type and is never exported: a Thai ID number
identifies a natural person, and the person it names is as often a victim
whose card was stolen or a hired mule as the scammer. It stays on the node.

Every id here is deterministic so that both nodes, and every run, name the
same thing the same way: SCO ids follow the STIX rule (UUIDv5 over the
id-contributing properties, STIX namespace), xborder's own objects are
UUIDv5 in XBORDER_NAMESPACE over a stable key.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from xborder.core.indicators import KINDS

SPEC_VERSION = "2.1"

# STIX 2.1 section 2.9: the namespace for deterministic SCO ids.
STIX_NAMESPACE = uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7")
# xborder's own namespace for deterministic ids of identities, indicators,
# groupings, notes and extension definitions. Never change it: every id
# already shared with a partner hangs off it.
XBORDER_NAMESPACE = uuid.UUID("7b0ad0f4-3e29-4c61-9f4e-2f4b7c1d9a85")


def xborder_id(stix_type: str, key: str) -> str:
    """`<stix_type>--<uuid5>` over `key` in XBORDER_NAMESPACE."""
    return f"{stix_type}--{uuid.uuid5(XBORDER_NAMESPACE, f'{stix_type}:{key}')}"


# xborder itself (the project, not a node) publishes the extension definitions,
# so their content and created_by_ref are the same on every node.
XBORDER_IDENTITY_ID = xborder_id("identity", "xborder")

# --- TLP 2.0 (FIRST), as published by OASIS in cti-stix-common-objects ---
TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP_MARKING_IDS: dict[str, str] = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
TLP_BY_MARKING_ID: dict[str, str] = {v: k for k, v in TLP_MARKING_IDS.items()}
TLP_MARKINGS_CREATED = "2022-10-01T00:00:00.000Z"


@dataclass(frozen=True, slots=True)
class ScoType:
    """How one xborder kind is written as a STIX cyber-observable."""

    kind: str
    stix_type: str
    # The property holding the indicator value; also its only id-contributing one.
    prop: str
    # Set for types xborder declares itself (new-sco extension definitions).
    extension_id: str | None = None


def _new_sco(name: str) -> str:
    return xborder_id("extension-definition", name)


PHONE_EXT = _new_sco("phone-number")
BANK_ACCOUNT_EXT = _new_sco("bank-account")
PROMPTPAY_EXT = _new_sco("promptpay-id")
WALLET_EXT = _new_sco("cryptocurrency-wallet")
LINE_EXT = _new_sco("line-account")
TELEGRAM_EXT = _new_sco("telegram-account")
USSD_EXT = _new_sco("ussd-code")

# Property extensions that carry xborder's own facts on standard objects.
INDICATOR_EXT = xborder_id("extension-definition", "xborder-indicator")
GROUPING_EXT = xborder_id("extension-definition", "xborder-grouping")
NOTE_EXT = xborder_id("extension-definition", "xborder-report")

SCO_TYPES: dict[str, ScoType] = {
    "domain": ScoType("domain", "domain-name", "value"),
    "url": ScoType("url", "url", "value"),
    "email": ScoType("email", "email-addr", "value"),
    # "ip" is ipv4-addr or ipv6-addr by value: see sco_type().
    "ip": ScoType("ip", "ipv4-addr", "value"),
    "phone": ScoType("phone", "phone-number", "value", PHONE_EXT),
    "bank_account": ScoType("bank_account", "bank-account", "account_number", BANK_ACCOUNT_EXT),
    "iban": ScoType("iban", "bank-account", "iban", BANK_ACCOUNT_EXT),
    "promptpay": ScoType("promptpay", "promptpay-id", "value", PROMPTPAY_EXT),
    "crypto_wallet": ScoType("crypto_wallet", "cryptocurrency-wallet", "value", WALLET_EXT),
    "line_id": ScoType("line_id", "line-account", "value", LINE_EXT),
    "telegram": ScoType("telegram", "telegram-account", "value", TELEGRAM_EXT),
    "ussd": ScoType("ussd", "ussd-code", "value", USSD_EXT),
}
_IPV6 = ScoType("ip", "ipv6-addr", "value")

# Kinds that may ever leave a node; an agreement narrows this, never widens it.
EXPORTABLE_KINDS: tuple[str, ...] = tuple(k for k in KINDS if k in SCO_TYPES)
NEVER_EXPORTED: frozenset[str] = frozenset(KINDS) - frozenset(EXPORTABLE_KINDS)


def is_national_id(kind: str, value: str) -> bool:
    """Whether (kind, value) is a national ID number, whatever kind it was found as.

    A PromptPay ID is a mobile number (E.164, "+66...") or the account
    holder's 13-digit Thai ID: the latter names a person exactly as a
    national_id does (often a hired mule, or a victim whose card was
    stolen), so it stays on the node like every national_id.
    """
    return kind in NEVER_EXPORTED or (kind == "promptpay" and not value.startswith("+"))


def is_exportable(kind: str, value: str) -> bool:
    """Whether (kind, value) may ever cross to another node (an agreement narrows this further)."""
    return kind in SCO_TYPES and not is_national_id(kind, value)


# (stix type, property) -> kind, for reading patterns and SCOs back.
KIND_BY_PATH: dict[tuple[str, str], str] = {(s.stix_type, s.prop): s.kind for s in SCO_TYPES.values()}
KIND_BY_PATH[("ipv6-addr", "value")] = "ip"

# The extension definition each new SCO type needs, by STIX type name.
NEW_SCO_EXTENSIONS: dict[str, str] = {
    s.stix_type: s.extension_id for s in SCO_TYPES.values() if s.extension_id is not None
}

# SCO properties that carry an indicator's attrs (attrs key -> property).
SCO_ATTR_PROPS: dict[str, dict[str, str]] = {
    "bank_account": {"bank": "bank_code"},
    "iban": {"bank": "bank_code"},
    "crypto_wallet": {"chain": "chain"},
}


def sco_type(kind: str, value: str) -> ScoType:
    """The SCO type for `kind` (ipv6-addr for an IPv6 `ip`); KeyError for national_id and unknown kinds."""
    if kind == "ip" and ":" in value:
        return _IPV6
    return SCO_TYPES[kind]


def sco_id(stix_type: str, props: dict[str, str]) -> str:
    """STIX 2.1 deterministic SCO id: UUIDv5 over the JSON (RFC 8785) of its id-contributing properties.

    For string-only properties Python's sorted, compact, non-ASCII-preserving
    JSON is byte-for-byte the JCS form, so both nodes (and the stix2 library)
    compute the same id for the same value.
    """
    canonical = json.dumps(props, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{stix_type}--{uuid.uuid5(STIX_NAMESPACE, canonical)}"


def indicator_sco_id(kind: str, value: str) -> str:
    """The SCO id of one (kind, value), the same on every node."""
    sco = sco_type(kind, value)
    return sco_id(sco.stix_type, {sco.prop: value})

