from django.urls import path

from incidents import views

app_name = "incidents"
urlpatterns = [
    path("incidents/", views.IncidentListView.as_view(), name="list"),
    path("incidents/new/", views.IncidentCreateView.as_view(), name="create"),
    path("incidents/<int:pk>/edit/", views.IncidentUpdateView.as_view(), name="update"),
    path("incidents/<int:pk>/transition/", views.IncidentTransitionView.as_view(), name="transition"),
    path("incidents/<int:pk>/take-command/", views.TakeCommandView.as_view(), name="take-command"),
    path("incidents/<int:pk>/notes/", views.NoteCreateView.as_view(), name="note-create"),
    path("incidents/<int:pk>/attachments/", views.AttachmentUploadView.as_view(), name="attachment-upload"),
    path("incidents/<int:pk>/cis/", views.CILinkView.as_view(), name="ci-link"),
    path("incidents/<int:pk>/escalations/", views.EscalationCreateView.as_view(), name="escalation-create"),
    path("incidents/<int:pk>/closure-approval/", views.ClosureApprovalView.as_view(), name="closure-approval"),
    path("notes/<int:pk>/edit/", views.NoteUpdateView.as_view(), name="note-update"),
    path("attachments/<int:pk>/download/", views.AttachmentDownloadView.as_view(), name="attachment-download"),
    path("escalations/<int:pk>/status/", views.EscalationStatusView.as_view(), name="escalation-status"),
]
