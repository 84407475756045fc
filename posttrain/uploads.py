"""Uploaded images are checked by what they contain, not by what they are called."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

# Raster formats browsers show; SVG is not among them because it can carry script.
ALLOWED_IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
ALLOWED_IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]


def validate_image_upload(file):
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            f"This image is {filesizeformat(file.size)}; the limit is {filesizeformat(limit)}.", code="too_large"
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "This file is not an image we accept. Upload a JPEG, PNG, WebP or GIF.", code="not_an_image"
        ) from exc
    finally:
        file.seek(position)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            f"{image_format} images are not accepted. Upload a JPEG, PNG, WebP or GIF.", code="format"
        )
