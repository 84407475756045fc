import base64
import hashlib
import re

from django.conf import settings
from django.http import HttpResponseBadRequest

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
