"""DRF's side of the permission policy: each view names the action it needs; no name means no access."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework.permissions import BasePermission

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

from core.permissions import PUBLIC, can


def required_action(view: APIView, request: Request) -> str | None:
    """The policy action declared for this view action (viewsets) or HTTP method (plain API views)."""
    declared: dict[str, str] = getattr(view, "required_permissions", {}) or {}
    action = getattr(view, "action", None) or request.method.lower()  # type: ignore[union-attr]
    return declared.get(action) or declared.get("*")


class PolicyPermission(BasePermission):
    """Allow a request only when the view declares an action and the policy grants it to the user."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if getattr(view, (request.method or "").lower(), None) is None:
            return True  # no handler: DRF answers 405 Method Not Allowed, and nothing can run
        action = required_action(view, request)
        if action is None:
            return False
        if action == PUBLIC:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        return can(request.user, action)

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        action = required_action(view, request)
        return action is not None and can(request.user, action, obj)  # type: ignore[arg-type]
