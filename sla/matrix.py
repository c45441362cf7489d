"""The SLA matrix: response and resolution targets in minutes, by tier, clock and severity."""

from accounts.choices import SupportCoverage

TWENTY_FOUR_SEVEN = "24x7"
BUSINESS_HOURS = "business_hours"

# (tier, clock) -> severity -> (response minutes, resolution minutes)
MATRIX: dict[tuple[str, str], dict[str, tuple[int, int]]] = {
    ("premium", BUSINESS_HOURS): {"P1": (15, 120), "P2": (60, 480), "P3": (240, 2880), "P4": (1440, 7680)},
    ("premium", TWENTY_FOUR_SEVEN): {"P1": (30, 240), "P2": (120, 1440), "P3": (480, 4320), "P4": (2880, 7680)},
    ("standard", BUSINESS_HOURS): {"P1": (60, 480), "P2": (240, 1440), "P3": (1440, 4320), "P4": (2880, 10080)},
    ("standard", TWENTY_FOUR_SEVEN): {"P1": (120, 1440), "P2": (480, 2880), "P3": (1440, 7200), "P4": (4320, 10080)},
    ("basic", BUSINESS_HOURS): {"P1": (240, 1440), "P2": (1440, 4320), "P3": (2880, 7200), "P4": (7200, 20160)},
    ("basic", TWENTY_FOUR_SEVEN): {"P1": (480, 2880), "P2": (1440, 7200), "P3": (4320, 14400), "P4": (10080, 20160)},
}


def clock_for(coverage: str) -> str:
    """24x7 and on-call coverage run the 24x7 clock; business-hours coverage runs the business-hours clock."""
    return BUSINESS_HOURS if coverage == SupportCoverage.BUSINESS_HOURS else TWENTY_FOUR_SEVEN


def targets(tier: str, coverage: str, severity: str) -> tuple[int, int]:
    """(response, resolution) minutes for an agreement's tier and coverage and an incident's severity."""
    return MATRIX[(tier, clock_for(coverage))][severity]
