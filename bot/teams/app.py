"""The Teams bot: activities in, core calls, Adaptive Cards out; nothing else.

A message turn only acknowledges: the question is answered in a new turn on the same
activity once the HTTP request is done (Teams gives up after 15 seconds, and answers wait
for the knowledge base in turn), first a "looking" reply, then that reply updated with the
answer card. Forms open in dialogs (`task/fetch`), answered in the HTTP body; a submitted
form (`task/submit`) comes back with the errors beside the fields, or the card that replaces
it (the receipt, shown once). Each activity id is handled once across processes.

People are Entra object ids (`aadObjectId`), so the register's ids are the same whichever
Teams client was used; the language follows the activity's locale, then the text.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    Attachment,
    ConversationReference,
    InvokeResponse,
)
from microsoft_agents.hosting.core import (
    ActivityHandler,
    ChannelServiceAdapter,
    ClaimsIdentity,
    TurnContext,
)

from bot.core import (
    arrivals,
    ask,
    audit_head,
    documents,
    messages,
    reach,
    receipt,
    reminders,
    report,
    requests,
    review,
    signin,
    tasks,
)
from bot.core.ask import Place
from bot.core.commands import Command, parse
from bot.core.context import Core
from bot.core.errors import Duplicate, FormInvalid
from bot.core.people import Directory, Lang, Person
from bot.core.report import ReportForm
from bot.core.requests import RequestForm
from bot.core.tasks import TaskForm
from bot.core.types import Channel
from bot.teams import cards

PLATFORM = "teams"
FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"
DOWNLOAD_TIMEOUT_S = 60
log = logging.getLogger(__name__)
_MENTION = re.compile(r"<at>[^<]*</at>")


@dataclass(frozen=True, slots=True)
class TeamsConfig:
    """What the adapter needs besides the core."""

    compliance_users: frozenset[str] = frozenset()
    compliance_group: str | None = None
    """An Entra group whose members are the compliance team (read with `fetch_group`)."""
    fetch_group: Callable[[str], Collection[str]] | None = None
    web_url: str = ""
    cases_channel: str | None = None
    """The team channel's conversation id (`19:...@thread.tacv2`) for notices and reminders."""
    team_language: Lang = "nb"


