from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from posttrain.admin_concurrency import ConcurrentEditMixin
from posttrain.admin_search import SearchMixin

from .models import SiteSettings, SocialLink, Vertical


@admin.register(Vertical)
class VerticalAdmin(ConcurrentEditMixin, SearchMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "order", "updated_at"]
    list_editable = ["order"]
    search_fields = ["name", "short_description"]
    prepopulated_fields = {"slug": ["name"]}


class SocialLinkInline(admin.TabularInline):
    model = SocialLink
    extra = 0
    fields = ["label", "url", "order"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(ConcurrentEditMixin, admin.ModelAdmin):
    """One row of settings: the list goes straight to its change form; there is nothing to add or delete."""

    inlines = [SocialLinkInline]
    fieldsets = [
        ("Launch", {"fields": ["launch_date", "headline", "pitch"]}),
        ("Contact", {"fields": ["contact_email", "postal_address"]}),
        ("About page", {"fields": ["about"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        settings = SiteSettings.load()
        return redirect(reverse("admin:verticals_sitesettings_change", args=[settings.pk]))
