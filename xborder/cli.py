"""The `xborder` command: set up, run and operate a node."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from sqlalchemy.exc import SQLAlchemyError
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from xborder.cli_sharing import agreement_app, audit_export, partner_app, share_misp_feed, share_publish
from xborder.core.actors import CLI
from xborder.core.scopes import SCOPES
from xborder.node import Node, NodeNotReady, open_node
from xborder.settings import load_settings
from xborder.store.personal import PersonalDataError

app = typer.Typer(help="xborder: shared scam intelligence node.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
user_app = typer.Typer(help="Manage users.", no_args_is_help=True)
token_app = typer.Typer(help="Manage API tokens.", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
model_app = typer.Typer(help="The scam models: train, evaluate, list, use.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.add_typer(model_app, name="model")
share_app = typer.Typer(help="Sharing with partner nodes over TAXII 2.1.", no_args_is_help=True)
app.add_typer(share_app, name="share")
app.add_typer(partner_app, name="partner")
app.add_typer(agreement_app, name="agreement")
share_app.command("publish")(share_publish)
share_app.command("misp-feed")(share_misp_feed)
audit_app.command("export")(audit_export)

out = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _node(init: bool = False) -> Node:
    try:
        return open_node(init=init)
    except (NodeNotReady, PersonalDataError, ValueError) as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits
    except SQLAlchemyError as exc:
        fail(f"cannot use the database: {_db_reason(exc)}")
        raise


def _db_reason(exc: SQLAlchemyError) -> str:
    # The driver's first line says what is wrong (refused, bad URL, no such
    # database); the rest is SQLAlchemy's help text and the SQL.
    detail = str(getattr(exc, "orig", None) or exc)
    return detail.strip().splitlines()[0]


@app.command()
def init() -> None:
    """Create the node's database (or migrate it to the current schema) and its key."""
    node = _node(init=True)
    out.print(f"database ready: {node.engine.url.render_as_string(hide_password=True)}")
    node.close()


@user_app.command("add")
def user_add(
    username: str,
    role: Annotated[str, typer.Option(help="admin, analyst, investigator, partner, bank or public")],
    name: Annotated[Optional[str], typer.Option(help="display name")] = None,
) -> None:
    """Add a user."""
    from xborder.actions.access import AccessError, add_user

    node = _node()
    try:
        user_id = add_user(node, username, role, acting=CLI, display_name=name)
    except AccessError as exc:
        fail(str(exc))
    out.print(f"user {username} added (id {user_id}, role {role})")


@token_app.command("create")
def token_create(
    role: Annotated[str, typer.Option(help="admin, analyst, investigator, partner, bank or public")],
    name: Annotated[Optional[str], typer.Option(help="a label for the token")] = None,
    user: Annotated[Optional[str], typer.Option(help="the user the token acts for")] = None,
    org: Annotated[Optional[str], typer.Option(help="the organisation the key belongs to (a bank, a telco)")] = None,
    scope: Annotated[Optional[list[str]], typer.Option(
        help=f"what the key may do; repeat or separate with commas ({', '.join(SCOPES)}); "
             "none = all its role may")] = None,
    rate: Annotated[Optional[int], typer.Option(help="its own limit in requests per minute (default: its role's)")
                    ] = None,
    partner: Annotated[Optional[str], typer.Option(help="the partner node the key is for (role partner only)")
                       ] = None,
) -> None:
    """Create an API token. The token is printed once, as the last line."""
    from xborder.actions.access import AccessError, check_key_terms, create_token

    try:
        terms = check_key_terms(role, organisation=org, scopes=scope, rate=rate, partner=partner)
    except AccessError as exc:
        fail(str(exc))
    node = _node()
    try:
        made = create_token(node, role, acting=CLI, name=name, username=user, terms=terms)
    except AccessError as exc:
        fail(str(exc))
    out.print(f"token {made.id} ({made.name}, role {made.role}); it is shown only now:", highlight=False)
    print(made.token)


@token_app.command("list")
def token_list() -> None:
    """List tokens with their scopes and rates.

    Shows each token's organisation, scopes, rate limit and partner, never its secret.
    """
    from xborder.core.scopes import key_rate
    from xborder.store.keys import list_tokens

    node = _node()
    with node.engine.connect() as conn:
        for t in list_tokens(conn):
            state = "revoked" if t.revoked_at else "live"
            limit = key_rate(t.role, t.rate_per_minute, node.settings.key_rates_per_minute)
            rate = "no limit" if limit == 0 else f"{limit}/min" + ("" if t.rate_per_minute else " (role)")
            scopes = t.scopes or "(all of its role)"
            partner = f"  partner {t.partner}" if t.partner else ""
            out.print(f"{t.id:>4}  {t.prefix}…  {t.role:<12} {state:<8} {t.name}  org {t.organisation or '-'}  "
                      f"scopes {scopes}  rate {rate}{partner}", highlight=False, soft_wrap=True)


