"""`manage.py backup` and `manage.py restore`: what a backup holds, what a restore brings back, what both refuse."""

import hashlib
import io
import json
import shutil
import socket
import tarfile
from datetime import UTC, date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from PIL import Image

from newsletter.models import Subscriber, hash_ip
from posttrain.backups import media
from posttrain.backups.operations import MANIFEST, MEDIA_ARCHIVE
from tests.factories import ArticleFactory, AuthorFactory, VerticalFactory
from tests.newsletter.factories import CampaignFactory, SubscriberFactory
from verticals.models import SiteSettings

# A restore replaces the database from outside the test's connection: no test transaction may hold it.
pytestmark = pytest.mark.django_db(transaction=True)

CONSENT = {
    "at": datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=UTC),
    "text_version": "2025-03",
    "ip_hash": hash_ip("203.0.113.9"),
    "user_agent": "Mozilla/5.0 (X11; Linux) «quoted» \u202eRTL",
}


def give_consent(subscriber):
    """Record a signup's consent: a row of its own where consent history has a model (issue 10 #7), else the
    subscriber's consent fields. Either way the restore must bring it back."""
    if hasattr(subscriber, "consent_records"):
        subscriber.consent_records.create(kind="signup", **CONSENT)
    else:
        Subscriber.objects.filter(pk=subscriber.pk).update(
            consented_at=CONSENT["at"], consent_text_version=CONSENT["text_version"], ip_hash=CONSENT["ip_hash"],
            user_agent=CONSENT["user_agent"],
        )


def consent_record(email):
    """The subscriber's row and every row pointing to it (its consent history, its deliveries), serialised."""
    subscriber = Subscriber.objects.get(email=email)
    pointing = [
        row
        for relation in Subscriber._meta.related_objects
        if relation.one_to_many
        for row in getattr(subscriber, relation.get_accessor_name()).order_by("pk")
    ]
    return serializers.serialize("python", [subscriber, *pointing])


