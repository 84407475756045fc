"""Template filters every public page uses: `{% load web %}`, then `path|absolute` and `data|jsonld`."""

from django import template

from posttrain import jsonld as structured_data
from posttrain.web import absolute_url

register = template.Library()


@register.filter
def absolute(path):
    """SITE_URL + path, for canonical links, Open Graph and structured data."""
    return absolute_url(path)


@register.filter
def jsonld(data):
    return structured_data.script(data)
