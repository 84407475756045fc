"""Django's own page cache, answered before the rest of the middleware stack runs.

For deployments without a caching proxy. ``PageCacheMiddleware`` sits at the top of ``MIDDLEWARE``: an anonymous
GET or HEAD (no session cookie, no pending flash message) whose page is in the cache (posttrain/cache.py, keyed by
the content generation) is answered here, as stored: the same bytes for every reader, no cookie, the ETag, the 304
for a matching ``If-None-Match``, and the headers the full stack gave the page when it was made (content keys,
security headers, Vary), with Cache-Control counted afresh so it never reaches past the next publication. Everything
else (a miss, a signed-in editor, a POST) goes down the stack as usual; on the way back this middleware stores the
page a ``cache_public_page`` view produced, with the finished headers, so the next hit carries exactly what a fresh
page carries.

A signed-in reader or editor always has a session cookie, so never gets a page from here; the view's decorator
checks the user as well and never caches a page made for a signed-in user.
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from . import cache as page_cache


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Cookies that make a request personal: its answer may differ from the shared page.
        self.personal_cookies = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}

    def __call__(self, request):
        response = self.answer_from_cache(request)
        if response is not None:
            return response
        response = self.get_response(request)
        page_cache.store_finished_page(request, response)
        return response

    def answer_from_cache(self, request):
        if request.method not in ("GET", "HEAD") or not self.personal_cookies.isdisjoint(request.COOKIES):
            return None
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return None  # SecurityMiddleware redirects it to HTTPS
        try:
            request.get_host()
        except DisallowedHost:
            return None  # the stack answers 400
        entry = page_cache.cached_page(request)
        if entry is None:
            return None
        response = page_cache.response_from_entry(request, entry)
        # As ConditionalGetMiddleware would: 304 for a matching If-None-Match or an unchanged If-Modified-Since.
        last_modified = response.get("Last-Modified")
        response = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=last_modified and parse_http_date_safe(last_modified),
            response=response,
        )
        if response.status_code == 200:
            response["Content-Length"] = str(len(response.content))
        return response
