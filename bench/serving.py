"""Running an `aktsom` server command as an operator would, for the benchmarks.

Usage::

    port = free_port()
    env = clean_env(AKTSOM_DATA_DIR=str(data_dir))
    with aktsom_process("web", port=port, env=env, ready="/report", log=log) as base_url:
        ...
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx

START_TIMEOUT_S = 300.0
LOG_TAIL_LINES = 20


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def aktsom_command(*args: str) -> list[str]:
    """`aktsom ARGS` from this interpreter's environment."""
    return [str(Path(sys.executable).with_name("aktsom")), *args]


def clean_env(**values: str) -> dict[str, str]:
    """This process's environment without the developer's aktsom and Slack settings, plus
    `values`."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("AKTSOM_", "SLACK_"))}
    return {**kept, **values}


def log_tail(log: Path) -> list[str]:
    """The last lines a server wrote to `log`."""
    return log.read_text(errors="replace").splitlines()[-LOG_TAIL_LINES:]


@contextmanager
def aktsom_process(
    *args: str,
    port: int,
    env: dict[str, str],
    ready: str,
    log: Path,
    timeout_s: float = START_TIMEOUT_S,
) -> Iterator[str]:
    """`aktsom ARGS --host 127.0.0.1 --port PORT`, its output in `log`, until the block ends;
    yields its base URL once `ready` (a path) answers 200."""
    command = aktsom_command(*args, "--host", "127.0.0.1", "--port", str(port))
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                tail = "\n".join(log_tail(log))
                raise SystemExit(
                    f"aktsom {args[0]} did not start (exit code {process.poll()})\n{tail}"
                )
            with suppress(httpx.HTTPError):
                if httpx.get(f"{base_url}{ready}", timeout=1).status_code == 200:
                    break
            time.sleep(0.2)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)
