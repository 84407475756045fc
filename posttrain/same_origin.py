"""A form that anyone may send, checked by where the browser says it came from instead of a per-reader token.

Django's CSRF token must be written into the page, which makes every anonymous page different and uncacheable by
a shared cache. A form with no account behind it (the newsletter signup) can do without it: browsers state the
origin of every cross-origin POST in ``Origin`` and, since 2020-2023, in ``Sec-Fetch-Site``; a script on another
site cannot remove or forge either. SECURITY.md gives the reasoning.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

# Sec-Fetch-Site values a form on this site can send: the page's own origin, or a form the reader opened directly.
_SAME_SITE_FETCH = {"same-origin", "none"}


def _origin_of(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def _trusted_origins(request):
    own = f"{request.scheme}://{request.get_host()}".lower()
    return {own, *(origin.lower() for origin in settings.CSRF_TRUSTED_ORIGINS)}


def cross_site_reason(request):
    """Why this POST must be refused as coming from another site, or None if it may go on.

    A browser tells us in Sec-Fetch-Site, else in Origin, else (older browsers) in Referer. A request with none of
    them comes from a program, not from a reader's browser another site could steer, and may go on.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        if fetch_site.lower() in _SAME_SITE_FETCH:
            return None
        return f"the browser says the form was sent from another site (Sec-Fetch-Site: {fetch_site[:40]})"
    origin = request.headers.get("Origin")
    if origin is not None:
        if origin.lower() in _trusted_origins(request):
            return None
        return f"the form was sent from {origin[:100]}, not from this site"
    referer = request.headers.get("Referer")
    if referer is not None and _origin_of(referer) not in _trusted_origins(request):
        return "the form was sent from a page on another site"
    return None


def same_origin_post(view):
    """The view takes POSTs without Django's CSRF token, refusing with a clear 403 page those sent from another site."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            reason = cross_site_reason(request)
            if reason is not None:
                return render(request, "cross_site.html", {"reason": reason}, status=403)
        return view(request, *args, **kwargs)

    return wrapper
