"""`?ordering=` that refuses what it cannot sort by (400 `invalid_ordering`) instead of ignoring it."""

from __future__ import annotations

from typing import Any

from rest_framework.filters import OrderingFilter

from core.errors import InvalidInput


class StrictOrderingFilter(OrderingFilter):
    def get_ordering(self, request: Any, queryset: Any, view: Any) -> Any:
        given = request.query_params.get(self.ordering_param)
        if given:
            allowed = {name for name, _ in self.get_valid_fields(queryset, view, {"request": request})}
            terms = [term.strip() for term in given.split(",")]
            unknown = [term for term in terms if term.lstrip("-") not in allowed]
            if unknown:
                raise InvalidInput(
                    f"Cannot order by {', '.join(unknown)}; use {', '.join(sorted(allowed))} (- for descending).",
                    code="invalid_ordering",
                    fields={self.ordering_param: f"One of: {', '.join(sorted(allowed))}."},
                )
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        fields = getattr(view, "ordering_fields", None) or []
        values = sorted({*fields, *(f"-{name}" for name in fields)}) if fields != "__all__" else []
        parameter = {
            "name": self.ordering_param,
            "required": False,
            "in": "query",
            "description": "Sort by one of these fields; a leading - sorts descending.",
            "schema": {"type": "string", **({"enum": values} if values else {})},
        }
        return [parameter]
