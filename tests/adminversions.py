"""The versions an admin page loaded now carries (posttrain.admin_concurrency), for tests that post admin forms."""

from django.contrib import admin


def _stored(obj):
    return admin.site.get_model_admin(type(obj)), type(obj)._base_manager.get(pk=obj.pk)


def loaded_version(obj):
    """What the change form of `obj` carries in its hidden `loaded_version` field."""
    model_admin, stored = _stored(obj)
    return model_admin.edit_version(stored)


def row_version(obj):
    """What the change list row of `obj` (and, for articles, each workflow button) carries."""
    model_admin, stored = _stored(obj)
    return model_admin.row_version(stored)
