"""Copies of form fields and widgets made directly. Every form copies each of its fields (and their widgets) when it
is made, as Django's own `__deepcopy__` of a field says: a copy of the field, of its widget, of their attribute
lists. Each of those copies went through Python's generic copying protocol (pickling's reduce, then rebuilding),
which cost most of the time a page spends making its forms (about 0.9 ms on the incident page). The copy made here
is what that protocol makes of such an object (a new instance holding the same attributes); a class that changes
how it is pickled or copied keeps the generic protocol."""

from __future__ import annotations

import copy
from typing import Any

from django import forms

_OWN_PROTOCOL = ("__reduce__", "__reduce_ex__", "__getstate__", "__setstate__")
_plain: dict[type, bool] = {}


def _is_plain(kind: type) -> bool:
    """Whether instances of `kind` copy as a new instance with the same attribute dictionary."""
    if kind not in _plain:
        own = any(getattr(kind, name, None) is not getattr(object, name, None) for name in _OWN_PROTOCOL)
        slots = any("__slots__" in vars(base) for base in kind.__mro__ if base is not object)
        _plain[kind] = not own and not slots
    return _plain[kind]


def plain_copy(instance: Any) -> Any:
    """`copy.copy(instance)`."""
    kind = type(instance)
    if not _is_plain(kind):
        return copy._reconstruct(instance, None, *instance.__reduce_ex__(4))  # type: ignore[attr-defined]
    clone = object.__new__(kind)
    clone.__dict__.update(instance.__dict__)
    return clone


def install() -> None:
    """Form fields and widgets copy so (their subclasses too)."""
    forms.Field.__copy__ = plain_copy  # type: ignore[attr-defined]
    forms.Widget.__copy__ = plain_copy  # type: ignore[attr-defined]
