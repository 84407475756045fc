"""What pages show of library images, from rows alone: every URL and dimension comes from the Image and Rendition
rows (prefetched), so rendering opens no file and asks the storage nothing but how to spell a URL.
"""

import html
import re
from urllib.parse import unquote

from django.core.cache import cache
from django.template.loader import render_to_string

from posttrain.uploads import storage_base_url

from . import processing, tasks
from .models import Image
from .renditions import SOCIAL_SPEC, is_current

# The article column is 46rem wide; below that the image spans the viewport (less the page's padding).
ARTICLE_SIZES = "(min-width: 50rem) 46rem, calc(100vw - 2rem)"
# The <img> src for browsers that ignore srcset: the width nearest to this.
FALLBACK_WIDTH = 960
_IMG = re.compile(r"<img\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.I)
_SRC = re.compile(r"""\ssrc=(?:"([^"]*)"|'([^']*)')""", re.I)
_ALT = re.compile(r"""\salt=(?:"([^"]*)"|'([^']*)')""", re.I)


def _current_renditions(image):
    return [r for r in image.renditions.all() if is_current(r, image)]


def _ask_for_renditions(image):
    """Renditions are missing (a new upload whose task has not run yet, a lost queue): ask again, at most once a
    minute per image, and show the original meanwhile."""
    if cache.add(f"image-renditions-asked:{image.pk}", True, timeout=60):
        tasks.queue_renditions(image)


def picture(image, *, sizes=ARTICLE_SIZES, priority=False):
    """Everything templates/includes/picture.html needs, or None without an image."""
    if image is None or not image.file:
        return None
    renditions = [r for r in _current_renditions(image) if r.spec != SOCIAL_SPEC]
    by_format = {}
    for rendition in sorted(renditions, key=lambda r: r.width):
        by_format.setdefault(rendition.format, []).append(rendition)
    jpegs = by_format.pop("jpeg", [])
    if not jpegs:
        _ask_for_renditions(image)
        src, srcset = image.file.url, ""
    else:
        src = min(jpegs, key=lambda r: abs(r.width - FALLBACK_WIDTH)).url
        srcset = ", ".join(f"{r.url} {r.width}w" for r in jpegs)
    sources = [
        {"type": processing.MIME_TYPES[fmt], "srcset": ", ".join(f"{r.url} {r.width}w" for r in items)}
        for fmt, items in sorted(by_format.items(), key=lambda item: _format_rank(item[0]))
    ]
    return {
        "image": image,
        "src": src,
        "srcset": srcset,
        "sources": sources if jpegs else [],
        "sizes": sizes,
        # The original's proportions: the browser reserves the space before a byte arrives, so nothing shifts.
        "width": image.width,
        "height": image.height,
        "alt": image.alt,
        "priority": priority,
    }


def _format_rank(fmt):
    order = processing.rendition_formats()
    return order.index(fmt) if fmt in order else len(order)


def social_card(image):
    """The 1200×630 crop for og:image and twitter:image, or None while it is not made yet."""
    if image is None:
        return None
    for rendition in _current_renditions(image):
        if rendition.spec == SOCIAL_SPEC:
            return rendition
    if image.file:
        _ask_for_renditions(image)
    return None


def jsonld_images(image, absolute):
    """schema.org ImageObjects for an article's image: the social crop, then every JPEG and WebP rendition."""
    if image is None:
        return []
    renditions = sorted(_current_renditions(image), key=lambda r: (r.spec != SOCIAL_SPEC, r.format, r.width))
    return [
        {"@type": "ImageObject", "url": absolute(r.url), "width": r.width, "height": r.height}
        for r in renditions
        if r.format in ("jpeg", "webp")
    ]


# --- Figures in a body ----------------------------------------------------------------------------------------
def storage_name(src):
    """The storage name an <img src> refers to, if it points into our storage; else None."""
    base = storage_base_url()
    if not src or not base or not src.startswith(base):
        return None
    return unquote(src[len(base):]) or None


def _attr(pattern, tag):
    match = pattern.search(tag)
    return html.unescape(match.group(1) or match.group(2) or "") if match else ""


def img_attributes(tag):
    """(src, alt, storage name or None) of one <img> tag."""
    src = _attr(_SRC, tag)
    return src, _attr(_ALT, tag), storage_name(src)


def body_img_tags(body):
    return _IMG.findall(body or "")


def body_image_names(body):
    return [name for name in (img_attributes(tag)[2] for tag in body_img_tags(body)) if name]


def library_images_in(body):
    """{storage name: Image} for the library images a body shows, renditions prefetched (no query without any)."""
    names = body_image_names(body)
    if not names:
        return {}
    images = Image.objects.filter(file__in=names).prefetch_related("renditions")
    return {image.file.name: image for image in images}


def render_figures(body, images=None):
    """The body with every library image replaced by the same responsive <picture> a hero gets (lazy-loaded).

    Images of the storage that are not (or no longer) in the library keep their plain <img>.
    """
    if images is None:
        images = library_images_in(body)
    if not images:
        return body

    def replace(match):
        tag = match.group(0)
        _src, alt, name = img_attributes(tag)
        image = images.get(name)
        if image is None:
            return tag
        data = picture(image)
        data["alt"] = data["alt"] or alt
        return render_to_string("includes/picture.html", {"picture": data}).strip()

    return _IMG.sub(replace, body)
