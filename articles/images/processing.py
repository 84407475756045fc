"""Pixels in, pixels out: the upload check and clean-up, resizing and cropping. Willow (Wagtail's image library,
on Pillow) does the orienting, colour conversion, resizing, cropping and encoding; this module only decides what
to ask of it. Nothing here touches the database or the storage.
"""

import contextlib
import io
import math
import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageCms, features
from willow.image import Image as WillowImage
from willow.plugins.pillow import PillowImage

from posttrain.slugs import slug_for
from posttrain.uploads import validate_image_upload

# What the library accepts: browsers show them all, and none can carry script (SVG can: it is refused).
LIBRARY_FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"} | ({"AVIF": "avif"} if features.check("avif") else {})
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "avif": "avif"}
MIME_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "avif": "image/avif"}
SOCIAL_SIZE = (1200, 630)


def library_formats_label():
    return ", ".join(name if name != "WEBP" else "WebP" for name in LIBRARY_FORMATS)


def check_upload(file):
    """Refuse what is not a library image, with a message the editor can act on: by content, bytes and pixels."""
    validate_image_upload(file)  # bytes, "is it a raster image at all", pixel count, decompression bombs
    file.seek(0)
    with PILImage.open(file) as image:
        image_format = image.format
    file.seek(0)
    if image_format not in LIBRARY_FORMATS:
        raise ValidationError(
            f"{image_format} images are not accepted in the library. Upload {library_formats_label()}.",
            code="format",
        )
    return LIBRARY_FORMATS[image_format]


def _open_clean(file):
    """The image upright, in sRGB, as a Willow image whose Pillow image carries no metadata at all."""
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        willow = WillowImage.open(file).auto_orient()
        # A broken ICC profile: the pixels are still usable, read as sRGB.
        with contextlib.suppress(ImageCms.PyCMSError, OSError):
            willow = willow.transform_colorspace_to_srgb()
        pillow = willow.get_pillow_image()
    if pillow.mode not in ("RGB", "RGBA"):
        pillow = pillow.convert("RGBA" if "A" in pillow.getbands() or "transparency" in pillow.info else "RGB")
    # EXIF (camera, GPS), XMP and comments travel in .info; a fresh copy without it is written without them.
    stripped = pillow.copy()
    stripped.info = {}
    return PillowImage(stripped)


def _encode(willow, fmt, quality=None):
    buffer = io.BytesIO()
    if fmt == "jpeg":
        willow.set_background_color_rgb((255, 255, 255)).save_as_jpeg(
            buffer, quality=quality or settings.IMAGE_JPEG_QUALITY, progressive=True, apply_optimizers=False
        )
    elif fmt == "webp":
        willow.save_as_webp(buffer, quality=quality or settings.IMAGE_WEBP_QUALITY, apply_optimizers=False)
    elif fmt == "avif":
        willow.save_as_avif(buffer, quality=quality or settings.IMAGE_AVIF_QUALITY, apply_optimizers=False)
    else:
        willow.save_as_png(buffer, optimize=True, apply_optimizers=False)
    return buffer.getvalue()


def clean_upload(file):
    """A new file with the same picture, upright, in sRGB, without EXIF/GPS, in the format it came in.

    The original is never stored as uploaded: what a phone wrote into it (where it was taken) must not reach readers.
    """
    fmt = check_upload(file)
    try:
        willow = _open_clean(file)
        data = _encode(willow, fmt, quality=95 if fmt in ("jpeg", "webp") else None)
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombWarning) as exc:
        # The header was fine but the pixels are not (a truncated or corrupt file): say so, never a 500.
        raise ValidationError(
            "This image is damaged or incomplete and cannot be read. Export it again and upload the new file.",
            code="damaged",
        ) from exc
    # An ASCII name: the URL in a body is then the stored name itself, with nothing percent-encoded to match.
    stem = slug_for(PurePath(getattr(file, "name", "") or "image").stem, max_length=80, fallback="image")
    return ContentFile(data, name=f"{stem}.{EXTENSIONS[fmt]}")


def pixel_size(file):
    """(width, height) from the image's header."""
    position = file.tell()
    file.seek(0)
    try:
        with PILImage.open(file) as image:
            return image.size
    finally:
        file.seek(position)


def widths_for(original_width):
    """The rendition widths for an image: the configured ones narrower than it, and its own width if it is narrower
    than the widest (never an upscale)."""
    widths = [width for width in settings.IMAGE_RENDITION_WIDTHS if width < original_width]
    if original_width <= max(settings.IMAGE_RENDITION_WIDTHS):
        widths.append(original_width)
    return sorted(set(widths))


def rendition_formats():
    return [fmt for fmt in settings.IMAGE_RENDITION_FORMATS if fmt in LIBRARY_FORMATS.values() or fmt == "jpeg"]


def resize_to_width(file, widths, formats):
    """{(width, format): (bytes, width, height)} for every width and format, from one decode of the source."""
    source = _open_clean(file)
    source_width, source_height = source.get_size()
    made = {}
    for width in widths:
        height = max(1, round(source_height * width / source_width))
        resized = source if width == source_width else source.resize((width, height))
        for fmt in formats:
            made[(width, fmt)] = (_encode(resized, fmt), width, height)
    return made


def crop_box(size, focal_point, target=SOCIAL_SIZE):
    """The largest box of the target's shape inside the image, centred on the focal point as far as the edges allow.

    The focal point is always inside the box: the box spans the image's full width or full height, and along the
    other axis it is shifted only as far as the image's edge.
    """
    width, height = size
    ratio = target[0] / target[1]
    box_width, box_height = (width, width / ratio) if width / height <= ratio else (height * ratio, height)
    box_width = max(1, min(width, math.floor(box_width)))
    box_height = max(1, min(height, math.floor(box_height)))
    fx, fy = focal_point[0] * width, focal_point[1] * height
    left = min(max(0, round(fx - box_width / 2)), width - box_width)
    top = min(max(0, round(fy - box_height / 2)), height - box_height)
    return (left, top, left + box_width, top + box_height)


def social_crop(file, focal_point):
    """The 1200×630 JPEG for og:image and twitter:image, cut around the focal point (scaled up if the source is
    smaller: social sites refuse small cards)."""
    source = _open_clean(file)
    box = crop_box(source.get_size(), focal_point)
    cropped = source.crop(box).resize(SOCIAL_SIZE)
    return _encode(cropped, "jpeg"), SOCIAL_SIZE[0], SOCIAL_SIZE[1], box
