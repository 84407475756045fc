"""The article list's own filters."""

from django.contrib import admin
from taggit.models import Tag

from articles.models import Article

Status = Article.Status


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("published", "Published (live)"),
            ("unpublished", "Unpublished"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "scheduled":
            return queryset.scheduled()
        if value == "published":
            return queryset.published()
        if value in (Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED):
            return queryset.filter(status=value)
        return queryset


class TagFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        return Tag.objects.filter(
            taggit_taggeditem_items__content_type__app_label="articles",
            taggit_taggeditem_items__content_type__model="article",
        ).distinct().order_by("name").values_list("slug", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value().replace("\x00", ""))
        return queryset
