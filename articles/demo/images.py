"""Demo pictures, drawn here with Pillow (nothing is downloaded): abstract illustrations in the site's colours, big
enough for every rendition width, each with its alt text, caption, credit, licence and focal point."""

import io
import math
from functools import cache

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from articles.images import processing
from articles.images.tasks import queue_renditions
from articles.models import Image as LibraryImage

SIZE = (1800, 1125)  # wider than the widest rendition, so every width is made
CREDIT = "Illustration: PostTrain demo"
LICENCE = "Generated for the demo content; free to reuse"


def _canvas(top, bottom):
    """A vertical gradient from one colour to another."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(SIZE[1]):
        t = y / (SIZE[1] - 1)
        draw.line([(0, y), (SIZE[0], y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return image, draw


def _stages():
    """Three stacked blocks, rising to the right: pretraining, supervised fine-tuning, preference tuning."""
    image, draw = _canvas((16, 42, 84), (10, 88, 168))
    for i, (height, colour) in enumerate([(380, (250, 204, 21)), (620, (56, 189, 248)), (860, (244, 114, 182))]):
        left = 260 + i * 520
        draw.rounded_rectangle([left, SIZE[1] - 150 - height, left + 400, SIZE[1] - 150], radius=36, fill=colour)
    return image


def _reward_curve():
    """A learning curve climbing towards a ceiling, drawn as thick points."""
    image, draw = _canvas((250, 250, 245), (226, 232, 240))
    draw.line([(180, 1080), (1860, 1080)], fill=(71, 85, 105), width=8)
    draw.line([(180, 1080), (180, 160)], fill=(71, 85, 105), width=8)
    points = [(180 + x * 28, 1080 - 820 * (1 - math.exp(-x / 14))) for x in range(60)]
    draw.line(points, fill=(10, 88, 168), width=14, joint="curve")
    for x, y in points[::6]:
        draw.ellipse([x - 18, y - 18, x + 18, y + 18], fill=(234, 88, 12))
    return image


def _recovery():
    """A heart-rate trace over a track-coloured ground: the sports-science vertical."""
    image, draw = _canvas((5, 46, 22), (22, 101, 52))
    draw.rectangle([0, 820, SIZE[0], SIZE[1]], fill=(194, 65, 12))
    for lane in range(6):
        draw.line([(0, 860 + lane * 64), (SIZE[0], 860 + lane * 64)], fill=(255, 255, 255), width=6)
    trace, x = [], 0
    while x < SIZE[0]:
        trace += [(x, 480), (x + 90, 480), (x + 120, 300), (x + 150, 640), (x + 180, 480)]
        x += 330
    draw.line(trace, fill=(254, 240, 138), width=16)
    return image


def _checklist():
    """A page of ticked boxes: documentation and audits."""
    image, draw = _canvas((241, 245, 249), (203, 213, 225))
    draw.rounded_rectangle([560, 120, 1440, 1130], radius=28, fill=(255, 255, 255), outline=(100, 116, 139), width=6)
    for row in range(6):
        y = 230 + row * 150
        draw.rectangle([640, y, 720, y + 80], outline=(15, 23, 42), width=8)
        if row < 4:
            draw.line([(652, y + 40), (680, y + 68), (712, y + 10)], fill=(22, 163, 74), width=14)
        draw.rounded_rectangle([780, y + 20, 1340 - row * 40, y + 60], radius=16, fill=(148, 163, 184))
    return image


IMAGES = {
    "stages": {
        "title": "Three stages of post-training (illustration)",
        "alt": "Three coloured blocks rising from left to right on a blue background, each taller than the last.",
        "caption": "Pretraining, supervised fine-tuning, preference tuning: each stage builds on the one before.",
        "focal": (0.5, 0.55),
        "draw": _stages,
    },
    "reward-curve": {
        "title": "Reward curve (illustration)",
        "alt": "A blue curve with orange points climbing steeply and then levelling off below a ceiling.",
        "caption": "Reward climbs fast, then flattens: where most of a training run's compute goes.",
        "focal": (0.3, 0.35),
        "draw": _reward_curve,
    },
    "recovery": {
        "title": "Recovery trace over a running track (illustration)",
        "alt": "A yellow heart-rate trace with regular spikes above the white lanes of a red running track.",
        "caption": "",
        "focal": (0.5, 0.4),
        "draw": _recovery,
    },
    "checklist": {
        "title": "Audit checklist (illustration)",
        "alt": "A white page with six boxes, four of them ticked in green, beside grey lines of text.",
        "caption": "",
        "focal": (0.5, 0.3),
        "draw": _checklist,
    },
}

# Which demo article shows which picture as its hero, and the one that carries a figure in its body.
HEROES = {
    "what-post-training-means": "stages",
    "three-stages-of-post-training": "stages",
    "rlvr-grpo-dapo": "reward-curve",
    "eu-ai-act-post-training": "checklist",
    "kirkpatrick-model-training-evaluation": "checklist",
    "sports-recovery-monitoring": "recovery",
}
FIGURES = {"rlhf-foundation": "reward-curve"}


@cache
def picture_bytes(key):
    """The picture as a JPEG, as a camera or a designer would hand it in (drawn once per process)."""
    buffer = io.BytesIO()
    IMAGES[key]["draw"]().save(buffer, format="JPEG", quality=92)
    return buffer.getvalue()


def load_images(summary):
    """The demo pictures in the library (looked up by title, never updated); renditions are made after commit."""
    pictures = {}
    for key, data in IMAGES.items():
        image = LibraryImage.objects.filter(title=data["title"]).first()
        summary.count("images", image is None)
        if image is None:
            image = LibraryImage(
                title=data["title"], alt=data["alt"], caption=data["caption"], credit=CREDIT, licence=LICENCE,
                focal_x=data["focal"][0], focal_y=data["focal"][1],
            )
            image.set_file(processing.clean_upload(ContentFile(picture_bytes(key), name=f"demo-{key}.jpg")))
            image.save()
            image.tags.add("demo", "illustration")
            queue_renditions(image)
        pictures[key] = image
    return pictures


def with_figure(body, image):
    """The body with the image as a figure after its opening section, where a reader first needs the picture; the
    figure refers to the library image by its stored file, as the editor's figures do."""
    figure = (
        f'<figure><img src="{image.file.url}" alt="{image.alt}">'
        f"<figcaption>{image.caption or image.title}</figcaption></figure>"
    )
    position = body.find("<h2", 1)
    return body + figure if position < 0 else body[:position] + figure + body[position:]
