from django.urls import path

from workspace import views, work_views

app_name = "workspace"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("system/", views.SystemStatusView.as_view(), name="system-status"),
    path("incidents/<int:pk>/", views.IncidentDetailView.as_view(), name="incident-detail"),
    path("problems/<int:pk>/", views.ProblemDetailView.as_view(), name="problem-detail"),
    path("clients/<int:pk>/", views.ClientDetailView.as_view(), name="client-detail"),
    path("my-work/", work_views.MyWorkView.as_view(), name="my-work"),
    path("search/", work_views.SearchView.as_view(), name="search"),
    path("saved-filters/", work_views.SavedFilterView.as_view(), name="saved-filter"),
    path("lookup/users/", work_views.UserLookup.as_view(), name="lookup-users"),
    path("lookup/incidents/", work_views.IncidentLookup.as_view(), name="lookup-incidents"),
    path("lookup/problems/", work_views.ProblemLookup.as_view(), name="lookup-problems"),
    path("lookup/changes/", work_views.ChangeLookup.as_view(), name="lookup-changes"),
    path("lookup/cis/", work_views.CILookup.as_view(), name="lookup-cis"),
]
