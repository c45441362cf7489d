"""SOP 14 (work notes), SOPs 3 and 16 (escalations), SOP 15 (attachments)."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from accounts.models import User
from core.actor import Actor
from core.models import AuditRecord
from incidents.models import WorkNote
from incidents.services import (
    attachment_upload,
    escalation_create,
    escalation_set_status,
    work_note_create,
    work_note_update,
)
from tests.accounts.factories import UserFactory
from tests.helpers import assert_refused
from tests.incidents.factories import EscalationFactory, IncidentFactory, WorkNoteFactory
from tests.problems.factories import ProblemFactory

pytestmark = pytest.mark.django_db


def test_note_on_an_incident_or_a_problem(support: User) -> None:
    actor = Actor.web(support)
    incident, problem = IncidentFactory(), ProblemFactory()
    note = work_note_create(actor=actor, incident=incident, note_text="Restarted pods", note_type="troubleshooting")
    assert (note.incident, note.created_by, note.note_type) == (incident, support, "troubleshooting")
    assert work_note_create(actor=actor, problem=problem, note_text="Root cause suspected").problem == problem


def test_note_needs_exactly_one_target(support: User) -> None:
    actor = Actor.web(support)
    incident, problem = IncidentFactory(), ProblemFactory()
    assert_refused(lambda: work_note_create(actor=actor, note_text="x"), "note_target_required")
    assert_refused(
        lambda: work_note_create(actor=actor, incident=incident, problem=problem, note_text="x"), "note_target_required"
    )


def test_note_refuses_bad_type_and_empty_text(support: User) -> None:
    incident = IncidentFactory()
    actor = Actor.web(support)
    assert_refused(
        lambda: work_note_create(actor=actor, incident=incident, note_text="x", note_type="gossip"), "invalid"
    )
    assert_refused(lambda: work_note_create(actor=actor, incident=incident, note_text="  "), "invalid")


def test_note_edit_is_kept_in_the_trail(support: User) -> None:
    note = WorkNoteFactory(created_by=support, note_text="first")
    work_note_update(actor=Actor.web(support), note=note, data={"note_text": "second"})
    row = AuditRecord.objects.get(record_type="work_note", record_id=note.pk, action="update")
    assert (row.changes, row.parent_id) == ({"note_text": ["first", "second"]}, note.incident_id)


def test_only_the_author_or_a_manager_edits_a_note(support: User, manager: User) -> None:
    note = WorkNoteFactory()
    assert_refused(
        lambda: work_note_update(actor=Actor.web(support), note=note, data={"note_text": "x"}), "not_note_author"
    )
    work_note_update(actor=Actor.web(manager), note=note, data={"note_text": "corrected"})


def test_escalation_starts_pending(support: User) -> None:
    incident = IncidentFactory(status="in_progress")
    target = UserFactory(role="executive")
    escalation = escalation_create(
        actor=Actor.web(support), incident=incident, escalated_to=target.pk, escalation_reason="Customer impact grows"
    )
    assert (escalation.status, escalation.escalated_from, escalation.responded_at) == ("pending", support, None)


@pytest.mark.parametrize("status", ["monitoring", "resolved", "closed"])
def test_escalation_refused_unless_open_or_in_progress(support: User, status: str) -> None:
    incident = IncidentFactory(status=status)
    target = UserFactory()
    assert_refused(
        lambda: escalation_create(
            actor=Actor.web(support), incident=incident, escalated_to=target.pk, escalation_reason="x"
        ),
        "incident_not_escalatable",
    )


def test_escalation_refuses_inactive_or_unknown_target_and_empty_reason(support: User) -> None:
    incident = IncidentFactory()
    inactive = UserFactory(status="inactive")
    colleague = UserFactory()
    actor = Actor.web(support)
    assert_refused(
        lambda: escalation_create(actor=actor, incident=incident, escalated_to=inactive.pk, escalation_reason="x"),
        "target_inactive",
    )
    assert_refused(
        lambda: escalation_create(actor=actor, incident=incident, escalated_to=10**9, escalation_reason="x"),
        "target_not_found",
    )
    assert_refused(
        lambda: escalation_create(actor=actor, incident=incident, escalated_to=colleague.pk, escalation_reason=""),
        "invalid",
    )


def test_escalation_decision_stamps_and_notes(executive: User) -> None:
    escalation = EscalationFactory()
    escalation_set_status(actor=Actor.web(executive), escalation=escalation, status="approved")
    escalation.refresh_from_db()
    assert escalation.status == "approved"
    assert escalation.responded_at is not None
    note = WorkNote.objects.get(incident=escalation.incident)
    assert note.note_text == f"Escalation to {escalation.escalated_to.full_name} approved by {executive.full_name}."


def test_escalation_is_decided_once(executive: User) -> None:
    escalation = EscalationFactory(status="denied")
    assert_refused(
        lambda: escalation_set_status(actor=Actor.web(executive), escalation=escalation, status="approved"),
        "escalation_already_decided",
    )


def test_escalation_status_must_be_a_decision(executive: User) -> None:
    escalation = EscalationFactory()
    for status in ("pending", "maybe"):
        assert_refused(
            lambda s=status: escalation_set_status(actor=Actor.web(executive), escalation=escalation, status=s),
            "invalid",
        )


def test_requester_may_cancel_but_not_approve(support: User) -> None:
    escalation = EscalationFactory(escalated_from=support)
    assert_refused(
        lambda: escalation_set_status(actor=Actor.web(support), escalation=escalation, status="approved"),
        "not_permitted",
    )
    escalation_set_status(actor=Actor.web(support), escalation=escalation, status="cancelled")


def upload(name: str, content: bytes = b"line one\n", content_type: str = "text/plain") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_upload_stores_file_and_metadata(support: User) -> None:
    incident = IncidentFactory()
    attachment = attachment_upload(actor=Actor.web(support), incident=incident, upload=upload("app.log"))
    assert (attachment.reference_type, attachment.reference_id) == ("incident", incident.pk)
    assert (attachment.file_name, attachment.file_type, attachment.file_size_bytes) == ("app.log", "log", 9)
    with default_storage.open(attachment.file.name) as stored:
        assert stored.read() == b"line one\n"


@override_settings(TRACER_ATTACHMENT_MAX_BYTES=8)
def test_upload_refuses_large_files(support: User) -> None:
    incident = IncidentFactory()
    assert_refused(
        lambda: attachment_upload(actor=Actor.web(support), incident=incident, upload=upload("big.txt")),
        "file_too_large",
    )


HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "content", "declared"),
    [
        ("run.exe", b"MZ\x90\x00\x03" + bytes(200), "application/x-msdownload"),
        ("page.htm.pdf", HTML, "application/pdf"),
        ("notes.txt", b"#!/bin/sh\nrm -rf /tmp/x\n", "text/plain"),
        ("photo.png", HTML, "image/png"),
        ("noext", b"plain words\n", "text/plain"),
    ],
)
def test_upload_refuses_content_outside_the_allow_list(support: User, name: str, content: bytes, declared: str) -> None:
    """The bytes decide, not the name or the declared type: HTML named .pdf is refused."""
    incident = IncidentFactory()
    assert_refused(
        lambda: attachment_upload(
            actor=Actor.web(support), incident=incident, upload=upload(name, content, content_type=declared)
        ),
        "file_type_not_allowed",
    )


def test_upload_stores_the_type_read_from_the_content(support: User) -> None:
    incident = IncidentFactory()
    attachment = attachment_upload(
        actor=Actor.web(support), incident=incident, upload=upload("report.pdf", PDF, "application/octet-stream")
    )
    assert (attachment.content_type, attachment.file_type) == ("application/pdf", "pdf")


def test_upload_refuses_empty_files(support: User) -> None:
    incident = IncidentFactory()
    assert_refused(
        lambda: attachment_upload(actor=Actor.web(support), incident=incident, upload=upload("empty.txt", b"")),
        "empty_file",
    )
