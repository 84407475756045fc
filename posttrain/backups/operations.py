"""Create, verify and restore a backup directory: a manifest, the database dump and the uploads archive.

A backup is written into a hidden sibling directory and renamed into place only when complete, with its manifest
written last, so a backup killed half-way never looks like one. A restore checks the whole backup before it
changes anything and replaces the database first, the uploads second.
"""

import hashlib
import json
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.crypto import salted_hmac

from posttrain.backups import BackupError, media
from posttrain.backups.databases import database_for

FORMAT = "posttrain-backup/1"
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"


@dataclass
class RestoreReport:
    manifest: dict
    media_restored: bool
    dropped_tables: list = field(default_factory=list)
    unapplied_migrations: list = field(default_factory=list)


def create_backup(target, *, replace=False):
    """Back up the database and local uploads into the new directory `target`; returns the manifest."""
    target = Path(target).absolute()
    _refuse_served_location(target)
    _check_target(target, replace=replace)
    database = database_for()
    database.connect()
    # Inside a transaction a dump would miss or (SQLite) wait forever for the rows that transaction holds.
    _refuse_open_transaction(database, "A backup")
    storage = media.describe_storage()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.incomplete-", dir=target.parent))
    try:
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "django_version": django.get_version(),
            "site_url": settings.SITE_URL,
            "secret_key_fingerprint": _secret_key_fingerprint(),
            "migrations": _applied_migrations(database.connection),
            "database": {**database.describe(), "file": database.filename},
        }
        # The database first: uploads that arrive meanwhile are then at worst archived without a row, never the
        # other way round.
        manifest["database"].update(database.dump(work / database.filename))
        manifest["media"] = _archive_media(storage, work)
        names = [database.filename] + ([MEDIA_ARCHIVE] if manifest["media"]["file"] else [])
        manifest["files"] = {name: _fingerprint(work / name) for name in names}
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        for name in [*names, MANIFEST]:
            (work / name).chmod(0o600)
            _sync(work / name)
        _sync(work)
        _move_into_place(work, target, replace=replace)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _sync(target.parent)
    return manifest


def verify_backup(source):
    """The manifest of the complete, intact backup in `source` that this site can restore, or a BackupError."""
    source = Path(source).absolute()
    _refuse_served_location(source)
    manifest = _read_manifest(source)
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"{path} is missing: the backup is incomplete. Restore another backup.")
        if path.stat().st_size != expected["bytes"]:
            raise BackupError(f"{path} has not the size the manifest records: the backup is damaged or truncated.")
    database = database_for()
    if manifest["database"]["vendor"] != database.vendor:
        raise BackupError(
            f"This backup is of a {manifest['database']['vendor']} database and this site runs on {database.vendor}. "
            f"Restore it on a site configured for {manifest['database']['vendor']}."
        )
    unknown = _migrations_unknown_to_code(manifest["migrations"])
    if unknown:
        listed = ", ".join(f"{app}.{name}" for app, name in unknown)
        raise BackupError(
            f"This backup was taken by newer code: it has migrations this code does not know ({listed}). Deploy the "
            f"code the backup was taken with (Django {manifest['django_version']}), then restore."
        )
    if manifest["media"]["kind"] == "local" and media.describe_storage()["kind"] != "local":
        raise BackupError(
            f"This backup holds {manifest['media']['file_count']} uploaded files from a local MEDIA_ROOT, but this "
            f"site keeps uploads in object storage. Restore on a site with local uploads, or copy the files of "
            f"{MEDIA_ARCHIVE} into the bucket yourself."
        )
    for name, expected in manifest["files"].items():
        if _fingerprint(source / name)["sha256"] != expected["sha256"]:
            raise BackupError(f"{source / name} does not match its checksum: the backup is damaged or was altered.")
    database.check(source / manifest["database"]["file"], manifest["database"])
    return manifest


def restore_backup(source):
    """Replace the database and the local uploads with the backup in `source` (checked again first)."""
    source = Path(source).absolute()
    manifest = verify_backup(source)
    database = database_for()
    _refuse_open_transaction(database, "A restore")
    staging = root = None
    if manifest["media"]["kind"] == "local":
        root = Path(media.describe_storage()["root"])
        staging = media.stage(source / manifest["media"]["file"], root, manifest["media"]["file_count"])
    try:
        dropped = database.restore(source / manifest["database"]["file"], manifest["database"])
    except BaseException:
        if staging:
            media.discard(staging)
        raise
    if staging:
        media.swap_in(staging, root)
    _forget_cached_state()
    return RestoreReport(
        manifest=manifest,
        media_restored=staging is not None,
        dropped_tables=dropped,
        unapplied_migrations=_unapplied_migrations(database.connection),
    )


def secret_key_matches(manifest):
    """Whether this site signs with the SECRET_KEY the backup was taken under (links and consent hashes need it)."""
    return secrets.compare_digest(manifest.get("secret_key_fingerprint", ""), _secret_key_fingerprint())


