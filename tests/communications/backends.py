"""Email backends that fail the way SMTP servers do, for the outbox tests."""

import smtplib
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class UnavailableBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")


class GreylistingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        raise smtplib.SMTPDataError(451, b"try again later")


class RejectingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        raise smtplib.SMTPRecipientsRefused({"x@example.test": (550, b"no such user")})
