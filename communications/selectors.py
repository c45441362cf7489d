"""Reads of communications (internal: client contacts see none)."""

from django.db.models import QuerySet

from accounts.models import User
from communications.models import Communication
from core.actor import Actor
from core.permissions import scope


def communication_list(*, actor: Actor | User) -> QuerySet[Communication]:
    return scope(Communication.objects.select_related("sender", "recipient", "incident", "problem"), actor)
