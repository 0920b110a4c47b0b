"""Report a concern: a form in, a stored case with its one-time receipt out.

The form's fields are checked here, once, for every surface; a problem comes back as
`FormInvalid` keyed by field name, so Slack shows it beside the field and the web beside the
input. A supplier named in the form is linked to the register when it matches a known
supplier. Nothing in the result carries the report text: surfaces cannot echo it by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core import messages
from bot.core.context import Core
from bot.core.errors import Duplicate, FormInvalid
from bot.core.people import Lang, Person
from storage.models import CaseCategory, Channel
from storage.services.case_schemas import MAX_TEXT_CHARS, CaseCreate
from storage.services.cases import submit_report
from storage.services.suppliers import match_supplier

MAX_SUPPLIER_CHARS = 200
MAX_WHEN_CHARS = 200


@dataclass(frozen=True, slots=True)
class ReportForm:
    """The report form as the person filled it in; every field raw text."""

    description: str
    category: str | None = None
    supplier: str | None = None
    country: str | None = None
    when: str | None = None
    anonymous: bool = True


@dataclass(frozen=True, slots=True)
class ReportReceipt:
    """What the reporter is shown once: reference, receipt code, promised deadlines."""

    reference: str
    receipt_code: str
    category: CaseCategory
    anonymous: bool
    channel: Channel
    acknowledge_due: datetime
    feedback_due: datetime
    linked_supplier: str | None

    def notice(self, lang: Lang) -> str:
        """The compliance team's notice of the new case: reference, category, dates; no text."""
        return messages.text(
            lang,
            "report.notice",
            reference=self.reference,
            category=messages.label(lang, self.category),
            channel=self.channel.value,
            acknowledge=messages.day(lang, self.acknowledge_due),
            feedback=messages.day(lang, self.feedback_due),
        )

    def receipt_code_grouped(self) -> str:
        """`1234 5678 9012 3456`: easier to copy down without a slip."""
        code = self.receipt_code
        return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def submit(
    core: Core,
    *,
    person: Person,
    form: ReportForm,
    channel: Channel,
    delivery: str | None = None,
) -> ReportReceipt:
    """Check the form, store the case (anonymous unless the person chose otherwise).

    A report from the public web page counts against the cap on public submissions
    (`Core.flood`); one from a chat platform, whose users are signed in, does not.

    Args:
        delivery: the surface's id of this submission; a second delivery of the same id
            raises `Duplicate` instead of storing the case twice.
    """
    category, country = _check(core, person, form)
    if channel == Channel.WEB:
        core.flood.admit("report")
    if delivery is not None and not core.first_delivery(f"report:{delivery}"):
        raise Duplicate(delivery)
    description = form.description.strip()
    if form.when and form.when.strip():
        description = (
            f"{description}\n\n{messages.text(person.language, 'report.when')} {form.when.strip()}"
        )
    supplier_name = (form.supplier or "").strip() or None
    with core.session() as session:
        match = match_supplier(session, text=supplier_name) if supplier_name else None
        submitted = submit_report(
            session,
            principal=person.principal,
            data=CaseCreate(
                category=category,
                description=description,
                anonymous=form.anonymous,
                channel=channel,
                supplier_name=supplier_name,
                supplier_id=match.id if match else None,
                country=country,
            ),
            now=core.now(),
        )
    return ReportReceipt(
        reference=submitted.reference,
        receipt_code=submitted.receipt_code,
        category=category,
        anonymous=form.anonymous,
        channel=channel,
        acknowledge_due=submitted.acknowledge_due,
        feedback_due=submitted.feedback_due,
        linked_supplier=match.name if match else None,
    )


def check(core: Core, *, person: Person, form: ReportForm) -> None:
    """Raise `FormInvalid` naming every bad field, before any slow work is started."""
    _check(core, person, form)


def _check(core: Core, person: Person, form: ReportForm) -> tuple[CaseCategory, str | None]:
    """The category and country code, or `FormInvalid` naming every bad field."""
    lang = person.language
    errors: dict[str, str] = {}
    description = form.description.strip()
    if not description:
        errors["description"] = messages.text(lang, "error.description_required")
    elif len(description) + len(form.when or "") > MAX_TEXT_CHARS - 100:
        errors["description"] = messages.text(
            lang, "error.description_too_long", limit=MAX_TEXT_CHARS - 100 - len(form.when or "")
        )
    category = CaseCategory.OTHER
    if form.category:
        try:
            category = CaseCategory(form.category)
        except ValueError:
            errors["category"] = messages.text(lang, "error.category_required")
    if form.supplier and len(form.supplier.strip()) > MAX_SUPPLIER_CHARS:
        errors["supplier"] = messages.text(lang, "error.too_long", limit=MAX_SUPPLIER_CHARS)
    if form.when and len(form.when.strip()) > MAX_WHEN_CHARS:
        errors["when"] = messages.text(lang, "error.too_long", limit=MAX_WHEN_CHARS)
    country = None
    if form.country and form.country.strip():
        country = core.reference.resolve_country(form.country.strip())
        if country is None:
            errors["country"] = messages.text(lang, "error.unknown_country")
    if errors:
        raise FormInvalid(errors)
    return category, country
