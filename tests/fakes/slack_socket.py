"""A fake Slack Socket Mode endpoint on loopback, so the Socket Mode transport is tested for real.

It is a `websockets` server on 127.0.0.1, port 0, in a daemon thread, playing Slack's side:
it greets each client with `hello`, sends envelopes when a test asks, and collects the acks.
slack_sdk's builtin `SocketModeClient` first asks the Web API for the URL, so point the
`FakeSlackApi` at this server. Close the client before the server, or it reconnects.

Usage::

    with FakeSlackApi() as api, FakeSocketModeServer() as socket:
        api.socket_url = socket.url
        client = SocketModeClient(app_token="xapp-1", web_client=WebClient(base_url=api.url))
        client.connect()
        socket.wait_connected()
        envelope_id = socket.send_envelope("events_api", {"event": {...}})
        assert socket.wait_for_ack(envelope_id)["envelope_id"] == envelope_id
        client.close()
"""

from __future__ import annotations

import json
import threading
import uuid
from types import TracebackType
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

APP_ID = "A1"
# slack_sdk's builtin client holds its receive lock through a 3 s blocking read, so its
# close() waits for that read; frequent server pings end each read early, as Slack's do.
PING_INTERVAL_S = 0.1
HELLO = {
    "type": "hello",
    "num_connections": 1,
    "debug_info": {
        "host": "applink-fake",
        "build_number": 1,
        "approximate_connection_time": 18060,
    },
    "connection_info": {"app_id": APP_ID},
}


class FakeSocketModeServer:
    """Slack's Socket Mode websocket on 127.0.0.1; a context manager, or `start()` and `stop()`."""

    def __init__(self) -> None:
        """Bind the port now, so `url` is known before serving starts."""
        self._server = serve(self._serve_connection, "127.0.0.1", 0, ping_interval=PING_INTERVAL_S)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._changed = threading.Condition()
        self._connections: list[ServerConnection] = []
        self._acks: dict[str, dict[str, Any]] = {}

    @property
    def url(self) -> str:
        """The `ws://` URL that `apps.connections.open` should hand out."""
        host, port = self._server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link"

    def start(self) -> FakeSocketModeServer:
        """Start accepting connections in a daemon thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close every connection (code 1001) and the listening socket."""
        self._server.shutdown()
        self._thread.join()

    def __enter__(self) -> FakeSocketModeServer:
        """Start serving."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop serving."""
        self.stop()

    def wait_connected(self, timeout: float = 5.0) -> None:
        """Wait until a client has connected and been sent `hello`."""
        with self._changed:
            if not self._changed.wait_for(lambda: bool(self._connections), timeout=timeout):
                raise AssertionError(f"no Socket Mode client connected within {timeout}s")

    def send_envelope(
        self, payload_type: str, payload: dict[str, Any], *, accepts_response_payload: bool = False
    ) -> str:
        """Send one envelope (`events_api`, `slash_commands`, `interactive`) to the newest client.

        Returns:
            The envelope id the client must ack with.
        """
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": payload_type,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
            "retry_attempt": 0,
            "retry_reason": "",
        }
        with self._changed:
            if not self._connections:
                raise AssertionError("no Socket Mode client is connected")
            connection = self._connections[-1]
        connection.send(json.dumps(envelope))
        return envelope_id

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """The JSON the client sent back for `envelope_id`, once it arrives."""
        with self._changed:
            if not self._changed.wait_for(lambda: envelope_id in self._acks, timeout=timeout):
                raise AssertionError(
                    f"no ack for {envelope_id} within {timeout}s; acked {list(self._acks)}"
                )
            return self._acks[envelope_id]

    def _serve_connection(self, connection: ServerConnection) -> None:
        """Greet one client, then collect its acks until it goes away."""
        connection.send(json.dumps(HELLO))
        with self._changed:
            self._connections.append(connection)
            self._changed.notify_all()
        try:
            for message in connection:
                ack = json.loads(message)
                with self._changed:
                    self._acks[ack.get("envelope_id", "")] = ack
                    self._changed.notify_all()
        except ConnectionClosed:
            pass  # A client dropping the socket is how Socket Mode sessions end.
        finally:
            with self._changed:
                self._connections.remove(connection)
                self._changed.notify_all()
