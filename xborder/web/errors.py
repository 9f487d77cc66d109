"""Every error leaves as JSON naming the field: {"error", "field", "errors"}."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, message: str, field: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.headers = headers


def error_body(message: str, field: str | None = None, errors: list[dict] | None = None) -> dict:
    body: dict = {"error": message}
    if field is not None:
        body["field"] = field
    body["errors"] = errors if errors is not None else ([{"field": field, "message": message}] if field else [])
    return body


def _field_of(loc: tuple) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        where, parts = parts[0], parts[1:]
        if not parts:
            return where
    return ".".join(parts) or "body"


def _validation(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, RequestValidationError):
        return _unexpected(request, exc)
    errors = []
    for err in exc.errors():
        msg = err.get("msg", "invalid")
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        if err.get("type") == "json_invalid":
            errors.append({"field": "body", "message": "the body is not valid JSON"})
            continue
        errors.append({"field": _field_of(tuple(err.get("loc", ()))), "message": msg})
    if not errors:
        errors = [{"field": "body", "message": "invalid request"}]
    first = errors[0]
    status = 400 if first["message"] == "the body is not valid JSON" else 422
    return JSONResponse(error_body(f"{first['field']}: {first['message']}", first["field"], errors), status)


def _api_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, ApiError):
        return _unexpected(request, exc)
    return JSONResponse(error_body(exc.message, exc.field), exc.status, headers=exc.headers)


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, StarletteHTTPException):
        return _unexpected(request, exc)
    field = getattr(exc, "field", None)
    return JSONResponse(error_body(str(exc.detail), field), exc.status_code, headers=getattr(exc, "headers", None))


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # A bug must not leak a traceback to a caller; it goes to the node's log.
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse(error_body("internal error; the node's operators have the details"), 500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
