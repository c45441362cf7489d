"""Uploads are counted while they stream in: past the attachment limit the request stops there (413), so a
large file is never read whole nor written out."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class SizeLimitUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: passes each chunk on, and refuses the request once a file passes
    TRACER_ATTACHMENT_MAX_BYTES."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.TRACER_ATTACHMENT_MAX_BYTES:
            raise RequestDataTooBig(f"A file is larger than {settings.TRACER_ATTACHMENT_MAX_BYTES} bytes.")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
