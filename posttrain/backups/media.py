"""The uploads in a backup: local files are archived; a bucket is backed up by its own provider's tools."""

import os
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages

from posttrain.backups import BackupError

# A restore unpacks here, inside MEDIA_ROOT, so the final move is a rename even when MEDIA_ROOT is a mount point.
STAGING_PREFIX = ".restore-"


def describe_storage():
    """Where uploads live: {"kind": "local", "root": …} or, for object storage, its backend and bucket."""
    storage = storages["default"]
    backend = f"{type(storage).__module__}.{type(storage).__qualname__}"
    if isinstance(storage, FileSystemStorage):
        return {"kind": "local", "backend": backend, "root": str(Path(storage.location).absolute())}
    bucket = getattr(storage, "bucket_name", None)
    return {"kind": "s3" if bucket else "other", "backend": backend, "bucket": bucket}


def storage_name(storage):
    """How to name a storage (as described by describe_storage) to an operator."""
    if storage["kind"] == "local":
        return storage["root"]
    return f"the S3 bucket '{storage['bucket']}'" if storage["bucket"] else f"storage {storage['backend']}"


def files(count):
    return f"{count} file" if count == 1 else f"{count} files"


def archive(root, archive_path):
    """Put every regular file under `root` into an uncompressed tar (uploads are images, compressed already).

    Returns (files archived, entries skipped): symbolic links and special files are not uploads and are left out.
    """
    root = Path(root)
    archived = skipped = 0
    with tarfile.open(archive_path, "w", format=tarfile.PAX_FORMAT) as tar:
        if not root.is_dir():
            return archived, skipped
        for directory, subdirectories, filenames in os.walk(root):
            here = Path(directory)
            if here == root:
                # An interrupted restore's staging directory is not an upload.
                subdirectories[:] = [name for name in subdirectories if not name.startswith(STAGING_PREFIX)]
            subdirectories.sort()
            for name in sorted(filenames):
                path = here / name
                if path.is_symlink() or not path.is_file():
                    skipped += 1
                    continue
                tar.add(path, arcname=path.relative_to(root).as_posix(), recursive=False)
                archived += 1
    return archived, skipped


def stage(archive_path, root, expected_count):
    """Unpack the archive next to the live uploads and return the staging directory; the live files are untouched."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    try:
        with tarfile.open(archive_path) as tar:
            # The "data" filter refuses absolute names, "..", links out of the directory and device files.
            tar.extractall(staging, filter="data")
        count = sum(len(files) for _, _, files in os.walk(staging))
        if count != expected_count:
            raise BackupError(
                f"The uploads archive holds {count} files, the manifest says {expected_count}: the backup is damaged."
            )
    except (tarfile.TarError, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupError(f"The uploads archive cannot be unpacked ({exc}): the backup is damaged.") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def discard(staging):
    shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging, root):
    """Replace everything in `root` with the staged files."""
    root = Path(root)
    for entry in root.iterdir():
        if entry == staging:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in staging.iterdir():
        entry.rename(root / entry.name)
    staging.rmdir()
