"""Encryption at rest for victims' personal data (Fernet: AES-128-CBC + HMAC)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken


class PersonalDataError(RuntimeError):
    pass


class PersonalDataBox:
    def __init__(self, key: bytes) -> None:
        try:
            self._fernet = Fernet(key)
        except (ValueError, TypeError):
            raise PersonalDataError("the personal-data key is not a valid Fernet key") from None
        self._victim_key = hashlib.sha256(b"xborder victim key\n" + key).digest()

    def victim_key(self, data: dict[str, Any]) -> str | None:
        """The same key for the same victim however they wrote their contact.

        Phone digits, lower-cased e-mail or ID digits, in that order of
        preference; None when the report names no one. Keyed with a subkey of
        the node's secret, so the value means nothing off this node.
        """
        for field, norm in (("phone", _digits), ("email", str.lower), ("national_id", _digits)):
            raw = data.get(field)
            if raw:
                value = norm(str(raw).strip())
                if value:
                    return hmac.new(self._victim_key, f"{field}:{value}".encode(), hashlib.sha256).hexdigest()
        return None

    def seal(self, data: dict[str, Any]) -> bytes:
        return self._fernet.encrypt(json.dumps(data, ensure_ascii=False, sort_keys=True).encode())

    def open(self, token: bytes) -> dict[str, Any]:
        try:
            return json.loads(self._fernet.decrypt(bytes(token)))
        except InvalidToken:
            raise PersonalDataError("personal data cannot be decrypted with this node's key") from None


def load_key(explicit: str | None, path: Path, create: bool) -> bytes:
    """The key from XBORDER_SECRET_KEY, else the node's key file (made if asked)."""
    if explicit:
        return explicit.encode()
    if path.exists():
        return path.read_bytes().strip()
    if not create:
        raise PersonalDataError(f"no personal-data key: set XBORDER_SECRET_KEY or run `xborder init` ({path})")
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key + b"\n")
    return key


def _digits(text: str) -> str:
    # Thai and Khmer digits count as the digits they are.
    return "".join(str(int(ch)) for ch in text if ch.isdecimal())
