"""schema.org structured data the public pages share, and the one way to put a block of it into a page."""

import json

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .web import absolute_url

CONTEXT = "https://schema.org"
PUBLISHER_NAME = "PostTrain"
SOCIAL_CARD = "img/social-card.png"
# Inside <script>, "</script>" or "<!--" in a string would end or change the block: escape the characters.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def publisher():
    """The publication as an Organization: the author of record and the publisher of every page."""
    return {
        "@type": "Organization",
        "name": PUBLISHER_NAME,
        "url": absolute_url("/"),  # the site itself
        "logo": {"@type": "ImageObject", "url": absolute_url(static(SOCIAL_CARD))},
    }


def breadcrumbs(crumbs):
    """crumbs: [(name, path)] from the home page down to the current page."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": absolute_url(path)}
            for i, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def script(data):
    """A <script type="application/ld+json"> block: data, not script, so CSP lets it be and crawlers read it."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
