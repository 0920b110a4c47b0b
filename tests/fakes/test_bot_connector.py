"""A worked recipe: a Teams bot on FastAPI with the Microsoft 365 Agents SDK, over loopback.

The recipe is the top half of this file (`to_auth_configuration`, `build_adapter`,
`build_app`, `RecipeAgent`, `send_proactive`); the tests below drive it with real HTTP:
`TeamsSender` POSTs to `/api/messages` under uvicorn, and the bot replies to the
`FakeBotConnector` named by each activity's `serviceUrl`.

What the tests pin down about SDK 1.9:

- `CloudAdapter.process` answers the POST only after the agent's turn has finished (202 for
  messages). Work that may take long must be moved off the turn: `RecipeAgent` shows the
  ack-first shape with `continue_conversation_with_claims` in a background task.
- An `invoke` is answered in the HTTP body: the turn returns an `InvokeResponse` (from
  `on_invoke_activity`), which the adapter sends back as `{status, body}`; without one, 501.
- Production auth rejects a POST without a valid Bot Framework JWT with 401 before the agent
  runs; outbound calls then carry a token that MSAL took from the fake token endpoint.
- Anonymous auth sends no token anywhere, and needs `ClaimsIdentity()` (not
  `create_claims_identity("")`) for proactive messages.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx
import pytest
from fastapi import FastAPI, Request, Response
from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    Attachment,
    ChannelAccount,
    ConversationReference,
    InvokeResponse,
)
from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.core import (
    AccessTokenProviderBase,
    ActivityHandler,
    AgentAuthConfiguration,
    AuthTypes,
    ClaimsIdentity,
    ConnectionManager,
    OutboundHostValidator,
    TurnContext,
)
from microsoft_agents.hosting.core.authorization import AuthenticationConstants
from microsoft_agents.hosting.core.authorization.jwt import jwt_token_validator
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient
from microsoft_agents.hosting.fastapi import CloudAdapter, jwt_authorization_decorator

from tests.fakes.asgi_server import serve
from tests.fakes.bot_connector import ACCESS_TOKEN, FakeBotConnector
from tests.fakes.teams_requests import FILE_DOWNLOAD_INFO, KARI, TeamsSender

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
SLOW_TURN_S = 1.0
ACK_FIRST_LIMIT_S = 0.5
logger = logging.getLogger("aktsom.teams.recipe")

Card = dict[str, Any]
T = TypeVar("T")
ProviderFactory = Callable[[AgentAuthConfiguration], AccessTokenProviderBase]


# --- The recipe ---------------------------------------------------------------------------


def to_auth_configuration(
    *, app_id: str | None, app_password: str | None, tenant_id: str | None, anonymous: bool
) -> AgentAuthConfiguration:
    """The SDK's auth settings from ours (`AKTSOM_TEAMS_APP_ID`, `_APP_PASSWORD`, `_TENANT_ID`)."""
    if anonymous:
        # No client id: inbound requests without a token pass, outbound calls carry none.
        return AgentAuthConfiguration(anonymous_allowed=True)
    return AgentAuthConfiguration(
        auth_type=AuthTypes.client_secret,
        client_id=app_id,
        client_secret=app_password,
        tenant_id=tenant_id,
        connection_name="SERVICE_CONNECTION",
    )


def build_adapter(
    configuration: AgentAuthConfiguration,
    *,
    provider_factory: ProviderFactory = MsalAuth,
    host_validator: OutboundHostValidator | None = None,
) -> CloudAdapter:
    """A `CloudAdapter` whose one connection takes tokens from `provider_factory`'s provider.

    Production passes `MsalAuth` (what `MsalConnectionManager` does); tests pass
    `FakeBotConnector.msal_auth`, the same MSAL client aimed at the fake.
    """
    connections = ConnectionManager(
        provider_factory=provider_factory,
        connections_configurations={"SERVICE_CONNECTION": configuration},
    )
    adapter = CloudAdapter(connection_manager=connections, host_validator=host_validator)
    # The default handler prints the traceback and sends "Exception caught : <error>" to the user.
    adapter.on_turn_error = _on_turn_error
    return adapter


