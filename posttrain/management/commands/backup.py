from django.core.management.base import BaseCommand, CommandError

from posttrain.backups import BackupError
from posttrain.backups.media import files, storage_name
from posttrain.backups.operations import create_backup


class Command(BaseCommand):
    help = (
        "Back up the database and the local uploads into a new directory: a manifest with checksums, the database "
        "dump and the uploads archive. Uploads kept in an S3 bucket are the bucket's own job."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", help="A new (or empty) directory; it appears only once the backup is complete."
        )
        parser.add_argument("--force", action="store_true", help="Replace a complete backup already in DIRECTORY.")

    def handle(self, *args, directory, force, **options):
        try:
            manifest = create_backup(directory, replace=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        database, uploads = manifest["database"], manifest["media"]
        dump_bytes = manifest["files"][database["file"]]["bytes"]
        self.stdout.write(
            f"Database: {database['vendor']} {database['name']} -> {database['file']} ({dump_bytes} bytes)"
        )
        if uploads["archived"]:
            skipped = f"; {uploads['skipped']} links or special files left out" if uploads["skipped"] else ""
            self.stdout.write(
                f"Uploads: {files(uploads['file_count'])} from {uploads['root']} -> {uploads['file']}{skipped}"
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Uploads are NOT in this backup: they are kept in {storage_name(uploads)}. Back that up with "
                    f"the storage's own tools (bucket versioning or replication); the manifest records its name."
                )
            )
        self.stdout.write(self.style.SUCCESS(f"Backup complete: {directory}"))
