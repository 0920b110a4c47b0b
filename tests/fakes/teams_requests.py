"""Activities as Microsoft Teams sends them, so tests hit the app's real `/api/messages`.

Each builder returns the JSON Teams would POST for one kind of event: a personal-chat
message, a channel message that @mentions the bot, an `Action.Submit` from an Adaptive Card
(a message with `value`), an `Action.Execute` (`invoke` named `adaptiveCard/action`), a
dialog's `task/fetch` and `task/submit`, the bot being installed (`conversationUpdate`), and a
file sent in personal chat. Every activity carries `serviceUrl` (point it at
`FakeBotConnector.url`), `channelId: "msteams"`, `from` with `id` and `aadObjectId`,
`conversation` with `conversationType` and `tenantId`, `recipient` (the bot), `locale`, a
unique `id` and `channelData.tenant`. `post` sends one with httpx, with
`Authorization: Bearer <token>` when the sender (or the call) has a token; `last_elapsed`
holds how long the bot took to answer, for "answered within 15 seconds" checks.

Usage::

    sender = TeamsSender(bot_url, service_url=connector.url)
    activity = sender.personal_message("hei", user=KARI)
    response = sender.post(activity)
    assert response.status_code == 202 and sender.last_elapsed < 15
    sender.post(sender.card_action("approve", data={"case": "C1"}, reply_to_id="1700..."))
    TeamsSender(bot_url, service_url=connector.url, token=connector.channel_token())
"""

from __future__ import annotations

import itertools
import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

MESSAGES_PATH = "/api/messages"
CHANNEL_ID = "msteams"
BOT_APP_ID = "00000000-0000-0000-0000-0000000a4b07"
BOT_NAME = "aktsom"
TENANT_ID = "00000000-0000-0000-0000-00000000d0e5"
TEAM_ID = "19:team-compliance@thread.tacv2"
TEAM_NAME = "Compliance"
CHANNEL_CONVERSATION_ID = "19:general-compliance@thread.tacv2"
CHANNEL_NAME = "General"
DEFAULT_LOCALE = "nb-NO"
DEFAULT_TIMEZONE = "Europe/Oslo"
DEFAULT_TIMEOUT_S = 20.0
FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"
FIRST_ACTIVITY_ID = 1_710_000_000_000

Activity = dict[str, Any]
# One counter for every sender, so activity ids never repeat within a test run.
_ACTIVITY_IDS = itertools.count(FIRST_ACTIVITY_ID)


@dataclass(frozen=True)
class TeamsUser:
    """A person in Teams: `id` is the Bot Framework id (`29:...`), `aad_object_id` Entra's."""

    id: str
    aad_object_id: str
    name: str

    def to_account(self) -> dict[str, str]:
        """The `from` object Teams sends."""
        return {"id": self.id, "name": self.name, "aadObjectId": self.aad_object_id}


KARI = TeamsUser(
    id="29:1kari-nordmann", aad_object_id="5a7d3c1e-0000-4000-8000-00000000ka01", name="Kari"
)
OLA = TeamsUser(
    id="29:1ola-nordmann", aad_object_id="5a7d3c1e-0000-4000-8000-0000000o1a02", name="Ola"
)