@token_app.command("revoke")
def token_revoke(token_id: int) -> None:
    """Revoke a token by id."""
    from xborder.actions.access import AccessError, revoke_token

    node = _node()
    try:
        revoke_token(node, token_id, acting=CLI)
    except AccessError as exc:
        fail(str(exc))
    out.print(f"token {token_id} revoked")


@audit_app.command("verify")
def audit_verify() -> None:
    """Recompute the audit log's hash chain; exit 1 on any tampering."""
    from xborder.store.audit import verify_chain

    node = _node()
    with node.engine.connect() as conn:
        check = verify_chain(conn)
    if not check.ok:
        fail(f"audit log tampered: row {check.first_bad_seq}: {check.problem} ({check.rows} rows verified before it)")
    out.print(f"audit log intact: {check.rows} rows")


@model_app.command("train")
def model_train(
    seed: Annotated[Optional[int], typer.Option(help="training seed; the same data and seed give the same model")] = None,
    shared_data: Annotated[Optional[Path], typer.Option(help="folder of the shared corpora (default: ../shared/data if present)")] = None,
) -> None:
    """Train a new model version on the corpora and the analysts' labels, and use it."""
    from xborder.actions.models import train_model

    node = _node()
    try:
        info = train_model(node, acting=CLI, seed=seed, shared_dir=shared_data)
    except ValueError as exc:
        fail(str(exc))
    out.print(f"model {info.version} trained and in use; held-out: "
              + ", ".join(f"{k} {v:.3f}" for k, v in sorted(info.summary.items())), highlight=False)


@model_app.command("evaluate")
def model_evaluate(
    version: Annotated[Optional[str], typer.Argument(help="a model version (default: the one in use)")] = None,
    json_out: Annotated[Optional[Path], typer.Option(
        "--json", help="where to write the metrics (default: $XBORDER_HOME/models/evaluation-VERSION.json)")] = None,
    shared_data: Annotated[Optional[Path], typer.Option(help="folder of the shared corpora")] = None,
) -> None:
    """Per-class precision, recall and F1 and the confusion matrix on the held-out split."""
    import json

    from xborder.actions.models import evaluate_model, models_dir

    node = _node()
    try:
        metrics = evaluate_model(node, version, shared_dir=shared_data)
    except ValueError as exc:
        fail(str(exc))
    out.print(f"model {metrics['model_version']}, {metrics['held_out']} held-out examples", highlight=False)
    _print_head("scam vs legitimate (all held-out sources)", metrics["scam"]["all"])
    _print_head("scam type", metrics["type"]["type_head"])
    out.print("summary: " + ", ".join(f"{k} {v:.3f}" for k, v in metrics["summary"].items()), highlight=False)
    if json_out is None:
        json_out = models_dir(node) / f"evaluation-{metrics['model_version']}.json"
    json_out.parent.mkdir(parents=True, exist_ok=True)
    json_out.write_text(json.dumps(metrics, indent=2, ensure_ascii=False), encoding="utf-8")
    out.print(f"metrics written to {json_out}", highlight=False)


def _print_head(title: str, head: dict) -> None:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in ("class", "precision", "recall", "F1", "support"):
        table.add_column(column, justify="left" if column == "class" else "right")
    for name, row in head["per_class"].items():
        table.add_row(name, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}",
                      str(row["support"]))
    out.print(table)
    cm = head["confusion_matrix"]
    matrix = Table(title="confusion matrix (rows: truth, columns: predicted)", title_justify="left")
    matrix.add_column("")
    for label in cm["labels"]:
        matrix.add_column(label[:6], justify="right")
    for label, row in zip(cm["labels"], cm["matrix"]):
        matrix.add_row(label, *(str(n) for n in row))
    out.print(matrix)


