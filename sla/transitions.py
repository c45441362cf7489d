"""The agreement lifecycle as data: an agreement is activated, deactivated or expires, in any order; at most
one per client is active (a database constraint and `sla_agreement_update`)."""

from core.lifecycle import free_moves
from sla.choices import AgreementStatus

AGREEMENT_TRANSITIONS = free_moves(AgreementStatus.values)
