"""The STIX extension definitions xborder publishes, and their JSON schemas.

One extension-definition per new SCO type (vocab.SCO_TYPES) and one per
property extension (indicator, grouping, note). They are made by xborder the
project (XBORDER_IDENTITY_ID), not by a node, so their ids and content are the
same everywhere except `schema`: the URL where the serving node publishes the
JSON schema, `<base_url>/taxii2/schemas/<name>.json`. The schema files ship
in the package (xborder/share/schemas/) so a node serves them with no
network access.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

from xborder.share.vocab import (
    BANK_ACCOUNT_EXT,
    GROUPING_EXT,
    INDICATOR_EXT,
    LINE_EXT,
    NOTE_EXT,
    PHONE_EXT,
    PROMPTPAY_EXT,
    SPEC_VERSION,
    TELEGRAM_EXT,
    USSD_EXT,
    WALLET_EXT,
    XBORDER_IDENTITY_ID,
)
from xborder.share.markings import marking_definitions

SCHEMA_PATH = "/taxii2/schemas/"
# Bump VERSION and PUBLISHED together whenever a schema changes.
VERSION = "1.0.0"
PUBLISHED = "2025-01-01T00:00:00.000Z"


@dataclass(frozen=True, slots=True)
class ExtensionSpec:
    name: str  # also the schema file's stem
    id: str
    extension_type: str  # "new-sco" or "property-extension"
    description: str


EXTENSIONS: tuple[ExtensionSpec, ...] = (
    ExtensionSpec("phone-number", PHONE_EXT, "new-sco", "A telephone number used by scammers, in E.164 form."),
    ExtensionSpec(
        "bank-account", BANK_ACCOUNT_EXT, "new-sco",
        "A bank account that received scam proceeds: a domestic account_number or an iban, with its bank_code.",
    ),
    ExtensionSpec("promptpay-id", PROMPTPAY_EXT, "new-sco", "A Thai PromptPay proxy ID (Thai ID number or mobile) that received scam payments."),
    ExtensionSpec(
        "cryptocurrency-wallet", WALLET_EXT, "new-sco",
        "A cryptocurrency wallet address (btc, eth, trx) that received scam payments.",
    ),
    ExtensionSpec("line-account", LINE_EXT, "new-sco", "A LINE messenger ID used by scammers."),
    ExtensionSpec("telegram-account", TELEGRAM_EXT, "new-sco", "A Telegram user name used by scammers."),
    ExtensionSpec("ussd-code", USSD_EXT, "new-sco", "A USSD code victims were told to dial."),
    ExtensionSpec(
        "xborder-indicator", INDICATOR_EXT, "property-extension",
        "On indicator: the xborder indicator kind and the countries whose reports cite it.",
    ),
    ExtensionSpec(
        "xborder-grouping", GROUPING_EXT, "property-extension",
        "On grouping: a scam network's report count, losses in USD, countries, scam types, cross-border flag.",
    ),
    ExtensionSpec(
        "xborder-report", NOTE_EXT, "property-extension",
        "On note: country, province, language, scam type and time of a report whose redacted narrative is the content.",
    ),
)
_BY_NAME = {spec.name: spec for spec in EXTENSIONS}


def schema_names() -> tuple[str, ...]:
    return tuple(_BY_NAME)


def schema_url(base_url: str, name: str) -> str:
    return f"{base_url.rstrip('/')}{SCHEMA_PATH}{name}.json"


def schema_text(name: str) -> str:
    """The JSON schema of extension `name` as shipped; KeyError for any other name."""
    if name not in _BY_NAME:
        raise KeyError(name)
    return resources.files("xborder.share").joinpath("schemas", f"{name}.json").read_text(encoding="utf-8")


def xborder_identity() -> dict[str, Any]:
    """The identity of xborder itself, creator of the extension definitions."""
    return {
        "type": "identity",
        "spec_version": SPEC_VERSION,
        "id": XBORDER_IDENTITY_ID,
        "created": PUBLISHED,
        "modified": PUBLISHED,
        "name": "xborder",
        "description": "The xborder project, which publishes the STIX extensions its nodes use",
        "identity_class": "system",
    }


def extension_definition(spec: ExtensionSpec, base_url: str) -> dict[str, Any]:
    return {
        "type": "extension-definition",
        "spec_version": SPEC_VERSION,
        "id": spec.id,
        "created_by_ref": XBORDER_IDENTITY_ID,
        "created": PUBLISHED,
        "modified": PUBLISHED,
        "name": spec.name,
        "description": spec.description,
        "schema": schema_url(base_url, spec.name),
        "version": VERSION,
        "extension_types": [spec.extension_type],
    }


def extension_definitions(base_url: str) -> list[dict[str, Any]]:
    """Every extension definition, with schema URLs on the node at `base_url`."""
    return [extension_definition(spec, base_url) for spec in EXTENSIONS]


def reference_objects(base_url: str) -> list[dict[str, Any]]:
    """What a collection serves besides intelligence: xborder's identity, the
    extension definitions and the TLP 2.0 marking definitions."""
    return [xborder_identity(), *extension_definitions(base_url), *marking_definitions()]