@model_app.command("list")
def model_list() -> None:
    """List model versions; the one in use is marked."""
    from xborder.actions.models import list_models, models_dir
    from xborder.classify.registry import active_version

    node = _node()
    active = active_version(models_dir(node))
    for info in list_models(node):
        mark = "*" if info.version == active else " "
        kind = "shipped" if info.builtin else info.created_at
        summary = ", ".join(f"{k} {v:.3f}" for k, v in sorted(info.summary.items()))
        out.print(f"{mark} {info.version:<28} {kind:<26} {summary}", highlight=False)


@model_app.command("use")
def model_use(version: Annotated[str, typer.Argument(help="the version to serve from now on")]) -> None:
    """Serve a model version (roll back or forward)."""
    from xborder.actions.models import use_model

    node = _node()
    try:
        use_model(node, version, acting=CLI)
    except ValueError as exc:
        fail(str(exc))
    out.print(f"model {version} in use")


@app.command()
def link(
    pending: Annotated[bool, typer.Option("--pending", help=(
        "link reports stored unlinked after a linking error; re-split components intake grew past the giant size"
    ))] = False,
    full: Annotated[bool, typer.Option("--full", help="recompute every network from the stored observations")] = False,
) -> None:
    """Link reports into networks: finish pending ones, or recompute all."""
    from xborder.actions.networks import link_pending
    from xborder.actions.recompute import recompute_networks

    if pending == full:
        fail("say what to link: --pending or --full")
    node = _node()
    if pending:
        out.print(f"linked {link_pending(node, acting=CLI)} pending report(s)")
        return
    done = recompute_networks(node, acting=CLI)
    out.print(f"{done.reports} reports in {done.networks} networks: {done.kept_ids} kept their id, "
              f"{done.new_ids} new, {done.retired} retired, {done.events} history events", highlight=False)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="a .csv or .jsonl file of reports")],
    fmt: Annotated[Optional[str], typer.Option("--format", help="csv or jsonl (default: from the file name)")] = None,
) -> None:
    """Import reports from CSV or JSON Lines; idempotent by external_id."""
    from xborder.actions.imports import import_file
    from xborder.core.rows import FormatError

    if not file.is_file():
        fail(f"no such file: {file}")
    node = _node()
    size = file.stat().st_size
    try:
        with Progress(TextColumn("importing {task.fields[name]}"), BarColumn(), DownloadColumn(),
                      TextColumn("{task.fields[rows]} rows"), TimeRemainingColumn(), console=err,
                      disable=not err.is_terminal) as bar:
            task = bar.add_task("import", total=size, name=file.name, rows=0)
            rows = 0

            def on_row() -> None:
                nonlocal rows
                rows += 1
                bar.update(task, rows=rows)

            summary = import_file(node, file, acting=CLI, fmt=fmt,
                                  on_bytes=lambda n: bar.advance(task, n), on_row=on_row)
    except FormatError as exc:
        fail(str(exc))
    for line, message in summary.failed[:200]:
        err.print(f"line {line}: {message}", highlight=False, markup=False)
    if len(summary.failed) > 200:
        err.print(f"... and {len(summary.failed) - 200} more failed rows")
    out.print(f"{summary.rows} rows: {summary.added} added, {summary.already_present} already present, "
              f"{len(summary.failed)} failed")
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
) -> None:
    """Serve the HTTP API and home page."""
    import uvicorn

    from xborder.web.app import create_app

    node = _node()
    out.print(f"xborder node {node.settings.node_name} on http://{host}:{port}/", highlight=False)
    uvicorn.run(create_app(node), host=host, port=port, log_level="info", access_log=False)


@app.command()
def extract(
    country: Annotated[Optional[str], typer.Option(help="default region for national phone numbers: TH, KH ...")] = None,
) -> None:
    """Extract indicators from text on stdin: one JSON object per line."""
    from xborder.core.geo import check_country
    from xborder.extract import extract_stream

    if country is not None:
        try:
            country = check_country(country)
        except ValueError as exc:
            fail(str(exc))
    raise typer.Exit(extract_stream(sys.stdin.buffer, sys.stdout, country))


