from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Incident reports and reviews"

    def ready(self) -> None:
        from approvals.choices import ReferenceType
        from approvals.hooks import ApprovalSubject, approval_subject_register
        from incidents import hooks as incident_hooks
        from reports.models import RootCauseAnalysis
        from reports.services.rcas import rca_apply_decision
        from reports.services.reports import report_draft_on_closure
        from reports.transitions import RCA_AWAITING_APPROVAL

        incident_hooks.incident_changed.register(report_draft_on_closure)
        approval_subject_register(
            ApprovalSubject(
                reference_type=ReferenceType.RCA,
                model=RootCauseAnalysis,
                awaiting=RCA_AWAITING_APPROVAL,
                on_decision=rca_apply_decision,
                requesters=lambda rca: (rca.assigned_to_id,),
            )
        )
