from django.apps import AppConfig


class ChangesConfig(AppConfig):
    name = "changes"

    def ready(self) -> None:
        from approvals.choices import ReferenceType
        from approvals.hooks import ApprovalSubject, approval_subject_register
        from changes import selectors  # noqa: F401  (registers the client contacts' scopes)
        from changes.models import ChangeRequest, RollbackRequest
        from changes.services import (
            change_apply_decision,
            change_deciders,
            change_requesters,
            rollback_apply_decision,
            rollback_deciders,
            rollback_requesters,
        )
        from changes.transitions import CHANGE_AWAITING_APPROVAL, ROLLBACK_AWAITING_APPROVAL

        approval_subject_register(
            ApprovalSubject(
                reference_type=ReferenceType.CHANGE,
                model=ChangeRequest,
                awaiting=CHANGE_AWAITING_APPROVAL,
                on_decision=change_apply_decision,
                deciders=change_deciders,
                requesters=change_requesters,
            )
        )
        approval_subject_register(
            ApprovalSubject(
                reference_type=ReferenceType.ROLLBACK,
                model=RollbackRequest,
                awaiting=ROLLBACK_AWAITING_APPROVAL,
                on_decision=rollback_apply_decision,
                deciders=rollback_deciders,
                requesters=rollback_requesters,
            )
        )
