"""SOP 15: attachments, uploaded through Django's storage with a size limit and a type allow-list."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename

from core.actor import Actor
from core.audit import audit_log_created
from core.errors import RuleViolation
from core.permissions import require
from incidents.choices import AttachmentReference
from incidents.models import Attachment, Incident

ALLOWED_TYPES: dict[str, frozenset[str]] = {
    "pdf": frozenset({"application/pdf"}),
    "txt": frozenset({"text/plain"}),
    "log": frozenset({"text/plain", "text/x-log"}),
    "csv": frozenset({"text/csv", "text/plain", "application/vnd.ms-excel"}),
    "json": frozenset({"application/json", "text/plain"}),
    "html": frozenset({"text/html"}),
    "png": frozenset({"image/png"}),
    "jpg": frozenset({"image/jpeg"}),
    "jpeg": frozenset({"image/jpeg"}),
    "gif": frozenset({"image/gif"}),
    "zip": frozenset({"application/zip", "application/x-zip-compressed"}),
    "eml": frozenset({"message/rfc822", "text/plain"}),
    "msg": frozenset({"application/vnd.ms-outlook"}),
    "docx": frozenset({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
    "xlsx": frozenset({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    "pptx": frozenset({"application/vnd.openxmlformats-officedocument.presentationml.presentation"}),
}
GENERIC_CONTENT_TYPES = frozenset({"application/octet-stream", ""})
"""Browsers send these for types they do not know; the extension then decides."""


def _check_upload(upload: UploadedFile) -> tuple[str, str, str]:
    name = get_valid_filename(os.path.basename(upload.name or "")) or "attachment"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    if not upload.size:
        raise RuleViolation("The file is empty.", code="empty_file", fields={"file": "The file is empty."})
    limit = settings.TRACER_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise RuleViolation(
            f"The file is {upload.size:,} bytes; the limit is {limit:,}.",
            code="file_too_large",
            fields={"file": f"At most {limit // (1024 * 1024)} MiB."},
        )
    allowed = ALLOWED_TYPES.get(extension)
    if allowed is None or (content_type not in allowed and content_type not in GENERIC_CONTENT_TYPES):
        raise RuleViolation(
            f"Files of type .{extension or '?'} ({content_type or 'unknown'}) are not accepted.",
            code="file_type_not_allowed",
            fields={"file": f"Accepted: {', '.join(sorted(ALLOWED_TYPES))}."},
        )
    return name, extension, content_type or "application/octet-stream"


@transaction.atomic
def attachment_upload(*, actor: Actor, incident: Incident, upload: UploadedFile) -> Attachment:
    """SOP 15: store the file and its metadata on the incident."""
    require(actor, "incidents.attach")
    name, extension, content_type = _check_upload(upload)
    attachment = Attachment(
        reference_type=AttachmentReference.INCIDENT,
        reference_id=incident.pk,
        file_name=name,
        file_type=extension,
        content_type=content_type,
        file_size_bytes=upload.size or 0,
        uploaded_by_id=actor.user_id,
    )
    attachment.file.save(f"incident-{incident.pk}/{name}", upload, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    audit_log_created(actor=actor, record=attachment, fields=["file_name", "file_size_bytes"], parent=incident)
    return attachment
