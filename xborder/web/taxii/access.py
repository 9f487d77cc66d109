"""Who is calling the TAXII server, and which collections they may see.

Partner nodes present a key of role `partner` bound to their partner
(api_keys.partner_id): they see the collections of their own agreements
and nothing else; another partner's collection is answered as not found.
Administrators see every collection. Any other role is refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from fastapi import Request

from xborder.core.scopes import KeyActor, scopes_allow
from xborder.store.keys import resolve_key
from xborder.store.partners import AgreementRow, agreement_by_collection, all_agreements, live_agreements
from xborder.web.taxii.errors import TaxiiError, unauthorized


@dataclass(frozen=True)
class Caller:
    actor: KeyActor

    @property
    def partner_id(self) -> int | None:
        return self.actor.partner_id if self.actor.role == "partner" else None

    @property
    def admin(self) -> bool:
        return self.actor.role == "admin"


def taxii_caller(request: Request) -> Caller:
    header = request.headers.get("authorization")
    if not header:
        raise unauthorized("send a partner key as 'Authorization: Bearer <token>'")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("use 'Authorization: Bearer <token>'")
    node = request.app.state.node
    key = resolve_key(node.engine, token.strip(), node.settings.token_cache_seconds)
    if key is None or not key.usable:
        raise unauthorized("the token is unknown or revoked")
    actor = KeyActor(kind="partner" if key.role == "partner" else "token", name=key.username or key.name,
                     role=key.role, user_id=key.user_id, token_id=key.id, scopes=key.scopes,
                     organisation=key.organisation, rate_per_minute=key.rate_per_minute, partner_id=key.partner_id)
    if key.role not in ("admin", "partner"):
        raise TaxiiError(403, "Forbidden", f"the {key.role} role has no TAXII access; partner nodes use a "
                                           "partner key, operators an admin key")
    if key.role == "partner" and key.partner_id is None:
        raise TaxiiError(403, "Forbidden", "this partner key names no partner; create one with "
                                           "`xborder token create --role partner --partner NAME`")
    if not scopes_allow(actor, "taxii"):
        raise TaxiiError(403, "Forbidden", "this key's scopes do not include 'taxii'")
    return Caller(actor)


def visible_collections(request: Request, caller: Caller) -> list[AgreementRow]:
    """The agreements whose collections the caller may list (revoked ones are gone)."""
    with request.app.state.node.engine.connect() as conn:
        found = live_agreements(conn) if caller.admin else [a for a in all_agreements(conn)
                                                             if a.partner_id == caller.partner_id and not a.revoked]
    return found


def open_collection(request: Request, caller: Caller, collection_id: str) -> AgreementRow:
    """The agreement behind a collection the caller may use: 404 unknown (or not theirs), 403 suspended or revoked."""
    try:
        uuid.UUID(collection_id)
    except ValueError:
        raise TaxiiError(404, "Collection not found", f"no collection {collection_id!r}") from None
    with request.app.state.node.engine.connect() as conn:
        agreement = agreement_by_collection(conn, collection_id)
    if agreement is None or (not caller.admin and agreement.partner_id != caller.partner_id):
        raise TaxiiError(404, "Collection not found", f"no collection {collection_id!r}")
    if agreement.revoked:
        raise TaxiiError(403, "Agreement revoked", f"the sharing agreement with {agreement.partner} was revoked: "
                                                   "its collection serves nothing", code="agreement_revoked")
    if agreement.terms.suspended:
        raise TaxiiError(403, "Agreement suspended", f"the sharing agreement with {agreement.partner} is "
                                                     "suspended: nothing is shared until it is resumed",
                         code="agreement_suspended")
    return agreement
