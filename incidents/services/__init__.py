"""Every write to incidents and their notes, escalations, attachments and CI links."""

from incidents.services.attachments import attachment_upload
from incidents.services.command import command_open, incident_take_command
from incidents.services.escalations import escalation_create, escalation_set_status
from incidents.services.incidents import incident_create, incident_link_ci, incident_unlink_ci, incident_update
from incidents.services.lifecycle import (
    incident_actions,
    incident_closing_refusal,
    incident_next_statuses,
    incident_transition,
)
from incidents.services.notes import work_note_create, work_note_update

__all__ = [
    "attachment_upload",
    "command_open",
    "escalation_create",
    "escalation_set_status",
    "incident_actions",
    "incident_closing_refusal",
    "incident_create",
    "incident_link_ci",
    "incident_next_statuses",
    "incident_take_command",
    "incident_transition",
    "incident_unlink_ci",
    "incident_update",
    "work_note_create",
    "work_note_update",
]
