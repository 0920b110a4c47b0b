"""The Slack bot as an operator starts it, checked end to end (the issue's "must show").

Starts `aktsom slack --http` in a subprocess on a fresh data dir with only SLACK_BOT_TOKEN,
SLACK_SIGNING_SECRET and AKTSOM_SLACK_API_URL set (pointed at the loopback fake of Slack's
Web API), then: a signed app_mention question, `/aktsom report`, the report submitted, and
`aktsom cases list --json`. Prints what happened and how long each step took::

    .venv/bin/python -m bench.slack_walkthrough
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.serving import free_port
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_requests import SlackSender

SECRET = "walkthrough-signing-secret-0123"
TOKEN = "xoxb-walkthrough"
QUESTION = "Hva er fristen for å svare på et informasjonskrav?"
START_TIMEOUT_S = 300


def main() -> None:
    """Run the walkthrough and print each step."""
    with (
        tempfile.TemporaryDirectory(prefix="aktsom-walkthrough-") as scratch,
        FakeSlackApi(token=TOKEN) as api,
    ):
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("AKTSOM_", "SLACK_"))},
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "AKTSOM_SLACK_API_URL": api.url,
            "AKTSOM_DATA_DIR": str(Path(scratch) / "data"),
        }
        port = free_port()
        aktsom = str(Path(sys.executable).with_name("aktsom"))
        started = time.monotonic()
        server = subprocess.Popen(
            [aktsom, "slack", "--http", "--port", str(port), "--host", "127.0.0.1"], env=env
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_healthy(base, server)
            print(
                "started (fresh data dir, bundled guide indexed) in "
                f"{time.monotonic() - started:.1f} s"
            )
            sender = SlackSender(base, signing_secret=SECRET)
            sender.event(
                {
                    "type": "app_mention",
                    "user": "U1",
                    "text": f"<@UBOT> {QUESTION}",
                    "ts": "1700000001.000100",
                    "channel": "CGENERAL",
                }
            )
            print(f"app_mention acked in {sender.last_elapsed * 1000:.0f} ms")
            sent = time.monotonic()
            [update] = api.wait_for("chat.update", timeout=60)
            print(
                "answered through chat.postMessage + chat.update in "
                f"{time.monotonic() - sent:.2f} s"
            )
            print("  contains 'tre uker':", "tre uker" in update.params["text"])
            print("  ", update.params["text"].replace("\n", "\n   "))
            sender.command("report", user_id="U1", trigger_id="T1")
            [opened] = api.wait_for("views.open", timeout=10)
            print(
                f"/aktsom report acked in {sender.last_elapsed * 1000:.0f} ms;",
                "views.open callback_id",
                opened.params["view"]["callback_id"],
            )
            values = {
                "category": {
                    "value": {
                        "type": "static_select",
                        "selected_option": {"value": "forced_labour"},
                    }
                },
                "description": {
                    "value": {"type": "plain_text_input", "value": "Passports kept by the agency."}
                },
                "anonymous": {
                    "value": {"type": "checkboxes", "selected_options": [{"value": "anonymous"}]}
                },
            }
            answer = sender.view_submission(
                user_id="U1", callback_id="report", values=values
            ).json()
            print(
                f"report submitted, acked in {sender.last_elapsed * 1000:.0f} ms: response_action",
                answer["response_action"],
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
        listed = subprocess.run(
            [aktsom, "cases", "list", "--json"], env=env, capture_output=True, text=True, check=True
        )
        cases = json.loads(listed.stdout)
        print(
            "aktsom cases list --json:",
            [(c["reference"], c["category"], c["anonymous"]) for c in cases],
        )


def _wait_healthy(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"aktsom slack exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/slack/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise SystemExit("aktsom slack did not start")


if __name__ == "__main__":
    main()
