"""No lost updates in the admin: a save, step or action made from a stale page is refused, never applied silently.

A change form carries, in a hidden field, the version of what it shows: a fingerprint of the stored row, its
many-to-many values and its inline rows at the moment the page was loaded. The save is checked inside the admin's
transaction, with the row locked (SELECT … FOR UPDATE), against the version stored then. If someone changed the
object meanwhile, the form comes back (409) with the user's input, an error saying who changed it and when, and the
current version in the hidden field: saving again is then a deliberate choice to replace their change.

The change list carries one version per row (next to its checkbox); an action on a selected row that changed since
the list was loaded is refused as a whole, the same way. Rows the page did not show (select all across pages) and
pages Django renders itself between list and action (the delete confirmation) are taken as they are now.

Any app's ModelAdmin takes part by inheriting ConcurrentEditMixin first. Custom views that change a row check a
posted version with `refusal(...)` inside their own transaction (ArticleAdmin's workflow buttons do).
"""

import hashlib
import json
from functools import cache, wraps

from django import forms
from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import router, transaction
from django.forms.models import _get_foreign_key
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.timezone import template_localtime
from reversion import is_registered
from reversion.models import Version

VERSION_FIELD = "loaded_version"  # in change forms and on workflow pages
ROW_VERSION_PREFIX = "loaded_version-"  # in the change list, one per row: loaded_version-<pk>
STALE = "stale"  # the error code of a refused save


def fingerprint(*parts):
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()[:32]


def row_state(obj, exclude=()):
    """The stored columns of `obj`, as text, in a fixed order."""
    return [
        (field.attname, field.value_to_string(obj))
        for field in obj._meta.concrete_fields
        if field.name not in exclude
    ]


