"""`python manage.py issue_token EMAIL`: print the API token of an active user (created when missing)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rest_framework.authtoken.models import Token

from accounts.models import User


class Command(BaseCommand):
    help = "Print the API token for the user with this email, creating it if needed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--rotate", action="store_true", help="Replace an existing token with a new one.")

    def handle(self, *args: Any, email: str, rotate: bool = False, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user has the email {email}.")
        if not user.is_active:
            raise CommandError(f"{email} is inactive; activate the account before issuing a token.")
        if rotate:
            Token.objects.filter(user=user).delete()
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
