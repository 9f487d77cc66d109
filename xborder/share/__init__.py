"""Sharing with partner nodes: STIX 2.1 mapping, TLP markings, agreement policy, MISP feed.

Everything in this package is pure (no database, no network). The TAXII
server, the sync client and the stores build on it:

- facts: the typed facts the store fills (no personal data by construction)
- vocab: STIX types per indicator kind, fixed and deterministic ids
- stix: facts -> STIX 2.1 objects (plain dicts) and bundles
- inbound: a partner's STIX objects -> typed, re-canonicalised results
- markings, policy: TLP 2.0 and what an agreement lets out or in
- redact: report narratives made fit for a partner
- extensions: the extension definitions and their JSON schemas
- misp: a MISP feed (manifest.json + events)
"""
