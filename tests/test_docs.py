"""Everything an operator can set or call is documented, and the CLI docs are current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from xborder.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_docs_are_generated_from_the_current_commands(tmp_path):
    out = tmp_path / "cli.md"
    subprocess.run([sys.executable, "-m", "typer", "xborder.cli", "utils", "docs", "--name", "xborder",
                    "--title", "xborder command line", "--output", str(out)], check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == (ROOT / "docs" / "cli.md").read_text(encoding="utf-8"), \
        "docs/cli.md is stale: run scripts/gen-docs"


def test_every_setting_is_in_the_readme():
    source = (ROOT / "xborder" / "settings.py").read_text(encoding="utf-8")
    settings = set(re.findall(r'"(XBORDER_[A-Z_]+)"', source))
    assert settings, "no settings found: the test is looking in the wrong place"
    missing = sorted(s for s in settings if f"`{s}`" not in README)
    assert not missing, f"undocumented settings: {missing}"


def test_every_api_route_is_in_the_readme(sqlite_node):
    app = create_app(sqlite_node)
    routes = {(method.upper(), path) for path, ops in app.openapi()["paths"].items() for method in ops}
    assert routes
    missing = sorted(f"{m} {p}" for m, p in routes if f"`{m} {p}`" not in README)
    assert not missing, f"undocumented routes: {missing}"


def test_the_readme_has_exactly_two_fresh_machine_commands():
    section = README.split("## On a fresh machine", 1)[1].split("\n## ", 1)[0]
    commands = [line.strip() for line in section.splitlines() if line.startswith("    ")]
    assert commands == ["bash scripts/demo", "bash scripts/test"]
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text()
