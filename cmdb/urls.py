from django.urls import path

from cmdb import views

app_name = "cmdb"
urlpatterns = [
    path("", views.CIListView.as_view(), name="ci-list"),
    path("new/", views.CICreateView.as_view(), name="ci-create"),
    path("<int:pk>/", views.CIDetailView.as_view(), name="ci-detail"),
    path("<int:pk>/edit/", views.CIUpdateView.as_view(), name="ci-update"),
    path("<int:pk>/clients/", views.CIClientAssignmentView.as_view(), name="ci-clients"),
]
