"""SOP 15: attachments, uploaded through Django's storage with a size limit and an allow-list of types decided by
the file's content (libmagic), which is also the type it is served back with."""

from __future__ import annotations

import os

import magic
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
from incidents.services.lifecycle import incident_writable_require

OOXML = "application/vnd.openxmlformats-officedocument."

ALLOWED_TYPES: dict[str, frozenset[str]] = {
    "pdf": frozenset({"application/pdf"}),
    "txt": frozenset({"text/plain"}),
    "log": frozenset({"text/plain"}),
    "csv": frozenset({"text/csv", "text/plain", "application/csv"}),
    "json": frozenset({"application/json", "text/plain"}),
    "png": frozenset({"image/png"}),
    "jpg": frozenset({"image/jpeg"}),
    "jpeg": frozenset({"image/jpeg"}),
    "gif": frozenset({"image/gif"}),
    "zip": frozenset({"application/zip"}),
    "eml": frozenset({"message/rfc822", "text/plain"}),
    "msg": frozenset({"application/vnd.ms-outlook", "application/cdfv2"}),
    "docx": frozenset({OOXML + "wordprocessingml.document", "application/zip"}),
    "xlsx": frozenset({OOXML + "spreadsheetml.sheet", "application/zip"}),
    "pptx": frozenset({OOXML + "presentationml.presentation", "application/zip"}),
}
"""For each accepted extension, the types its content may have (as libmagic reads it from the bytes)."""
SNIFF_BYTES = 8192


def content_type_of(upload: UploadedFile) -> str:
    """The type of the file's content, read from its first bytes (the name and the declared type are claims)."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return str(magic.from_buffer(head, mime=True)).lower()


def _check_upload(upload: UploadedFile) -> tuple[str, str, str]:
    name = get_valid_filename(os.path.basename(upload.name or "")) or "attachment"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not upload.size:
        raise RuleViolation("The file is empty.", code="empty_file", fields={"file": "The file is empty."})
    limit = settings.TRACER_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise RuleViolation(
            f"The file is {upload.size:,} bytes; the limit is {limit:,}.",
            code="file_too_large",
            fields={"file": f"At most {limit // (1024 * 1024)} MiB."},
        )
    content_type = content_type_of(upload)
    allowed = ALLOWED_TYPES.get(extension)
    if allowed is None or content_type not in allowed:
        raise RuleViolation(
            f"{name} holds {content_type}, which is not accepted as .{extension or '?'}.",
            code="file_type_not_allowed",
            fields={"file": f"Accepted: {', '.join(sorted(ALLOWED_TYPES))}, each with matching content."},
        )
    return name, extension, content_type


@transaction.atomic
def attachment_upload(*, actor: Actor, incident: Incident, upload: UploadedFile) -> Attachment:
    """SOP 15: store the file and its metadata on the incident."""
    require(actor, "incidents.attach")
    incident_writable_require(incident)
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
