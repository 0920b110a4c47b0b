"""A real OpenAI-compatible chat server on loopback, so LLM mode is tested through the real client.

It answers `POST /v1/chat/completions` (non-streaming) with whatever the test's handler returns,
and records every request body, so tests can assert on the prompt the model actually received.

Usage::

    with OpenAIServer(lambda request: "Three weeks [1].") as server:
        model = make_chat_model("openai:fake", base_url=server.base_url, api_key=None)
        ...
        server.requests[0]["messages"]
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

Handler = Callable[[dict[str, Any]], str]
COMPLETIONS_PATH = "/v1/chat/completions"


class OpenAIServer:
    """An `http.server` on 127.0.0.1, port 0, in a daemon thread; a context manager."""

    def __init__(self, handler: Handler, *, status: int = 200) -> None:
        """Answer with `handler(request_json)`; a `status` other than 200 fails every call."""
        self.handler = handler
        self.status = status
        self.requests: list[dict[str, Any]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_request_handler(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        """The URL to give the OpenAI client, ending in `/v1`."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> OpenAIServer:
        """Start serving."""
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop serving and free the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def to_completion(content: str, *, model: str) -> dict[str, Any]:
    """The JSON body the openai client accepts as a non-streaming chat completion."""
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }


def _make_request_handler(server: OpenAIServer) -> type[BaseHTTPRequestHandler]:
    """A request-handler class bound to `server`'s handler, status and request log."""

    class _RequestHandler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            server.requests.append(body)
            if self.path != COMPLETIONS_PATH:
                self._reply(404, {"error": {"message": f"no route {self.path}"}})
            elif server.status != 200:
                self._reply(server.status, {"error": {"message": "fake server failure"}})
            else:
                content = server.handler(body)
                self._reply(200, to_completion(content, model=body.get("model", "fake")))

        def _reply(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output quiet."""

    return _RequestHandler