def every_row():
    """Every row of every table Django manages, serialised as dumpdata would (to Python values, so timestamps keep
    their microseconds), through managers that hide nothing."""
    return {
        model._meta.label: serializers.serialize("python", model._base_manager.order_by("pk"))
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (12, 8), (30, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def site_content():
    vertical = VerticalFactory(name="Sportwissenschaft – Erholung", slug="sports")
    author = AuthorFactory(name="Zoë Ångström")
    author.photo.save("portrait.png", ContentFile(png_bytes()))
    article = ArticleFactory(vertical=vertical, title="Nach dem Training: 回復")
    article.authors.add(author)
    subscriber = SubscriberFactory(email="leser@example.org", interests=[vertical])
    give_consent(subscriber)
    CampaignFactory(subject="We are live")
    SiteSettings(headline="Post-training, explained", pitch="Three verticals.", launch_date=date(2025, 9, 1),
                 about="<p>About us.</p>").save()
    return {"author": author, "article": article, "subscriber": subscriber}


def backup(path, *options):
    out = StringIO()
    call_command("backup", str(path), *options, stdout=out)
    return out.getvalue()


def restore(path, *options):
    out = StringIO()
    call_command("restore", str(path), "--noinput", *options, stdout=out)
    return out.getvalue()


def rewrite_manifest(path, change):
    manifest = json.loads((path / MANIFEST).read_text())
    change(manifest)
    (path / MANIFEST).write_text(json.dumps(manifest))


def uploaded_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_backup_wipe_and_restore_bring_back_every_row_the_consent_record_and_the_uploads(
    site_content, settings, tmp_path
):
    rows_before = every_row()
    consent_before = consent_record("leser@example.org")
    recorded = [value for row in consent_before for value in row["fields"].values()]
    assert CONSENT["at"] in recorded and CONSENT["ip_hash"] in recorded and CONSENT["user_agent"] in recorded
    photo = Path(settings.MEDIA_ROOT) / site_content["author"].photo.name
    photo_before = photo.read_bytes()

    output = backup(tmp_path / "backup")
    assert "Uploads: 1 file from" in output
    assert "Backup complete" in output

    call_command("flush", "--noinput")
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Subscriber.objects.exists()
    assert not photo.exists()

    assert "Restore complete" in restore(tmp_path / "backup")

    assert every_row() == rows_before
    assert consent_record("leser@example.org") == consent_before
    assert photo.read_bytes() == photo_before
    assert SiteSettings.load().launch_date == date(2025, 9, 1)


def test_backup_directory_holds_a_manifest_the_dump_and_the_uploads_archive(site_content, settings, tmp_path):
    backup(tmp_path / "backup")

    manifest = json.loads((tmp_path / "backup" / MANIFEST).read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["media"] | {"kind": "local", "file_count": 1, "file": MEDIA_ARCHIVE} == manifest["media"]
    assert "0001_initial" in manifest["migrations"]["newsletter"]
    assert manifest["django_version"].startswith("5.")
    assert manifest["created_at"]
    assert sorted(manifest["files"]) == sorted([manifest["database"]["file"], MEDIA_ARCHIVE])
    assert all(len(info["sha256"]) == 64 for info in manifest["files"].values())
    with tarfile.open(tmp_path / "backup" / MEDIA_ARCHIVE) as tar:
        assert tar.getnames() == [site_content["author"].photo.name]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backup", "media"]
    # It holds every subscriber's address: for its owner's eyes only.
    assert (tmp_path / "backup").stat().st_mode & 0o777 == 0o700
    assert {path.stat().st_mode & 0o777 for path in (tmp_path / "backup").iterdir()} == {0o600}


def test_backup_refuses_to_overwrite_a_complete_backup_unless_forced(site_content, tmp_path):
    backup(tmp_path / "backup")
    first = json.loads((tmp_path / "backup" / MANIFEST).read_text())

    with pytest.raises(CommandError, match="already holds a complete backup.*--force"):
        backup(tmp_path / "backup")
    assert json.loads((tmp_path / "backup" / MANIFEST).read_text()) == first

    backup(tmp_path / "backup", "--force")
    assert json.loads((tmp_path / "backup" / MANIFEST).read_text())["created_at"] != first["created_at"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backup", "media"]


def test_backup_refuses_a_directory_holding_other_files_even_when_forced(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("keep me")

    with pytest.raises(CommandError, match="not empty and holds no backup"):
        backup(tmp_path / "notes", "--force")
    assert (tmp_path / "notes" / "todo.txt").read_text() == "keep me"


def test_backup_refuses_a_directory_the_site_serves(site_content, settings, tmp_path):
    public = Path(settings.MEDIA_ROOT) / "backups" / "tonight"

    with pytest.raises(CommandError, match="which the site serves to anyone"):
        backup(public)
    assert not (Path(settings.MEDIA_ROOT) / "backups").exists()


def test_restore_refuses_a_backup_kept_in_the_uploads_directory(site_content, settings, tmp_path):
    backup(tmp_path / "backup")
    inside = shutil.copytree(tmp_path / "backup", Path(settings.MEDIA_ROOT) / "backup")

    with pytest.raises(CommandError, match="which the site serves to anyone"):
        restore(inside)
    assert (inside / MANIFEST).exists()


def test_an_interrupted_backup_never_looks_complete(site_content, tmp_path, monkeypatch):
    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(media, "archive", disk_full)
    with pytest.raises(OSError, match="No space"):
        backup(tmp_path / "backup")
    assert not (tmp_path / "backup").exists()
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".backup")]

    # A backup killed outright gets no chance to clean up: what it leaves has a temporary name and no manifest.
    monkeypatch.setattr("posttrain.backups.operations.shutil.rmtree", lambda *args, **kwargs: None)
    with pytest.raises(OSError, match="No space"):
        backup(tmp_path / "backup")
    [leftover] = [path for path in tmp_path.iterdir() if path.name.startswith(".backup.incomplete-")]
    assert not (tmp_path / "backup").exists()
    with pytest.raises(CommandError, match="not a complete backup"):
        restore(leftover)


@pytest.fixture
def taken_backup(site_content, settings, tmp_path):
    """A backup, then a change made after it that a refused restore must leave in place."""
    path = tmp_path / "backup"
    backup(path)
    VerticalFactory(name="Added after the backup", slug="later")
    (Path(settings.MEDIA_ROOT) / "later.png").write_bytes(png_bytes())
    return path


def assert_nothing_restored(settings):
    assert apps.get_model("verticals", "Vertical").objects.filter(slug="later").exists()
    assert (Path(settings.MEDIA_ROOT) / "later.png").exists()


def test_restore_refuses_a_backup_whose_uploads_archive_was_altered(taken_backup, settings):
    archive = taken_backup / MEDIA_ARCHIVE
    data = bytearray(archive.read_bytes())
    data[600] ^= 0xFF
    archive.write_bytes(bytes(data))

    with pytest.raises(CommandError, match="does not match its checksum"):
        restore(taken_backup)
    assert_nothing_restored(settings)


def test_restore_refuses_a_backup_whose_database_dump_was_altered(taken_backup, settings):
    manifest = json.loads((taken_backup / MANIFEST).read_text())
    dump = taken_backup / manifest["database"]["file"]
    data = bytearray(dump.read_bytes())
    data[-1] ^= 0xFF
    dump.write_bytes(bytes(data))

    with pytest.raises(CommandError, match="does not match its checksum"):
        restore(taken_backup)
    assert_nothing_restored(settings)


def test_restore_refuses_an_archive_reaching_outside_the_uploads_even_with_a_matching_manifest(
    taken_backup, settings, tmp_path
):
    archive = taken_backup / MEDIA_ARCHIVE
    with tarfile.open(archive, "w") as tar:
        member = tarfile.TarInfo("../../escaped.txt")
        member.size = 5
        tar.addfile(member, io.BytesIO(b"owned"))

    def match_the_forged_archive(manifest):
        data = archive.read_bytes()
        manifest["files"][MEDIA_ARCHIVE] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}

    rewrite_manifest(taken_backup, match_the_forged_archive)

    with pytest.raises(CommandError, match="cannot be unpacked"):
        restore(taken_backup)
    assert not list(tmp_path.parent.rglob("escaped.txt"))
    assert not [path for path in Path(settings.MEDIA_ROOT).iterdir() if path.name.startswith(media.STAGING_PREFIX)]
    assert_nothing_restored(settings)


def test_restore_refuses_an_incomplete_backup(taken_backup, settings):
    manifest = json.loads((taken_backup / MANIFEST).read_text())
    (taken_backup / manifest["database"]["file"]).unlink()

    with pytest.raises(CommandError, match="is missing: the backup is incomplete"):
        restore(taken_backup)
    (taken_backup / MANIFEST).unlink()
    with pytest.raises(CommandError, match="not a complete backup"):
        restore(taken_backup)
    assert_nothing_restored(settings)


def test_restore_refuses_a_truncated_uploads_archive(taken_backup, settings):
    archive = taken_backup / MEDIA_ARCHIVE
    archive.write_bytes(archive.read_bytes()[:1024])

    with pytest.raises(CommandError, match="damaged or truncated"):
        restore(taken_backup)
    assert_nothing_restored(settings)


def test_restore_refuses_a_damaged_manifest(taken_backup, settings):
    (taken_backup / MANIFEST).write_text('{"format": "posttrain-backup/1", "files": ')

    with pytest.raises(CommandError, match="manifest.json is damaged"):
        restore(taken_backup)
    assert_nothing_restored(settings)


def test_restore_refuses_a_manifest_that_claims_local_uploads_without_their_archive(taken_backup, settings):
    rewrite_manifest(taken_backup, lambda manifest: manifest["media"].update(file=None))

    with pytest.raises(CommandError, match=r"manifest.json is damaged \(wrong entries: media.file\)"):
        restore(taken_backup)
    assert_nothing_restored(settings)


def test_restore_refuses_a_backup_of_another_database_vendor(taken_backup, settings):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    rewrite_manifest(taken_backup, lambda manifest: manifest["database"].update(vendor=other))

    refusal = f"backup is of a {other} database and this site runs on {connection.vendor}"
    with pytest.raises(CommandError, match=refusal):
        restore(taken_backup)
    assert_nothing_restored(settings)


def test_restore_refuses_a_backup_taken_by_newer_code(taken_backup, settings):
    rewrite_manifest(taken_backup, lambda manifest: manifest["migrations"]["newsletter"].append("0999_from_later"))

    with pytest.raises(CommandError, match=r"taken by newer code.*newsletter\.0999_from_later"):
        restore(taken_backup)
    assert_nothing_restored(settings)


def test_restore_asks_for_confirmation_and_changes_nothing_without_it(taken_backup, settings, monkeypatch):
    prompts = []
    monkeypatch.setattr("builtins.input", lambda prompt: prompts.append(prompt) or "no")

    with pytest.raises(CommandError, match="Restore cancelled; nothing was changed"):
        call_command("restore", str(taken_backup), stdout=StringIO())
    assert prompts == ["Type 'yes' to restore: "]
    assert_nothing_restored(settings)


def test_restore_without_a_terminal_to_answer_changes_nothing(taken_backup, settings, monkeypatch):
    def no_terminal(prompt):
        raise EOFError

    monkeypatch.setattr("builtins.input", no_terminal)
    with pytest.raises(CommandError, match="Restore cancelled"):
        call_command("restore", str(taken_backup), stdout=StringIO())
    assert_nothing_restored(settings)


def test_restore_replaces_uploads_added_after_the_backup(taken_backup, site_content, settings):
    restore(taken_backup)

    assert not apps.get_model("verticals", "Vertical").objects.filter(slug="later").exists()
    assert uploaded_files(settings) == [site_content["author"].photo.name]


def test_restore_warns_when_the_secret_key_differs(taken_backup, settings):
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    out = StringIO()
    call_command("restore", str(taken_backup), "--noinput", stdout=out)
    assert "SECRET_KEY is not the one the backup was taken under" in out.getvalue()


@pytest.fixture
def s3_uploads(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "posttrain-media"}},
    }


