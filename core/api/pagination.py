"""Keyset (cursor) pagination for every list: the cost of a page does not grow with the table."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request

from core.errors import InvalidInput


class KeysetPagination(CursorPagination):
    """`?cursor=` pages of `page_size` (default 50, at most 200), newest first unless `ordering` says otherwise.

    A `page_size` that is not a whole number from 1 to 200, or a cursor this API did not hand out, answers 400.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"

    def get_ordering(self, request: Request, queryset: Any, view: Any) -> tuple[str, ...]:
        """The asked ordering, then the id: rows equal in the ordering come in one order on every page (without it,
        PostgreSQL may return equal rows in another order under another plan, and a page repeats or skips one)."""
        ordering = tuple(super().get_ordering(request, queryset, view))
        if any(term.lstrip("-") in ("id", "pk") for term in ordering):
            return ordering
        return (*ordering, "-id" if ordering[0].startswith("-") else "id")

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters

    def get_page_size(self, request: Request) -> int:
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return self.page_size
        if not given.isdigit() or not 1 <= int(given) <= self.max_page_size:
            raise InvalidInput(
                f"page_size must be a whole number from 1 to {self.max_page_size}.",
                code="invalid_page_size",
                fields={"page_size": f"From 1 to {self.max_page_size}."},
            )
        return int(given)

    def decode_cursor(self, request: Request) -> Any:
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise InvalidInput(
                "The cursor is not one this API handed out; follow the `next` and `previous` links.",
                code="invalid_cursor",
                fields={"cursor": "Invalid cursor."},
            ) from None
