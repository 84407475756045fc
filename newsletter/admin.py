import csv
from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from posttrain.admin_concurrency import ConcurrentEditMixin

from . import article_emails, article_mailings, bounces, campaigns, clicks, emails, subscriptions
from .admin_articles import CampaignArticleInline, after_save
from .admin_filters import SuppressedFilter
from .models import Campaign, ConsentRecord, DailyStat, Delivery, Subscriber

CHART_DAYS = 30


def signup_chart(days=CHART_DAYS, today=None):
    """Per-day signups and confirmations, laid out for a server-rendered SVG bar chart (no JavaScript)."""
    today = today or timezone.localdate()
    start = today - timedelta(days=days - 1)
    stats = {s.date: s for s in DailyStat.objects.filter(date__gte=start, date__lte=today)}
    rows = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        stat = stats.get(day)
        rows.append({"date": day, "signups": stat.signups if stat else 0,
                     "confirmations": stat.confirmations if stat else 0})
    peak = max([1] + [max(r["signups"], r["confirmations"]) for r in rows])
    height, bar = 120, 8
    for index, row in enumerate(rows):
        row["x"] = index * (2 * bar + 4)
        row["signup_h"] = round(row["signups"] / peak * height)
        row["confirm_h"] = round(row["confirmations"] / peak * height)
        row["signup_y"] = height - row["signup_h"]
        row["confirm_y"] = height - row["confirm_h"]
        row["confirm_x"] = row["x"] + bar
    return {
        "rows": rows,
        "peak": peak,
        "height": height,
        "bar": bar,
        "width": days * (2 * bar + 4),
        "total_signups": sum(r["signups"] for r in rows),
        "total_confirmations": sum(r["confirmations"] for r in rows),
    }


