from django.core.management.base import BaseCommand, CommandError

from posttrain.backups import BackupError
from posttrain.backups.databases import database_for
from posttrain.backups.media import describe_storage, files, storage_name
from posttrain.backups.operations import restore_backup, secret_key_matches, verify_backup


class Command(BaseCommand):
    help = (
        "Replace the database and the local uploads with a backup made by `manage.py backup`, after checking the "
        "backup's manifest and checksums. Stop the web and worker processes first."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A backup directory written by `manage.py backup`.")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Do not ask for confirmation."
        )

    def handle(self, *args, directory, interactive, **options):
        try:
            manifest = verify_backup(directory)
            database = database_for().describe()
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        uploads = manifest["media"]
        taken = f"Backup of {manifest.get('site_url', 'an unnamed site')} taken at {manifest.get('created_at', '?')}"
        self.stdout.write(f"{taken}: checksums verified.")
        replaced = [f"the {database['vendor']} database {database['name']}"]
        if uploads["kind"] == "local":
            backed_up = files(uploads["file_count"])
            replaced.append(f"every file in {describe_storage()['root']} (the backup has {backed_up})")
        self.stdout.write(f"This replaces {' and '.join(replaced)}. What is there now is lost.")
        if uploads["kind"] != "local":
            self.stdout.write(
                self.style.WARNING(
                    f"The backup's uploads were kept in {storage_name(uploads)}, not in the backup: restore them "
                    f"from that storage's own backup. This restore leaves uploads untouched."
                )
            )
        if not secret_key_matches(manifest):
            self.stdout.write(
                self.style.WARNING(
                    "This site's SECRET_KEY is not the one the backup was taken under: links already mailed "
                    "(confirm, unsubscribe) stop working and consent IP hashes cannot be compared. Restore the old "
                    "SECRET_KEY unless it was rotated on purpose."
                )
            )
        if interactive and _answer("Type 'yes' to restore: ") != "yes":
            raise CommandError("Restore cancelled; nothing was changed.")
        try:
            report = restore_backup(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if report.dropped_tables:
            self.stdout.write(f"Dropped tables the backup predates: {', '.join(report.dropped_tables)}")
        if report.unapplied_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup predates {len(report.unapplied_migrations)} migrations of this code: run "
                    f"`manage.py migrate` before starting the site."
                )
            )
        self.stdout.write(self.style.SUCCESS(f"Restore complete from {directory}."))


def _answer(prompt):
    try:
        return input(prompt).strip()
    except EOFError:
        # No terminal to answer on (cron, a pipe): that is not a yes. Scripts pass --noinput.
        return ""