def build_app(
    adapter: CloudAdapter, agent: ActivityHandler, configuration: AgentAuthConfiguration
) -> FastAPI:
    """A FastAPI app with `POST /api/messages`, checking the Bot Framework JWT first."""
    app = FastAPI()
    # `jwt_authorization_decorator` reads the configuration from here.
    app.state.agent_configuration = configuration

    @app.post("/api/messages", response_model=None)
    @jwt_authorization_decorator
    async def messages(request: Request) -> Response | None:
        return await adapter.process(request, agent)

    return app


class RecipeAgent(ActivityHandler):
    """The agent shape: one method per activity kind, each a thin call into the core."""

    def __init__(self) -> None:
        self.turns: list[Activity] = []
        self.references: dict[str, str] = {}
        self._background: set[asyncio.Task[None]] = set()

    async def on_turn(self, turn_context: TurnContext) -> None:
        """Record every turn, then dispatch by activity type."""
        self.turns.append(turn_context.activity)
        await super().on_turn(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        """Answer a message: text, a card, a card's `Action.Submit`, or a file."""
        activity = turn_context.activity
        sender = activity.from_property
        self.references[sender.aad_object_id] = to_reference_json(activity)
        if activity.value is not None:
            # Action.Submit: replace the card it came from.
            done = Activity(
                type=ActivityTypes.message,
                id=activity.reply_to_id,
                attachments=[to_attachment(_card(f"Mottatt: {activity.value['choice']}"))],
            )
            await turn_context.update_activity(done)
            return
        files = [a for a in activity.attachments or [] if a.content_type == FILE_DOWNLOAD_INFO]
        if files:
            content = await download_attachment(files[0])
            await turn_context.send_activity(f"{files[0].name}: {len(content)} bytes")
            return
        text = turn_context.remove_recipient_mention(activity).strip()
        if text == "card":
            card = Activity(type=ActivityTypes.message, attachments=[to_attachment(_card("Hei"))])
            await turn_context.send_activity(card)
        elif text == "slow":
            await asyncio.sleep(SLOW_TURN_S)
            await turn_context.send_activity("done")
        elif text == "later":
            self._run_after_turn(turn_context, _reply_later)
        elif text == "whoami":
            client = turn_context.services.get(ConnectorClientBase)
            assert isinstance(client, TeamsConnectorClient)
            member = await client.get_conversation_member(activity.conversation.id, sender.id)
            await turn_context.send_activity(f"{member.name} <{member.user_principal_name}>")
        elif text == "boom":
            raise RuntimeError("secret internal detail")
        else:
            await turn_context.send_activity(
                f"{text} ({activity.locale}, {sender.aad_object_id}, "
                f"{activity.conversation.tenant_id})"
            )

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse | None:
        """Answer invokes in the HTTP body: a replacement card, or a dialog."""
        activity = turn_context.activity
        value = activity.value or {}
        if activity.name == "adaptiveCard/action":
            action = value["action"]
            card = _card(f"{action['verb']}: {action['data'].get('case')}")
            body = {"statusCode": 200, "type": CARD_TYPE, "value": card}
            return InvokeResponse(status=200, body=body)
        if activity.name == "task/fetch":
            # Dump by alias: a plain `model_dump()` would say `content_type`, which Teams ignores.
            card = to_attachment(_card("Skjema")).model_dump(
                mode="json", by_alias=True, exclude_none=True
            )
            dialog = {"title": "Rapport", "card": card}
            return InvokeResponse(status=200, body={"task": {"type": "continue", "value": dialog}})
        return await super().on_invoke_activity(turn_context)

    async def on_members_added_activity(
        self, members_added: list[ChannelAccount], turn_context: TurnContext
    ) -> None:
        """Greet once the bot itself is added (1:1 install or to a team)."""
        if any(m.id == turn_context.activity.recipient.id for m in members_added):
            await turn_context.send_activity("Velkommen")

    def _run_after_turn(
        self, turn_context: TurnContext, work: Callable[[TurnContext], Any]
    ) -> None:
        """Acknowledge now; run `work` in a new turn on the same activity once this one ends.

        The turn's connector client is closed when the turn ends, so the work gets its own
        context from `continue_conversation_with_claims`, with the caller's identity.
        """
        adapter = turn_context.adapter
        task = asyncio.create_task(
            adapter.continue_conversation_with_claims(
                turn_context.identity, turn_context.activity, work
            )
        )
        self._background.add(task)
        task.add_done_callback(self._background.discard)


async def _reply_later(turn_context: TurnContext) -> None:
    await asyncio.sleep(SLOW_TURN_S)
    await turn_context.send_activity("later done")


async def _on_turn_error(turn_context: TurnContext, error: Exception) -> None:
    """Log the failure; tell the person something went wrong, without the details."""
    logger.error("Teams turn failed", exc_info=error)
    try:
        await turn_context.send_activity("Beklager, noe gikk galt.")
    except Exception:
        logger.exception("could not send the apology either")


def run_elsewhere(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run `coroutine` to the end on a fresh event loop in its own thread, as a scheduler
    thread outside the server would."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def to_reference_json(activity: Activity) -> str:
    """The conversation reference of `activity`, as JSON to store."""
    reference = activity.get_conversation_reference()
    return reference.model_dump_json(by_alias=True, exclude_none=True)


async def send_proactive(
    adapter: CloudAdapter, *, reference_json: str, text: str, identity: ClaimsIdentity
) -> None:
    """Post `text` into the stored conversation, outside any turn.

    Args:
        identity: `ClaimsIdentity()` when anonymous, else `adapter.create_claims_identity(app_id)`.
    """
    reference = ConversationReference.model_validate_json(reference_json)
    continuation = reference.get_continuation_activity()
    # The continuation has a made-up id, which would become the `replyToId` of every message
    # (POST .../activities/<uuid>); without it the message is a new post in the conversation.
    continuation.id = None

    async def say(turn_context: TurnContext) -> None:
        await turn_context.send_activity(text)

    await adapter.continue_conversation_with_claims(identity, continuation, say)


async def download_attachment(attachment: Attachment) -> bytes:
    """A Teams file's bytes from its pre-authenticated `downloadUrl` (no bot token sent)."""
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.get(attachment.content["downloadUrl"])
        response.raise_for_status()
        return response.content


def to_attachment(card: Card) -> Attachment:
    """An Adaptive Card as a message attachment."""
    return Attachment(content_type=CARD_TYPE, content=card)


def _card(text: str) -> Card:
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": [{"type": "TextBlock", "text": text, "wrap": True}],
    }


# --- Fixtures -----------------------------------------------------------------------------


class Bot:
    """A served recipe: its URL, agent, adapter and a sender aimed at it."""

    def __init__(
        self, *, url: str, agent: RecipeAgent, adapter: CloudAdapter, sender: TeamsSender
    ) -> None:
        self.url = url
        self.agent = agent
        self.adapter = adapter
        self.sender = sender


@pytest.fixture
def connector() -> Iterator[FakeBotConnector]:
    with FakeBotConnector() as fake:
        yield fake


@pytest.fixture
def anonymous_bot(connector: FakeBotConnector) -> Iterator[Bot]:
    configuration = to_auth_configuration(
        app_id=None, app_password=None, tenant_id=None, anonymous=True
    )
    yield from _serve_bot(configuration, build_adapter(configuration), connector)


@pytest.fixture
def production_connector(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBotConnector]:
    """A connector that demands the MSAL token, and whose channel tokens the bot trusts."""
    with FakeBotConnector(expected_token=ACCESS_TOKEN) as fake:
        monkeypatch.setitem(
            jwt_token_validator.BOTFRAMEWORK_JWKS_URIS,
            AuthenticationConstants.AGENTS_SDK_TOKEN_ISSUER,
            fake.jwks_url,
        )
        yield fake


@pytest.fixture
def production_bot(production_connector: FakeBotConnector) -> Iterator[Bot]:
    configuration = to_auth_configuration(
        app_id=production_connector.client_id,
        app_password=production_connector.client_secret,
        tenant_id=production_connector.tenant_id,
        anonymous=False,
    )
    adapter = build_adapter(configuration, provider_factory=production_connector.msal_auth)
    yield from _serve_bot(configuration, adapter, production_connector)


def _serve_bot(
    configuration: AgentAuthConfiguration, adapter: CloudAdapter, connector: FakeBotConnector
) -> Iterator[Bot]:
    agent = RecipeAgent()
    with serve(build_app(adapter, agent, configuration)) as url:
        sender = TeamsSender(url, service_url=connector.url, bot_app_id=connector.client_id)
        yield Bot(url=url, agent=agent, adapter=adapter, sender=sender)


# --- Anonymous auth -----------------------------------------------------------------------


def test_personal_message_is_answered_as_a_reply_without_any_token(
    anonymous_bot: Bot, connector: FakeBotConnector
) -> None:
    activity = anonymous_bot.sender.personal_message("hei")

    response = anonymous_bot.sender.post(activity)

    assert response.status_code == 202
    [call] = connector.calls_to("reply_to_activity")
    assert call.conversation_id == activity["conversation"]["id"]
    assert call.activity_id == activity["id"]
    assert (
        call.body["text"] == f"hei (nb-NO, {KARI.aad_object_id}, {anonymous_bot.sender.tenant_id})"
    )
    assert call.body["replyToId"] == activity["id"]
    assert call.body["from"]["id"] == anonymous_bot.sender.bot_account["id"]
    assert call.bearer is None
    assert connector.calls_to("token") == []


def test_card_reply_carries_an_adaptive_card_attachment(
    anonymous_bot: Bot, connector: FakeBotConnector
) -> None:
    anonymous_bot.sender.post(anonymous_bot.sender.personal_message("card"))

    [reply] = connector.replies()
    [attachment] = reply["attachments"]
    assert attachment["contentType"] == CARD_TYPE
    assert attachment["content"]["body"][0]["text"] == "Hei"


def test_channel_mention_is_answered_in_its_thread_with_the_mention_removed(
    anonymous_bot: Bot, connector: FakeBotConnector
) -> None:
    activity = anonymous_bot.sender.channel_mention("hva er fristen?")

    anonymous_bot.sender.post(activity)

    [call] = connector.calls_to("reply_to_activity")
    assert call.conversation_id == activity["conversation"]["id"]
    assert ";messageid=" in call.conversation_id
    assert call.body["text"].startswith("hva er fristen? (nb-NO")


def test_card_action_is_answered_with_the_replacement_card_in_the_http_body(
    anonymous_bot: Bot, connector: FakeBotConnector
) -> None:
    activity = anonymous_bot.sender.card_action("approve", data={"case": "C1"}, reply_to_id="17")

    response = anonymous_bot.sender.post(activity)

    assert response.status_code == 200
    body = response.json()
    assert body["statusCode"] == 200
    assert body["type"] == CARD_TYPE
    assert body["value"]["body"][0]["text"] == "approve: C1"
    assert connector.calls == []


def test_task_fetch_is_answered_with_a_dialog(anonymous_bot: Bot) -> None:
    response = anonymous_bot.sender.post(anonymous_bot.sender.task_fetch({"form": "report"}))

    assert response.status_code == 200
    task = response.json()["task"]
    assert task["type"] == "continue"
    assert task["value"]["card"]["contentType"] == CARD_TYPE


def test_unhandled_invoke_is_answered_501(anonymous_bot: Bot) -> None:
    response = anonymous_bot.sender.post(anonymous_bot.sender.task_submit({"x": 1}))

    assert response.status_code == 501


def test_card_submit_updates_the_card_it_came_from(
    anonymous_bot: Bot, connector: FakeBotConnector
) -> None:
    activity = anonymous_bot.sender.card_submit({"choice": "ja"}, reply_to_id="1700000000042")

    anonymous_bot.sender.post(activity)

    [call] = connector.calls_to("update_activity")
    assert call.method == "PUT"
    assert call.conversation_id == activity["conversation"]["id"]
    assert call.activity_id == "1700000000042"
    assert call.body["attachments"][0]["content"]["body"][0]["text"] == "Mottatt: ja"


def test_installation_is_greeted(anonymous_bot: Bot, connector: FakeBotConnector) -> None:
    response = anonymous_bot.sender.post(anonymous_bot.sender.installed())

    assert response.status_code == 202
    assert [reply["text"] for reply in connector.replies()] == ["Velkommen"]


def test_file_is_downloaded_from_its_download_url_without_the_bot_token(
    anonymous_bot: Bot, connector: FakeBotConnector
) -> None:
    url = connector.add_file("policy.pdf", content=b"%PDF-1.7 fake", content_type="application/pdf")

    anonymous_bot.sender.post(
        anonymous_bot.sender.file_message(name="policy.pdf", download_url=url)
    )

    [download] = connector.calls_to("download")
    assert download.bearer is None
    assert [reply["text"] for reply in connector.replies()] == ["policy.pdf: 13 bytes"]


def test_member_lookup_returns_the_seeded_profile(
    anonymous_bot: Bot, connector: FakeBotConnector
) -> None:
    connector.add_member(
        KARI.id, aad_object_id=KARI.aad_object_id, name="Kari", user_principal_name="kari@x.no"
    )

    anonymous_bot.sender.post(anonymous_bot.sender.personal_message("whoami"))

    [call] = connector.calls_to("get_conversation_member")
    assert call.path.endswith(f"/members/{KARI.id}")
    assert [reply["text"] for reply in connector.replies()] == ["Kari <kari@x.no>"]


def test_post_is_answered_only_after_the_turn_finishes(
    anonymous_bot: Bot, connector: FakeBotConnector
) -> None:
    response = anonymous_bot.sender.post(anonymous_bot.sender.personal_message("slow"))
    answered_at = time.time()

    assert response.status_code == 202
    assert anonymous_bot.sender.last_elapsed >= SLOW_TURN_S
    [reply] = connector.calls_to("reply_to_activity")
    assert reply.at <= answered_at


def test_ack_first_answers_at_once_and_replies_from_a_later_turn(
    anonymous_bot: Bot, connector: FakeBotConnector
) -> None:
    activity = anonymous_bot.sender.personal_message("later")

    response = anonymous_bot.sender.post(activity)

    assert response.status_code == 202
    assert anonymous_bot.sender.last_elapsed < ACK_FIRST_LIMIT_S
    assert connector.replies() == []
    [reply] = connector.wait_for_replies(1)
    assert reply["text"] == "later done"
    assert reply["replyToId"] == activity["id"]


def test_proactive_message_reaches_the_stored_conversation(
    anonymous_bot: Bot, connector: FakeBotConnector
) -> None:
    activity = anonymous_bot.sender.personal_message("hei")
    anonymous_bot.sender.post(activity)
    reference_json = anonymous_bot.agent.references[KARI.aad_object_id]
    connector.reset()

    run_elsewhere(
        send_proactive(
            anonymous_bot.adapter,
            reference_json=reference_json,
            text="Fristen er i morgen",
            identity=ClaimsIdentity(),
        )
    )

    [call] = connector.calls_to("send_to_conversation")
    assert call.conversation_id == activity["conversation"]["id"]
    [reply] = connector.replies()
    assert reply["text"] == "Fristen er i morgen"
    assert "replyToId" not in reply
    assert reply["conversation"]["id"] == activity["conversation"]["id"]
    assert reply["recipient"]["aadObjectId"] == KARI.aad_object_id
    assert connector.calls_to("token") == []


def test_anonymous_proactive_fails_with_an_app_identity(
    anonymous_bot: Bot, connector: FakeBotConnector
) -> None:
    anonymous_bot.sender.post(anonymous_bot.sender.personal_message("hei"))
    reference_json = anonymous_bot.agent.references[KARI.aad_object_id]
    connector.reset()

    # `continue_conversation("")` builds claims {aud: "", appid: ""}, which are not anonymous,
    # so the SDK asks MSAL for a token with an empty configuration.
    with pytest.raises(ValueError, match="TENANT_ID"):
        run_elsewhere(
            send_proactive(
                anonymous_bot.adapter,
                reference_json=reference_json,
                text="x",
                identity=anonymous_bot.adapter.create_claims_identity(""),
            )
        )
    assert connector.calls == []


def test_conversation_reference_survives_json(anonymous_bot: Bot) -> None:
    activity = anonymous_bot.sender.channel_mention("hei")
    anonymous_bot.sender.post(activity)
    stored = anonymous_bot.agent.references[KARI.aad_object_id]

    reference = ConversationReference.model_validate_json(stored)

    assert json.loads(stored)["bot"]["id"] == anonymous_bot.sender.bot_account["id"]
    assert reference.service_url == activity["serviceUrl"]
    assert reference.channel_id == "msteams"
    assert reference.conversation.id == activity["conversation"]["id"]
    assert reference.conversation.tenant_id == anonymous_bot.sender.tenant_id
    assert reference.user.aad_object_id == KARI.aad_object_id
    assert reference.locale == "nb-NO"


def test_turn_error_is_logged_and_the_user_sees_an_apology_without_details(
    anonymous_bot: Bot, connector: FakeBotConnector, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger=logger.name):
        response = anonymous_bot.sender.post(anonymous_bot.sender.personal_message("boom"))

    assert response.status_code == 202
    assert [reply["text"] for reply in connector.replies()] == ["Beklager, noe gikk galt."]
    assert "secret internal detail" not in connector.all_payload_text()
    assert "Teams turn failed" in caplog.text


def test_connector_failure_is_logged_and_the_post_still_answered(
    anonymous_bot: Bot, connector: FakeBotConnector, caplog: pytest.LogCaptureFixture
) -> None:
    connector.fail("reply_to_activity")

    with caplog.at_level(logging.ERROR, logger=logger.name):
        response = anonymous_bot.sender.post(anonymous_bot.sender.personal_message("hei"))

    assert response.status_code == 202
    assert len(connector.calls_to("reply_to_activity")) == 2  # the reply, then the apology
    assert "could not send the apology either" in caplog.text


def test_default_turn_error_handler_shows_the_exception_to_the_user(
    connector: FakeBotConnector,
) -> None:
    configuration = to_auth_configuration(
        app_id=None, app_password=None, tenant_id=None, anonymous=True
    )
    adapter = CloudAdapter(
        connection_manager=ConnectionManager(
            provider_factory=MsalAuth,
            connections_configurations={"SERVICE_CONNECTION": configuration},
        )
    )
    with serve(build_app(adapter, RecipeAgent(), configuration)) as url:
        sender = TeamsSender(url, service_url=connector.url)
        sender.post(sender.personal_message("boom"))

    assert connector.replies()[0]["text"] == "Exception caught : secret internal detail"


def test_enabled_host_validator_rejects_a_loopback_service_url(
    connector: FakeBotConnector,
) -> None:
    configuration = to_auth_configuration(
        app_id=None, app_password=None, tenant_id=None, anonymous=True
    )
    adapter = build_adapter(configuration, host_validator=OutboundHostValidator(enabled=True))
    agent = RecipeAgent()
    with serve(build_app(adapter, agent, configuration)) as url:
        sender = TeamsSender(url, service_url=connector.url)
        response = sender.post(sender.personal_message("hei"))

    assert response.status_code == 401
    assert agent.turns == []
    assert connector.calls == []


# --- Production auth ----------------------------------------------------------------------


def test_post_without_authorization_is_401_and_the_agent_never_runs(
    production_bot: Bot, production_connector: FakeBotConnector
) -> None:
    response = production_bot.sender.post(production_bot.sender.personal_message("hei"))

    assert response.status_code == 401
    assert production_bot.agent.turns == []
    assert production_connector.calls == []


@pytest.mark.parametrize(
    "make_token",
    [
        lambda connector: "not-a-jwt",
        lambda connector: connector.channel_token(forged=True),
        lambda connector: connector.channel_token(audience="someone-else"),
        lambda connector: connector.channel_token(expires_in=-3600),
    ],
    ids=["garbage", "forged-signature", "wrong-audience", "expired"],
)
def test_post_with_an_invalid_token_is_401_and_the_agent_never_runs(
    production_bot: Bot,
    production_connector: FakeBotConnector,
    make_token: Callable[[FakeBotConnector], str],
) -> None:
    activity = production_bot.sender.personal_message("hei")

    response = production_bot.sender.post(activity, token=make_token(production_connector))

    assert response.status_code == 401
    assert production_bot.agent.turns == []
    assert production_connector.calls_to("reply_to_activity", "token") == []


def test_valid_channel_token_gets_a_reply_carrying_the_msal_token(
    production_bot: Bot, production_connector: FakeBotConnector
) -> None:
    activity = production_bot.sender.personal_message("hei")

    response = production_bot.sender.post(activity, token=production_connector.channel_token())

    assert response.status_code == 202
    [reply] = production_connector.calls_to("reply_to_activity")
    assert reply.bearer == ACCESS_TOKEN
    token_call = production_connector.calls_to("token")[0]
    assert token_call.path == f"/{production_connector.tenant_id}/oauth2/v2.0/token"
    assert token_call.body["grant_type"] == "client_credentials"
    assert token_call.body["client_id"] == production_connector.client_id
    assert token_call.body["client_secret"] == production_connector.client_secret
    assert "https://api.botframework.com/.default" in token_call.body["scope"]
    assert production_connector.calls_to("openid_configuration")


def test_proactive_message_in_production_takes_its_token_from_the_fake(
    production_bot: Bot, production_connector: FakeBotConnector
) -> None:
    production_bot.sender.post(
        production_bot.sender.personal_message("hei"), token=production_connector.channel_token()
    )
    reference_json = production_bot.agent.references[KARI.aad_object_id]
    identity = production_bot.adapter.create_claims_identity(production_connector.client_id)
    production_connector.reset()

    run_elsewhere(
        send_proactive(
            production_bot.adapter,
            reference_json=reference_json,
            text="Påminnelse",
            identity=identity,
        )
    )

    [reply] = production_connector.replies()
    assert reply["text"] == "Påminnelse"
    [call] = production_connector.calls_to("send_to_conversation")
    assert call.bearer == ACCESS_TOKEN


def test_wrong_secret_means_no_reply_and_no_token_leak(
    production_connector: FakeBotConnector, caplog: pytest.LogCaptureFixture
) -> None:
    configuration = to_auth_configuration(
        app_id=production_connector.client_id,
        app_password="wrong-secret",
        tenant_id=production_connector.tenant_id,
        anonymous=False,
    )
    adapter = build_adapter(configuration, provider_factory=production_connector.msal_auth)
    agent = RecipeAgent()
    with serve(build_app(adapter, agent, configuration)) as url:
        sender = TeamsSender(url, service_url=production_connector.url)
        response = sender.post(
            sender.personal_message("hei"), token=production_connector.channel_token()
        )

    assert response.status_code == 500
    assert agent.turns == []
    assert production_connector.calls_to("reply_to_activity") == []
    assert "wrong-secret" not in caplog.text


def test_msal_cannot_be_pointed_at_a_loopback_authority(
    production_connector: FakeBotConnector,
) -> None:
    configuration = AgentAuthConfiguration(
        client_id=production_connector.client_id,
        client_secret=production_connector.client_secret,
        tenant_id=production_connector.tenant_id,
        authority=f"{production_connector.base}/{production_connector.tenant_id}",
    )

    with pytest.raises(ValueError, match="https url"):
        run_elsewhere(
            MsalAuth(configuration).get_access_token(
                "https://api.botframework.com", ["https://api.botframework.com/.default"]
            )
        )
