"""The queue's rows are written in Python; they are the markup the template language wrote for them, cell for
cell: links, badges, labels, escaping, the assignee's absence and the time in the viewer's zone."""

import datetime as dt
import re
from typing import Any

import pytest
from django.template import engines
from django.utils import timezone

from incidents.models import Incident
from incidents.queue_rows import queue_rows
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db

REFERENCE = """{% for incident in object_list %}
    <tr>{% with url=incident.get_absolute_url %}
      <td><a href="{{ url }}">{{ incident.incident_number }}</a></td>
      <td>{{ badge(incident.severity) }}</td>
      <td><a href="{{ url }}">{{ incident.title }}</a></td>
      <td>{{ badge(incident.status, incident.get_status_display) }}</td>
      <td>{{ incident.assigned_to.full_name|default("—") }}</td>
      <td>{{ incident.get_category_display }}</td>
      <td>{{ incident.detection_time|when }}</td>
    {% endwith %}</tr>{% endfor %}"""
"""The rows as the queue's template would write them."""


def _tags(html: str) -> str:
    """The markup, with the two spellings of a quote's escape (Django's and Jinja2's) written alike."""
    html = str(html).replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    return re.sub(r">\s+<", "><", html).strip()


@pytest.fixture
def incidents() -> list[Incident]:
    IncidentFactory(title='Disk <b>full</b> & "db-7"\'s log', severity="P1", status="in_progress")
    IncidentFactory(assigned_to=None, category="hardware", status="resolved")
    IncidentFactory(detection_time=timezone.now() - dt.timedelta(days=800), severity="P4")
    IncidentFactory(status="monitoring", category="network", assigned_to__first_name="", assigned_to__last_name="")
    return list(Incident.objects.select_related("assigned_to").order_by("pk"))


@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata"])
def test_the_rows_are_the_templates_markup(incidents: list[Incident], zone: str) -> None:
    with timezone.override(zone):
        written = queue_rows(incidents)
        reference = engines["pages"].from_string(REFERENCE).render({"object_list": incidents})
    assert _tags(written) == _tags(reference)
    assert written.count("<tr>") == 4
    assert "Disk &lt;b&gt;full&lt;/b&gt; &amp; &quot;db-7&quot;&#x27;s log" in written
    assert "<td>—</td>" in written  # no assignee, and an assignee without a name


def test_the_queue_page_shows_its_rows_or_says_none_match(client: Any, manager: Any, incidents: Any) -> None:
    client.force_login(manager)
    page = client.get("/incidents/").content.decode()
    assert page.count('<tr><td><a href="/incidents/') == 4
    assert "No incidents match" not in page
    page = client.get("/incidents/", {"q": "nothing like this"}).content.decode()
    assert "No incidents match these filters." in page
