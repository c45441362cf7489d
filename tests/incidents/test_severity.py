"""SOP 2.1 step 1: the severity assessment, level by level, in the rule book's order."""

import pytest

from core.errors import InvalidInput, RuleViolation
from incidents.severity import REASONS, RULES, severity_assess


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
        ({"multiple_departments": True}, "P2", ["multiple_departments"]),
        ({"sla_breach_risk": True, "affected_parties_count": 4}, "P2", ["sla_breach_risk"]),
        ({"single_department": True}, "P3", ["single_department"]),
        (
            {"moderate_degradation": True, "minimal_workaround": True},
            "P3",
            ["moderate_degradation with minimal_workaround"],
        ),
        ({"complete_outage": True}, "P2", ["complete_outage with a workaround or none stated"]),
        (
            {"complete_outage": True, "minimal_workaround": True},
            "P2",
            ["complete_outage with a workaround or none stated"],
        ),
        ({"major_degradation": True}, "P2", ["major_degradation without a workable workaround"]),
        ({"major_degradation": True, "no_workaround": True}, "P2", ["major_degradation without a workable workaround"]),
        ({"moderate_degradation": True}, "P3", ["moderate_degradation with another workaround answer"]),
        ({"no_workaround": True}, "P4", []),
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


@pytest.mark.parametrize(
    ("answers", "fields"),
    [
        ({"complete_outage": True, "major_degradation": True}, {"complete_outage", "major_degradation"}),
        ({"no_workaround": True, "workaround_available": True}, {"no_workaround", "workaround_available"}),
        ({"single_department": True, "multiple_departments": True}, {"single_department", "multiple_departments"}),
        ({"single_department": True, "enterprise_impact": True}, {"single_department", "enterprise_impact"}),
    ],
)
def test_contradictions_are_refused(answers: dict[str, object], fields: set[str]) -> None:
    with pytest.raises(RuleViolation) as refused:
        severity_assess(answers)
    assert refused.value.code == "assessment_contradiction"
    assert set(refused.value.fields) == fields


def test_every_deciding_criterion_reads_as_plain_words() -> None:
    result = severity_assess({"complete_outage": True, "no_workaround": True, "enterprise_impact": True})
    assert result.reasons == [
        "a business-critical service is completely down with no workaround",
        "the impact is enterprise-wide",
    ]
    for _severity, tests in RULES:
        for label, _test in tests:
            assert label in REASONS
