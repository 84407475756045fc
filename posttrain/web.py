"""What every app's public views share: absolute addresses, pages of a list, and answering an address that moved."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect

from .cache import cached_by_generation

PER_PAGE = 20
# Deeper pages than this are answered as this one: an OFFSET of millions costs the database for nothing.
MAX_PAGE = 10_000
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


def absolute_url(path):
    """SITE_URL + path, for canonical links, feeds, e-mails and structured data. An absolute URL stays as it is
    (an upload on S3-compatible storage already has one)."""
    path = str(path or "")
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


def absolute_links(html):
    """Root-relative links and images in HTML made absolute, for readers that resolve nothing (feed readers)."""
    return _ROOT_RELATIVE.sub(lambda m: f"{m.group(1)}{settings.SITE_URL}/", html or "")


@dataclass
class SimplePage:
    """One page of a list without a COUNT query: we fetch one row more than we show to know if there is a next."""

    items: list
    number: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def has_other_pages(self):
        return self.has_next or self.has_previous


def page_number(request):
    """The page ?page= asks for: nonsense is page 1, and no page is beyond MAX_PAGE."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    return min(max(number, 1), MAX_PAGE)


def cached_page_of(name, queryset, request, per_page=PER_PAGE):
    """page_of(), made once per content generation: `name` says which list it is (``vertical-3``, ``tag-rlhf``)."""
    key = f"list:{name}:{per_page}:{page_number(request)}"
    return cached_by_generation(key, lambda: page_of(queryset, request, per_page))


def page_of(queryset, request, per_page=PER_PAGE):
    """The page of the queryset that ?page= asks for; a page past the end is a 404, nonsense is page 1."""
    number = page_number(request)
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    if number > 1 and not rows:
        raise Http404("No such page.")
    return SimplePage(items=rows[:per_page], number=number, has_next=len(rows) > per_page)


def redirect_or_404(target, visible=None):
    """A 301 to the current address of the object an old address named, if readers may see it; else a 404.

    ``target`` is that object or None; ``visible``, if given, is the queryset of what readers may see.
    """
    if target is not None and (visible is None or visible.filter(pk=target.pk).exists()):
        return HttpResponsePermanentRedirect(target.get_absolute_url())
    raise Http404("No such page here.")
