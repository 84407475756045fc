"""Uploaded images are checked by what they contain, not by what they are called, and by how many pixels they
would become: a small file can decode into gigabytes (a decompression bomb)."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError, features

# Raster formats browsers show; SVG is not among them because it can carry script.
ALLOWED_IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"} | (
    {"AVIF": "AVIF"} if features.check("avif") else {}
)
ALLOWED_IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"] + (["avif"] if features.check("avif") else [])
_NAMES = list(ALLOWED_IMAGE_FORMATS.values())
ACCEPTED = ", ".join(_NAMES[:-1]) + " or " + _NAMES[-1]


def _too_many_pixels(width, height):
    limit = settings.IMAGE_UPLOAD_MAX_PIXELS
    return ValidationError(
        f"This image is {width}×{height} pixels ({width * height / 1e6:.1f} megapixels); the limit is "
        f"{limit / 1e6:.1f} megapixels. Scale it down and upload it again.",
        code="too_many_pixels",
    )


def validate_image_upload(file):
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            f"This image is {filesizeformat(file.size)}; the limit is {filesizeformat(limit)}.", code="too_large"
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        # Pillow reads only the header here; its own bomb check raises before any pixel is decoded.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
                    raise _too_many_pixels(width, height)
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            "This image would decode into far more pixels than we accept (a decompression bomb); it was refused.",
            code="too_many_pixels",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            f"This file is not an image we accept. Upload a {ACCEPTED}.",
            code="not_an_image",
        ) from exc
    finally:
        file.seek(position)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(f"{image_format} images are not accepted. Upload a {ACCEPTED}.", code="format")


def storage_base_url():
    """Where every URL of the default storage starts (local "/media/", or the bucket's address on S3): asks the
    storage to spell a name, without touching it."""
    probe = "__base__"
    url = default_storage.url(probe)
    return url[: url.index(probe)]
