"""The admin's side of mailing articles: the articles inline of the campaign form (which refuses what cannot be
mailed), and the "Mail to subscribers…" action that newsletter's AppConfig adds to the article change list (the
articles app knows nothing of the newsletter)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse

from . import article_mailings
from .mailing_models import CampaignArticle
from .models import Campaign

EDITABLE = (Campaign.Status.DRAFT, Campaign.Status.SCHEDULED)


class CampaignArticleFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        campaign = self.instance
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        for form in kept:
            article = form.cleaned_data.get("article")
            problem = article and article_mailings.why_not_mailable(article, campaign.send_when_live)
            if problem:
                form.add_error("article", problem)
        if not kept and not campaign.html_body and campaign.kind != Campaign.Kind.DIGEST:
            raise ValidationError("Write a message, or add the articles to mail.")


class CampaignArticleInline(admin.TabularInline):
    model = CampaignArticle
    formset = CampaignArticleFormSet
    fields = ["position", "article"]
    autocomplete_fields = ["article"]
    extra = 1
    verbose_name_plural = "Articles to mail (published, or scheduled with “send when it goes live”), in order"

    # A campaign's articles are part of the campaign: whoever may edit the campaign may edit them, while it can
    # still change.
    def _may_edit(self, request, obj):
        if obj is not None and obj.status not in EDITABLE:
            return False
        return request.user.has_perm("newsletter.add_campaign" if obj is None else "newsletter.change_campaign")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("newsletter.view_campaign") or self._may_edit(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)


def after_save(campaign):
    """After the form and its inline are saved: the kind follows from the articles, and a campaign of articles by
    vertical with no vertical chosen goes to the articles' verticals."""
    articles = list(campaign.articles.all())
    if campaign.kind != Campaign.Kind.DIGEST:
        kind = Campaign.Kind.ARTICLES if articles else Campaign.Kind.MESSAGE
        Campaign.objects.filter(pk=campaign.pk).update(kind=kind)
        campaign.kind = kind
    if articles and campaign.audience == Campaign.Audience.VERTICALS and not campaign.verticals.exists():
        article_mailings.default_audience(campaign)


@admin.action(description="Mail to subscribers…", permissions=["mail"])
def mail_to_subscribers(modeladmin, request, queryset):
    """A draft campaign of the selected articles, in the order the list showed them; the editor reviews it next."""
    order = {pk: index for index, pk in enumerate(request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME))}
    articles = sorted(queryset, key=lambda article: order.get(str(article.pk), len(order)))
    try:
        campaign = article_mailings.draft_from_articles(articles)
    except ValueError as refusal:
        modeladmin.message_user(request, f"Nothing mailed. {refusal}", messages.ERROR)
        return None
    waiting = " It waits until its scheduled articles go live." if campaign.send_when_live else ""
    modeladmin.message_user(
        request, f"Draft campaign “{campaign}” made: check its audience, then schedule or send it.{waiting}",
        messages.SUCCESS,
    )
    return HttpResponseRedirect(reverse("admin:newsletter_campaign_change", args=[campaign.pk]))


def add_article_action(site=admin.site):
    """Called from NewsletterConfig.ready(): the admin registered ArticleAdmin before (django.contrib.admin comes
    first in INSTALLED_APPS and autodiscovers in its own ready())."""
    from articles.models import Article

    if not site.is_registered(Article):
        return
    article_admin = site.get_model_admin(Article)
    if mail_to_subscribers not in article_admin.actions:
        article_admin.actions = [*article_admin.actions, mail_to_subscribers]
    # The action's permission check: who may make campaigns may start one from articles.
    article_admin.has_mail_permission = lambda request: request.user.has_perm("newsletter.add_campaign")
