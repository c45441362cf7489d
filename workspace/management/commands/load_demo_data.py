"""`python manage.py load_demo_data`: a small generated organisation to try Tracer with, and its login."""

from typing import Any

from django.core.management.base import BaseCommand

from workspace.demo import demo_data_load, demo_logins


class Command(BaseCommand):
    help = "Create the demo organisation (once) and print the login."

    def handle(self, *args: Any, **options: Any) -> None:
        login = demo_data_load()
        state = "Demo data loaded." if login.created else "Demo data already present."
        self.stdout.write(self.style.SUCCESS(state))
        self.stdout.write(f"Sign in as {login.email} with password {login.password}")
        self.stdout.write("Demo users, one per role (same password):")
        for role, email in demo_logins():
            self.stdout.write(f"  {role:<22} {email}")
