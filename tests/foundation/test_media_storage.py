"""Uploads go to the local disk by default and to S3-compatible storage when its variables are set."""

import io
import socket
import subprocess
import sys
import time

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from articles.models import Image as LibraryImage

from .test_settings import read_settings


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto in server mode: a real S3-compatible HTTP server on loopback."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("moto server did not start")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 60, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_s3_storage_is_chosen_by_environment():
    result, values = read_settings(
        {"AWS_STORAGE_BUCKET_NAME": "uploads", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"}, "STORAGES"
    )
    assert result.returncode == 0, result.stderr
    assert values["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert values["STORAGES"]["default"]["OPTIONS"]["bucket_name"] == "uploads"
    assert values["STORAGES"]["default"]["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"


def test_local_disk_is_the_default():
    _, values = read_settings({}, "STORAGES")
    assert values["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


@pytest.mark.django_db
def test_library_image_round_trips_through_s3_compatible_storage(settings, s3_endpoint, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(Bucket="posttrain-media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "posttrain-media", "endpoint_url": s3_endpoint, "file_overwrite": False},
        },
    }
    image = png_bytes()
    library_image = LibraryImage(title="Red", alt="A red rectangle")
    library_image.set_file(ContentFile(image, name="hero.png"))
    library_image.save()

    stored = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").get_object(
        Bucket="posttrain-media", Key=library_image.file.name
    )
    assert stored["Body"].read() == image
    with default_storage.open(library_image.file.name) as handle:
        assert Image.open(handle).size == (40, 20)
    assert (library_image.width, library_image.height) == (40, 20)
    assert library_image.file.url.startswith(f"{s3_endpoint}/posttrain-media/images/")
