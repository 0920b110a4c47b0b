"""Serve an ASGI app (FastAPI) with uvicorn on a free loopback port, in a thread.

Usage::

    with serve(app) as base_url:
        httpx.get(base_url + "/slack/healthz")
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

STARTUP_TIMEOUT_S = 10.0


@contextmanager
def serve(app: Any, **options: Any) -> Iterator[str]:
    """Run `app` until the block ends; yields its base URL (`http://127.0.0.1:PORT`).
    `options` go to `uvicorn.Config` (e.g. `log_level="info"`)."""
    settings = {"log_level": "warning", **options}
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", **settings)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)