@app.command()
def demo(
    seed: Annotated[int, typer.Option(help="scenario seed: the same seed builds the same scenario")] = 7,
    reports: Annotated[int, typer.Option(min=100, max=200_000, help="number of reports")] = 5400,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="build the database and stop")] = False,
) -> None:
    """Build a realistic TH/KH scenario into a fresh database, then serve it."""
    from xborder.actions.demo import DemoError, build_demo

    # The demo gets a database of its own, rebuilt each run, so it can never
    # wipe or pollute the node's real one.
    settings = load_settings()
    demo_db = settings.home / "demo.db"
    for leftover in (demo_db, demo_db.with_name("demo.db-wal"), demo_db.with_name("demo.db-shm")):
        leftover.unlink(missing_ok=True)
    try:
        node = open_node(replace(settings, database_url=f"sqlite:///{demo_db}"), init=True)
    except (PersonalDataError, ValueError, SQLAlchemyError) as exc:
        fail(str(exc))
    try:
        with Progress(TextColumn("building demo"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      console=err, disable=not err.is_terminal) as bar:
            task = bar.add_task("demo", total=reports)
            built = build_demo(node, seed=seed, count=reports, on_report=lambda: bar.advance(task))
    except DemoError as exc:
        fail(str(exc))
    out.print(f"demo: {built.reports} reports, {built.networks} networks of 2+ reports "
              f"({built.cross_border} cross-border), {built.indicators} indicators", highlight=False)
    url = f"http://{host}:{port}/"
    out.print(f"open {url}", highlight=False, soft_wrap=True)
    out.print(f"try: curl -H 'Authorization: Bearer {built.token}' {url}api/v1/networks", highlight=False,
              soft_wrap=True)
    print(f"token: {built.token}")
    if no_serve:
        return
    import uvicorn

    from xborder.web.app import create_app

    uvicorn.run(create_app(node), host=host, port=port, log_level="info", access_log=False)


@app.command()
def sync(
    partner: Annotated[Optional[str], typer.Argument(help="the partner to pull from (default: every partner "
                                                          "with a TAXII URL and a collection)")] = None,
    from_start: Annotated[bool, typer.Option("--from-start", help="ignore the cursor and pull whole collections "
                                                                  "again (what is here already stays as it is)")
                          ] = False,
) -> None:
    """Pull what partners shared since the last pull (their TAXII collections), then purge expired partner data."""
    from xborder.actions.sync import SyncError, SyncOutcome, sync_partner
    from xborder.store.partner_objects import pull_partners

    node = _node()
    if partner is None:
        with node.engine.connect() as conn:
            names = [p.name for p in pull_partners(conn) if p.taxii_url and p.pull_collection]
        if not names:
            fail("no partner to pull from: add one with `xborder partner add NAME --taxii-url URL "
                 "--pull-collection ID --pull-token-file FILE`")
    else:
        names = [partner]
    failed = 0
    for name in names:
        with Progress(TextColumn(f"pulling from {name}"), TextColumn("{task.fields[pages]} pages"),
                      TextColumn("{task.fields[objects]} objects"), console=err,
                      disable=not err.is_terminal) as bar:
            task = bar.add_task(name, total=None, pages=0, objects=0)

            def on_page(progress: SyncOutcome) -> None:
                bar.update(task, pages=progress.pages, objects=progress.objects)

            try:
                done = sync_partner(node, name, acting=CLI, from_start=from_start, on_page=on_page)
            except SyncError as exc:
                failed += 1
                err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
                continue
        if done.skipped:
            out.print(f"{name}: skipped, {done.skipped}", highlight=False, soft_wrap=True)
            continue
        out.print(f"{name}: {done.objects} objects in {done.pages} page(s): {done.created} new, {done.updated} "
                  f"updated, {done.unchanged} unchanged, {done.ignored} ignored, {done.rejected} rejected; "
                  f"{done.purged} purged; cursor {done.cursor or '(start)'}", highlight=False, soft_wrap=True)
        for line in done.rejections[:10]:
            err.print(f"  rejected {line}", highlight=False, markup=False, soft_wrap=True)
    if failed:
        raise typer.Exit(1)


@share_app.command("purge")
def share_purge(
    partner: Annotated[Optional[str], typer.Argument(help="the partner (default: every partner)")] = None,
) -> None:
    """Delete partner data older than its agreement's retention_days, and its effect on networks and scores."""
    from xborder.actions.sync import purge_partner
    from xborder.store.partner_objects import pull_partners

    node = _node()
    with node.engine.connect() as conn:
        known = [p.name for p in pull_partners(conn)]
    if partner is not None and partner not in known:
        fail(f"no partner {partner!r}; partners: {', '.join(known) or 'none'}")
    for name in [partner] if partner else known:
        out.print(f"{name}: {purge_partner(node, name, acting=CLI)} object(s) past retention purged", highlight=False)


def main() -> None:
    try:
        app()
    except SQLAlchemyError as exc:
        err.print(f"[bold red]error:[/] the database failed: {_db_reason(exc)}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
