from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and clients"

    def ready(self) -> None:
        from accounts import selectors  # noqa: F401  (registers the client contacts' scopes)
        from accounts.models import UserManager
        from accounts.services import user_create

        UserManager.creator = user_create