def _refuse_served_location(path):
    """A backup where the site serves files would hand every subscriber's address to anyone who guesses its name
    (and a restore from MEDIA_ROOT would delete the backup it reads)."""
    served = [settings.MEDIA_ROOT, settings.STATIC_ROOT]
    served += [entry[1] if isinstance(entry, list | tuple) else entry for entry in settings.STATICFILES_DIRS]
    resolved = path.resolve()
    for directory in (Path(entry).resolve() for entry in served if entry):
        if resolved == directory or directory in resolved.parents:
            raise BackupError(
                f"{path} is inside {directory}, which the site serves to anyone. Keep backups outside MEDIA_ROOT "
                f"and the static directories."
            )


def _refuse_open_transaction(database, what):
    if database.connection.in_atomic_block:
        raise BackupError(f"{what} cannot run inside a database transaction.")


def _check_target(target, *, replace):
    if not target.exists():
        return
    if not target.is_dir():
        raise BackupError(f"{target} exists and is not a directory. Choose a new directory for the backup.")
    if (target / MANIFEST).is_file():
        if not replace:
            raise BackupError(
                f"{target} already holds a complete backup. Choose a new directory, or pass --force to replace it."
            )
        return
    if any(target.iterdir()):
        raise BackupError(f"{target} is not empty and holds no backup. Choose a new or empty directory.")


def _move_into_place(work, target, *, replace):
    try:
        # A rename is atomic, and it replaces only a missing or empty directory.
        os.rename(work, target)
        return
    except OSError as exc:
        if not replace or not (target / MANIFEST).is_file():
            raise BackupError(f"{target} was filled while the backup ran; nothing was written there.") from exc
    previous = target.with_name(f".{target.name}.replaced-{secrets.token_hex(4)}")
    os.rename(target, previous)
    os.rename(work, target)
    shutil.rmtree(previous)


def _archive_media(storage, work):
    if storage["kind"] != "local":
        # Object storage keeps its own copies (versioning, replication); pulling a bucket through this machine
        # would be slow and would still miss what its lifecycle rules keep.
        return {**storage, "file": None, "file_count": None, "archived": False}
    count, skipped = media.archive(storage["root"], work / MEDIA_ARCHIVE)
    return {**storage, "file": MEDIA_ARCHIVE, "file_count": count, "skipped": skipped, "archived": True}


def _read_manifest(source):
    if not source.is_dir():
        raise BackupError(f"There is no backup at {source}.")
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(
            f"{source} holds no {MANIFEST}, so it is not a complete backup (an interrupted backup never gets one). "
            f"Restore another backup."
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{path} is not a PostTrain backup manifest of format {FORMAT}.")
        files = manifest["files"]
        problems = [] if isinstance(manifest["database"]["vendor"], str) else ["database.vendor"]
        if manifest["media"]["kind"] not in ("local", "s3", "other"):
            problems.append("media.kind")
        if (manifest["media"]["kind"] == "local") != bool(manifest["media"]["file"]):
            problems.append("media.file")
        required = [manifest["database"]["file"]] + ([manifest["media"]["file"]] if manifest["media"]["file"] else [])
        problems += [name for name in required if name not in files]
        problems += [name for name in files if not isinstance(name, str) or name != Path(name).name or name == ".."]
        problems += [
            name for name, info in files.items()
            if not isinstance(info.get("sha256"), str) or not isinstance(info.get("bytes"), int)
        ]
        if manifest["media"]["file"] and not isinstance(manifest["media"]["file_count"], int):
            problems.append("media.file_count")
        if not all(isinstance(names, list) for names in manifest["migrations"].values()):
            problems.append("migrations")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BackupError(f"{path} is damaged ({exc!r}). Restore another backup.") from exc
    if problems:
        wrong = ", ".join(map(str, problems))
        raise BackupError(f"{path} is damaged (wrong entries: {wrong}). Restore another backup.")
    return manifest


def _fingerprint(path):
    with open(path, "rb") as file:
        digest = hashlib.file_digest(file, "sha256").hexdigest()
    return {"sha256": digest, "bytes": path.stat().st_size}


def _sync(path):
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _secret_key_fingerprint():
    return salted_hmac("posttrain.backups", "secret-key-fingerprint").hexdigest()[:16]


def _applied_migrations(connection):
    applied = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _migrations_unknown_to_code(recorded):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    return sorted((app, name) for app, names in recorded.items() for name in names if (app, name) not in known)


def _unapplied_migrations(connection):
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def _forget_cached_state():
    """Cached pages, settings and content types describe the database before the restore."""
    for cache in caches.all(initialized_only=False):
        cache.clear()
    if apps.is_installed("django.contrib.contenttypes"):
        # Only importable when the app is installed, which a project using the backups need not do.
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
