"""Shared kernel models: the append-only audit trail, record numbering and the scheduler heartbeat."""

from collections.abc import Collection
from typing import Any, NamedTuple, Self

from django.conf import settings
from django.db import models
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

from core.actor import Source

_PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute)
"""Attribute descriptors that store what is set, as it is, in the instance's dictionary."""
_loaded_as: dict[type[models.Model], list[str] | None] = {}


def _quick_names(model: type[models.Model]) -> list[str] | None:
    """The attribute names of `model`'s columns, in order, if its rows may be loaded without its constructor: it
    has none of its own and every column's attribute is stored as set. None otherwise."""
    if model not in _loaded_as:
        fields = model._meta.concrete_fields
        plain = all(type(getattr(model, field.attname, None)) in _PLAIN_DESCRIPTORS for field in fields)
        own_constructor = model.__init__ is not models.Model.__init__
        _loaded_as[model] = None if own_constructor or not plain else [field.attname for field in fields]
    return _loaded_as[model]


class QuickLoading(models.Model):
    """Rows read from the database become instances without going through the constructor: its field-by-field
    assignment, signals and keyword handling cost more than the read itself on a page of a few dozen rows. The
    instance is the one Django's `from_db` builds (the same attributes, the deferred ones left to load on first
    use, saved as far as Django knows); where a receiver listens for instances being built, or the model has a
    constructor or attribute of its own, Django's `from_db` builds it."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> Self:
        names = _quick_names(cls)
        watched = (pre_init.receivers or post_init.receivers) and (
            pre_init.has_listeners(cls) or post_init.has_listeners(cls)
        )  # (a receiver of either signal, for any model, is rare: asking the signals for this one costs more)
        if names is None or watched:
            return super().from_db(db, field_names, values)
        new = cls.__new__(cls)
        # All columns come in the model's order (as Django's from_db takes them); some, in the order named.
        new.__dict__.update(zip(names if len(values) == len(names) else field_names, values, strict=True))
        state = new._state = ModelState()
        state.adding, state.db = False, db
        return new


class TimeStampedModel(QuickLoading):
    """Creation and last-change times, set by services (not auto_now) so that imports keep their history."""

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"
    IMPORT = "import", "Imported"


class FieldChange(NamedTuple):
    """One field of a change as the trail shows it: its name and its old and new values as text."""

    field_name: str
    old_value: str | None
    new_value: str | None


class AuditRecord(QuickLoading):
    """One change to one record: who, through which channel, when, and every field it changed with its old and
    new value (`changes`: {field: [old, new]}, values as text; empty for a change without fields).

    Append-only: on PostgreSQL and SQLite a trigger refuses UPDATE and DELETE on this table.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(max_length=10, choices=Source.choices)
    record_type = models.CharField(max_length=40)
    record_id = models.BigIntegerField()
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    parent_type = models.CharField(max_length=40, blank=True, default="")
    parent_id = models.BigIntegerField(null=True, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    imported_id = models.BigIntegerField(
        null=True, blank=True, unique=True, help_text="The row's id in an imported audit trail."
    )

    class Meta:
        indexes = [
            models.Index(fields=["record_type", "record_id", "created_at"], name="audit_record_time"),
            models.Index(fields=["parent_type", "parent_id", "created_at"], name="audit_parent_time"),
        ]
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.record_type}#{self.record_id} {self.action} {', '.join(sorted(self.changes))}".strip()

    @property
    def field_changes(self) -> list[FieldChange]:
        """The changed fields by name (the database may keep a JSON object's keys in another order)."""
        return [FieldChange(name, *values) for name, values in sorted(self.changes.items())]


class NumberSequence(QuickLoading):
    """The last number handed out per prefix (INC, PRB, BRG ...), incremented under a row lock, where the
    database has no sequences (SQLite); on PostgreSQL its values seeded the sequences once."""

    prefix = models.CharField(max_length=8, primary_key=True)
    last_value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.prefix}{self.last_value:07d}"


class SchedulerHeartbeat(QuickLoading):
    """The last time Celery beat's heartbeat task reached a worker: proof that the scheduler runs."""

    name = models.CharField(max_length=40, primary_key=True)
    last_seen_at = models.DateTimeField()
    beats = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} at {self.last_seen_at:%Y-%m-%d %H:%M:%S}"


class IdempotentRequest(QuickLoading):
    """An API POST sent with an `Idempotency-Key`: the first answer, replayed to every retry of the same request
    by the same caller for a day (core.idempotency)."""

    owner = models.CharField(max_length=64, help_text="A hash of the caller's credentials.")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Empty while in progress.")
    content_type = models.CharField(max_length=100, blank=True, default="")
    body = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="idempotent_request_once")]

    def __str__(self) -> str:
        return f"{self.key} ({self.status_code or 'in progress'})"
