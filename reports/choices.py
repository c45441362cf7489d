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
