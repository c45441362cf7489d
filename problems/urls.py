from django.urls import path

from problems import views

app_name = "problems"
urlpatterns = [
    path("", views.ProblemListView.as_view(), name="list"),
    path("new/", views.ProblemCreateView.as_view(), name="create"),
    path("<int:pk>/edit/", views.ProblemUpdateView.as_view(), name="update"),
    path("<int:pk>/status/", views.ProblemStatusView.as_view(), name="status"),
    path("<int:pk>/incidents/", views.ProblemIncidentView.as_view(), name="link-incident"),
    path("<int:pk>/cis/", views.ProblemCIView.as_view(), name="link-ci"),
    path("<int:pk>/notes/", views.ProblemNoteView.as_view(), name="note"),
]
