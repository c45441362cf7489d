from django.db import models


class ReportType(models.TextChoices):
    POST_INCIDENT_REVIEW = "post_incident_review", "Post-incident review"
    CLIENT_IMPACT = "client_impact", "Client impact"
    COMPLIANCE = "compliance", "Compliance"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETED = "completed", "Completed"
    APPROVED = "approved", "Approved"
    ARCHIVED = "archived", "Archived"


class AnalysisMethod(models.TextChoices):
    FIVE_WHYS = "5_whys", "5 whys"
    FISHBONE = "fishbone", "Fishbone"
    TIMELINE = "timeline", "Timeline"
    FAULT_TREE = "fault_tree", "Fault tree"
    KEPNER_TREGOE = "kepner_tregoe", "Kepner-Tregoe"


class RCAStatus(models.TextChoices):
    ASSIGNED = "assigned", "Assigned"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    APPROVED = "approved", "Approved"


class ReviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


FISHBONE_CATEGORIES = ("People", "Process", "Platform", "Code", "Data")
"""The bones of the fishbone diagram, as the response playbook names them."""
