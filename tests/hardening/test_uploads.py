import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from posttrain.uploads import validate_image_upload


def image_file(name="photo.png", image_format="PNG", size=(30, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize(("name", "image_format"), [("a.png", "PNG"), ("b.jpg", "JPEG"), ("c.webp", "WEBP")])
def test_real_images_pass(name, image_format):
    validate_image_upload(image_file(name, image_format))


def test_svg_is_refused_even_when_named_png():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError) as error:
        validate_image_upload(SimpleUploadedFile("innocent.png", svg))
    assert error.value.code == "not_an_image"


def test_html_named_jpg_is_refused():
    with pytest.raises(ValidationError):
        validate_image_upload(SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script></html>"))


def test_other_raster_formats_are_refused():
    with pytest.raises(ValidationError) as error:
        validate_image_upload(image_file("scan.png", "TIFF"))
    assert error.value.code == "format"


def test_oversized_image_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        validate_image_upload(image_file(size=(200, 200)))
    assert error.value.code == "too_large"
    assert "limit is 100" in error.value.messages[0]
