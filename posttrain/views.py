import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

DATABASE_DOWN = (OperationalError, InterfaceError)


@requires_csrf_token
def server_error(request):
    """A database that does not answer is a 503 with a friendly page, never a traceback; the rest is a 500."""
    exc = sys.exc_info()[1]
    if isinstance(exc, DATABASE_DOWN):
        # Rendered without a request context: the context processors would ask the database again.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return defaults.server_error(request)
