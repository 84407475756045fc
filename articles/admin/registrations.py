"""Everything around articles: authors, series and their planned parts, resources, glossary, links and tags."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from articles import preview
from articles.models import Author, GlossaryTerm, PlannedPart, PreviewLink, Resource, Series, SlugRedirect
from posttrain.admin_concurrency import ConcurrentEditMixin
from posttrain.admin_search import SearchMixin

from .forms import checked_image_field


@admin.register(Author)
class AuthorAdmin(ConcurrentEditMixin, SearchMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "slug", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return checked_image_field(super().formfield_for_dbfield(db_field, request, **kwargs))


class PlannedPartInline(admin.TabularInline):
    model = PlannedPart
    extra = 0
    fields = ["part", "title", "planned_date"]


@admin.register(Series)
class SeriesAdmin(ConcurrentEditMixin, SearchMixin, admin.ModelAdmin):
    list_display = ["title", "vertical", "status", "planned_start", "order", "article_count"]
    list_filter = ["vertical", "status"]
    list_editable = ["order"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PlannedPartInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("vertical").annotate(_articles=Count("articles"))

    @admin.display(description="articles", ordering="_articles")
    def article_count(self, obj):
        return obj._articles


@admin.register(Resource)
class ResourceAdmin(ConcurrentEditMixin, SearchMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "vertical", "order"]
    list_filter = ["kind", "vertical"]
    list_editable = ["order"]
    list_select_related = ["vertical"]
    search_fields = ["title", "note", "url"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ConcurrentEditMixin, SearchMixin, admin.ModelAdmin):
    list_display = ["term", "expansion", "vertical", "updated_at"]
    list_filter = ["vertical"]
    list_select_related = ["vertical"]
    search_fields = ["term", "expansion", "short_definition"]
    prepopulated_fields = {"slug": ["term"]}


@admin.register(PreviewLink)
class PreviewLinkAdmin(SearchMixin, admin.ModelAdmin):
    list_display = ["article", "created_by", "created_at", "expires_at", "state"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__title"]
    readonly_fields = ["article", "created_by", "created_at", "expires_at", "revoked_at", "link"]
    fields = readonly_fields
    actions = ["revoke_selected"]

    def has_add_permission(self, request):
        return False  # created from the article's page, where the link is shown once

    @admin.display(description="state")
    def state(self, obj):
        if obj.revoked_at:
            return "Revoked"
        return "Active" if obj.is_active() else "Expired"

    @admin.display(description="link")
    def link(self, obj):
        url = preview.preview_url(obj)
        return format_html('<a href="{}">{}</a>', url, url) if obj.is_active() else "—"

    @admin.action(description="Revoke selected preview links", permissions=["change"])
    def revoke_selected(self, request, queryset):
        links = list(queryset.filter(revoked_at__isnull=True))
        for link in links:
            preview.revoke_preview_link(link, request.user)
        messages.success(request, f"Revoked {len(links)} preview link(s).")


@admin.register(SlugRedirect)
class SlugRedirectAdmin(SearchMixin, admin.ModelAdmin):
    list_display = ["old_slug", "content_type", "object_id", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["old_slug"]


# taggit registers its own Tag admin; keep it, with the same NUL-safe search as ours.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(SearchMixin, TaggitTagAdmin):
    pass
