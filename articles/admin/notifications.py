"""Editorial e-mail in the admin: each staff user's choice, and the record of what was sent to whom.

Everyone on the staff edits their own choice (the list takes them straight to it); superusers see and change
everyone's. Nobody needs a Django permission for it: the choice concerns only its user. Editors read the record of
notifications (sent, pending, or not sent and why); nobody changes it.
"""

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import reverse

from articles import workflow
from articles.models import Notification, NotificationPreference
from posttrain.admin_concurrency import ConcurrentEditMixin
from posttrain.admin_search import SearchMixin


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ConcurrentEditMixin, SearchMixin, admin.ModelAdmin):
    list_display = ["user", "delivery", "last_summary_on"]
    list_filter = ["delivery"]
    list_select_related = ["user"]
    fields = ["user", "delivery"]
    readonly_fields = ["user"]
    search_fields = ["user__username", "user__email"]

    def _staff(self, request):
        return request.user.is_active and request.user.is_staff

    def _own_or_superuser(self, request, obj):
        return self._staff(request) and (obj is None or request.user.is_superuser or obj.user_id == request.user.pk)

    def has_module_permission(self, request):
        return self._staff(request)

    def has_view_permission(self, request, obj=None):
        return self._own_or_superuser(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._own_or_superuser(request, obj)

    def has_add_permission(self, request):
        return False  # each user's row is made when they first open the list

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def changelist_view(self, request, extra_context=None):
        own, _ = NotificationPreference.objects.get_or_create(user=request.user)
        if request.user.is_superuser:
            return super().changelist_view(request, extra_context)
        return redirect(reverse("admin:articles_notificationpreference_change", args=[quote(own.pk)]))


@admin.register(Notification)
class NotificationAdmin(SearchMixin, admin.ModelAdmin):
    list_display = ["created_at", "kind", "recipient", "article", "state", "handled_at", "outcome"]
    list_filter = ["state", "kind"]
    list_select_related = ["recipient", "article"]
    search_fields = ["recipient__username", "recipient__email", "article__title"]
    date_hierarchy = "created_at"
    fields = ["kind", "recipient", "article", "actor", "note", "created_at", "state", "handled_at", "outcome"]
    readonly_fields = fields

    def has_module_permission(self, request):
        return workflow.is_editor(request.user) and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
