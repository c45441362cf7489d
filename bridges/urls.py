from django.urls import path

from bridges import views

app_name = "bridges"
urlpatterns = [
    path("incidents/<int:pk>/bridge/", views.BridgeOpenView.as_view(), name="open"),
    path("bridges/<int:pk>/participants/", views.ParticipantAddView.as_view(), name="add-participant"),
    path("bridges/<int:pk>/close/", views.BridgeCloseView.as_view(), name="close"),
]
