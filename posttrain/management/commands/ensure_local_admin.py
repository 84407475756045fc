import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

PASSWORD_FILE = Path(settings.BASE_DIR) / ".local-admin-password"


class Command(BaseCommand):
    help = "Make sure a local superuser 'admin' exists (development only) and print how to sign in."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_local_admin is for development machines (DEBUG on) only.")
        User = get_user_model()
        password = PASSWORD_FILE.read_text().strip() if PASSWORD_FILE.exists() else ""
        user = User.objects.filter(username="admin").first()
        if user is None or not password or not user.check_password(password):
            password = password or secrets.token_urlsafe(12)
            user = user or User(username="admin", email="admin@localhost")
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        editors = Group.objects.filter(name="Editors").first()
        if editors:
            user.groups.add(editors)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sign in at {settings.SITE_URL}/admin/ as 'admin' with password '{password}' "
                f"(kept in {PASSWORD_FILE.name})."
            )
        )
