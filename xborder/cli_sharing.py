"""`xborder partner`, `xborder agreement`, `xborder share publish|misp-feed`, `xborder audit export`.

Registered on the main command in xborder/cli.py; kept apart so that the
main module stays readable.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

partner_app = typer.Typer(help="Partner nodes this node shares with.", no_args_is_help=True)
agreement_app = typer.Typer(help="Sharing agreements: what each partner may receive.", no_args_is_help=True)


def _cli() -> Any:
    # Late: xborder.cli imports this module to register its commands.
    from xborder import cli

    return cli


@partner_app.command("add")
def partner_add(
    name: Annotated[str, typer.Argument(help="a short name for the partner, e.g. kh-moi")],
    country: Annotated[str, typer.Option(help="the partner's country, e.g. KH")],
    taxii_url: Annotated[Optional[str], typer.Option(help="the partner's TAXII 2.1 API root, to pull from")] = None,
    pull_collection: Annotated[Optional[str], typer.Option(help="the partner's collection we pull")] = None,
    pull_token_file: Annotated[Optional[Path], typer.Option(
        help="a file holding our token for the partner's server (stored encrypted with the node key)")] = None,
) -> None:
    """Add a partner node."""
    from xborder.actions.agreements import AgreementError, add_partner
    from xborder.core.actors import CLI

    cli = _cli()
    token = None
    if pull_token_file is not None:
        try:
            token = pull_token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            cli.fail(f"cannot read the token file: {exc}")
    node = cli._node()
    try:
        partner_id = add_partner(node, name, country=country, taxii_url=taxii_url, pull_collection=pull_collection,
                                 pull_token=token, acting=CLI)
    except AgreementError as exc:
        cli.fail(str(exc))
    cli.out.print(f"partner {name} added (id {partner_id}); set its terms with `xborder agreement set {name}`",
                  highlight=False)


@partner_app.command("list")
def partner_list() -> None:
    """List partners and the state of their agreements."""
    from xborder.store.partners import latest_agreement, list_partners

    cli = _cli()
    node = cli._node()
    with node.engine.connect() as conn:
        for p in list_partners(conn):
            a = latest_agreement(conn, p.id)
            state = "no agreement" if a is None else (
                "revoked" if a.revoked else "suspended" if a.terms.suspended else "in force")
            cli.out.print(f"{p.name:<20} {p.country}  {state:<12} {p.taxii_url or '-'}", highlight=False)


def _show(row: Any) -> None:
    from xborder.actions.agreements import terms_record

    cli = _cli()
    for key, value in terms_record(row).items():
        shown = ",".join(value) if isinstance(value, list) else value
        cli.out.print(f"{key:<15} {shown}", highlight=False)


@agreement_app.command("set")
def agreement_set(
    partner: Annotated[str, typer.Argument(help="the partner's name")],
    kinds: Annotated[Optional[str], typer.Option(help="indicator kinds it may receive, e.g. phone,url,domain")] = None,
    tlp_max: Annotated[Optional[str], typer.Option(help="the most restrictive TLP it may receive: clear, green, "
                                                        "amber or amber+strict")] = None,
    min_confidence: Annotated[Optional[int], typer.Option(help="only indicators scoring at least this (0-100)")
                              ] = None,
    narratives: Annotated[Optional[str], typer.Option(help="none, or redacted (report summaries, victims' "
                                                           "details removed)")] = None,
    purpose: Annotated[Optional[str], typer.Option(help="the purpose the MOU states")] = None,
    retention_days: Annotated[Optional[int], typer.Option(help="partner data older than this is purged")] = None,
) -> None:
    """Create the partner's agreement or change its terms (options left out stay as they are)."""
    from xborder.actions.agreements import AgreementError, Terms, UnknownPartner, set_agreement
    from xborder.core.actors import CLI

    cli = _cli()
    node = cli._node()
    try:
        row = set_agreement(node, partner, Terms(kinds=kinds, tlp_max=tlp_max, min_confidence=min_confidence,
                                                 narratives=narratives, purpose=purpose,
                                                 retention_days=retention_days), acting=CLI)
    except (AgreementError, UnknownPartner) as exc:
        cli.fail(str(exc))
    _show(row)


