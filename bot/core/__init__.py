"""The platform-neutral conversation flows every surface calls: Slack, Teams, web, terminal.

Each flow is a module of plain functions taking the shared `Core` and a `Person`, returning
plain data; adapters turn platform events into these calls and results into their format::

    ask.answer(core, person=person, question=text, place=Place(channel, thread))
    report.submit(core, person=person, form=ReportForm(...), channel=Channel.SLACK)
    receipt.status(core, person=person, code=code)
    review.act(core, person=person, reference=ref, action=ReviewAction.ACKNOWLEDGE)
    tasks.create(core, person=person, form=TaskForm(...))
    requests.log(core, person=person, form=RequestForm(...))
    documents.add(core, person=person, name=name, size=size, fetch=download)
    reminders.claim_due(core, platform="slack")

Words for people live in `messages`; who is on the compliance team in `people.Directory`.
"""

from bot.core.context import Core, open_core
from bot.core.errors import CoreError, FormInvalid, NotAllowed
from bot.core.people import Directory, Lang, Person, choose_language

__all__ = [
    "Core",
    "CoreError",
    "Directory",
    "FormInvalid",
    "Lang",
    "NotAllowed",
    "Person",
    "choose_language",
    "open_core",
]
