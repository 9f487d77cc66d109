"""The node's app under uvicorn, as `xborder serve` runs it, plus one bench-only route.

    python bench/lookup/server.py PORT      (node from XBORDER_HOME / XBORDER_DATABASE_URL)

GET /api/v1/lookup/ceiling answers a constant through the same middleware
(body limit, rate limiter: it sits under the rate-limited /api/v1/lookup
prefix) and the same server: the most any route of this stack can do. It
exists only in this wrapper, never in the node's routes.
"""

from __future__ import annotations

import sys

import uvicorn
from fastapi.responses import Response

from xborder.node import open_node
from xborder.web.app import create_app

CONSTANT = b'{"verdict":"unknown"}'


def main() -> None:
    port = int(sys.argv[1])
    app = create_app(open_node())

    @app.get("/api/v1/lookup/ceiling", include_in_schema=False)
    async def ceiling() -> Response:
        return Response(CONSTANT, media_type="application/json")

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