@agreement_app.command("show")
def agreement_show(partner: Annotated[str, typer.Argument(help="the partner's name")]) -> None:
    """Show the partner's agreement: terms, collection id, state."""
    from xborder.store.partners import find_partner, latest_agreement

    cli = _cli()
    node = cli._node()
    with node.engine.connect() as conn:
        p = find_partner(conn, partner)
        row = None if p is None else latest_agreement(conn, p.id)
    if p is None:
        cli.fail(f"no partner {partner!r}")
    if row is None:
        cli.fail(f"{partner} has no agreement; make one with `xborder agreement set {partner} --kinds ...`")
    _show(row)


def _switch(action: str, partner: str) -> None:
    from xborder.actions import agreements
    from xborder.core.actors import CLI

    cli = _cli()
    node = cli._node()
    try:
        row = getattr(agreements, f"{action}_agreement")(node, partner, acting=CLI)
    except (agreements.AgreementError, agreements.UnknownPartner) as exc:
        cli.fail(str(exc))
    _show(row)


@agreement_app.command("suspend")
def agreement_suspend(partner: Annotated[str, typer.Argument(help="the partner's name")]) -> None:
    """Stop all export to the partner at once (its collection answers 403) until resumed."""
    _switch("suspend", partner)


@agreement_app.command("resume")
def agreement_resume(partner: Annotated[str, typer.Argument(help="the partner's name")]) -> None:
    """Resume a suspended agreement."""
    _switch("resume", partner)


@agreement_app.command("revoke")
def agreement_revoke(partner: Annotated[str, typer.Argument(help="the partner's name")]) -> None:
    """End the agreement for good: its collection answers 403 and the partner's keys stop working."""
    _switch("revoke", partner)


def share_publish(
    full: Annotated[bool, typer.Option("--full", help="rebuild every shared object, not only what changed")] = False,
) -> None:
    """Publish what changed as new STIX object versions (what `xborder serve` does every few seconds)."""
    from xborder.actions.publish import publish_changes
    from xborder.core.actors import CLI

    cli = _cli()
    node = cli._node()
    done = publish_changes(node, acting=CLI, full=full)
    cli.out.print(f"{done.examined} indicators examined, {done.indicators} changed; {done.versions} object "
                  f"versions stored ({done.groupings} groupings, {done.notes} report summaries)", highlight=False)


def share_misp_feed(
    outdir: Annotated[Path, typer.Argument(help="folder to write manifest.json, the events and hashes.csv into")],
    partner: Annotated[Optional[str], typer.Option(help="build the feed a partner's agreement allows "
                                                        "(default: the node-wide feed, up to TLP:AMBER)")] = None,
) -> None:
    """Write the node's MISP feed to a folder (serve it, or copy it to where MISP reads it)."""
    from xborder.actions.misp_export import NODE_WIDE, build_misp_feed, write_misp_feed
    from xborder.store.partners import find_partner, live_agreement

    cli = _cli()
    node = cli._node()
    terms = NODE_WIDE
    if partner is not None:
        with node.engine.connect() as conn:
            p = find_partner(conn, partner)
            row = None if p is None else live_agreement(conn, p.id)
        if row is None or row.terms.suspended:
            cli.fail(f"{partner} has no agreement in force")
            return
        terms = row.terms
    names = write_misp_feed(build_misp_feed(node, terms), outdir)
    cli.out.print(f"MISP feed written to {outdir}: {len(names) - 2} events", highlight=False)


def parse_since(text: str) -> datetime:
    try:
        at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise typer.BadParameter("give a date (2025-01-31) or a time (2025-01-31T08:00:00Z)") from None
    return at if at.tzinfo else at.replace(tzinfo=timezone.utc)


def audit_export(
    partner: Annotated[str, typer.Option(help="the partner's name")],
    since: Annotated[Optional[str], typer.Option(help="from this date or time (UTC), e.g. 2025-01-31")] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl (terms and objects) or csv (objects with terms)")
                   ] = "jsonl",
) -> None:
    """Print every object version exported to or imported from a partner, with time and the terms in force."""
    from xborder.actions.audit_export import as_csv, as_jsonl, mou_records

    cli = _cli()
    if fmt not in ("jsonl", "csv"):
        cli.fail("--format must be jsonl or csv")
    start = None if since is None else parse_since(since)
    node = cli._node()
    records = mou_records(node, partner, start)
    try:
        first = next(records)
    except LookupError as exc:
        cli.fail(str(exc))

    def chained() -> Any:
        yield first
        yield from records

    for chunk in (as_jsonl if fmt == "jsonl" else as_csv)(chained()):
        sys.stdout.write(chunk)
