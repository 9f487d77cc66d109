"""Encryption at rest for victims' personal data (Fernet: AES-128-CBC + HMAC)."""

from __future__ import annotations

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
