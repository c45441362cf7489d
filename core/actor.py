"""Who acts, and through which channel: every service takes an Actor, and the audit trail records both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from accounts.models import User


class Source(models.TextChoices):
    WEB = "web", "Web"
    API = "api", "API"
    TASK = "task", "Scheduled task"
    IMPORT = "import", "Import"
    ALERT = "alert", "Alert intake"
    CLI = "cli", "Command line"


@dataclass(frozen=True)
class Actor:
    """A user (or the system, when `user` is None) acting through one channel."""

    user: User | None
    source: str

    @property
    def is_system(self) -> bool:
        return self.user is None

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    @classmethod
    def web(cls, user: User) -> Actor:
        return cls(user=user, source=Source.WEB)

    @classmethod
    def api(cls, user: User) -> Actor:
        return cls(user=user, source=Source.API)

    @classmethod
    def system(cls, source: str = Source.TASK) -> Actor:
        """Celery, the importer and the command line act as the system: no role limits them."""
        return cls(user=None, source=source)
