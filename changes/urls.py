from django.urls import path

from changes import views

app_name = "changes"
urlpatterns = [
    path("changes/", views.ChangeListView.as_view(), name="list"),
    path("changes/new/", views.ChangeCreateView.as_view(), name="create"),
    path("changes/<int:pk>/", views.ChangeDetailView.as_view(), name="detail"),
    path("changes/<int:pk>/transition/", views.ChangeTransitionView.as_view(), name="transition"),
    path("changes/<int:pk>/rollbacks/", views.RollbackCreateView.as_view(), name="rollback-create"),
    path("changes/<int:pk>/approvals/", views.ChangeApprovalRequestView.as_view(), name="approval-request"),
    path("rollbacks/<int:pk>/transition/", views.RollbackTransitionView.as_view(), name="rollback-transition"),
]
