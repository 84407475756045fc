"""Images made on the spot for the library's tests: photos with EXIF orientation and GPS, bombs, SVG."""

import io

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from articles.models import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo_bytes(size=(1200, 800), image_format="JPEG", color=(200, 60, 30), orientation=None, gps=False, **save):
    """A picture whose left half is red and right half blue, so a test can tell which way up it came out."""
    image = PILImage.new("RGB", size, color)
    image.paste((30, 60, 200), (size[0] // 2, 0, size[0], size[1]))
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (52.0, 22.0, 5.0), 3: "E", 4: (4.0, 53.0, 42.0)}
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, exif=exif, **save)
    return buffer.getvalue()


def upload(data=None, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data if data is not None else photo_bytes(), content_type=content_type)


def bomb_png(width=30_000, height=30_000):
    """A PNG that is small on disk and would decode into width×height pixels: only its header is real."""
    import struct
    import zlib

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width * 3 + 1) * 4)  # a few rows; the decoder never gets that far
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def exif_of(data):
    with PILImage.open(io.BytesIO(data)) as image:
        return dict(image.getexif()), image.info.get("exif"), image.size


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Library image {n}")
    alt = "A red and blue test card"
    file = factory.LazyAttribute(lambda o: ContentFile(photo_bytes(o.size), name="photo.jpg"))
    width = factory.LazyAttribute(lambda o: o.size[0])
    height = factory.LazyAttribute(lambda o: o.size[1])

    class Params:
        size = (1200, 800)
