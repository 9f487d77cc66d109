"""The node's home page: counts, newest reports, largest networks, links."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy import func, select

from xborder import __version__
from xborder.store.networks import count_networks, list_networks
from xborder.store.reports import ReportFilter, count_reports, list_reports
from xborder.store.tables import indicators
from xborder.web.api._views import network_summary, report_summary

templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    node = request.app.state.node
    with node.engine.connect() as conn:
        counts = {
            "reports": count_reports(conn),
            "indicators": conn.execute(select(func.count()).select_from(indicators)).scalar_one(),
            "networks": count_networks(conn, min_reports=2),
        }
        newest = [report_summary(r) for r in list_reports(conn, ReportFilter(), before_id=None, limit=10)]
        largest = [network_summary(r) for r in list_networks(conn, limit=10, offset=0, min_reports=2)]
    # The page is open without a token, so it shows metadata and aggregates
    # only: no report text and no indicator values.
    for r in newest:
        r.pop("excerpt", None)
    return templates.TemplateResponse(request, "home.html", {
        "node": node.settings, "counts": counts, "newest": newest, "largest": largest, "version": __version__,
    })
