from django.urls import path

from integrations import views

app_name = "integrations"
urlpatterns = [
    path("", views.IntegrationListView.as_view(), name="list"),
    path("new/", views.IntegrationCreateView.as_view(), name="create"),
    path("<int:pk>/", views.IntegrationDetailView.as_view(), name="detail"),
    path("<int:pk>/rotate-key/", views.IntegrationRotateView.as_view(), name="rotate-key"),
    path("<int:pk>/edit/", views.IntegrationEditView.as_view(), name="edit"),
    path("alerts/", views.AlertListView.as_view(), name="alerts"),
    path("webhooks/", views.WebhookListView.as_view(), name="webhooks"),
    path("webhooks/new/", views.WebhookCreateView.as_view(), name="webhook-create"),
    path("webhooks/<int:pk>/edit/", views.WebhookEditView.as_view(), name="webhook-edit"),
    path("webhooks/<int:pk>/redeliver/", views.WebhookRedeliverView.as_view(), name="webhook-redeliver"),
]
