"""SOP 2.1 step 1: the severity assessment, level by level, in the rule book's order."""

import pytest

from core.errors import InvalidInput
from incidents.severity import severity_assess


@pytest.mark.parametrize(
    ("answers", "severity", "decided"),
    [
        ({"complete_outage": True, "no_workaround": True}, "P1", ["complete_outage with no_workaround"]),
        ({"enterprise_impact": True}, "P1", ["enterprise_impact"]),
        ({"affected_parties_count": 5}, "P1", ["affected_parties_count >= 5"]),
        ({"regulatory_implications": True}, "P1", ["regulatory_implications"]),
        (
            {"high_priority_customer": True, "recurrent_incident": True},
            "P1",
            ["high_priority_customer", "recurrent_incident"],
        ),
        (
            {"major_degradation": True, "workaround_available": True},
            "P2",
            ["major_degradation with workaround_available"],
        ),
        ({"multiple_departments": True, "single_department": True}, "P2", ["multiple_departments"]),
        ({"sla_breach_risk": True, "affected_parties_count": 4}, "P2", ["sla_breach_risk"]),
        ({"single_department": True}, "P3", ["single_department"]),
        (
            {"moderate_degradation": True, "minimal_workaround": True},
            "P3",
            ["moderate_degradation with minimal_workaround"],
        ),
        ({"complete_outage": True}, "P4", []),
        ({"major_degradation": True}, "P4", []),
        ({"moderate_degradation": True}, "P4", []),
        ({}, "P4", []),
    ],
)
def test_assessment_levels(answers: dict[str, object], severity: str, decided: list[str]) -> None:
    result = severity_assess(answers)
    assert result.severity == severity
    assert result.decided_by == decided
    assert result.answers["affected_parties_count"] == answers.get("affected_parties_count", 0)


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"complete_outage": "yes"}, "complete_outage"),
        ({"affected_parties_count": -1}, "affected_parties_count"),
        ({"affected_parties_count": True}, "affected_parties_count"),
        ({"volcano": True}, "volcano"),
    ],
)
def test_bad_answers_are_refused(answers: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        severity_assess(answers)
    assert refused.value.code == "invalid_assessment"
    assert field in refused.value.fields
