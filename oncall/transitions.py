"""The page lifecycle as data: triggered until someone acknowledges it or every round has run."""

from oncall.choices import PageStatus

PAGE_TRANSITIONS: dict[str, frozenset[str]] = {
    PageStatus.TRIGGERED: frozenset({PageStatus.ACKNOWLEDGED, PageStatus.EXHAUSTED}),
    PageStatus.ACKNOWLEDGED: frozenset(),
    PageStatus.EXHAUSTED: frozenset({PageStatus.ACKNOWLEDGED}),
}
"""A page nobody took in time may still be acknowledged late (someone picks it up); an acknowledged page is done."""