def test_backup_on_s3_says_uploads_are_the_buckets_job_and_records_the_bucket(s3_uploads, tmp_path):
    output = backup(tmp_path / "backup")

    assert "Uploads are NOT in this backup: they are kept in the S3 bucket 'posttrain-media'" in output
    manifest = json.loads((tmp_path / "backup" / MANIFEST).read_text())
    assert manifest["media"]["kind"] == "s3"
    assert manifest["media"]["bucket"] == "posttrain-media"
    assert not (tmp_path / "backup" / MEDIA_ARCHIVE).exists()


def test_restore_of_a_local_uploads_backup_is_refused_on_a_site_using_s3(taken_backup, s3_uploads, settings):
    with pytest.raises(CommandError, match="keeps uploads in object storage"):
        restore(taken_backup)
    assert_nothing_restored(settings)


def test_backup_and_restore_refuse_to_run_inside_a_transaction(taken_backup, settings, tmp_path):
    with transaction.atomic():
        with pytest.raises(CommandError, match="A backup cannot run inside a database transaction"):
            backup(tmp_path / "second")
        with pytest.raises(CommandError, match="A restore cannot run inside a database transaction"):
            restore(taken_backup)
    assert not (tmp_path / "second").exists()
    assert_nothing_restored(settings)


# --- PostgreSQL: pg_dump and pg_restore ----------------------------------------------------------------------------


