"""An upload to the image library is checked by content, bytes and pixels, and stored upright, in sRGB, without
EXIF/GPS — the original and every rendition."""

import io

import pytest
from django.core.files.storage import default_storage
from django.test import TestCase
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageCms, features

from articles.models import Image
from tests.adminversions import loaded_version
from tests.images.helpers import GPS_IFD, SVG, bomb_png, photo_bytes, upload

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:articles_image_add")


@pytest.fixture
def editor_client(client):
    from tests.articles.factories import EditorFactory

    client.force_login(EditorFactory())
    return client


def add_image(client, file, **fields):
    data = {"title": "Rower", "alt": "A rower at dawn", "caption": "", "credit": "", "licence": "", "tags": ""}
    data.update(fields)
    return post(client, ADD_URL, {**data, "file": file})


def post(client, url, data):
    """Post as the admin would, then run what was queued after commit, as a worker would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def errors_of(response):
    return " ".join(str(error) for error in response.context["adminform"].form.errors.values())


def test_portrait_photo_with_exif_orientation_is_stored_upright(editor_client):
    # Stored sideways (1200×800) with "rotate 90° clockwise to view": the reader must see it 800×1200.
    response = add_image(editor_client, upload(photo_bytes((1200, 800), orientation=6, gps=True)))

    assert response.status_code == 302, errors_of(response)
    image = Image.objects.get()
    assert (image.width, image.height) == (800, 1200)
    with default_storage.open(image.file.name) as handle, PILImage.open(handle) as stored:
        assert stored.size == (800, 1200)
        # The red half (left when sideways) is on top once turned clockwise.
        top, bottom = stored.convert("RGB").getpixel((400, 100)), stored.convert("RGB").getpixel((400, 1100))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
    assert {r.height for r in image.renditions.exclude(spec="social.jpeg")} >= {720, 1200}
    for rendition in image.renditions.exclude(spec="social.jpeg"):
        assert rendition.height > rendition.width


def test_gps_and_camera_data_are_gone_from_every_stored_file(editor_client):
    add_image(editor_client, upload(photo_bytes(gps=True)))

    image = Image.objects.get()
    names = [image.file.name, *image.renditions.values_list("file", flat=True)]
    assert len(names) >= 7  # original, 3 widths × WebP and JPEG, the social card
    for name in names:
        with default_storage.open(name) as handle, PILImage.open(handle) as stored:
            exif = stored.getexif()
            assert GPS_IFD not in exif and 0x010F not in exif, name
            assert not stored.info.get("exif") and not stored.info.get("xmp"), name


def test_wide_gamut_photo_is_converted_to_srgb(editor_client):
    # Display P3 stands in for any non-sRGB profile a camera writes; LAB would do as well.
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB"))
    lab = PILImage.new("LAB", (300, 200), (60, 40, 40))
    buffer = io.BytesIO()
    lab.convert("RGB").save(buffer, "JPEG", icc_profile=profile.tobytes())
    response = add_image(editor_client, upload(buffer.getvalue()))

    assert response.status_code == 302, errors_of(response)
    with default_storage.open(Image.objects.get().file.name) as handle, PILImage.open(handle) as stored:
        assert stored.mode == "RGB"
        assert not stored.info.get("icc_profile")  # no profile: browsers read it as sRGB, which it now is


def test_decompression_bomb_is_refused_with_a_clear_error(editor_client):
    response = add_image(editor_client, upload(bomb_png(), name="tiny.png", content_type="image/png"))

    assert response.status_code == 200
    assert "far more pixels than we accept (a decompression bomb); it was refused." in errors_of(response)
    assert not Image.objects.exists()


def test_too_many_pixels_is_refused_below_pillows_own_limit(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 500_000

    response = add_image(editor_client, upload(photo_bytes((1000, 800))))

    assert "This image is 1000×800 pixels (0.8 megapixels); the limit is 0.5 megapixels." in errors_of(response)
    assert not Image.objects.exists()


def test_svg_is_refused_whatever_it_is_called(editor_client):
    response = add_image(editor_client, upload(SVG, name="chart.png", content_type="image/png"))

    assert response.status_code == 200
    assert "not an image we accept" in errors_of(response)
    assert not Image.objects.exists()


def test_formats_outside_the_library_are_refused_by_content(editor_client):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20)).save(buffer, "TIFF")

    response = add_image(editor_client, upload(buffer.getvalue(), name="scan.jpg"))

    assert "TIFF images are not accepted" in errors_of(response)
    assert not Image.objects.exists()


def test_byte_limit_is_enforced(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000

    response = add_image(editor_client, upload(photo_bytes()))

    assert "the limit is 1000" in errors_of(response)
    assert not Image.objects.exists()


def test_alt_text_is_required_in_the_library(editor_client):
    response = add_image(editor_client, upload(), alt="   ")

    assert "Describe the image for readers who cannot see it." in errors_of(response)
    assert not Image.objects.exists()


@pytest.mark.skipif(not features.check("avif"), reason="this Pillow cannot read AVIF")
def test_avif_upload_is_accepted_and_avif_renditions_are_made(editor_client, settings):
    settings.IMAGE_RENDITION_FORMATS = ["avif", "webp", "jpeg"]
    buffer = io.BytesIO()
    PILImage.new("RGB", (500, 300), (10, 120, 40)).save(buffer, "AVIF")

    response = add_image(editor_client, upload(buffer.getvalue(), name="leaf.avif", content_type="image/avif"))

    assert response.status_code == 302, errors_of(response)
    image = Image.objects.get()
    assert image.file.name.endswith(".avif")
    assert set(image.renditions.values_list("format", flat=True)) == {"avif", "webp", "jpeg"}


def test_focal_point_set_in_the_form_is_kept_and_a_new_social_card_is_made(editor_client):
    add_image(editor_client, upload())
    image = Image.objects.get()
    old_card = image.renditions.get(spec="social.jpeg").file.name
    data = {
        "title": image.title, "alt": image.alt, "caption": "", "credit": "", "licence": "", "tags": "",
        "focal_x": "0.9", "focal_y": "0.2", "loaded_version": loaded_version(image),
    }

    response = post(editor_client, reverse("admin:articles_image_change", args=[image.pk]), data)

    assert response.status_code == 302, errors_of(response)
    image.refresh_from_db()
    assert image.focal_point == (0.9, 0.2)
    new_card = image.renditions.get(spec="social.jpeg").file.name
    assert new_card != old_card
    assert default_storage.exists(new_card)


def test_a_truncated_photo_is_refused_with_a_clear_error_not_a_500(editor_client):
    data = photo_bytes((800, 600))

    response = add_image(editor_client, upload(data[: len(data) // 3]))

    assert response.status_code == 200
    assert "This image is damaged or incomplete and cannot be read." in errors_of(response)
    assert not Image.objects.exists()


def test_an_odd_unicode_file_name_is_stored_in_ascii_and_works_as_a_figure(editor_client, client):
    from tests.factories import ArticleFactory

    add_image(editor_client, upload(name="Фото гонки 🚀 «финал».JPG"))
    image = Image.objects.get()
    article = ArticleFactory(body=f'<figure><img src="{image.file.url}" alt=""></figure>')

    assert image.file.name.isascii() and image.file.name.endswith(".jpg")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<figure><picture><source type="image/webp"' in content
