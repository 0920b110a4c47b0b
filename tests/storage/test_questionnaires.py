"""Questionnaire invitations on SQLite and PostgreSQL: answers saved as they go, links that
stop working when replaced, cancelled or expired (changing nothing), submit with scores,
attachments checked by content, and red-flag suggestions decided once."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.errors import AccessDenied, InvalidTransition, LinkRefused, ValidationFailed
from storage.models import AuditEvent, InvitationStatus, SuggestionStatus
from storage.principal import Principal
from storage.questionnaire import current_version, load_questionnaire
from storage.services import deviations, tasks
from storage.services import questionnaires as saq
from storage.services.suppliers import SupplierCreate, create_supplier

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def supplier_id(session: Session, officer: Principal) -> int:
    data = SupplierCreate(name="Dhaka Knit Ltd", countries=["BD"], product_categories=["Tekstiler"])
    return create_supplier(session, principal=officer, data=data, now=NOW).id


@pytest.fixture
def issued(session: Session, officer: Principal, supplier_id: int) -> saq.IssuedInvitation:
    return saq.create_invitation(
        session,
        principal=officer,
        supplier_id=supplier_id,
        email="csr@dhakaknit.example",
        language="en",
        expires_at=NOW + timedelta(days=30),
        now=NOW,
    )


def answer_all(session: Session, issued: saq.IssuedInvitation, *, choice: str = "yes") -> None:
    for question in load_questionnaire(current_version()).questions:
        if question.required:
            saq.save_answer(
                session,
                invitation_id=issued.invitation.id,
                nonce=issued.nonce,
                question_id=question.id,
                choice=choice if question.kind == "choice" else None,
                text="Two sites in Gazipur, 800 workers." if question.kind == "text" else None,
                now=NOW,
            )


def audit_rows(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent))


def test_answers_save_as_they_go_and_the_last_write_wins(
    session: Session, issued: saq.IssuedInvitation
) -> None:
    link = {"invitation_id": issued.invitation.id, "nonce": issued.nonce}
    saq.save_answer(session, **link, question_id="hr.policy", choice="no", now=NOW)
    saq.save_answer(session, **link, question_id="hr.policy", choice="partly", now=NOW)
    saq.save_answer(session, **link, question_id="about.sites", text="  Gazipur  ", now=NOW)
    opened = saq.open_for_supplier(session, **link, now=NOW + timedelta(hours=1))
    assert opened.answers["hr.policy"].choice == "partly"
    assert opened.answers["about.sites"].text == "Gazipur"
    assert opened.invitation.status == InvitationStatus.IN_PROGRESS
    assert opened.invitation.opened_at == NOW + timedelta(hours=1)
    assert not opened.read_only


def test_supplier_actions_are_audited_as_the_invitation_without_answers(
    session: Session, issued: saq.IssuedInvitation
) -> None:
    link = {"invitation_id": issued.invitation.id, "nonce": issued.nonce}
    saq.save_answer(session, **link, question_id="about.sites", text="Secret site list", now=NOW)
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert event.actor == f"supplier:{issued.invitation.id}"
    assert event.action == "questionnaire.answer"
    assert "Secret" not in str(event.details)


def test_an_answer_the_question_does_not_offer_is_refused(
    session: Session, issued: saq.IssuedInvitation
) -> None:
    link = {"invitation_id": issued.invitation.id, "nonce": issued.nonce}
    with pytest.raises(ValidationFailed):
        saq.save_answer(session, **link, question_id="hr.policy", choice="not_applicable")
    saq.save_answer(session, **link, question_id="env.permits", choice="not_applicable", now=NOW)


def test_a_reissued_link_replaces_the_old_one(
    session: Session, officer: Principal, issued: saq.IssuedInvitation
) -> None:
    renewed = saq.reissue_invitation(
        session,
        principal=officer,
        invitation_id=issued.invitation.id,
        expires_at=NOW + timedelta(days=40),
        now=NOW,
    )
    with pytest.raises(LinkRefused) as refused:
        saq.open_for_supplier(session, invitation_id=issued.invitation.id, nonce=issued.nonce)
    assert refused.value.reason == "invalid"
    opened = saq.open_for_supplier(
        session, invitation_id=issued.invitation.id, nonce=renewed.nonce, now=NOW
    )
    assert opened.invitation.expires_at == NOW + timedelta(days=40)


def test_a_cancelled_link_is_refused_and_changes_nothing(
    session: Session, officer: Principal, issued: saq.IssuedInvitation
) -> None:
    link = {"invitation_id": issued.invitation.id, "nonce": issued.nonce}
    saq.save_answer(session, **link, question_id="hr.policy", choice="yes", now=NOW)
    saq.cancel_invitation(session, principal=officer, invitation_id=issued.invitation.id)
    before = audit_rows(session)
    with pytest.raises(LinkRefused) as refused:
        saq.save_answer(session, **link, question_id="hr.policy", choice="no", now=NOW)
    assert refused.value.reason == "cancelled"
    assert audit_rows(session) == before
    detail = saq.get_invitation(session, principal=officer, invitation_id=issued.invitation.id)
    assert [answer.choice for answer in detail.answers] == ["yes"]


def test_an_expired_link_is_refused_and_changes_nothing(
    session: Session, officer: Principal, issued: saq.IssuedInvitation
) -> None:
    link = {"invitation_id": issued.invitation.id, "nonce": issued.nonce}
    late = NOW + timedelta(days=30)
    before = audit_rows(session)
    for call in (
        lambda: saq.open_for_supplier(session, **link, now=late),
        lambda: saq.save_answer(session, **link, question_id="hr.policy", choice="no", now=late),
    ):
        with pytest.raises(LinkRefused) as refused:
            call()
        assert refused.value.reason == "expired"
    assert audit_rows(session) == before
    detail = saq.get_invitation(session, principal=officer, invitation_id=issued.invitation.id)
    assert detail.answers == [] and detail.invitation.opened_at is None


def test_a_wrong_nonce_is_refused(session: Session, issued: saq.IssuedInvitation) -> None:
    with pytest.raises(LinkRefused) as refused:
        saq.open_for_supplier(session, invitation_id=issued.invitation.id, nonce="0" * 32)
    assert refused.value.reason == "invalid"


def test_submit_needs_every_required_answer_and_a_named_person(
    session: Session, issued: saq.IssuedInvitation
) -> None:
    link = {"invitation_id": issued.invitation.id, "nonce": issued.nonce}
    saq.save_answer(session, **link, question_id="hr.policy", choice="yes", now=NOW)
    with pytest.raises(ValidationFailed, match=r"about\.sites"):
        saq.submit_questionnaire(session, **link, name="Ana Rahman", role="CEO", now=NOW)
    answer_all(session, issued)
    with pytest.raises(ValidationFailed, match="name and role"):
        saq.submit_questionnaire(session, **link, name="Ana Rahman", role=" ", now=NOW)


def test_submitting_scores_records_red_flags_and_makes_the_link_read_only(
    session: Session, officer: Principal, issued: saq.IssuedInvitation, supplier_id: int
) -> None:
    link = {"invitation_id": issued.invitation.id, "nonce": issued.nonce}
    answer_all(session, issued)
    saq.save_answer(session, **link, question_id="forced.documents", choice="no", now=NOW)
    submitted = saq.submit_questionnaire(
        session, **link, name="Ana Rahman", role="Head of compliance", now=NOW
    )
    assert submitted.status == InvitationStatus.SUBMITTED
    assert submitted.scores["areas"]["labour"]["score"] == round(100 * 34 / 38, 1)
    assert submitted.scores["red_flags"] == ["withheld_documents"]
    assert submitted.confirmed_by_name == "Ana Rahman"
    with pytest.raises(LinkRefused) as refused:
        saq.save_answer(session, **link, question_id="hr.policy", choice="no", now=NOW)
    assert refused.value.reason == "submitted"
    assert saq.open_for_supplier(session, **link, now=NOW).read_only
    history = saq.score_history(session, principal=officer, supplier_id=supplier_id)
    assert [row.scores["total"] for row in history] == [submitted.scores["total"]]


def test_accepting_a_suggestion_creates_the_deviation_once_and_links_it(
    session: Session, officer: Principal, issued: saq.IssuedInvitation, supplier_id: int
) -> None:
    link = {"invitation_id": issued.invitation.id, "nonce": issued.nonce}
    answer_all(session, issued)
    saq.save_answer(session, **link, question_id="forced.fees", choice="partly", now=NOW)
    saq.save_answer(session, **link, question_id="child.age_checks", choice="no", now=NOW)
    saq.submit_questionnaire(session, **link, name="Ana", role="CEO", now=NOW)
    detail = saq.get_invitation(session, principal=officer, invitation_id=issued.invitation.id)
    by_flag = {suggestion.flag_id: suggestion for suggestion in detail.suggestions}
    assert set(by_flag) == {"no_age_checks", "recruitment_fees"}
    accepted = saq.decide_suggestion(
        session, principal=officer, suggestion_id=by_flag["recruitment_fees"].id, accept=True
    )
    assert accepted.status == SuggestionStatus.ACCEPTED and accepted.decided_by == officer.actor
    found = deviations.list_deviations(session, principal=officer, supplier_id=supplier_id)
    assert [(d.id, d.type) for d in found] == [(accepted.deviation_id, "forced_labour")]
    assert "recruitment fees" not in found[0].description  # Norwegian by default
    with pytest.raises(InvalidTransition):
        saq.decide_suggestion(
            session, principal=officer, suggestion_id=by_flag["recruitment_fees"].id, accept=True
        )
    task_flag = saq.decide_suggestion(
        session,
        principal=officer,
        suggestion_id=by_flag["no_age_checks"].id,
        accept=True,
        language="en",
    )
    task = tasks.get_task(session, principal=officer, task_id=task_flag.task_id)
    assert task.title == "Agree a routine for age checks at hiring"
    assert task.origin == f"SAQ #{issued.invitation.id} (child.age_checks)"


def test_a_dismissed_suggestion_creates_nothing(
    session: Session, officer: Principal, issued: saq.IssuedInvitation, supplier_id: int
) -> None:
    link = {"invitation_id": issued.invitation.id, "nonce": issued.nonce}
    answer_all(session, issued)
    saq.save_answer(session, **link, question_id="grievance.channel", choice="no", now=NOW)
    saq.submit_questionnaire(session, **link, name="Ana", role="CEO", now=NOW)
    [suggestion] = saq.get_invitation(
        session, principal=officer, invitation_id=issued.invitation.id
    ).suggestions
    dismissed = saq.decide_suggestion(
        session, principal=officer, suggestion_id=suggestion.id, accept=False
    )
    assert dismissed.status == SuggestionStatus.DISMISSED and dismissed.task_id is None
    assert tasks.list_tasks(session, principal=officer, supplier_id=supplier_id) == []


def test_attachments_are_checked_by_content_not_by_name(
    session: Session, officer: Principal, issued: saq.IssuedInvitation
) -> None:
    link = {
        "invitation_id": issued.invitation.id,
        "nonce": issued.nonce,
        "question_id": "hr.policy",
    }
    pdf = saq.add_attachment(
        session, **link, filename="C:\\docs\\policy.exe", data=PDF, max_bytes=2**20, now=NOW
    )
    assert (pdf.content_type, pdf.original_name, pdf.size) == (
        "application/pdf",
        "policy.exe",
        len(PDF),
    )
    with pytest.raises(ValidationFailed, match="only PDF"):
        saq.add_attachment(
            session, **link, filename="policy.pdf", data=b"MZ\x90\x00", max_bytes=2**20
        )
    with pytest.raises(ValidationFailed, match="larger"):
        saq.add_attachment(
            session, **link, filename="big.pdf", data=PDF + b"x" * 2**20, max_bytes=2**20
        )
    with pytest.raises(ValidationFailed, match="no attachment"):
        saq.add_attachment(
            session,
            **{**link, "question_id": "wages.living"},
            filename="a.pdf",
            data=PDF,
            max_bytes=2**20,
        )
    meta, data = saq.read_attachment(session, principal=officer, attachment_id=pdf.id)
    assert data == PDF and meta.sha256 == pdf.sha256


def test_a_docx_is_recognised_inside_its_zip(
    session: Session, issued: saq.IssuedInvitation
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    attached = saq.add_attachment(
        session,
        invitation_id=issued.invitation.id,
        nonce=issued.nonce,
        question_id="ac.policy",
        filename="policy.docx",
        data=buffer.getvalue(),
        max_bytes=2**20,
    )
    assert attached.content_type.endswith("wordprocessingml.document")


def test_a_second_invitation_while_one_waits_is_refused(
    session: Session, officer: Principal, issued: saq.IssuedInvitation, supplier_id: int
) -> None:
    with pytest.raises(InvalidTransition, match="waiting"):
        saq.create_invitation(
            session,
            principal=officer,
            supplier_id=supplier_id,
            email="other@dhakaknit.example",
            language="nb",
            expires_at=NOW + timedelta(days=30),
        )


def test_expired_invitations_are_marked_and_can_be_reopened(
    session: Session, officer: Principal, issued: saq.IssuedInvitation
) -> None:
    assert saq.expire_invitations(session, principal=officer, now=NOW + timedelta(days=29)) == []
    late = NOW + timedelta(days=31)
    assert saq.expire_invitations(session, principal=officer, now=late) == [issued.invitation.id]
    [row] = saq.list_invitations(session, principal=officer)
    assert row.status == InvitationStatus.EXPIRED and row.overdue(now=late)
    renewed = saq.reissue_invitation(
        session,
        principal=officer,
        invitation_id=issued.invitation.id,
        expires_at=late + timedelta(days=30),
        now=late,
    )
    assert renewed.invitation.status == InvitationStatus.SENT


def test_only_the_compliance_team_may_invite_or_read(
    session: Session, employee: Principal, issued: saq.IssuedInvitation, supplier_id: int
) -> None:
    with pytest.raises(AccessDenied):
        saq.list_invitations(session, principal=employee)
    with pytest.raises(AccessDenied):
        saq.get_invitation(session, principal=employee, invitation_id=issued.invitation.id)
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert event.action == "access.denied" and event.actor == employee.actor


def test_the_current_link_can_be_written_again_until_it_is_replaced(
    session: Session, officer: Principal, issued: saq.IssuedInvitation
) -> None:
    invitation_id = issued.invitation.id
    again = saq.current_link(session, principal=officer, invitation_id=invitation_id)
    assert again.nonce == issued.nonce
    renewed = saq.reissue_invitation(
        session, principal=officer, invitation_id=invitation_id, expires_at=NOW + timedelta(days=9)
    )
    assert renewed.nonce != issued.nonce
    assert saq.current_link(session, principal=officer, invitation_id=invitation_id).nonce == (
        renewed.nonce
    )
