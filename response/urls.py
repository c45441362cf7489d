from django.urls import path

from response import views

app_name = "response"
urlpatterns = [
    path(
        "incidents/<int:pk>/cycle/post_mortem/markdown/", views.PostmortemMarkdownView.as_view(), name="postmortem-md"
    ),
    path("incidents/<int:pk>/cycle/<str:phase>/", views.PhaseView.as_view(), name="phase"),
    path("incidents/<int:pk>/cycle/<str:phase>/save/", views.PhaseSaveView.as_view(), name="phase-save"),
    path("incidents/<int:pk>/cycle/<str:phase>/submit/", views.PhaseSubmitView.as_view(), name="phase-submit"),
    path("incidents/<int:pk>/cycle/<str:phase>/review/", views.PhaseReviewView.as_view(), name="phase-review"),
    path("incidents/<int:pk>/cycle/<str:phase>/send/", views.StakeholderSendView.as_view(), name="phase-send"),
    path(
        "incidents/<int:pk>/cycle/<str:phase>/generate/",
        views.PostmortemGenerateView.as_view(),
        name="postmortem-generate",
    ),
    path("incidents/<int:pk>/cycle/<str:phase>/actions/", views.ActionItemCreateView.as_view(), name="action-create"),
    path("incidents/<int:pk>/action-items/", views.ActionItemAddView.as_view(), name="action-add"),
    path("action-items/", views.ActionItemListView.as_view(), name="action-items"),
    path("action-items/mine/", views.ActionItemListView.as_view(mine=True), name="my-action-items"),
    path("action-items/<int:pk>/status/", views.ActionItemStatusView.as_view(), name="action-status"),
]
