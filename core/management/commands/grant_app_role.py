"""`python manage.py grant_app_role ROLE`: run as the owner role after migrating (see core.dbroles)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.dbroles import app_role_grant


class Command(BaseCommand):
    help = "Give the application's database role its privileges: read/write tables, append-only audit trail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="The PostgreSQL role the application connects as (it must exist).")

    def handle(self, *args: Any, role: str, **options: Any) -> None:
        for statement in app_role_grant(role):
            self.stdout.write(statement)
        self.stdout.write(self.style.SUCCESS(f"{role}: tables read/write, audit trail append-only, owns nothing."))
