"""The application's routes, and the baselines measured beside it in the same run: R0, a bare Django view
answering static JSON, and a stock DRF cursor list of the same incident rows (ModelSerializer, no lean path)."""

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from rest_framework import generics
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import IsAuthenticated

from incidents.api.serializers import IncidentListSerializer
from incidents.models import Incident

STATIC = {"status": "ok", "items": list(range(10))}


def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse(STATIC)


class StockPagination(CursorPagination):
    page_size = 50
    ordering = "-id"


class StockList(generics.ListAPIView):
    queryset = Incident.objects.all()
    serializer_class = IncidentListSerializer
    pagination_class = StockPagination
    permission_classes = [IsAuthenticated]
    filter_backends: list[Any] = []
    throttle_classes: list[Any] = []


urlpatterns = [
    path("bench/r0/", bare),
    path("bench/drf-list/", StockList.as_view()),
    path("", include("config.urls")),
]