class ConcurrentEditMixin:
    """Put first among a ModelAdmin's bases: `class VerticalAdmin(ConcurrentEditMixin, admin.ModelAdmin)`."""

    # Columns derived from the others after a save (a search vector, say): they do not make another version.
    version_exclude = ()

    # Versions ---------------------------------------------------------------------------------------------------

    def row_version(self, obj):
        """The version of the row alone: what the change list and single-row buttons carry."""
        return fingerprint(row_state(obj, self.version_exclude))

    def edit_version(self, obj):
        """The version of everything the change form edits: the row, its many-to-many values and inline rows."""
        parts = [row_state(obj, self.version_exclude)]
        for field in obj._meta.many_to_many:
            parts.append(sorted(related.pk for related in field.value_from_object(obj)))
        for inline in self.inlines:
            foreign_key = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
            rows = inline.model._base_manager.filter(**{foreign_key.name: obj.pk}).order_by("pk")
            parts.append([row_state(row) for row in rows])
        return fingerprint(parts)

    # Who changed it ---------------------------------------------------------------------------------------------

    def change_records(self, obj):
        """(when, who) of the recorded changes of `obj`: the admin log and django-reversion; apps may add theirs."""
        records = []
        entry = (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
                action_flag__in=[ADDITION, CHANGE],
            )
            .select_related("user")
            .order_by("-action_time")
            .first()
        )
        if entry:
            records.append((entry.action_time, entry.user))
        if is_registered(type(obj)):
            version = Version.objects.get_for_object(obj).select_related("revision__user").first()
            if version:
                records.append((version.revision.date_created, version.revision.user))
        return records

    def last_change(self, obj):
        """'alice on 2026-09-01 10:03', as well as the records tell."""
        records = self.change_records(obj)
        if not records:
            return "someone (not recorded who or when)"
        when, who = max(records, key=lambda record: record[0])
        return f"{who or 'someone'} on {localize(template_localtime(when))}"

    def conflict_links(self, request, obj):
        """HTML put after the refusal: where to see what changed (the revision comparison, for articles)."""
        return ""

    def refusal(self, request, obj, posted_version, current_version, *, what="saved"):
        """The message refusing a change made from a stale copy, or None if the copy is current."""
        if posted_version == current_version:
            return None
        if not posted_version:
            reason = format_html(
                "The page did not say which version of “{}” it was loaded from, so nothing was {}.", obj, what
            )
        else:
            by = self.last_change(obj)
            reason = format_html("“{}” was changed by {} after you loaded this page; nothing was {}.", obj, by, what)
        return format_html("{} {}", reason, self.conflict_links(request, obj))

    # The change form --------------------------------------------------------------------------------------------

    def _guards(self, request, obj):
        return obj is not None and self.has_change_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST" or object_id is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with transaction.atomic(using=router.db_for_write(self.model)):
            self._lock(object_id)
            response = super().changeform_view(request, object_id, form_url, extra_context)
        form = getattr(response, "context_data", {}).get("adminform")
        if form is not None and form.form.has_error(NON_FIELD_ERRORS, code=STALE):
            response.status_code = 409
        return response

    def _lock(self, object_id):
        """Hold the row until the save commits, so that the version checked is the version overwritten."""
        try:
            rows = self.model._base_manager.select_for_update().filter(pk=unquote(object_id))
            list(rows.values_list("pk", flat=True))
        except (ValueError, ValidationError):
            pass  # not an id: the change view answers 404

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self._guards(request, obj):
            kwargs["form"] = self._versioned_form(request, obj, kwargs.get("form", self.form))
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._guards(request, obj) or VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]

    def _versioned_form(self, request, obj, base):
        stored_version = cache(lambda: self.edit_version(obj))
        model_admin = self

        class VersionedForm(base):
            loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if not self.is_bound:
                    self.initial[VERSION_FIELD] = stored_version()

            def clean(self):
                cleaned_data = super().clean()
                name = self.add_prefix(VERSION_FIELD)
                refused = model_admin.refusal(request, obj, self.data.get(name), stored_version())
                if refused:
                    # The form comes back carrying the current version: saving it again is then deliberate.
                    self.data = self.data.copy()
                    self.data[name] = stored_version()
                    message = format_html(
                        "{} Your input is still below: saving it again stores it as it stands, in place of what is"
                        " there now.",
                        refused,
                    )
                    raise ValidationError(message, code=STALE)
                return cleaned_data

        return VersionedForm

    # The change list and its actions ----------------------------------------------------------------------------

    def action_checkbox(self, obj):
        version = format_html(
            '<input type="hidden" name="{}{}" value="{}">', ROW_VERSION_PREFIX, obj.pk, self.row_version(obj)
        )
        return format_html("{}{}", super().action_checkbox(obj), version)

    def get_actions(self, request):
        return {
            name: (self._on_current_rows(function), name, description)
            for name, (function, name, description) in super().get_actions(request).items()
        }

    def _on_current_rows(self, action):
        @wraps(action)
        def guarded(model_admin, request, queryset):
            with transaction.atomic(using=router.db_for_write(model_admin.model)):
                refused = model_admin.stale_rows(request, queryset)
                if refused:
                    messages.error(request, refused)
                    return None
                return action(model_admin, request, queryset)

        return guarded

    def posted_row_versions(self, request):
        return {
            key.removeprefix(ROW_VERSION_PREFIX): value
            for key, value in request.POST.items()
            if key.startswith(ROW_VERSION_PREFIX)
        }

    def stale_rows(self, request, queryset):
        """Lock the selected rows the page showed; the refusal for those that changed since, or None."""
        posted = self.posted_row_versions(request)
        shown = [pk for pk in queryset.values_list("pk", flat=True) if str(pk) in posted]
        locked = self.model._base_manager.select_for_update().filter(pk__in=shown).order_by("pk")
        refusals = [
            self.refusal(request, obj, posted[str(obj.pk)], self.row_version(obj), what="done") for obj in locked
        ]
        refusals = [refused for refused in refusals if refused]
        return format_html(" ".join(["{}"] * len(refusals)), *refusals) if refusals else None
