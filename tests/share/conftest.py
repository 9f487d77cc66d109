from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from types import SimpleNamespace

import pytest

from xborder.share.facts import IndicatorFacts, NetworkFacts, NodeIdentity, ReportSummaryFacts

T0 = datetime(2025, 3, 1, 8, 30, 15, 250000, tzinfo=timezone.utc)
TH = NodeIdentity("TH", "xborder-th")

# One canonical scammer value per exportable kind (plus IPv6), with its attrs.
SAMPLES: dict[str, tuple[str, str, dict[str, str]]] = {
    "phone": ("phone", "+66812345678", {}),
    "url": ("url", "https://kbank-verify.top/login?u=1", {}),
    "domain": ("domain", "kbank-verify.top", {}),
    "email": ("email", "support@kbank-verify.top", {}),
    "ipv4": ("ip", "203.0.113.7", {}),
    "ipv6": ("ip", "2001:db8::7", {}),
    "bank_account": ("bank_account", "1234567890", {"bank": "KBANK"}),
    "iban": ("iban", "DE89370400440532013000", {}),
    "promptpay": ("promptpay", "+66898765432", {}),
    "crypto_wallet": ("crypto_wallet", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", {"chain": "btc"}),
    "line_id": ("line_id", "@scamshop", {}),
    "telegram": ("telegram", "scamboss", {}),
    "ussd": ("ussd", "*948*1111*100#", {}),
}


def indicator(sample: str = "phone", **changes: object) -> IndicatorFacts:
    kind, value, attrs = SAMPLES[sample]
    facts = IndicatorFacts(
        kind=kind,
        value=value,
        first_seen=T0,
        last_seen=T0 + timedelta(days=9),
        modified=T0 + timedelta(days=9, microseconds=1500),
        report_count=4,
        confidence=72,
        tlp="amber",
        scam_types=("impersonation", "investment"),
        countries=("TH", "KH"),
        attrs=attrs,
    )
    return replace(facts, **changes)  # type: ignore[arg-type]


def network(**changes: object) -> NetworkFacts:
    facts = NetworkFacts(
        network_id=17,
        indicators=(("phone", "+66812345678"), ("bank_account", "1234567890")),
        first_seen=T0,
        last_seen=T0 + timedelta(days=30),
        modified=T0 + timedelta(days=30),
        report_count=12,
        loss_usd=Decimal("15320.50"),
        tlp="green",
        scam_types=("impersonation",),
        countries=("KH", "TH"),
        cross_border=True,
    )
    return replace(facts, **changes)  # type: ignore[arg-type]


def report(**changes: object) -> ReportSummaryFacts:
    facts = ReportSummaryFacts(
        report_id=501,
        reported_at=T0,
        modified=T0 + timedelta(hours=1),
        country="TH",
        tlp="amber",
        narrative="A man claiming to be police called from +66812345678 and told me to move my savings.",
        indicators=(("phone", "+66812345678"),),
        province="Bangkok",
        language="en",
        scam_type="impersonation",
    )
    return replace(facts, **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def make() -> SimpleNamespace:
    """Facts factories and constants (tests import nothing from conftest under importlib mode)."""
    return SimpleNamespace(
        indicator=indicator, network=network, report=report, node=TH, t0=T0, samples=SAMPLES
    )


@pytest.fixture(scope="session")
def kit():
    """The pull-side helpers (partner_kit.py: a partner with an agreement, KH's objects), loaded by path."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("share_tests_partner_kit", Path(__file__).with_name("partner_kit.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
