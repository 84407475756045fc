"""List filters of the newsletter admin."""

from django.contrib import admin

from .models import Subscriber


class SuppressedFilter(admin.SimpleListFilter):
    """Addresses a bounce or complaint stopped (Subscriber.objects.suppressed()), and the rest."""

    title = "suppressed"
    parameter_name = "suppressed"

    def lookups(self, request, model_admin):
        return [("yes", "Suppressed (bounce or complaint)"), ("no", "Not suppressed")]

    def queryset(self, request, queryset):
        suppressed = Subscriber.objects.suppressed().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=suppressed)
        if self.value() == "no":
            return queryset.exclude(pk__in=suppressed)
        return queryset
