"""Reject oversized bodies before they are read into memory (ASGI middleware)."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException

MAX_BODY_BYTES = 1024 * 1024
# Routes that take more: a bulk lookup of 10,000 values (links run to a few
# hundred bytes each).
PATH_MAX_BODY_BYTES = {"/api/v1/lookup": 8 * 1024 * 1024}


class BodyLimit:
    def __init__(self, app, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        max_bytes = PATH_MAX_BODY_BYTES.get(scope.get("path", ""), self.max_bytes)
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > max_bytes
            except ValueError:
                return await self._reject(send, 400, "content-length is not a number")
            if too_big:
                return await self._reject(send, 413, f"body is larger than {max_bytes // 1024} KB")

        received = 0
        limit = max_bytes

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # FastAPI passes an HTTPException raised while reading the
                    # body through to the error handlers unchanged.
                    raise BodyTooLarge(413, f"body is larger than {limit // 1024} KB")
            return message

        await self.app(scope, counted_receive, send)

    @staticmethod
    async def _reject(send, status: int, message: str) -> None:
        body = json.dumps({"error": message, "field": "body",
                           "errors": [{"field": "body", "message": message}]}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class BodyTooLarge(HTTPException):
    field = "body"
