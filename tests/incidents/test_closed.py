"""A closed incident is kept as it is: no note, attachment, CI link or edit is accepted, and the page offers none."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from core.actor import Actor
from incidents.services import (
    attachment_upload,
    incident_actions,
    incident_link_ci,
    incident_update,
    work_note_create,
)
from tests.cmdb.factories import ConfigurationItemFactory
from tests.helpers import assert_refused
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def test_every_write_to_a_closed_incident_is_refused(manager: User) -> None:
    incident = IncidentFactory(status="closed")
    actor = Actor.web(manager)
    ci = ConfigurationItemFactory()
    upload = SimpleUploadedFile("log.txt", b"line", content_type="text/plain")
    assert_refused(lambda: work_note_create(actor=actor, incident=incident, note_text="late"), "incident_closed")
    assert_refused(lambda: attachment_upload(actor=actor, incident=incident, upload=upload), "incident_closed")
    assert_refused(lambda: incident_link_ci(actor=actor, incident=incident, ci=ci), "incident_closed")
    assert_refused(lambda: incident_update(actor=actor, incident=incident, data={"title": "x"}), "incident_closed")
    assert incident_actions(actor=actor, incident=incident) == frozenset()


def test_a_resolved_incident_still_takes_notes(manager: User) -> None:
    incident = IncidentFactory(status="resolved")
    note = work_note_create(actor=Actor.web(manager), incident=incident, note_text="Customer confirmed")
    assert note.incident == incident
