from django.apps import AppConfig


class ChangesConfig(AppConfig):
    name = "changes"

    def ready(self) -> None:
        from approvals.choices import ReferenceType
        from approvals.hooks import ApprovalSubject, approval_subject_register
        from changes import selectors  # noqa: F401  (registers the client contacts' scopes)
        from changes.choices import ChangeStatus, RollbackStatus
        from changes.models import ChangeRequest, RollbackRequest
        from changes.services import change_apply_decision, rollback_apply_decision

        approval_subject_register(
            ApprovalSubject(
                reference_type=ReferenceType.CHANGE,
                model=ChangeRequest,
                awaiting=frozenset({ChangeStatus.REQUESTED, ChangeStatus.SCHEDULED}),
                on_decision=change_apply_decision,
            )
        )
        approval_subject_register(
            ApprovalSubject(
                reference_type=ReferenceType.ROLLBACK,
                model=RollbackRequest,
                awaiting=frozenset({RollbackStatus.REQUESTED}),
                on_decision=rollback_apply_decision,
            )
        )