class IntegerIdMixin:
    """Every object URL of these admins takes an integer id: anything else is a 404, never an int() 500."""

    def _require_integer(self, object_id):
        if not (object_id.isascii() and object_id.isdigit() and len(object_id) <= 18):
            raise Http404(f"No {self.model._meta.verbose_name} with that id.")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._require_integer(object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._require_integer(object_id)
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._require_integer(object_id)
        return super().delete_view(request, object_id, extra_context)


class ConsentRecordInline(admin.TabularInline):
    """The reader's consent history, as it was recorded: nobody adds, changes or removes a row here."""

    model = ConsentRecord
    fields = ["kind", "at", "text_version", "ip_hash", "user_agent", "source", "reason", "by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Consent history (append-only)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may see the subscriber sees how their consent was given.
        return request.user.has_perm("newsletter.view_subscriber")


@admin.register(Subscriber)
class SubscriberAdmin(IntegerIdMixin, admin.ModelAdmin):
    list_display = ["email", "status", "topics", "source", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = [
        "status", SuppressedFilter, "interests", ("created_at", admin.DateFieldListFilter), "source",
        "unsubscribe_reason",
    ]
    search_fields = ["email", "source"]
    date_hierarchy = "created_at"
    filter_horizontal = ["interests"]
    readonly_fields = [
        "email", "status", "source", "created_at", "confirmation_sent_at", "confirmed_at", "unsubscribed_at",
        "unsubscribe_reason", "suppression_detail", "soft_bounces",
    ]
    fieldsets = [
        (None, {"fields": ["email", "status", "interests", "source", "created_at"]}),
        ("History", {"fields": ["confirmation_sent_at", "confirmed_at", "unsubscribed_at", "unsubscribe_reason",
                                "suppression_detail", "soft_bounces"]}),
    ]
    inlines = [ConsentRecordInline]
    actions = ["export_csv", "lift_suppression", "erase"]
    change_list_template = "admin/newsletter/subscriber/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("interests")

    @admin.display(description="Topics")
    def topics(self, obj):
        return ", ".join(v.name for v in obj.interests.all()) or "—"

    def has_add_permission(self, request):
        # Subscribers come only through the signup form, which records their consent.
        return False

    def has_delete_permission(self, request, obj=None):
        # Erasure is the only way out: Django's delete would leave the address in the delivery errors.
        return False

    def has_erase_permission(self, request):
        return request.user.has_perm("newsletter.delete_subscriber")

    def has_export_permission(self, request):
        return request.user.has_perm("newsletter.export_subscribers")

    @admin.action(description="Export selected subscribers as CSV", permissions=["export"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
        writer = csv.writer(response)
        writer.writerow(["email", "status", "interests", "source", "signed_up", "confirmed", "unsubscribed",
                         "consent_version"])
        consent = ConsentRecord.objects.filter(
            subscriber=OuterRef("pk"), kind__in=[ConsentRecord.Kind.SIGNUP, ConsentRecord.Kind.CONFIRMATION]
        ).order_by("-at", "-pk")
        queryset = queryset.annotate(consent_version=Subquery(consent.values("text_version")[:1]))
        for s in queryset.order_by("pk"):
            writer.writerow([
                _csv_safe(s.email), s.status, _csv_safe("; ".join(v.name for v in s.interests.all())),
                _csv_safe(s.source), s.created_at.isoformat(), s.confirmed_at.isoformat() if s.confirmed_at else "",
                s.unsubscribed_at.isoformat() if s.unsubscribed_at else "", s.consent_version or "",
            ])
        return response

    @admin.action(description="Lift the bounce or complaint suppression (the reader may then sign up again)",
                  permissions=["change"])
    def lift_suppression(self, request, queryset):
        lifted = 0
        for subscriber in queryset.suppressed():
            if subscriptions.lift_suppression(subscriber, request.user):
                self.log_change(request, subscriber, "Lifted the bounce or complaint suppression.")
                lifted += 1
        self.message_user(request, f"Lifted the suppression of {lifted} subscriber(s); they stay unsubscribed until "
                          "they sign up and confirm again.", messages.SUCCESS if lifted else messages.WARNING)

    @admin.action(description="Erase selected subscribers (delete personal data, keep anonymous counts)",
                  permissions=["erase"])
    def erase(self, request, queryset):
        self.log_deletions(request, queryset)
        count = subscriptions.erase(queryset)
        self.message_user(request, f"Erased {count} subscriber(s). Their anonymous counts remain.", messages.SUCCESS)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "chart": signup_chart()}
        return super().changelist_view(request, extra_context=extra_context)


def _csv_safe(value):
    """Spreadsheets run cells starting with =, +, - or @ as formulas; quote them."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@admin.register(Campaign)
class CampaignAdmin(IntegerIdMixin, ConcurrentEditMixin, admin.ModelAdmin):
    list_display = ["subject", "kind", "status", "audience", "scheduled_at", "held_at", "started_at", "finished_at"]
    list_filter = ["status", "kind", "audience"]
    search_fields = ["subject"]
    filter_horizontal = ["verticals"]
    fields = ["subject", "slug", "preheader", "html_body", "audience", "verticals", "scheduled_at", "send_when_live"]
    inlines = [CampaignArticleInline]
    change_form_template = "admin/newsletter/campaign/change_form.html"

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "audience":
            # Series followers are the audience of the dispatcher's own part mailings, never one an editor picks.
            kwargs["choices"] = [c for c in Campaign.Audience.choices if c[0] != Campaign.Audience.FOLLOWERS]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        after_save(form.instance)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status not in (Campaign.Status.DRAFT, Campaign.Status.SCHEDULED):
            return self.fields
        if obj is not None and obj.status == Campaign.Status.SCHEDULED and not self.has_send_permission(request):
            # Moving a scheduled send is scheduling it: that needs newsletter.send_campaign.
            return ["scheduled_at"]
        return []

    def has_send_permission(self, request):
        return request.user.has_perm("newsletter.send_campaign")

    def view_on_site(self, obj):
        # Only a campaign that went out has a page on the site; the rest would be a 404.
        return obj.get_absolute_url() if obj.is_archived() else None

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", wrap(self.preview_view), name="newsletter_campaign_preview"),
            path("<int:pk>/send-test/", wrap(self.send_test_view), name="newsletter_campaign_send_test"),
            path("<int:pk>/schedule/", wrap(self.schedule_view), name="newsletter_campaign_schedule"),
            path("<int:pk>/unschedule/", wrap(self.unschedule_view), name="newsletter_campaign_unschedule"),
            path("<int:pk>/cancel/", wrap(self.cancel_view), name="newsletter_campaign_cancel"),
            path("<int:pk>/send/", wrap(self.send_now_view), name="newsletter_campaign_send"),
            *super().get_urls(),
        ]

    def _campaign(self, request, pk, *, send=False):
        campaign = get_object_or_404(Campaign, pk=pk)
        if not self.has_view_permission(request, campaign):
            raise PermissionDenied
        if send and not self.has_send_permission(request):
            raise PermissionDenied
        return campaign

    def _back(self, campaign):
        return HttpResponseRedirect(reverse("admin:newsletter_campaign_change", args=[campaign.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._require_integer(object_id)
        campaign = Campaign.objects.filter(pk=object_id).first()
        extra = {"can_send": self.has_send_permission(request)}
        if campaign is not None:
            extra.update(progress=campaign.progress(), recipient_count=campaign.recipients().count(),
                         is_late=campaign.is_late(), waiting_reason=article_mailings.waiting_reason(campaign),
                         figures=bounces.figures(campaign), clicks=clicks.chart(campaign),
                         archive_url=campaign.get_absolute_url() if campaign.is_archived() else "")
        return super().change_view(request, object_id, form_url, extra_context={**extra, **(extra_context or {})})

    def preview_view(self, request, pk):
        campaign = self._campaign(request, pk)
        subject, text, html = article_emails.messages_for(campaign).preview()
        if request.GET.get("format") == "html":
            # The e-mail exactly as mail clients get it, opened in its own tab.
            return HttpResponse(html, headers={"X-Robots-Tag": "noindex"})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": campaign,
            "title": f"Preview: {campaign.subject}",
            "subject": subject,
            "text": text,
        }
        return TemplateResponse(request, "admin/newsletter/campaign/preview.html", context)

    @method_decorator(require_POST)
    def send_test_view(self, request, pk):
        campaign = self._campaign(request, pk)
        if not self.has_change_permission(request, campaign):
            raise PermissionDenied
        if not request.user.email:
            self.message_user(request, "Your account has no e-mail address to send the test to.", messages.ERROR)
        else:
            emails.send_test(campaign, request.user.email, article_emails.messages_for(campaign, test=True))
            self.message_user(request, f"Test sent to {request.user.email}.", messages.SUCCESS)
        return self._back(campaign)

    @method_decorator(require_POST)
    def schedule_view(self, request, pk):
        campaign = self._campaign(request, pk, send=True)
        if campaign.scheduled_at is None:
            self.message_user(request, "Set a scheduled time first.", messages.ERROR)
        elif campaigns.schedule(campaign):
            self.message_user(request, f"Scheduled for {campaign.scheduled_at:%Y-%m-%d %H:%M %Z}.", messages.SUCCESS)
        else:
            self.message_user(request, f"Nothing done: the campaign is {campaign.get_status_display().lower()}.",
                              messages.WARNING)
        return self._back(campaign)

    @method_decorator(require_POST)
    def unschedule_view(self, request, pk):
        campaign = self._campaign(request, pk, send=True)
        done = campaigns.unschedule(campaign)
        self.message_user(request, "Back to draft." if done else "Nothing done: it was not scheduled.",
                          messages.SUCCESS if done else messages.WARNING)
        return self._back(campaign)

    @method_decorator(require_POST)
    def cancel_view(self, request, pk):
        campaign = self._campaign(request, pk, send=True)
        done = campaigns.cancel(campaign)
        self.message_user(request, "Cancelled." if done else "Nothing done: sending had already started.",
                          messages.SUCCESS if done else messages.WARNING)
        return self._back(campaign)

    def send_now_view(self, request, pk):
        """GET: a confirmation page with the recipient count. POST: start the send (a second POST is a no-op)."""
        campaign = self._campaign(request, pk, send=True)
        waiting = article_mailings.waiting_reason(campaign)
        if request.method == "POST":
            if waiting:
                self.message_user(request, f"Nothing done. {waiting}", messages.WARNING)
            elif campaigns.start_sending(campaign, user=request.user):
                self.message_user(request, "Sending started.", messages.SUCCESS)
            else:
                self.message_user(
                    request, f"Nothing done: the campaign is already {campaign.get_status_display().lower()}.",
                    messages.WARNING,
                )
            return self._back(campaign)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": campaign,
            "title": "Send this campaign now?",
            "recipient_count": campaign.recipients().count(),
            "is_late": campaign.is_late() and campaign.held_at is not None,
            "can_start": campaign.status in (Campaign.Status.DRAFT, Campaign.Status.SCHEDULED) and not waiting,
            "waiting_reason": waiting,
        }
        return TemplateResponse(request, "admin/newsletter/campaign/send_confirm.html", context)


@admin.register(Delivery)
class DeliveryAdmin(IntegerIdMixin, admin.ModelAdmin):
    list_display = ["pk", "campaign", "subscriber", "status", "attempts", "sent_at", "message_id", "error"]
    list_filter = ["status", "campaign"]
    search_fields = ["subscriber__email", "message_id"]
    list_select_related = ["campaign", "subscriber"]
    raw_id_fields = ["subscriber"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

