"""The Slack adapter: Bolt listeners that turn Slack events into core calls and render results.

Every listener acknowledges first (Slack wants an answer within 3 seconds) and does slow
work (retrieval, ingestion) in a lazy listener; form submissions answer in the ack itself
(`response_action`), so a receipt code travels only in that one HTTP response and never in a
Web API call. No rule lives here: who may do what, deadlines, wording, all come from core.

Usage::

    app = build_app(core, SlackConfig(bot_token=..., signing_secret=...))
"""

from __future__ import annotations

import logging
import re
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import (
    arrivals,
    ask,
    audit_head,
    documents,
    messages,
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
from bot.core.report import ReportForm, ReportReceipt
from bot.core.types import Channel
from bot.slack import blocks
from bot.slack.forms import field as form_field
from bot.slack.forms import question_text, to_report_form, to_request_form, to_task_form

log = logging.getLogger(__name__)
PLATFORM = "slack"
DOWNLOAD_TIMEOUT_S = 60
REPORT_SHORTCUT = "report_concern"
TASK_SHORTCUT = "create_task"
LAZY_WORKERS = 8
STORE_WORKERS = 4
RECEIPT_IN_ACK_S = 1.5
ACK_SETTLE_S = 0.3


@dataclass(frozen=True, slots=True)
class SlackConfig:
    """What the Slack adapter needs from the settings, as plain values."""

    bot_token: str
    signing_secret: str | None = None
    api_url: str | None = None
    compliance_users: frozenset[str] = frozenset()
    compliance_group: str | None = None
    cases_channel: str | None = None
    team_language: Lang = "nb"
    web_url: str = "http://127.0.0.1:8080"
    token_verification: bool = True


@dataclass
class SlackBot:
    """The Bolt app with its listeners; `app.dispatch` is the one entry for HTTP and sockets."""

    core: Core
    config: SlackConfig
    app: App = field(init=False)
    client: WebClient = field(init=False)
    directory: Directory = field(init=False)
    _stores: ThreadPoolExecutor = field(init=False)

    def __post_init__(self) -> None:
        base_url = self.config.api_url or WebClient.BASE_URL
        self.client = WebClient(token=self.config.bot_token, base_url=_with_slash(base_url))
        # Acks run in the request's own thread (the server's pool), never queued behind the
        # answers that lazy listeners compute in Bolt's executor: a report's receipt is in
        # its ack, and under load a queued ack missed Slack's 3 seconds.
        self.app = App(
            client=self.client,
            process_before_response=True,
            listener_executor=ThreadPoolExecutor(max_workers=LAZY_WORKERS),
            signing_secret=self.config.signing_secret or "",
            token_verification_enabled=self.config.token_verification,
            request_verification_enabled=self.config.signing_secret is not None,
        )
        self.directory = Directory(
            platform=PLATFORM,
            compliance_users=self.config.compliance_users,
            compliance_group=self.config.compliance_group,
            fetch_group=self._group_members,
            fetch_locale=self._locale,
        )
        self._stores = ThreadPoolExecutor(STORE_WORKERS, thread_name_prefix="aktsom-store")
        self._register()

    # Registration ---------------------------------------------------------------------------

    def _register(self) -> None:
        app = self.app
        app.middleware(self._once_per_event)
        app.event("app_mention")(ack=_ack, lazy=[self.on_mention])
        app.event("message")(ack=_ack, lazy=[self.on_message])
        app.event("app_home_opened")(ack=_ack, lazy=[self.on_home_opened])
        app.command("/aktsom")(ack=_ack, lazy=[self.on_command])
        app.action(blocks.VOTE_UP_ACTION)(ack=_ack, lazy=[self.on_vote])
        app.action(blocks.VOTE_DOWN_ACTION)(ack=_ack, lazy=[self.on_vote])
        app.action(blocks.OPEN_REPORT_ACTION)(self.on_open_report)
        app.action(re.compile(f"^{blocks.REVIEW_PREFIX}"))(self.on_review_button)
        app.shortcut(REPORT_SHORTCUT)(self.on_open_report)
        app.shortcut(TASK_SHORTCUT)(self.on_task_shortcut)
        app.view(blocks.REPORT_VIEW)(self.on_report_submitted)
        app.view(blocks.STATUS_VIEW)(self.on_status_submitted)
        app.view(blocks.STATUS_REPLY_VIEW)(self.on_status_reply)
        app.view(blocks.TASK_VIEW)(self.on_task_submitted)
        app.view(blocks.REQUEST_VIEW)(self.on_request_submitted)
        app.view(blocks.REVIEW_WRITE_VIEW)(self.on_review_form)
        app.view(blocks.REVIEW_CLOSE_VIEW)(self.on_review_form)

    def _once_per_event(
        self, body: dict[str, Any], next: Callable[[], None]
    ) -> BoltResponse | None:
        """Slack redelivers an event it thinks was missed; handle each event id once."""
        event_id = body.get("event_id")
        if event_id and not self.core.first_delivery(f"slack-event:{event_id}"):
            return BoltResponse(status=200, body="")
        next()
        return None

    # Questions ------------------------------------------------------------------------------

    def on_mention(self, event: dict[str, Any]) -> None:
        """An @mention in a channel: answer in the thread."""
        self._answer(event, thread=event.get("thread_ts") or event["ts"])

    def on_message(self, event: dict[str, Any], context: dict[str, Any]) -> None:
        """A direct message (question or file), or a follow-up in a thread the bot answered."""
        if event.get("bot_id") or event.get("subtype") not in (None, "file_share"):
            return
        if event.get("channel_type") == "im":
            if event.get("files"):
                self._add_files(event)
            elif question_text(event.get("text", "")):
                self._answer(event, thread=event.get("thread_ts"))
            return
        thread = event.get("thread_ts")
        mentioned = f"<@{context.get('bot_user_id')}>" in event.get("text", "")
        place = Place(event["channel"], thread)
        if (
            thread
            and not mentioned
            and ask.is_answered_thread(self.core, platform=PLATFORM, place=place)
        ):
            self._answer(event, thread=thread)

    def _answer(self, event: dict[str, Any], *, thread: str | None) -> None:
        question = question_text(event.get("text", ""))
        person = self.directory.person(event["user"], text=question)
        channel = event["channel"]
        placeholder = self.client.chat_postMessage(
            channel=channel, thread_ts=thread, text=messages.text(person.language, "ask.working")
        )
        try:
            history = self._history(channel, event) if event.get("thread_ts") else []
            view = ask.answer(
                self.core,
                person=person,
                question=question,
                place=Place(channel, thread),
                history=history,
            )
        except Exception as error:
            self._fail_placeholder(person, channel, placeholder["ts"], error)
            return
        self.client.chat_update(
            channel=channel,
            ts=placeholder["ts"],
            text=view.answer.text[: blocks.MAX_SECTION_CHARS],
            blocks=blocks.answer_blocks(view),
        )

    def _history(self, channel: str, event: dict[str, Any]) -> list[str]:
        """Earlier human turns of the thread, oldest first, without the current message."""
        replies = self.client.conversations_replies(
            channel=channel, ts=event["thread_ts"], limit=ask.HISTORY_TURNS * 2
        )
        return [
            question_text(message.get("text", ""))
            for message in replies.get("messages", [])
            if not message.get("bot_id") and message.get("ts") != event.get("ts")
        ][-ask.HISTORY_TURNS :]

    def _fail_placeholder(self, person: Person, channel: str, ts: str, error: Exception) -> None:
        log.exception("answering failed", exc_info=error)
        explanation = messages.explain(person.language, error)
        self.client.chat_update(channel=channel, ts=ts, text=explanation)
        self.client.chat_postEphemeral(channel=channel, user=person.user_id, text=explanation)

    def on_vote(self, body: dict[str, Any], respond: Callable[..., Any]) -> None:
        """👍/👎 under an answer."""
        action = body["actions"][0]
        person = self.directory.person(body["user"]["id"])
        with self._told(person, respond):
            tally = ask.vote(
                self.core,
                person=person,
                answer_id=int(action["value"]),
                helpful=action["action_id"] == blocks.VOTE_UP_ACTION,
            )
            respond(
                text=messages.text(
                    person.language, "ask.vote_thanks", up=tally.up, down=tally.down
                ),
                response_type="ephemeral",
                replace_original=False,
            )

    # Slash command and shortcuts ------------------------------------------------------------

    def on_command(self, command: dict[str, Any], respond: Callable[..., Any]) -> None:
        """`/aktsom SUBCOMMAND ...`."""
        parsed = parse(command.get("text", ""))
        person = self.directory.person(command["user_id"], text=parsed.rest or None)
        lang = person.language
        with self._told(person, respond):
            trigger = command.get("trigger_id")
            if parsed.command == Command.ASK:
                if not parsed.rest:
                    respond(text=messages.text(lang, "ask.empty"), response_type="ephemeral")
                    return
                view = ask.answer(
                    self.core,
                    person=person,
                    question=parsed.rest,
                    place=Place(command.get("channel_id", "")),
                )
                respond(
                    text=view.answer.text[: blocks.MAX_SECTION_CHARS],
                    blocks=blocks.answer_blocks(view),
                    response_type="ephemeral",
                )
            elif parsed.command == Command.REPORT:
                self.client.views_open(trigger_id=trigger, view=blocks.report_modal(lang))
            elif parsed.command == Command.STATUS:
                self.client.views_open(trigger_id=trigger, view=blocks.status_modal(lang))
            elif parsed.command == Command.TASK:
                self.client.views_open(
                    trigger_id=trigger,
                    view=blocks.task_modal(lang, title=parsed.rest, assignee=person.user_id),
                )
            elif parsed.command == Command.TASKS:
                listing = tasks.listing(self.core, person=person)
                respond(
                    text=messages.text(lang, "task.mine"),
                    blocks=blocks.task_list_blocks(lang, listing),
                    response_type="ephemeral",
                )
            elif parsed.command == Command.REQUEST:
                requests.check_member(person)
                view = blocks.request_modal(lang, today=self.core.now().date())
                self.client.views_open(trigger_id=trigger, view=view)
            elif parsed.command == Command.DASHBOARD:
                link = signin.link_for(self.core, person=person, base_url=self.config.web_url)
                respond(
                    text=messages.text(lang, "web.signin.link", link=link),
                    response_type="ephemeral",
                )
            elif parsed.command == Command.SOURCES:
                listed = documents.listing(self.core)
                respond(
                    text=messages.text(lang, "documents.heading"),
                    blocks=blocks.sources_blocks(lang, listed),
                    response_type="ephemeral",
                )
            else:
                prefix = (
                    messages.text(lang, "error.unknown_command", command=parsed.rest) + "\n"
                    if parsed.command == Command.UNKNOWN
                    else ""
                )
                respond(text=prefix + messages.text(lang, "help"), response_type="ephemeral")

    def on_open_report(self, ack: Callable[..., Any], body: dict[str, Any]) -> None:
        """The report button or the global shortcut: open the report form."""
        ack()
        person = self.directory.person(body["user"]["id"])
        self.client.views_open(
            trigger_id=body["trigger_id"], view=blocks.report_modal(person.language)
        )

    def on_task_shortcut(self, ack: Callable[..., Any], body: dict[str, Any]) -> None:
        """The message shortcut: a task form prefilled from the message, with its permalink."""
        ack()
        person = self.directory.person(body["user"]["id"])
        message = body.get("message", {})
        link = self.client.chat_getPermalink(
            channel=body["channel"]["id"], message_ts=message["ts"]
        )
        view = blocks.task_modal(
            person.language,
            title=question_text(message.get("text", "")),
            origin=link.get("permalink"),
            assignee=person.user_id,
        )
        self.client.views_open(trigger_id=body["trigger_id"], view=view)

    # Forms ----------------------------------------------------------------------------------

    def on_report_submitted(
        self, ack: Callable[..., Any], body: dict[str, Any], view: dict[str, Any]
    ) -> None:
        """Store the case first; then show reference and receipt in the modal, once.

        The form is checked at once (errors go beside the fields). Storing costs a slow hash
        (scrypt, about 50 ms of CPU), so under a burst it may not finish inside Slack's 3
        seconds: within `RECEIPT_IN_ACK_S` the receipt comes back in the ack itself (no Web
        API call ever carries it); after that the ack shows a "storing" view and the receipt
        replaces it through `views.update` when the case is in.
        """
        person = self.directory.person(body["user"]["id"])
        lang = person.language
        form = to_report_form(view)
        try:
            report.check(self.core, person=person, form=form)
        except FormInvalid as error:
            ack(response_action="errors", errors=error.errors)
            return
        stored = self._stores.submit(
            report.submit,
            self.core,
            person=person,
            form=form,
            channel=Channel.SLACK,
            delivery=f"slack-view:{view['id']}",
        )
        try:
            receipt_view = self._after_store(lang, stored.result(timeout=RECEIPT_IN_ACK_S))
        except TimeoutError:
            acked = threading.Event()
            stored.add_done_callback(
                lambda done: self._show_later(lang, view["id"], done, form, acked)
            )
            ack(response_action="update", view=blocks.storing_modal(lang))
            acked.set()
            return
        except Duplicate:
            ack(response_action="clear")
            return
        except Exception as error:
            receipt_view = blocks.report_modal(lang, form=form, problem=_failed(lang, error))
        ack(response_action="update", view=receipt_view)

    def _after_store(self, lang: Lang, stored: ReportReceipt) -> dict[str, Any]:
        """The receipt view; the compliance channel is told in the background."""
        self._stores.submit(self._notify, stored)
        return blocks.receipt_modal(lang, stored)

    def _notify(self, stored: ReportReceipt) -> None:
        """Tell the compliance channel of a new case: reference and dates only."""
        if self.config.cases_channel:
            team = self.config.team_language
            try:
                self.client.chat_postMessage(
                    channel=self.config.cases_channel,
                    text=stored.notice(team),
                    blocks=blocks.case_notice(team, stored),
                )
            except SlackApiError as error:  # the case is stored; the deadline reminder follows
                log.warning("case notice for %s not posted: %s", stored.reference, error)

    def _show_later(
        self,
        lang: Lang,
        view_id: str,
        done: Future[ReportReceipt],
        form: ReportForm,
        acked: threading.Event,
    ) -> None:
        """Replace the "storing" view with the receipt (or the form again, if storing failed)."""
        try:
            shown = self._after_store(lang, done.result())
        except Duplicate:
            return
        except Exception as error:
            shown = blocks.report_modal(lang, form=form, problem=_failed(lang, error))
        acked.wait(timeout=RECEIPT_IN_ACK_S)
        time.sleep(ACK_SETTLE_S)  # let Slack apply the ack's "storing" view first
        try:
            self.client.views_update(view_id=view_id, view=shown)
        except SlackApiError as error:
            log.error("receipt view for %s not shown: %s", view_id, error)

    def on_status_submitted(
        self, ack: Callable[..., Any], body: dict[str, Any], view: dict[str, Any]
    ) -> None:
        """The receipt code: show status and messages, with a reply box."""
        person = self.directory.person(body["user"]["id"])
        code = form_field(view, "receipt") or ""
        try:
            result = receipt.status(self.core, person=person, code=code)
            sealed = receipt.seal(self.core, code)
        except Exception as error:
            ack(response_action="errors", errors=_errors(person.language, error, default="receipt"))
            return
        ack(
            response_action="update",
            view=blocks.status_result_modal(person.language, result, sealed=sealed),
        )

    def on_status_reply(
        self, ack: Callable[..., Any], body: dict[str, Any], view: dict[str, Any]
    ) -> None:
        """The reporter's reply, relayed into the case."""
        person = self.directory.person(body["user"]["id"])
        lang = person.language
        text = form_field(view, "reply") or ""
        if not text.strip():
            ack()
            return
        try:
            code = receipt.unseal(self.core, view.get("private_metadata", ""))
            reference = receipt.reply(self.core, person=person, code=code, body=text)
        except Exception as error:
            ack(response_action="errors", errors=_errors(lang, error, default="reply"))
            return
        confirmation = messages.text(lang, "status.reply_sent", reference=reference)
        ack(
            response_action="update",
            view=blocks.notice_modal(
                lang, blocks.STATUS_REPLY_VIEW, messages.text(lang, "status.title"), [confirmation]
            ),
        )

    def on_task_submitted(
        self, ack: Callable[..., Any], body: dict[str, Any], view: dict[str, Any]
    ) -> None:
        """A new follow-up task."""
        person = self.directory.person(body["user"]["id"])
        lang = person.language
        try:
            created = tasks.create(self.core, person=person, form=to_task_form(view))
        except Exception as error:
            ack(response_action="errors", errors=_errors(lang, error, default="supplier"))
            return
        lines = [blocks.escape(line) for line in created.describe(lang)]
        ack(
            response_action="update",
            view=blocks.notice_modal(
                lang, blocks.TASK_VIEW, messages.text(lang, "task.title"), lines
            ),
        )

    def on_request_submitted(
        self, ack: Callable[..., Any], body: dict[str, Any], view: dict[str, Any]
    ) -> None:
        """A logged information request: its deadline and a draft answer."""
        person = self.directory.person(body["user"]["id"])
        try:
            logged = requests.log(self.core, person=person, form=to_request_form(view))
        except Exception as error:
            ack(
                response_action="errors",
                errors=_errors(person.language, error, default="question"),
            )
            return
        ack(response_action="update", view=blocks.request_logged_modal(person.language, logged))

    # Review ---------------------------------------------------------------------------------

    def on_review_button(
        self, ack: Callable[..., Any], body: dict[str, Any], respond: Callable[..., Any]
    ) -> None:
        """A review button on the App Home or a case notice."""
        ack()
        action = body["actions"][0]
        reference = action["value"]
        name = action["action_id"].removeprefix(blocks.REVIEW_PREFIX)
        person = self.directory.person(body["user"]["id"])
        lang = person.language
        trigger = body["trigger_id"]
        with self._told(person, respond, home=_from_home(body)):
            if name == "open":
                case = review.open_case(self.core, person=person, reference=reference)
                self.client.views_open(trigger_id=trigger, view=blocks.case_modal(lang, case))
                return
            chosen = review.ReviewAction(name)
            if chosen in (review.ReviewAction.WRITE, review.ReviewAction.CLOSE):
                review.require_member(
                    self.core,
                    person=person,
                    action=f"case.{chosen.value}",
                    object_type="case",
                    object_id=reference,
                )
                modal = (
                    blocks.write_modal(lang, reference)
                    if chosen == review.ReviewAction.WRITE
                    else blocks.close_modal(lang, reference)
                )
                self.client.views_open(trigger_id=trigger, view=modal)
                return
            done = review.act(self.core, person=person, reference=reference, action=chosen)
            self._tell(person, respond, done.confirmation, home=_from_home(body))

    def on_review_form(
        self, ack: Callable[..., Any], body: dict[str, Any], view: dict[str, Any]
    ) -> None:
        """The write-to-reporter and close-with-outcome forms."""
        person = self.directory.person(body["user"]["id"])
        lang = person.language
        writing = view["callback_id"] == blocks.REVIEW_WRITE_VIEW
        try:
            done = review.act(
                self.core,
                person=person,
                reference=view.get("private_metadata", ""),
                action=review.ReviewAction.WRITE if writing else review.ReviewAction.CLOSE,
                body=form_field(view, "message"),
                outcome=form_field(view, "outcome"),
            )
        except Exception as error:
            default = "message" if writing else "outcome"
            ack(response_action="errors", errors=_errors(lang, error, default=default))
            return
        ack(
            response_action="update",
            view=blocks.notice_modal(
                lang,
                view["callback_id"],
                messages.text(lang, "review.write" if writing else "review.close"),
                [done.confirmation],
            ),
        )
        self._publish_home(person)

    def on_home_opened(self, event: dict[str, Any]) -> None:
        """The App Home tab: the team's open work for members, own tasks for everyone."""
        if event.get("tab", "home") == "home":
            self._publish_home(self.directory.person(event["user"]))

    def _publish_home(self, person: Person, *, notice: str | None = None) -> None:
        home = review.home(self.core, person=person)
        self.client.views_publish(
            user_id=person.user_id, view=blocks.home_view(person.language, home, notice=notice)
        )

    # Documents ------------------------------------------------------------------------------

    def _add_files(self, event: dict[str, Any]) -> None:
        person = self.directory.person(event["user"])
        channel = event["channel"]
        for shared in event.get("files", []):
            try:
                info = self.client.files_info(file=shared["id"])["file"]
                result = documents.add(
                    self.core,
                    person=person,
                    name=info.get("name") or shared["id"],
                    size=int(info.get("size") or 0),
                    fetch=lambda most, url=info["url_private_download"]: self._download(url, most),
                )
                reply = result.describe(person.language)
            except Exception as error:
                if not isinstance(error, SlackApiError | OSError):
                    log.info("document refused: %s", error)
                reply = messages.explain(person.language, error)
            self.client.chat_postMessage(channel=channel, text=reply)

    def _download(self, url: str, most: int) -> bytes:
        request = urllib.request.Request(
            url, headers={"Authorization": f"Bearer {self.config.bot_token}"}
        )
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_S) as response:
            return response.read(most)

    # Reminders ------------------------------------------------------------------------------

    def send_reminders(self) -> int:
        """Send what is due today or overdue, each item once per day; returns how many went."""
        sent = 0
        for reminder in reminders.claim_due(self.core, platform=PLATFORM):
            try:
                if reminder.user_id:
                    lang = self.directory.person(reminder.user_id).language
                    opened = self.client.conversations_open(users=reminder.user_id)
                    channel = opened["channel"]["id"]
                elif self.config.cases_channel:
                    lang, channel = self.config.team_language, self.config.cases_channel
                else:
                    reminders.release(self.core, reminder)
                    continue
                self.client.chat_postMessage(
                    channel=channel,
                    text=reminder.describe(lang),
                    blocks=blocks.reminder_blocks(lang, reminder),
                )
                sent += 1
            except SlackApiError as error:
                log.warning("reminder %s not sent: %s", reminder.key, error)
                reminders.release(self.core, reminder)
        return sent

    def post_audit_head(self) -> bool:
        """Post today's audit-trail head to the compliance channel, once a day."""
        if not self.config.cases_channel:
            return False
        head = audit_head.claim_today(self.core, platform=PLATFORM)
        if head is None:
            return False
        text = head.describe(self.config.team_language)
        try:
            self.client.chat_postMessage(
                channel=self.config.cases_channel, text=text, blocks=[blocks.mrkdwn(text)]
            )
        except SlackApiError as error:
            log.warning("audit head not posted: %s", error)
            audit_head.release(self.core, head)
            return False
        return True

    def announce_arrivals(self) -> int:
        """Post what came in on the public web pages to the compliance channel, once each."""
        if not self.config.cases_channel:
            return 0
        sent, lang = 0, self.config.team_language
        for arrival in arrivals.claim_new(self.core, platform=PLATFORM):
            try:
                self.client.chat_postMessage(
                    channel=self.config.cases_channel,
                    text=arrival.describe(lang),
                    blocks=blocks.arrival_blocks(lang, arrival),
                )
                sent += 1
            except SlackApiError as error:
                log.warning("arrival %s not announced: %s", arrival.key, error)
                arrivals.release(self.core, arrival)
        return sent

    # Helpers --------------------------------------------------------------------------------

    @contextmanager
    def _told(
        self, person: Person, respond: Callable[..., Any], *, home: bool = False
    ) -> Iterator[None]:
        """Show any error to the person (ephemeral, or on their App Home); never swallow it."""
        try:
            yield
        except Exception as error:
            if not isinstance(error, FormInvalid):
                log.warning("slack flow failed: %r", error)
            self._tell(person, respond, messages.explain(person.language, error), home=home)

    def _tell(self, person: Person, respond: Callable[..., Any], text: str, *, home: bool) -> None:
        if home:
            self._publish_home(person, notice=text)
        else:
            respond(text=text, response_type="ephemeral", replace_original=False)

    def _group_members(self, group: str) -> list[str]:
        return self.client.usergroups_users_list(usergroup=group)["users"]

    def _locale(self, user_id: str) -> str | None:
        return self.client.users_info(user=user_id, include_locale=True)["user"].get("locale")


def build_app(core: Core, config: SlackConfig) -> SlackBot:
    """The Slack bot for `core`; serve `bot.app` over HTTP or Socket Mode."""
    return SlackBot(core, config)


def _ack(ack: Callable[..., Any]) -> None:
    ack()


def _from_home(body: dict[str, Any]) -> bool:
    return (body.get("view") or {}).get("type") == "home"


def _errors(lang: Lang, error: Exception, *, default: str) -> dict[str, str]:
    """A core error as Slack's per-field errors; anything else on the `default` field."""
    if isinstance(error, FormInvalid):
        return error.errors
    log.warning("form submission failed: %r", error)
    return {default: messages.explain(lang, error)}


def _failed(lang: Lang, error: Exception) -> str:
    log.error("report not stored: %r", error)
    reason = messages.explain(lang, error)
    return messages.text(lang, "report.store_failed", reason=reason)


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
