"""Which renditions a library image gets, made from its stored original and kept on the default storage.

Safe to run twice, or after a worker died half-way: what exists and is current is kept, what is missing is made,
what belongs to an older file or focal point is deleted. Two runs at once end with one row per spec (the unique
constraint decides) and the loser's file removed.
"""

import hashlib
import logging
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from . import processing
from .models import Image, Rendition

logger = logging.getLogger(__name__)
SOCIAL_SPEC = "social.jpeg"


def version_token(image):
    """Changes whenever the pixels a rendition is cut from change: a new file, or (for crops) a new focal point."""
    fx, fy = image.focal_point
    return hashlib.sha256(f"{image.file.name}|{fx:.4f}|{fy:.4f}".encode()).hexdigest()[:10]


def wanted_specs(image):
    specs = {
        f"{width}.{fmt}": (width, fmt)
        for width in processing.widths_for(image.width)
        for fmt in processing.rendition_formats()
    }
    specs[SOCIAL_SPEC] = (processing.SOCIAL_SIZE[0], "jpeg")
    return specs


def rendition_name(image, spec):
    stem = PurePath(image.file.name).stem[:60]
    size, fmt = spec.split(".")
    return f"images/renditions/{image.pk}/{stem}-{version_token(image)}-{size}.{processing.EXTENSIONS[fmt]}"


def is_current(rendition, image):
    return version_token(image) in PurePath(rendition.file.name).name


def delete_stale(image):
    """Drop renditions made from an older file or focal point, or of a spec no longer wanted; their files go after
    the commit, so a rolled-back change still finds them."""
    wanted = wanted_specs(image)
    stale = [r for r in image.renditions.all() if r.spec not in wanted or not is_current(r, image)]
    if stale:
        Rendition.objects.filter(pk__in=[r.pk for r in stale]).delete()
        names = [r.file.name for r in stale]
        storage = Rendition._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
    return stale


def _store(image, spec, data, fmt, width, height):
    storage = Rendition._meta.get_field("file").storage
    name = storage.save(rendition_name(image, spec), ContentFile(data))
    try:
        with transaction.atomic():
            return Rendition.objects.create(
                image=image, spec=spec, file=name, format=fmt, width=width, height=height
            )
    except IntegrityError:
        # Another run made it first: keep theirs, remove ours.
        storage.delete(name)
        return Rendition.objects.get(image=image, spec=spec)


def make_renditions(image):
    """Make every missing rendition of `image`; returns the specs made."""
    image = Image.objects.filter(pk=image.pk).first()
    if image is None or not image.file:
        return []
    if not image.width or not image.height:
        _measure(image)  # a hero carried over by the migration from a file it could not read then
    delete_stale(image)
    have = set(image.renditions.values_list("spec", flat=True))
    missing = {spec: plan for spec, plan in wanted_specs(image).items() if spec not in have}
    if not missing:
        return []
    made = []
    with image.file.open("rb") as source:
        sizes = [(width, fmt) for spec, (width, fmt) in missing.items() if spec != SOCIAL_SPEC]
        if sizes:
            widths = sorted({width for width, _ in sizes})
            formats = sorted({fmt for _, fmt in sizes})
            for (width, fmt), (data, w, h) in processing.resize_to_width(source, widths, formats).items():
                spec = f"{width}.{fmt}"
                if spec in missing:
                    _store(image, spec, data, fmt, w, h)
                    made.append(spec)
        if SOCIAL_SPEC in missing:
            data, w, h, _box = processing.social_crop(source, image.focal_point)
            _store(image, SOCIAL_SPEC, data, "jpeg", w, h)
            made.append(SOCIAL_SPEC)
    logger.info("Made %d renditions of image %s", len(made), image.pk)
    return made


def _measure(image):
    with image.file.open("rb") as source:
        image.width, image.height = processing.pixel_size(source)
    Image.objects.filter(pk=image.pk).update(width=image.width, height=image.height)


def delete_files_after_commit(images):
    """The stored files of images being deleted (originals and renditions), removed once the deletion commits."""
    storage = Image._meta.get_field("file").storage
    names = [image.file.name for image in images if image.file]
    names += list(Rendition.objects.filter(image__in=images).values_list("file", flat=True))
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def missing_renditions():
    """Images with no rendition yet (a worker that never ran, an import): what the backfill command makes."""
    return Image.objects.filter(renditions__isnull=True)
