import base64
import hashlib
import re

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.cache import patch_cache_control

IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class AdminImportMapCSPMiddleware:
    """Allow the prose editor's inline import map in the admin by its hash, so no 'unsafe-inline' is needed.

    django-prose-editor renders `<script type="importmap">` inline and offers no nonce hook in the admin's
    `{{ media }}`; a hash of the exact content allows that one block and nothing else. Must sit after
    CSPMiddleware in MIDDLEWARE so it runs before the policy header is built.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/admin/")
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            hashes = [
                f"'sha256-{base64.b64encode(hashlib.sha256(block).digest()).decode()}'"
                for block in IMPORT_MAP.findall(response.content)
            ]
            if hashes:
                response._csp_update = {"script-src": hashes}
        return response


class AdminQueryNulMiddleware:
    """A NUL in an admin address (its search box, say) is a 400: PostgreSQL refuses NUL in a query, which was a 500.

    Public pages clean their own parameters (search strips control characters), so only the admin is guarded here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest("A NUL character is not allowed in the address.\n", content_type="text/plain")
        return self.get_response(request)


class SharedCacheSafetyMiddleware:
    """No shared cache (Varnish, a CDN) may keep a page by accident: Django decides, page by page.

    A response that says nothing (a 404 raised in a view, a redirect) is ``max-age=0``, or ``private, no-store``
    for a request with a session (a signed-in user); one that sets a cookie is never public, whatever the view
    said. Public pages say ``public, s-maxage=…`` themselves (posttrain.cache.cache_public_page). Sits inside
    whitenoise, whose static files keep their year-long public headers, and outside the session and CSRF
    middleware, whose cookies it sees.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies and "public" in response.get("Cache-Control", ""):
            response.headers.pop("Cache-Control")
        if "Cache-Control" not in response:
            # The session cookie, not request.user: loading the user could need the database, which may be down.
            if response.cookies or settings.SESSION_COOKIE_NAME in request.COOKIES:
                patch_cache_control(response, private=True, no_store=True)
            else:
                patch_cache_control(response, max_age=0, must_revalidate=True)
        return response
