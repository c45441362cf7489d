"""SOPs 6-9: problem tickets, incident and CI links."""

import pytest

from accounts.models import User
from communications.models import Communication
from core.actor import Actor
from incidents.models import WorkNote
from problems.models import Problem
from problems.services import problem_create, problem_link_ci, problem_link_incident, problem_update
from tests.accounts.factories import ClientContactFactory, UserFactory
from tests.cmdb.factories import ConfigurationItemFactory
from tests.helpers import assert_refused
from tests.incidents.factories import IncidentFactory
from tests.problems.factories import ProblemFactory

pytestmark = pytest.mark.django_db


def data(reporter: User, **changes: object) -> dict[str, object]:
    return {"title": "Disk alerts ignored", "description": "Monitoring misses full disks", "category": "database",
            "reported_by": reporter.pk, **changes}  # fmt: skip


def test_create_links_incidents_notes_them_and_tells_the_incident_manager(support: User, manager: User) -> None:
    incidents = [IncidentFactory(assigned_to=manager), IncidentFactory(assigned_to=UserFactory())]
    problem = problem_create(actor=Actor.web(support), incidents=[i.pk for i in incidents], **data(support))
    assert problem.problem_number.startswith("PRB")
    assert problem.status == "open"
    for incident in incidents:
        incident.refresh_from_db()
        assert incident.problem == problem
        note = WorkNote.objects.get(incident=incident)
        assert note.note_text == f"Incident(s) linked to Problem Ticket {problem.problem_number}"
    told = Communication.objects.get()
    assert (told.recipient, told.incident) == (manager, incidents[0])


@pytest.mark.parametrize(
    ("changes", "code"),
    [({"title": ""}, "invalid"), ({"category": "weather"}, "invalid"), ({"assigned_to": 10**9}, "assignee_not_found")],
)
def test_create_refusals(support: User, changes: dict[str, object], code: str) -> None:
    assert_refused(lambda: problem_create(actor=Actor.web(support), **data(support, **changes)), code)


def test_create_refuses_inactive_reporter_and_unknown_incident(support: User) -> None:
    inactive = UserFactory(status="inactive")
    assert_refused(lambda: problem_create(actor=Actor.web(support), **data(inactive)), "reporter_inactive")
    assert_refused(
        lambda: problem_create(actor=Actor.web(support), incidents=[10**9], **data(support)), "incident_not_found"
    )


def test_create_needs_permission(executive: User) -> None:
    assert_refused(lambda: problem_create(actor=Actor.web(executive), **data(executive)), "not_permitted")


def test_update_notes_the_change(support: User) -> None:
    problem = ProblemFactory()
    problem_update(
        actor=Actor.web(support), problem=problem, data={"description": "Found the cron job", "status": "investigating"}
    )
    problem.refresh_from_db()
    assert problem.status == "investigating"
    assert WorkNote.objects.get(problem=problem).note_text == "Problem ticket updated with new investigation details"


def test_resolving_tells_each_linked_incidents_reporter_unless_they_did_it(support: User) -> None:
    """SOP 7 step 5: the reporters of the incidents, not of the problem ticket, are told; the actor is not."""
    problem = ProblemFactory(reported_by=UserFactory(), status="investigating")
    first, second = UserFactory(), ClientContactFactory()
    IncidentFactory(problem=problem, reported_by=first)
    IncidentFactory(problem=problem, reported_by=second)
    IncidentFactory(problem=problem, reported_by=support)
    problem_update(actor=Actor.web(support), problem=problem, data={"status": "resolved"})
    problem.refresh_from_db()
    assert problem.resolved_at is not None
    told = Communication.objects.filter(communication_type="resolution_notice").order_by("incident_id")
    assert [(c.recipient, c.recipient_type) for c in told] == [(first, "internal"), (second, "client")]
    assert all(str(problem.problem_number) in c.message_content for c in told)
    assert not Communication.objects.filter(problem=problem).exists()


def test_no_notice_while_the_problem_is_still_open(support: User) -> None:
    problem = ProblemFactory(status="open")
    IncidentFactory(problem=problem, reported_by=UserFactory())
    problem_update(actor=Actor.web(support), problem=problem, data={"status": "investigating"})
    assert not Communication.objects.filter(communication_type="resolution_notice").exists()


def test_update_refusals(support: User) -> None:
    problem = ProblemFactory(status="open")
    actor = Actor.web(support)
    inactive = UserFactory(status="inactive")
    assert_refused(lambda: problem_update(actor=actor, problem=problem, data={"status": "paused"}), "invalid")
    assert_refused(
        lambda: problem_update(actor=actor, problem=problem, data={"assigned_to": inactive.pk}), "assignee_inactive"
    )
    closed = ProblemFactory(status="closed")
    assert_refused(lambda: problem_update(actor=actor, problem=closed, data={"title": "x"}), "problem_closed")
    resolved = ProblemFactory(status="resolved")
    assert_refused(lambda: problem_update(actor=actor, problem=resolved, data={"status": "open"}), "invalid_transition")


def test_link_incident_notes_both_sides_and_tells_the_manager(support: User, manager: User) -> None:
    problem, incident = ProblemFactory(), IncidentFactory(assigned_to=manager)
    problem_link_incident(actor=Actor.web(support), problem=problem, incident=incident.pk)
    assert (
        WorkNote.objects.get(incident=incident).note_text
        == f"Incident linked to Problem Ticket {problem.problem_number}"
    )
    assert (
        WorkNote.objects.get(problem=problem).note_text
        == f"Incident {incident.incident_number} linked to this problem ticket"
    )
    assert Communication.objects.get().recipient == manager


def test_link_incident_refusals(support: User) -> None:
    actor = Actor.web(support)
    linked = IncidentFactory(problem=ProblemFactory())
    closed, open_problem, other = ProblemFactory(status="closed"), ProblemFactory(), IncidentFactory()
    assert_refused(
        lambda: problem_link_incident(actor=actor, problem=linked.problem, incident=linked.pk),
        "incident_already_linked",
    )
    assert_refused(lambda: problem_link_incident(actor=actor, problem=closed, incident=other.pk), "problem_closed")
    assert_refused(
        lambda: problem_link_incident(actor=actor, problem=open_problem, incident=10**9), "incident_not_found"
    )


def test_link_ci_once_while_open(support: User) -> None:
    actor = Actor.web(support)
    problem, ci = ProblemFactory(), ConfigurationItemFactory()
    problem_link_ci(actor=actor, problem=problem, ci=ci)
    assert list(problem.configuration_items.all()) == [ci]
    assert_refused(lambda: problem_link_ci(actor=actor, problem=problem, ci=ci.pk), "ci_already_linked")
    assert_refused(lambda: problem_link_ci(actor=actor, problem=problem, ci=10**9), "ci_not_found")
    closed = ProblemFactory(status="closed")
    assert_refused(lambda: problem_link_ci(actor=actor, problem=closed, ci=ci.pk), "problem_closed")
    assert Problem.objects.count() == 2
