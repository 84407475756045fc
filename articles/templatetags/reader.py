"""Presentation helpers for the reader templates: absolute URLs and JSON-LD blocks."""

import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def absolute(path):
    """SITE_URL + path, for canonical links, Open Graph and structured data."""
    path = str(path or "")
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


@register.filter
def jsonld(data):
    """A <script type="application/ld+json"> block: data, not script, so CSP lets it be and crawlers read it."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