class TeamsSender:
    """Builds Teams activities and POSTs them to `base_url + "/api/messages"`."""

    def __init__(
        self,
        base_url: str,
        *,
        service_url: str,
        token: str | None = None,
        bot_app_id: str = BOT_APP_ID,
        bot_name: str = BOT_NAME,
        tenant_id: str = TENANT_ID,
        timeout: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        """Send as Teams would for the bot `bot_app_id` in `tenant_id`.

        Args:
            base_url: The bot's base URL, e.g. from `tests.fakes.asgi_server.serve`.
            service_url: Where the bot must reply: `FakeBotConnector.url`.
            token: A bearer token for every request (e.g. `FakeBotConnector.channel_token()`).
            timeout: Seconds before giving up on one request.
        """
        self.url = base_url.rstrip("/") + MESSAGES_PATH
        self.service_url = service_url
        self.token = token
        self.bot_app_id = bot_app_id
        self.bot_name = bot_name
        self.tenant_id = tenant_id
        self.timeout = timeout
        self.last_elapsed: float | None = None

    @property
    def bot_account(self) -> dict[str, str]:
        """The `recipient` of every activity: the bot, as `28:<app id>`."""
        return {"id": f"28:{self.bot_app_id}", "name": self.bot_name}

    def post(self, activity: Activity, *, token: str | None = None) -> httpx.Response:
        """POST `activity` as JSON; `token` (else the sender's) goes in `Authorization`."""
        bearer = token or self.token
        headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
        return self.raw(json.dumps(activity).encode(), headers=headers)

    def raw(self, body: bytes, *, headers: dict[str, str]) -> httpx.Response:
        """POST `body` with `headers` plus a JSON content type, for malformed requests."""
        started = time.perf_counter()
        response = httpx.post(
            self.url,
            content=body,
            headers={"Content-Type": "application/json", **headers},
            timeout=self.timeout,
        )
        self.last_elapsed = time.perf_counter() - started
        return response

    def personal_message(
        self,
        text: str,
        *,
        user: TeamsUser = KARI,
        locale: str = DEFAULT_LOCALE,
        conversation_id: str | None = None,
    ) -> Activity:
        """A message in the 1:1 chat between `user` and the bot."""
        return self._message(
            text=text,
            user=user,
            locale=locale,
            conversation=self.personal_conversation(user, conversation_id=conversation_id),
            channel_data={"tenant": {"id": self.tenant_id}},
        )

    def channel_mention(
        self,
        text: str,
        *,
        user: TeamsUser = KARI,
        locale: str = DEFAULT_LOCALE,
        thread_id: str | None = None,
    ) -> Activity:
        """A channel post that @mentions the bot: `"<at>aktsom</at> " + text`.

        Args:
            thread_id: The id of the thread's first post, to answer inside a thread; a new
                post starts its own thread (Teams names the conversation after it).
        """
        activity_id = self._next_id()
        root = thread_id or activity_id
        mention_text = f"<at>{self.bot_name}</at>"
        activity = self._message(
            text=f"{mention_text} {text}",
            user=user,
            locale=locale,
            conversation={
                "isGroup": True,
                "conversationType": "channel",
                "tenantId": self.tenant_id,
                "id": f"{CHANNEL_CONVERSATION_ID};messageid={root}",
                "name": CHANNEL_NAME,
            },
            channel_data={
                "teamsChannelId": CHANNEL_CONVERSATION_ID,
                "teamsTeamId": TEAM_ID,
                "channel": {"id": CHANNEL_CONVERSATION_ID, "name": CHANNEL_NAME},
                "team": {"id": TEAM_ID, "name": TEAM_NAME},
                "tenant": {"id": self.tenant_id},
            },
            activity_id=activity_id,
        )
        mention = {"type": "mention", "text": mention_text, "mentioned": self.bot_account}
        activity["entities"] = [mention, *activity["entities"]]
        return activity

    def card_submit(
        self,
        value: dict[str, Any],
        *,
        reply_to_id: str,
        user: TeamsUser = KARI,
        locale: str = DEFAULT_LOCALE,
    ) -> Activity:
        """What an `Action.Submit` on the card `reply_to_id` sends: a message with `value`."""
        activity = self._message(
            text=None,
            user=user,
            locale=locale,
            conversation=self.personal_conversation(user),
            channel_data={
                "tenant": {"id": self.tenant_id},
                "source": {"name": "message"},
                "legacy": {"replyToId": reply_to_id},
            },
        )
        return {**activity, "value": value, "replyToId": reply_to_id}

    def card_action(
        self,
        verb: str,
        *,
        data: dict[str, Any] | None = None,
        reply_to_id: str | None = None,
        user: TeamsUser = KARI,
        locale: str = DEFAULT_LOCALE,
    ) -> Activity:
        """An `Action.Execute` (Universal Actions): an `invoke` named `adaptiveCard/action`."""
        value = {
            "action": {
                "type": "Action.Execute",
                "id": f"action-{verb}",
                "verb": verb,
                "data": data or {},
            },
            "trigger": "manual",
        }
        return self._invoke("adaptiveCard/action", value, user, locale, reply_to_id=reply_to_id)

    def task_fetch(
        self,
        data: dict[str, Any],
        *,
        user: TeamsUser = KARI,
        locale: str = DEFAULT_LOCALE,
    ) -> Activity:
        """A button asking to open a dialog: an `invoke` named `task/fetch`."""
        value = {"type": "task/fetch", "data": data, "context": {"theme": "default"}}
        return self._invoke("task/fetch", value, user, locale)

    def task_submit(
        self,
        data: dict[str, Any],
        *,
        user: TeamsUser = KARI,
        locale: str = DEFAULT_LOCALE,
    ) -> Activity:
        """A dialog's form submitted: an `invoke` named `task/submit` with the inputs in `data`."""
        value = {"type": "task/submit", "data": data, "context": {"theme": "default"}}
        return self._invoke("task/submit", value, user, locale)

    def installed(
        self, *, user: TeamsUser = KARI, in_team: bool = False, locale: str = DEFAULT_LOCALE
    ) -> Activity:
        """The `conversationUpdate` Teams sends when the bot is added (1:1, or to a team)."""
        channel_data: dict[str, Any] = {"tenant": {"id": self.tenant_id}}
        if in_team:
            conversation = {
                "isGroup": True,
                "conversationType": "channel",
                "tenantId": self.tenant_id,
                "id": TEAM_ID,
            }
            channel_data |= {"eventType": "teamMemberAdded", "team": {"id": TEAM_ID}}
        else:
            conversation = self.personal_conversation(user)
        return {
            **self._base(user=user, locale=locale, conversation=conversation),
            "type": "conversationUpdate",
            "membersAdded": [self.bot_account],
            "channelData": channel_data,
        }

    def file_message(
        self,
        *,
        name: str,
        download_url: str,
        text: str = "",
        user: TeamsUser = KARI,
        locale: str = DEFAULT_LOCALE,
    ) -> Activity:
        """A file sent in personal chat, with the pre-authenticated `content.downloadUrl`."""
        activity = self.personal_message(text, user=user, locale=locale)
        file_type = name.rpartition(".")[2].lower() if "." in name else ""
        activity["attachments"] = [
            {
                "contentType": FILE_DOWNLOAD_INFO,
                "contentUrl": f"https://example-my.sharepoint.com/personal/kari/Documents/{name}",
                "name": name,
                "content": {
                    "downloadUrl": download_url,
                    "uniqueId": str(uuid.uuid4()),
                    "fileType": file_type,
                },
            }
        ]
        return activity

    def personal_conversation(
        self, user: TeamsUser, *, conversation_id: str | None = None
    ) -> dict[str, str]:
        """The `conversation` of the 1:1 chat with `user` (the same id on every call)."""
        return {
            "conversationType": "personal",
            "tenantId": self.tenant_id,
            "id": conversation_id or f"a:1personal-{user.id.removeprefix('29:')}",
        }

    def _message(
        self,
        *,
        text: str | None,
        user: TeamsUser,
        locale: str,
        conversation: dict[str, Any],
        channel_data: dict[str, Any],
        activity_id: str | None = None,
    ) -> Activity:
        activity: Activity = {
            **self._base(
                user=user, locale=locale, conversation=conversation, activity_id=activity_id
            ),
            "type": "message",
            "textFormat": "plain",
            "channelData": channel_data,
        }
        if text is not None:
            activity["text"] = text
        return activity

    def _invoke(
        self,
        name: str,
        value: dict[str, Any],
        user: TeamsUser,
        locale: str,
        *,
        reply_to_id: str | None = None,
    ) -> Activity:
        activity: Activity = {
            **self._base(user=user, locale=locale, conversation=self.personal_conversation(user)),
            "type": "invoke",
            "name": name,
            "value": value,
            "channelData": {"tenant": {"id": self.tenant_id}, "source": {"name": "message"}},
        }
        if reply_to_id:
            activity["replyToId"] = reply_to_id
        return activity

    def _base(
        self,
        *,
        user: TeamsUser,
        locale: str,
        conversation: dict[str, Any],
        activity_id: str | None = None,
    ) -> Activity:
        """The fields every Teams activity carries."""
        now = datetime.now(UTC)
        return {
            "id": activity_id or self._next_id(),
            "timestamp": now.isoformat().replace("+00:00", "Z"),
            "localTimestamp": now.isoformat(),
            "serviceUrl": self.service_url,
            "channelId": CHANNEL_ID,
            "from": user.to_account(),
            "conversation": conversation,
            "recipient": self.bot_account,
            "locale": locale,
            "localTimezone": DEFAULT_TIMEZONE,
            "entities": [
                {
                    "type": "clientInfo",
                    "locale": locale,
                    "country": locale.rpartition("-")[2],
                    "platform": "Web",
                    "timezone": DEFAULT_TIMEZONE,
                }
            ],
        }

    def _next_id(self) -> str:
        """A Teams-style activity id (digits, like a millisecond timestamp), never repeated."""
        return str(next(_ACTIVITY_IDS))
