"""Admin views about the admin itself, the same for every registered model (this module knows no app)."""

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404


def view_on_site(request, content_type_id, object_id):
    """The admin's "View on site" redirect, only for an object the user may view in the admin and that the admin
    offers to show on the site.

    Django's own view redirects any staff user to the public address of any object, so a writer could learn the slug
    of someone else's draft; here everything else is a 404, asked of the object's own ModelAdmin (its queryset and
    has_view_permission), so every model keeps its own rules.
    """
    try:
        model = ContentType.objects.get(pk=content_type_id).model_class()
        model_admin = admin.site.get_model_admin(model) if model else None
    except (ContentType.DoesNotExist, ValueError, ValidationError, NotRegistered):
        model_admin = None
    obj = model_admin.get_object(request, unquote(object_id)) if model_admin else None
    if obj is None or not model_admin.has_view_permission(request, obj) or not model_admin.get_view_on_site_url(obj):
        raise Http404("Nothing to view on the site here.")
    return shortcut(request, content_type_id, object_id)
