"""Every write of communications: records (communications), the email outbox (outbox), the notices other
apps' events cause (notices), the cadence reminder (cadence), the status page (status)."""

from communications.services.cadence import (
    cadence_scan,
)
from communications.services.communications import (
    FIELDS,
    communication_create,
    communication_record,
    site_link,
)
from communications.services.notices import (
    bridge_invitations_send,
    command_request_send,
    escalation_notice_send,
    problem_link_notice_send,
    problem_resolution_notice_send,
    sla_alert_send,
)
from communications.services.outbox import (
    TRANSIENT_ERRORS,
    email_recipients,
    email_render,
    outbox_deliver,
    outbox_dispatch,
    outbox_enqueue,
    outbox_resend,
    outbox_sweep,
)
from communications.services.status import (
    status_follow_incident,
    status_update_post,
)
from communications.services.subscriptions import (
    subscribers_notify,
    subscription_cancel,
    subscription_confirm,
    subscription_request,
)

__all__ = [
    "FIELDS",
    "TRANSIENT_ERRORS",
    "bridge_invitations_send",
    "cadence_scan",
    "command_request_send",
    "communication_create",
    "communication_record",
    "email_recipients",
    "email_render",
    "escalation_notice_send",
    "outbox_deliver",
    "outbox_dispatch",
    "outbox_enqueue",
    "outbox_resend",
    "outbox_sweep",
    "problem_link_notice_send",
    "problem_resolution_notice_send",
    "site_link",
    "sla_alert_send",
    "status_follow_incident",
    "status_update_post",
    "subscribers_notify",
    "subscription_cancel",
    "subscription_confirm",
    "subscription_request",
]
