from django.urls import path

from communications import subscription_views, views

urlpatterns = [
    path("status/", views.StatusPageView.as_view(), name="status"),
    path("status/feed.atom", views.StatusFeed(), name="status-feed"),
    path("status/clients/<int:client_id>/", views.StatusPageView.as_view(), name="status-client"),
    path("status/clients/<int:client_id>/feed.atom", views.StatusFeed(), name="status-client-feed"),
    path("status/subscribe/", subscription_views.SubscribeView.as_view(), name="status-subscribe"),
    path(
        "status/subscription/<str:token>/confirm/",
        subscription_views.ConfirmView.as_view(),
        name="status-subscription-confirm",
    ),
    path(
        "status/subscription/<str:token>/unsubscribe/",
        subscription_views.CancelView.as_view(),
        name="status-subscription-cancel",
    ),
    path("incidents/<int:pk>/status-updates/", views.StatusUpdatePostView.as_view(), name="status-post"),
    path("system/outbox/", views.OutboxView.as_view(), name="outbox"),
    path("system/outbox/<int:pk>/resend/", views.ResendView.as_view(), name="outbox-resend"),
]
