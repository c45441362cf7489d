"""SOP 2.1 step 1: the severity assessment, checked in the order the rule book gives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from core.errors import InvalidInput, RuleViolation
from incidents.choices import Severity

BOOLEAN_CRITERIA = (
    "complete_outage",
    "no_workaround",
    "enterprise_impact",
    "regulatory_implications",
    "high_priority_customer",
    "recurrent_incident",
    "major_degradation",
    "workaround_available",
    "multiple_departments",
    "sla_breach_risk",
    "single_department",
    "moderate_degradation",
    "minimal_workaround",
)
COUNT_CRITERION = "affected_parties_count"
ENTERPRISE_PARTIES = 5

# Each level: (severity, [(criterion label, test)]); the first level with a true test decides.
RULES: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = (
    (
        Severity.P1,
        (
            ("complete_outage with no_workaround", lambda a: a["complete_outage"] and a["no_workaround"]),
            ("enterprise_impact", lambda a: a["enterprise_impact"]),
            (f"affected_parties_count >= {ENTERPRISE_PARTIES}", lambda a: a[COUNT_CRITERION] >= ENTERPRISE_PARTIES),
            ("regulatory_implications", lambda a: a["regulatory_implications"]),
            ("high_priority_customer", lambda a: a["high_priority_customer"]),
            ("recurrent_incident", lambda a: a["recurrent_incident"]),
        ),
    ),
    (
        Severity.P2,
        (
            (
                "major_degradation with workaround_available",
                lambda a: a["major_degradation"] and a["workaround_available"],
            ),
            ("multiple_departments", lambda a: a["multiple_departments"]),
            ("sla_breach_risk", lambda a: a["sla_breach_risk"]),
            ("complete_outage with a workaround or none stated", lambda a: a["complete_outage"]),
            (
                "major_degradation without a workable workaround",
                lambda a: a["major_degradation"] and not a["workaround_available"],
            ),
        ),
    ),
    (
        Severity.P3,
        (
            ("single_department", lambda a: a["single_department"]),
            (
                "moderate_degradation with minimal_workaround",
                lambda a: a["moderate_degradation"] and a["minimal_workaround"],
            ),
            (
                "moderate_degradation with another workaround answer",
                lambda a: a["moderate_degradation"] and not a["minimal_workaround"],
            ),
        ),
    ),
)

REASONS = {
    "complete_outage with no_workaround": "a business-critical service is completely down with no workaround",
    "enterprise_impact": "the impact is enterprise-wide",
    f"affected_parties_count >= {ENTERPRISE_PARTIES}": f"{ENTERPRISE_PARTIES} or more customers or sites are affected",
    "regulatory_implications": "there are regulatory, safety or financial implications",
    "high_priority_customer": "a high-priority customer is affected",
    "recurrent_incident": "the incident is recurrent",
    "major_degradation with workaround_available": "the service is badly degraded, though a workaround exists",
    "multiple_departments": "several departments, sites or critical functions are affected",
    "sla_breach_risk": "a high-priority SLA may be breached",
    "complete_outage with a workaround or none stated": "a service is completely down (a workaround exists or "
    "none was stated)",
    "single_department": "one department or function is affected",
    "moderate_degradation with minimal_workaround": "the service is moderately degraded with only a minimal workaround",
    "major_degradation without a workable workaround": "the service is badly degraded with no workable workaround",
    "moderate_degradation with another workaround answer": "the service is moderately degraded",
}
"""Each deciding criterion as a person would say it (the API's `decided_by` keeps the rule's own names)."""

CONTRADICTIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("complete_outage", "major_degradation", "moderate_degradation"), "How bad it is: choose one answer."),
    (("no_workaround", "minimal_workaround", "workaround_available"), "The workaround: choose one answer."),
    (("single_department", "multiple_departments"), "One department, or several: not both."),
    (("single_department", "enterprise_impact"), "One department, or the whole enterprise: not both."),
)
"""Answers that cannot both be true: the assessment refuses them rather than guess which one was meant."""


@dataclass(frozen=True)
class Assessment:
    severity: str
    decided_by: list[str] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)

    @property
    def reasons(self) -> list[str]:
        return [REASONS.get(label, label) for label in self.decided_by]

    def as_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "decided_by": self.decided_by, "answers": self.answers}


def _clean_answers(raw: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {
        name: ["Unknown criterion."] for name in raw if name not in BOOLEAN_CRITERIA and name != COUNT_CRITERION
    }
    answers: dict[str, Any] = {}
    for name in BOOLEAN_CRITERIA:
        value = raw.get(name, False)
        if not isinstance(value, bool):
            errors[name] = ["Must be true or false."]
        answers[name] = bool(value)
    count = raw.get(COUNT_CRITERION, 0)
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        errors[COUNT_CRITERION] = ["Must be a whole number, 0 or more."]
        count = 0
    answers[COUNT_CRITERION] = count
    if errors:
        raise InvalidInput("The severity assessment answers are invalid.", code="invalid_assessment", fields=errors)
    for names, message in CONTRADICTIONS:
        ticked = [name for name in names if answers[name]]
        if len(ticked) > 1:
            raise RuleViolation(
                f"The assessment contradicts itself: {message}",
                code="assessment_contradiction",
                fields=dict.fromkeys(ticked, message),
            )
    return answers


def severity_assess(answers: Mapping[str, Any]) -> Assessment:
    """Return P1..P4 for the eight SOP 2.1 questions, and which criteria decided it (none for P4)."""
    cleaned = _clean_answers(answers)
    for severity, tests in RULES:
        decided = [label for label, test in tests if test(cleaned)]
        if decided:
            return Assessment(severity=str(severity), decided_by=decided, answers=cleaned)
    return Assessment(severity=str(Severity.P4), decided_by=[], answers=cleaned)
