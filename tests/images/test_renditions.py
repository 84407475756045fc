"""Renditions are what the markup claims, made once (twice is harmless), never upscaled; the social crop keeps
the focal point; all of it works on S3 through moto's server."""

import io

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import TestCase
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image as PILImage

from articles.images import markup, processing, renditions
from articles.models import Image, Rendition
from tests.foundation.test_media_storage import s3_endpoint  # noqa: F401  (the moto server fixture)
from tests.images.helpers import ImageFactory

pytestmark = pytest.mark.django_db
FORMATS = {"image/webp": "WEBP", "image/jpeg": "JPEG", "image/avif": "AVIF"}


def stored(url):
    """The file behind a rendition URL, opened from the storage."""
    name = markup.storage_name(url)
    with default_storage.open(name) as handle:
        image = PILImage.open(io.BytesIO(handle.read()))
        image.load()
    return image


def srcset_entries(srcset):
    for entry in srcset.split(", "):
        url, width = entry.rsplit(" ", 1)
        yield url, int(width.rstrip("w"))


def test_rendition_sizes_and_formats_are_what_the_markup_claims():
    image = ImageFactory(size=(2000, 1000))
    renditions.make_renditions(image)

    data = markup.picture(Image.objects.prefetch_related("renditions").get(pk=image.pk))

    assert [source["type"] for source in data["sources"]] == ["image/webp"]
    claims = [(url, width, "JPEG") for url, width in srcset_entries(data["srcset"])]
    for source in data["sources"]:
        claims += [(url, width, FORMATS[source["type"]]) for url, width in srcset_entries(source["srcset"])]
    assert sorted({width for _, width, _ in claims}) == [480, 960, 1600]
    for url, width, image_format in claims:
        file = stored(url)
        assert file.format == image_format
        assert file.size == (width, width // 2)
    assert (data["width"], data["height"]) == (2000, 1000)


def test_a_small_image_is_never_upscaled():
    image = ImageFactory(size=(600, 400))
    renditions.make_renditions(image)

    widths = set(image.renditions.exclude(spec=renditions.SOCIAL_SPEC).values_list("width", flat=True))

    assert widths == {480, 600}


def test_making_renditions_twice_changes_nothing():
    image = ImageFactory(size=(1000, 500))
    first = renditions.make_renditions(image)
    files = set(Rendition.objects.values_list("file", flat=True))

    second = renditions.make_renditions(image)

    assert len(first) == 7 and second == []
    assert set(Rendition.objects.values_list("file", flat=True)) == files


def test_a_new_focal_point_replaces_the_social_card_and_its_old_file_goes():
    image = ImageFactory(size=(1600, 600))
    renditions.make_renditions(image)
    old = image.renditions.get(spec=renditions.SOCIAL_SPEC).file.name

    image.focal_x, image.focal_y = 0.95, 0.5
    image.save()
    with TestCase.captureOnCommitCallbacks(execute=True):
        made = renditions.make_renditions(image)

    assert renditions.SOCIAL_SPEC in made
    assert not default_storage.exists(old)
    assert image.renditions.count() == 7


def _green_fraction(image):
    pixels = list(image.convert("RGB").getdata())
    return sum(1 for r, g, b in pixels if g > 180 and r < 80 and b < 80) / len(pixels)


def test_the_social_crop_is_1200_by_630_and_contains_the_focal_point():
    # A wide grey picture with one green mark near its right edge, where the editor clicked.
    source = PILImage.new("RGB", (3000, 1000), (128, 128, 128))
    source.paste((20, 220, 20), (2750, 450, 2850, 550))
    buffer = io.BytesIO()
    source.save(buffer, "PNG")
    image = ImageFactory(
        size=(3000, 1000), file=ContentFile(buffer.getvalue(), name="wide.png"), focal_x=2800 / 3000, focal_y=0.5
    )

    renditions.make_renditions(image)
    card = stored(markup.social_card(image).url)

    assert card.size == (1200, 630)
    assert _green_fraction(card) > 0.003


@given(
    width=st.integers(1, 5000), height=st.integers(1, 5000), fx=st.floats(0, 1), fy=st.floats(0, 1),
)
def test_the_crop_box_always_holds_the_focal_point(width, height, fx, fy):
    left, top, right, bottom = processing.crop_box((width, height), (fx, fy))

    assert 0 <= left <= right <= width and 0 <= top <= bottom <= height
    assert left <= fx * width <= right + 1 and top <= fy * height <= bottom + 1
    assert right - left >= 1 and bottom - top >= 1


def test_renditions_are_made_and_served_from_s3_through_moto(settings, s3_endpoint, monkeypatch):  # noqa: F811
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        monkeypatch.setenv(name, value)
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    s3.create_bucket(Bucket="renditions")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "renditions", "endpoint_url": s3_endpoint, "file_overwrite": False,
                        "region_name": "us-east-1", "querystring_auth": False},
        },
    }
    image = ImageFactory(size=(1000, 600))

    made = renditions.make_renditions(image)

    keys = {item["Key"] for item in s3.list_objects_v2(Bucket="renditions")["Contents"]}
    assert {r.file.name for r in image.renditions.all()} <= keys and len(made) == 7
    data = markup.picture(Image.objects.prefetch_related("renditions").get(pk=image.pk))
    assert data["src"].startswith(f"{s3_endpoint}/renditions/images/renditions/")
    assert stored(data["src"]).size == (960, 576)


def test_the_backfill_command_measures_migrated_heroes_and_makes_their_renditions():
    from io import StringIO

    from django.core.management import call_command

    image = ImageFactory(size=(900, 600))
    Image.objects.filter(pk=image.pk).update(width=0, height=0)  # as the migration leaves an unreadable file
    output = StringIO()

    call_command("make_renditions", stdout=output)

    image.refresh_from_db()
    assert (image.width, image.height) == (900, 600)
    assert output.getvalue().strip() == "5 renditions made."
    assert set(image.renditions.values_list("spec", flat=True)) == {
        "480.webp", "480.jpeg", "900.webp", "900.jpeg", "social.jpeg"
    }


def test_deleting_an_image_in_the_admin_removes_its_files(client):
    from django.urls import reverse

    from tests.articles.factories import EditorFactory

    image = ImageFactory(size=(600, 400))
    renditions.make_renditions(image)
    names = [image.file.name, *image.renditions.values_list("file", flat=True)]
    client.force_login(EditorFactory())

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"})

    assert not any(default_storage.exists(name) for name in names)
