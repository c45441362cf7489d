"""Who acts, and through which channel: every service takes an Actor, and the audit trail records both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from django.db import models


class Person(Protocol):
    """What the kernel needs of a user (accounts.User provides it); core stays below the accounts app."""

    @property
    def pk(self) -> Any: ...
    @property
    def role(self) -> str: ...
    @property
    def client_id(self) -> int | None: ...
    @property
    def full_name(self) -> str: ...
    @property
    def is_active(self) -> bool: ...
    @property
    def is_staff(self) -> bool: ...
    @property
    def is_superuser(self) -> bool: ...
    @property
    def is_authenticated(self) -> bool: ...


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

    user: Person | None
    source: str

    @property
    def is_system(self) -> bool:
        return self.user is None

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    @classmethod
    def web(cls, user: Person) -> Actor:
        return cls(user=user, source=Source.WEB)

    @classmethod
    def api(cls, user: Person) -> Actor:
        return cls(user=user, source=Source.API)

    @classmethod
    def system(cls, source: str = Source.TASK) -> Actor:
        """Celery, the importer and the command line act as the system: no role limits them."""
        return cls(user=None, source=source)
