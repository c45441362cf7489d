"""What a person keeps for themselves across pages: their saved list filters."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.models import QuickLoading


class SavedFilter(QuickLoading):
    """A named query string of one list page (`/incidents/?status=open&severity=P1`), for its owner only."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters")
    name = models.CharField(max_length=80)
    path = models.CharField(max_length=200)
    query = models.CharField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["owner", "path", "name"], name="saved_filter_name_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path