def fake_client_tool(directory, name, version):
    """A stand-in for a PostgreSQL client program of another version, first on PATH."""
    directory.mkdir(exist_ok=True)
    program = directory / name
    program.write_text(f'#!/bin/sh\necho "{name} (PostgreSQL) {version}"\n')
    program.chmod(0o755)
    return directory


@pytest.mark.postgres
def test_postgresql_restore_drops_tables_the_backup_predates(taken_backup, settings):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE from_a_later_migration (id integer)")

    output = restore(taken_backup)

    assert "Dropped tables the backup predates: public.from_a_later_migration" in output
    assert "from_a_later_migration" not in connection.introspection.table_names()
    assert not apps.get_model("verticals", "Vertical").objects.filter(slug="later").exists()


@pytest.mark.postgres
def test_postgresql_restore_that_fails_leaves_the_database_as_it_was(taken_backup, settings):
    with connection.cursor() as cursor:
        # An operator's report view on a table the restore must drop: pg_restore stops there.
        cursor.execute("CREATE VIEW vertical_report AS SELECT slug FROM verticals_vertical")

    with pytest.raises(CommandError, match="pg_restore failed"):
        restore(taken_backup)

    assert apps.get_model("verticals", "Vertical").objects.filter(slug="later").exists()
    assert (Path(settings.MEDIA_ROOT) / "later.png").exists()
    with connection.cursor() as cursor:
        cursor.execute("DROP VIEW vertical_report")


