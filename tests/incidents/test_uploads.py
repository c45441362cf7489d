"""Uploads stream in under a size limit, and come back as attachments of their stored type, never sniffed."""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from incidents.models import Attachment
from tests.accounts.factories import UserFactory
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db


class CountingStream(io.RawIOBase):
    """A request body that counts how much of it the server reads."""

    def __init__(self, body: bytes) -> None:
        self.body, self.position = body, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self.body[self.position : self.position + len(buffer)]
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)


def test_an_upload_past_the_limit_is_stopped_while_it_streams(settings: Any) -> None:
    settings.TRACER_ATTACHMENT_MAX_BYTES = 64 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024
    person = UserFactory(role="technical_support")
    incident = IncidentFactory()
    big = SimpleUploadedFile("huge.log", b"x" * (1024 * 1024), content_type="text/plain")
    body = encode_multipart(BOUNDARY, {"incident": str(incident.pk), "file": big})
    stream = CountingStream(body)
    client = Client()
    client.force_login(person)
    answer = client.generic(
        "POST", "/api/v1/attachments/", b"", content_type=MULTIPART_CONTENT,
        **{"wsgi.input": stream, "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": MULTIPART_CONTENT},
    )  # fmt: skip
    assert (answer.status_code, answer.json()["code"]) == (413, "too_large")
    assert (
        64 * 1024 < stream.position < len(body) // 4
    )  # read past the limit, then stopped: not read whole  # stopped soon after the limit, not read whole
    assert not Attachment.objects.exists()


def test_downloads_carry_the_stored_type_as_an_attachment(client: Any) -> None:
    person = UserFactory(role="technical_support")
    incident = IncidentFactory()
    client.force_login(person)
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    upload = SimpleUploadedFile("evidence.pdf", pdf, content_type="text/html")
    created = client.post("/api/v1/attachments/", {"incident": incident.pk, "file": upload})
    assert created.status_code == 201, created.json()
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    for url in (f"/api/v1/attachments/{attachment.pk}/download/", f"/attachments/{attachment.pk}/download/"):
        answer = client.get(url)
        assert answer["Content-Type"] == "application/pdf"
        assert answer["Content-Disposition"].startswith("attachment;")
        assert answer["X-Content-Type-Options"] == "nosniff"
