from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("rcas/", views.RCAListView.as_view(), name="rca-list"),
    path("rcas/new/", views.RCACreateView.as_view(), name="rca-create"),
    path("rcas/<int:pk>/", views.RCADetailView.as_view(), name="rca-detail"),
    path("rcas/<int:pk>/edit/", views.RCAEditView.as_view(), name="rca-edit"),
    path("rcas/<int:pk>/status/", views.RCAStatusView.as_view(), name="rca-status"),
    path("rcas/<int:pk>/approvals/", views.RCAApprovalRequestView.as_view(), name="rca-approval"),
    path("incidents/<int:incident>/reviews/new/", views.ReviewCreateView.as_view(), name="pir-create"),
    path("reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="pir-detail"),
    path("reviews/<int:pk>/status/", views.ReviewStatusView.as_view(), name="pir-status"),
    path("incidents/<int:incident>/reports/new/", views.ReportCreateView.as_view(), name="report-create"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/status/", views.ReportStatusView.as_view(), name="report-status"),
    path("reports/<int:pk>/markdown/", views.ReportMarkdownView.as_view(), name="report-markdown"),
]