@dataclass
class TeamsBot(ActivityHandler):
    """One handler per activity kind, each a thin call into the core."""

    core: Core
    config: TeamsConfig
    directory: Directory = field(init=False)
    _background: set[asyncio.Task[Any]] = field(init=False, default_factory=set)
    _adapter: ChannelServiceAdapter | None = field(init=False, default=None)
    _identity: ClaimsIdentity | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.directory = Directory(
            platform=PLATFORM,
            compliance_users=self.config.compliance_users,
            compliance_group=self.config.compliance_group,
            fetch_group=self.config.fetch_group,
        )

    def connect(self, adapter: ChannelServiceAdapter, identity: ClaimsIdentity) -> None:
        """The adapter and identity proactive messages (reminders, notices) go out with."""
        self._adapter, self._identity = adapter, identity

    # Turns ----------------------------------------------------------------------------------

    async def on_turn(self, turn_context: TurnContext) -> None:
        """Handle each activity once, even when Teams delivers it again."""
        activity = turn_context.activity
        if activity.id and activity.type in (ActivityTypes.message, ActivityTypes.invoke):
            key = f"teams-activity:{activity.id}"
            if not await asyncio.to_thread(self.core.first_delivery, key):
                return
        await asyncio.to_thread(self._remember, activity)
        await super().on_turn(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        """A question or a command; a chat button's value (a vote)."""
        activity = turn_context.activity
        if isinstance(activity.value, dict) and activity.value.get(cards.VERB):
            await self._on_button(turn_context, activity.value)
            return
        files = [a for a in activity.attachments or [] if a.content_type == FILE_DOWNLOAD_INFO]
        if (
            files
            and activity.conversation
            and activity.conversation.conversation_type == "personal"
        ):
            await self._add_files(turn_context, files)
            return
        text = question_text(activity.text or "")
        if not text or not await self._addressed(activity):
            return
        parsed = parse(text)
        question = parsed.rest if parsed.command in (Command.ASK, Command.UNKNOWN) else ""
        person = self._person(activity, question or text)
        if question:
            await self._answer(turn_context, person, question)
        else:
            await self._command(turn_context, person, parsed.command)

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse | None:
        """Dialogs: open a form (`task/fetch`), take a submitted one (`task/submit`)."""
        activity = turn_context.activity
        value = activity.value if isinstance(activity.value, dict) else {}
        data = value.get("data") if isinstance(value.get("data"), dict) else {}
        person = self._person(activity)
        if activity.name == "task/fetch":
            return _dialog(await asyncio.to_thread(self._open_form, person, data))
        if activity.name == "task/submit":
            card = await asyncio.to_thread(self._submit_form, person, data, activity.id or "")
            return _dialog(card) if card is not None else _closed()
        return await super().on_invoke_activity(turn_context)

    # Questions ------------------------------------------------------------------------------

    async def _answer(self, turn_context: TurnContext, person: Person, question: str) -> None:
        """Say "looking", then (after this turn) replace it with the answer card."""
        working = messages.text(person.language, "ask.working")
        sent = await turn_context.send_activity(working)
        placeholder = sent.id if sent else None
        place = _place(turn_context.activity)

        async def finish(later: TurnContext) -> None:
            try:
                history = await asyncio.to_thread(
                    ask.earlier_questions, self.core, platform=PLATFORM, place=place
                )
                view = await asyncio.to_thread(
                    ask.answer,
                    self.core,
                    person=person,
                    question=question,
                    place=place,
                    history=history,
                )
                reply = _card_activity(cards.answer_card(view))
            except Exception as error:
                log.exception("answering failed")
                reply = Activity(
                    type=ActivityTypes.message, text=messages.explain(person.language, error)
                )
            reply.id = placeholder
            if placeholder:
                await later.update_activity(reply)
            else:
                await later.send_activity(reply)

        self._after_turn(turn_context, finish)

    async def _add_files(self, turn_context: TurnContext, files: list[Attachment]) -> None:
        """Files a compliance member sends in personal chat go into the knowledge base."""
        person = self._person(turn_context.activity)
        for attachment in files:
            content = attachment.content if isinstance(attachment.content, dict) else {}
            url = str(content.get("downloadUrl", ""))
            try:
                result = await asyncio.to_thread(
                    documents.add,
                    self.core,
                    person=person,
                    name=attachment.name or "upload",
                    size=None,
                    fetch=lambda most, url=url: download(url, most),
                )
                reply = result.describe(person.language)
            except Exception as error:
                reply = messages.explain(person.language, error)
            await turn_context.send_activity(messages.plain(reply))

    async def _addressed(self, activity: Activity) -> bool:
        """Whether a message is for the bot: in a chat always; in a channel when it mentions
        the bot, or follows up in a thread the bot answered (no new mention needed)."""
        conversation = activity.conversation
        if not conversation or conversation.conversation_type != "channel":
            return True
        recipient = activity.recipient.id if activity.recipient else None
        mentioned = any(
            getattr(getattr(entity, "mentioned", None), "id", None) == recipient
            for entity in activity.entities or []
        )
        return mentioned or await asyncio.to_thread(
            ask.is_answered_thread, self.core, platform=PLATFORM, place=_place(activity)
        )

    async def _on_button(self, turn_context: TurnContext, value: dict[str, Any]) -> None:
        """👍/👎 under an answer: count it and say thanks."""
        person = self._person(turn_context.activity)
        if value.get(cards.VERB) != cards.VERB_VOTE:
            return
        try:
            tally = await asyncio.to_thread(
                ask.vote,
                self.core,
                person=person,
                answer_id=int(value.get("answer", 0)),
                helpful=value.get("helpful") == "1",
            )
            text = messages.text(person.language, "ask.vote_thanks", up=tally.up, down=tally.down)
        except Exception as error:
            text = messages.explain(person.language, error)
        await turn_context.send_activity(text)

    # Commands -------------------------------------------------------------------------------

    async def _command(self, turn_context: TurnContext, person: Person, command: Command) -> None:
        """`report`, `status`, `tasks`, `sources`, `dashboard`, `help` typed to the bot."""
        lang = person.language
        try:
            if command == Command.ASK:
                await turn_context.send_activity(messages.text(lang, "ask.empty"))
            elif command in (Command.TASK, Command.REQUEST):
                form = command.value
                title = messages.text(lang, f"{form}.title")
                offer = cards.notice_card([title], [cards.dialog_button(title, form)])
                await turn_context.send_activity(_card_activity(offer))
            elif command == Command.REPORT:
                offer = cards.notice_card(
                    [messages.text(lang, "ask.report_offer")],
                    [cards.dialog_button(messages.text(lang, "button.report"), "report")],
                )
                await turn_context.send_activity(_card_activity(offer))
            elif command == Command.STATUS:
                button = cards.dialog_button(messages.text(lang, "status.title"), "status")
                hint = cards.notice_card([messages.text(lang, "status.receipt_hint")], [button])
                await turn_context.send_activity(_card_activity(hint))
            elif command == Command.TASKS:
                listing = await asyncio.to_thread(tasks.listing, self.core, person=person)
                lines = [messages.text(lang, "task.mine")]
                lines += [tasks.describe(lang, task) for task in listing.mine]
                await turn_context.send_activity(_card_activity(cards.notice_card(lines)))
            elif command == Command.SOURCES:
                listed = await asyncio.to_thread(documents.listing, self.core)
                lines = [messages.text(lang, "documents.heading")]
                lines += [document.title for document in listed]
                await turn_context.send_activity(_card_activity(cards.notice_card(lines)))
            elif command == Command.DASHBOARD:
                link = await asyncio.to_thread(
                    signin.link_for, self.core, person=person, base_url=self.config.web_url
                )
                await turn_context.send_activity(messages.text(lang, "web.signin.link", link=link))
            else:
                home = await asyncio.to_thread(review.home, self.core, person=person)
                await turn_context.send_activity(messages.plain(messages.text(lang, "help")))
                await turn_context.send_activity(_card_activity(cards.home_card(lang, home)))
        except Exception as error:
            await turn_context.send_activity(messages.explain(lang, error))

    # Dialogs --------------------------------------------------------------------------------

    def _open_form(self, person: Person, data: dict[str, Any]) -> cards.Card:
        """The form (or the case) a dialog button asks for; a refusal says why."""
        lang, form = person.language, str(data.get(cards.FORM, ""))
        try:
            if form == "status":
                return cards.status_form(lang)
            if form == "task":
                return cards.task_form(lang)
            if form == "request":
                requests.check_member(person)
                return cards.request_form(lang, today=self.core.now().date())
            if form == "case":
                reference = str(data.get("reference", ""))
                return cards.case_card(
                    lang, review.open_case(self.core, person=person, reference=reference)
                )
        except Exception as error:
            return cards.notice_card([messages.explain(lang, error)])
        return cards.report_form(lang)

    def _submit_form(
        self, person: Person, data: dict[str, Any], delivery: str
    ) -> cards.Card | None:
        """Check and store a submitted form; the card the dialog shows next, or None to
        close it (a repeated delivery, already handled)."""
        form = str(data.get(cards.FORM, ""))
        if form == "report":
            return self._submit_report(person, data, delivery)
        if form == "status":
            return self._show_status(person, str(data.get("receipt", "")))
        if form == "status_reply":
            return self._reply(person, data)
        if form == "task":
            return self._create_task(person, data)
        if form == "request":
            return self._log_request(person, data)
        if form == "review":
            return self._review(person, data)
        return None

    def _create_task(self, person: Person, data: dict[str, Any]) -> cards.Card:
        lang = person.language
        try:
            created = tasks.create(self.core, person=person, form=to_task_form(data))
        except FormInvalid as error:
            return cards.task_form(lang, errors=error.errors)
        except Exception as error:
            return cards.task_form(lang, errors={"supplier": messages.explain(lang, error)})
        return cards.notice_card(created.describe(lang))

    def _log_request(self, person: Person, data: dict[str, Any]) -> cards.Card:
        lang = person.language
        today = self.core.now().date()
        try:
            logged = requests.log(self.core, person=person, form=to_request_form(data))
        except FormInvalid as error:
            return cards.request_form(lang, today=today, errors=error.errors)
        except Exception as error:
            return cards.request_form(
                lang, today=today, errors={"question": messages.explain(lang, error)}
            )
        return cards.request_logged_card(lang, logged)

    def _review(self, person: Person, data: dict[str, Any]) -> cards.Card:
        """Acknowledge, assign, investigate, write to the reporter or close; the case card
        comes back with the confirmation (or what went wrong) on top."""
        lang, reference = person.language, str(data.get("reference", ""))
        try:
            done = review.act(
                self.core,
                person=person,
                reference=reference,
                action=review.ReviewAction(str(data.get("action", ""))),
                body=str(data.get("body", "")) or None,
                outcome=str(data.get("outcome", "")) or None,
            )
            notice = done.confirmation
        except Exception as error:
            notice = messages.explain(lang, error)
        try:
            case = review.open_case(self.core, person=person, reference=reference)
        except Exception as error:
            return cards.notice_card([notice, messages.explain(lang, error)])
        return cards.case_card(lang, case, notice=notice)

    def _submit_report(
        self, person: Person, data: dict[str, Any], delivery: str
    ) -> cards.Card | None:
        lang = person.language
        form = to_report_form(data)
        try:
            stored = report.submit(
                self.core, person=person, form=form, channel=Channel.TEAMS, delivery=delivery
            )
        except FormInvalid as error:
            return cards.report_form(lang, form=form, errors=error.errors)
        except Duplicate:
            return None
        except Exception as error:
            problem = messages.text(
                lang, "report.store_failed", reason=messages.explain(lang, error)
            )
            return cards.report_form(lang, form=form, problem=problem)
        return cards.receipt_card(lang, stored)

    def _show_status(self, person: Person, code: str) -> cards.Card:
        lang = person.language
        try:
            view = receipt.status(self.core, person=person, code=code)
        except Exception as error:
            return cards.status_form(lang, problem=messages.explain(lang, error))
        return cards.status_card(lang, view, sealed=receipt.seal(self.core, code))

    def _reply(self, person: Person, data: dict[str, Any]) -> cards.Card:
        lang = person.language
        try:
            code = receipt.unseal(self.core, str(data.get("sealed", "")))
            reference = receipt.reply(
                self.core, person=person, code=code, body=str(data.get("reply", ""))
            )
            view = receipt.status(self.core, person=person, code=code)
        except Exception as error:
            return cards.status_form(lang, problem=messages.explain(lang, error))
        notice = messages.text(lang, "status.reply_sent", reference=reference)
        return cards.status_card(lang, view, sealed=receipt.seal(self.core, code), notice=notice)

    # Proactive ------------------------------------------------------------------------------

    def send_reminders(self) -> int:
        """Send what is due today or overdue, each item once per day across processes: a
        task to its assignee's personal chat, the rest to the team channel."""
        sent = 0
        for reminder in reminders.claim_due(self.core, platform=PLATFORM):
            key = f"member:{reminder.user_id}" if reminder.user_id else "channel"
            text = messages.plain(reminder.describe(self.config.team_language))
            if self._post(key, Activity(type=ActivityTypes.message, text=text)):
                sent += 1
            else:
                reminders.release(self.core, reminder)
        return sent

    def post_audit_head(self) -> bool:
        """Post today's audit-trail head to the team channel, once a day."""
        if reach.recall(self.core, platform=PLATFORM, key="channel") is None:
            return False
        head = audit_head.claim_today(self.core, platform=PLATFORM)
        if head is None:
            return False
        text = messages.plain(head.describe(self.config.team_language))
        if self._post("channel", Activity(type=ActivityTypes.message, text=text)):
            return True
        audit_head.release(self.core, head)
        return False

    def announce_arrivals(self) -> int:
        """Post what came in on the public web pages to the team channel, once each."""
        if reach.recall(self.core, platform=PLATFORM, key="channel") is None:
            return 0
        sent = 0
        for arrival in arrivals.claim_new(self.core, platform=PLATFORM):
            text = messages.plain(arrival.describe(self.config.team_language))
            if self._post("channel", Activity(type=ActivityTypes.message, text=text)):
                sent += 1
            else:
                arrivals.release(self.core, arrival)
        return sent

    def _post(self, key: str, activity: Activity) -> bool:
        """Send `activity` to the conversation stored under `key`; False if there is none or
        sending failed (the caller gives the item back)."""
        stored = reach.recall(self.core, platform=PLATFORM, key=key)
        if stored is None or self._adapter is None or self._identity is None:
            return False
        continuation = ConversationReference.model_validate_json(stored).get_continuation_activity()
        continuation.id = None  # a new message in the conversation, not a reply to a made-up id

        async def say(turn_context: TurnContext) -> None:
            await turn_context.send_activity(activity)

        try:
            asyncio.run(
                self._adapter.continue_conversation_with_claims(self._identity, continuation, say)
            )
        except Exception:
            log.warning("proactive message to %s not sent", key, exc_info=True)
            return False
        return True

    def _remember(self, activity: Activity) -> None:
        """Keep where a compliance member can be reached (their personal chat) and the team
        channel; nobody else's conversation is stored."""
        sender = activity.from_property
        member = sender.aad_object_id if sender else None
        if not member or not self.directory.is_compliance(member) or not activity.conversation:
            return
        kind = activity.conversation.conversation_type
        channel = _place(activity).conversation_id
        key = None
        reference = activity.get_conversation_reference()
        if kind == "personal":
            key = f"member:{member}"
        elif kind == "channel" and channel == self.config.cases_channel:
            key = "channel"
            reference.conversation.id = channel
        if key:
            stored = reference.model_dump_json(by_alias=True, exclude_none=True)
            reach.remember(self.core, platform=PLATFORM, key=key, reference=stored)

    # Helpers --------------------------------------------------------------------------------

    def _person(self, activity: Activity, text: str | None = None) -> Person:
        sender = activity.from_property
        user_id = (sender.aad_object_id or sender.id) if sender else ""
        return self.directory.person(user_id, text=text, locale=activity.locale)

    def _after_turn(
        self, turn_context: TurnContext, work: Callable[[TurnContext], Awaitable[None]]
    ) -> None:
        """Run `work` in a new turn on the same activity once this one has been answered."""
        task = asyncio.create_task(
            turn_context.adapter.continue_conversation_with_claims(
                turn_context.identity, turn_context.activity, work
            )
        )
        self._background.add(task)
        task.add_done_callback(self._background.discard)


def download(url: str, most: int) -> bytes:
    """At most `most` bytes of a file Teams links to (its download link is pre-authorised,
    so no token is sent with it)."""
    with httpx.stream("GET", url, timeout=DOWNLOAD_TIMEOUT_S, follow_redirects=True) as response:
        response.raise_for_status()
        content = bytearray()
        for chunk in response.iter_bytes():
            content += chunk
            if len(content) >= most:
                break
        return bytes(content[:most])


def question_text(text: str) -> str:
    """The message without the bot's @mention and surrounding space."""
    return _MENTION.sub(" ", text).strip()


def to_report_form(data: dict[str, Any]) -> ReportForm:
    """A submitted report dialog as the core's form."""
    return ReportForm(
        description=str(data.get("description", "")),
        category=str(data.get("category", "")) or None,
        supplier=str(data.get("supplier", "")),
        country=str(data.get("country", "")),
        when=str(data.get("when", "")),
        anonymous=str(data.get("anonymous", "true")) != "false",
    )


def to_task_form(data: dict[str, Any]) -> TaskForm:
    """A submitted task dialog as the core's form (the member creating it is the assignee)."""
    return TaskForm(
        supplier=str(data.get("supplier", "")),
        title=str(data.get("title", "")),
        kind=str(data.get("kind", "")) or None,
        due=_date(data.get("due")),
    )


def to_request_form(data: dict[str, Any]) -> RequestForm:
    """A submitted request dialog as the core's form."""
    return RequestForm(
        requester=str(data.get("requester", "")),
        contact=str(data.get("contact", "")),
        question=str(data.get("question", "")),
        received=_date(data.get("received")),
    )


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _place(activity: Activity) -> Place:
    """A channel thread is `<channel>;messageid=<root>`; a chat has no thread."""
    conversation_id = activity.conversation.id if activity.conversation else ""
    channel, _, thread = conversation_id.partition(";messageid=")
    return Place(channel, thread or None)


def _card_activity(card: cards.Card) -> Activity:
    return Activity(
        type=ActivityTypes.message,
        attachments=[Attachment(content_type=cards.CARD_TYPE, content=card)],
    )


def _dialog(card: cards.Card) -> InvokeResponse:
    """A dialog continuing with `card`."""
    value = {"card": cards.attachment(card)}
    return InvokeResponse(status=200, body={"task": {"type": "continue", "value": value}})


def _closed() -> InvokeResponse:
    """The dialog closes without a further card."""
    return InvokeResponse(status=200, body={})
