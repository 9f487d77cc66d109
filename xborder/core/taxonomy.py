"""Scam types, channels, roles and TLP levels: the shared vocabulary."""

from __future__ import annotations

SCAM_TYPES: tuple[str, ...] = (
    "phishing",
    "impersonation",
    "ecommerce",
    "employment",
    "investment",
    "romance",
    "sextortion",
    "loan",
    "gambling",
    "prize",
    "remote_access",
    "drugs",
    "other",
)

NOT_SCAM = "not_scam"

CHANNELS: tuple[str, ...] = (
    "sms",
    "call",
    "line",
    "telegram",
    "facebook",
    "whatsapp",
    "wechat",
    "website",
    "email",
    "app",
    "in_person",
    "other",
)

ROLES: tuple[str, ...] = ("admin", "analyst", "investigator", "partner", "bank", "public")

TLP_LEVELS: tuple[str, ...] = ("clear", "green", "amber", "amber+strict", "red")

LANGUAGES: tuple[str, ...] = ("th", "km", "en", "other")
