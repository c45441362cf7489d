"""Small input helpers shared by the API views."""

from typing import Any

from rest_framework import serializers
from rest_framework.request import Request


def valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """Shape-check the request body; DRF's ValidationError becomes the 400 `invalid` answer."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class StatusInputSerializer(serializers.Serializer):
    status = serializers.CharField()
