"""Effects that travel up the layers: a lower app owns a hook, a higher app registers a handler in `ready()`.

A hook is a typed list of handlers called in order, inside the caller's transaction, so a handler that refuses
(raises a DomainError) rolls back the whole state change. Each hook lives in the `hooks.py` of the app that
fires it; `python manage.py shell -c "from core.hooks import registry_table; print(registry_table())"` lists
who listens to what.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

P = TypeVar("P")
R = TypeVar("R")

_ALL: list[Hook[object]] = []


class Hook(Generic[P]):
    """One event a lower app announces; handlers take its payload (a frozen dataclass)."""

    def __init__(self, name: str, doc: str = "") -> None:
        self.name = name
        self.doc = doc
        self._handlers: list[Callable[[P], None]] = []
        _ALL.append(self)  # type: ignore[arg-type]

    def register(self, handler: Callable[[P], None]) -> Callable[[P], None]:
        """Add a handler once (a second `ready()` in tests does not double it)."""
        if handler not in self._handlers:
            self._handlers.append(handler)
        return handler

    def fire(self, payload: P) -> None:
        for handler in self._handlers:
            handler(payload)

    @property
    def handlers(self) -> tuple[Callable[[P], None], ...]:
        return tuple(self._handlers)


class Provider(Generic[P, R]):
    """One answer a lower app needs from a higher one (a record it references by id): one function provides it."""

    def __init__(self, name: str, doc: str = "") -> None:
        self.name = name
        self.doc = doc
        self._provider: Callable[[P], R] | None = None
        _PROVIDERS.append(self)  # type: ignore[arg-type]

    def provide(self, func: Callable[[P], R]) -> Callable[[P], R]:
        self._provider = func
        return func

    def __call__(self, payload: P) -> R:
        if self._provider is None:
            raise LookupError(f"No app provides {self.name}; is the app that owns it installed?")
        return self._provider(payload)

    @property
    def handlers(self) -> tuple[Callable[[P], R], ...]:
        return () if self._provider is None else (self._provider,)


_PROVIDERS: list[Provider[object, object]] = []


def registry_table() -> str:
    """Every hook and its handlers, one line each: the map of upward effects."""
    lines = []
    everything: list[Hook[object] | Provider[object, object]] = [*_ALL, *_PROVIDERS]
    for hook in sorted(everything, key=lambda h: h.name):
        names = ", ".join(f"{h.__module__}.{h.__qualname__}" for h in hook.handlers) or "(none)"
        lines.append(f"{hook.name}: {names}")
    return "\n".join(lines)