@pytest.mark.postgres
def test_postgresql_password_reaches_the_client_tools_through_the_environment_not_argv(
    site_content, tmp_path, monkeypatch
):
    import posttrain.backups.databases as databases

    password = "only-in-settings-0f9e"
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", password)
    calls = []
    real_run = databases.subprocess.run

    def recording_run(command, **kwargs):
        calls.append((command, kwargs.get("env") or {}))
        return real_run(command, **kwargs)

    monkeypatch.setattr(databases.subprocess, "run", recording_run)
    backup(tmp_path / "backup")
    restore(tmp_path / "backup")

    connecting = [(command, env) for command, env in calls if any(arg.startswith("--dbname=") for arg in command)]
    assert [Path(command[0]).name for command, _ in connecting] == ["pg_dump", "pg_restore"]
    assert all(password not in " ".join(command) for command, _ in calls)
    assert all(env["PGPASSWORD"] == password for _, env in connecting)


@pytest.mark.postgres
def test_unreachable_database_is_a_clear_error(tmp_path, monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
    monkeypatch.setitem(connection.settings_dict, "PORT", str(closed_port))

    with pytest.raises(CommandError, match="Cannot reach the database"):
        backup(tmp_path / "backup")
    assert not (tmp_path / "backup").exists()
    assert not list(tmp_path.iterdir())


@pytest.mark.postgres
def test_missing_pg_dump_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))

    with pytest.raises(CommandError, match="pg_dump was not found on PATH.*postgresql-client"):
        backup(tmp_path / "backup")
    assert not (tmp_path / "backup").exists()


@pytest.mark.postgres
def test_pg_dump_older_than_the_server_is_refused_clearly(tmp_path, monkeypatch):
    old_tools = fake_client_tool(tmp_path / "bin", "pg_dump", "9.6.24")
    monkeypatch.setenv("PATH", f"{old_tools}:{Path(shutil.which('pg_dump')).parent}")
    server_major = connection.cursor().connection.info.server_version // 10000

    with pytest.raises(CommandError, match=f"pg_dump 9 cannot dump a PostgreSQL {server_major} server"):
        backup(tmp_path / "backup")
    assert not (tmp_path / "backup").exists()


@pytest.mark.postgres
def test_pg_restore_older_than_the_dump_is_refused_clearly(taken_backup, settings, tmp_path, monkeypatch):
    old_tools = fake_client_tool(tmp_path / "bin", "pg_restore", "9.6.24")
    monkeypatch.setenv("PATH", f"{old_tools}:{Path(shutil.which('pg_restore')).parent}")

    with pytest.raises(CommandError, match="pg_restore 9 cannot read it"):
        restore(taken_backup)
    assert_nothing_restored(settings)
