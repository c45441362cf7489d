"""The cycle's steps guide: each says what it needs, and links only where the step can be worked on now."""

import pytest
from django.urls import reverse

from incidents.models import Incident
from response.selectors import NEEDS, cycle_for
from tests.incidents.factories import IncidentFactory
from tests.reports.factories import RCAFactory
from tests.response.factories import PhaseRecordFactory

pytestmark = pytest.mark.django_db


def steps(incident: Incident) -> dict[str, dict[str, object]]:
    return {step["key"]: step for step in cycle_for(incident)["steps"]}


def test_before_resolution_check_and_learn_offer_no_link() -> None:
    incident = IncidentFactory(severity="P1", status="in_progress")
    found = steps(incident)
    assert found["check"]["link"] is None
    assert found["learn"]["link"] is None
    assert found["triage"]["link"] == reverse("response:phase", args=[incident.pk, "triage"])
    assert all(found[key]["needs"] == NEEDS[key] for key in found)
    assert (found["check"]["required"], found["triage"]["state"]) == (True, "todo")


def test_once_resolved_check_opens_a_new_rca_then_the_rca_itself() -> None:
    incident = IncidentFactory(severity="P1", status="resolved")
    found = steps(incident)
    assert found["check"]["link"] == reverse("reports:rca-create") + f"?incident={incident.pk}"
    assert found["learn"]["link"] == reverse("response:phase", args=[incident.pk, "post_mortem"])
    rca = RCAFactory(incident=incident, status="completed")
    found = steps(incident)
    assert (found["check"]["link"], found["check"]["state"]) == (
        reverse("reports:rca-detail", args=[rca.pk]),
        "completed",
    )


def test_a_step_shows_its_records_state() -> None:
    incident = IncidentFactory(severity="P2", status="in_progress")
    PhaseRecordFactory(incident=incident, phase="triage", status="submitted")
    assert steps(incident)["triage"]["state"] == "submitted"
