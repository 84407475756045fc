"""Mailing articles: only published ones (or scheduled ones, once live), from the article list or the campaign form,
built from the articles, to the articles' verticals by default."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsletter import article_mailings, campaigns, clicks
from newsletter.article_emails import messages_for
from newsletter.delivery import send_batches
from newsletter.emails import NothingNew
from newsletter.models import Campaign
from tests.adminversions import loaded_version, row_version
from tests.factories import ArticleFactory, AuthorFactory, UserFactory, VerticalFactory
from tests.images.helpers import ImageFactory

from .factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db
ARTICLE_LIST = "/admin/articles/article/"


@pytest.fixture
def editor(client):
    user = UserFactory(username="editor", email="editor@example.org")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def mail_action(client, *articles):
    data = {"action": "mail_to_subscribers", "_selected_action": [str(a.pk) for a in articles]}
    data.update({f"loaded_version-{a.pk}": row_version(a) for a in articles})
    return client.post(ARTICLE_LIST, data)


def test_article_list_action_makes_a_draft_campaign_of_the_articles_in_list_order(client, editor):
    sport, ai = VerticalFactory(name="Sport"), VerticalFactory(name="AI")
    first = ArticleFactory(title="Tapering before a race", vertical=sport)
    second = ArticleFactory(title="Reward models", vertical=ai)
    assert "Mail to subscribers…" in client.get(ARTICLE_LIST).content.decode()
    response = mail_action(client, second, first)
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:newsletter_campaign_change", args=[campaign.pk])
    assert campaign.status == Campaign.Status.DRAFT and campaign.kind == Campaign.Kind.ARTICLES
    assert campaign.ordered_articles() == [second, first]
    assert campaign.audience == Campaign.Audience.VERTICALS
    assert set(campaign.verticals.all()) == {sport, ai}
    assert not campaign.send_when_live


@pytest.mark.parametrize("trait", ["draft", "in_review", "unpublished"])
def test_article_list_action_refuses_what_is_not_published_and_makes_nothing(client, editor, trait):
    good = ArticleFactory()
    bad = ArticleFactory(title="Not ready", **{trait: True})
    response = mail_action(client, good, bad)
    assert response.status_code == 302 and response["Location"].endswith(ARTICLE_LIST)
    assert Campaign.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "Nothing mailed." in page and "“Not ready” is" in page and "only published articles can be mailed" in page


def test_scheduled_article_makes_a_campaign_that_waits_for_it(client, editor):
    scheduled = ArticleFactory(title="Coming Friday", scheduled=True)
    mail_action(client, scheduled)
    campaign = Campaign.objects.get()
    assert campaign.send_when_live and campaign.scheduled_at == scheduled.publish_date


def test_without_campaign_permission_the_action_is_not_offered(client):
    writer = UserFactory(username="writer")
    writer.groups.add(Group.objects.get(name="Writers"))
    client.force_login(writer)
    ArticleFactory()
    assert "Mail to subscribers…" not in client.get(ARTICLE_LIST).content.decode()


def campaign_form(campaign=None, articles=(), **fields):
    data = {"subject": "Two reads", "preheader": "", "html_body": "", "audience": "verticals",
            "scheduled_at_0": "", "scheduled_at_1": "",
            "campaign_articles-TOTAL_FORMS": str(len(articles)), "campaign_articles-INITIAL_FORMS": "0"}
    for index, article in enumerate(articles):
        data[f"campaign_articles-{index}-article"] = str(article.pk)
        data[f"campaign_articles-{index}-position"] = str(index)
    if campaign is not None:
        data["loaded_version"] = loaded_version(campaign)
    data.update(fields)
    return data


@pytest.mark.parametrize("trait", ["draft", "in_review"])
def test_campaign_form_refuses_a_draft_or_in_review_article_with_a_form_error(client, editor, trait):
    article = ArticleFactory(title="Half written", **{trait: True})
    response = client.post(reverse("admin:newsletter_campaign_add"), campaign_form(articles=[article]))
    assert response.status_code == 200
    assert "“Half written” is" in response.content.decode()
    assert "only published articles can be mailed" in response.content.decode()
    assert Campaign.objects.count() == 0


def test_campaign_form_takes_a_scheduled_article_only_with_send_when_live(client, editor):
    article = ArticleFactory(title="Next week", scheduled=True)
    url = reverse("admin:newsletter_campaign_add")
    refused = client.post(url, campaign_form(articles=[article]))
    assert "tick “send when it goes live”" in refused.content.decode() and not Campaign.objects.exists()
    client.post(url, campaign_form(articles=[article], send_when_live="on"))
    campaign = Campaign.objects.get()
    assert campaign.send_when_live and campaign.ordered_articles() == [article]


def test_campaign_form_with_articles_defaults_the_audience_to_their_verticals(client, editor):
    vertical = VerticalFactory(name="Learning")
    article = ArticleFactory(vertical=vertical)
    response = client.post(reverse("admin:newsletter_campaign_add"), campaign_form(articles=[article]))
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.kind == Campaign.Kind.ARTICLES
    assert list(campaign.verticals.all()) == [vertical]


def test_campaign_form_needs_a_message_or_articles(client, editor):
    response = client.post(reverse("admin:newsletter_campaign_add"), campaign_form())
    assert "Write a message, or add the articles to mail." in response.content.decode()
    assert not Campaign.objects.exists()


def test_the_email_is_built_from_the_articles_in_html_and_text(settings):
    settings.SITE_URL = "https://posttrain.example"
    article = ArticleFactory(
        title="Tom & Jerry's <reward> model", standfirst="Why preference data matters.",
        hero=ImageFactory(alt="A chart"), body="<h2>Start</h2><p>" + " ".join(f"word{n}" for n in range(200)) + "</p>",
        authors=[AuthorFactory(name="Ada Writer"), AuthorFactory(name="Bo Editor")],
    )
    campaign = CampaignFactory(html_body="<p>Our pick this week.</p>")
    article_mailings.set_articles(campaign, [article])
    campaign.refresh_from_db()
    message = messages_for(campaign).build(SubscriberFactory(email="r@example.org"))
    html = message.alternatives[0][0]
    text = message.body
    link = "https://posttrain.example" + article.get_absolute_url()
    # The link goes through the click-counting redirect, which leads to the article's address and nowhere else.
    html_token = re.search(r'<a href="https://posttrain\.example/newsletter/c/([^/"]+)/"[^>]*>[^<]*Tom', html)
    text_token = re.search(r"Read it: https://posttrain\.example/newsletter/c/([^/\s]+)/", text)
    assert clicks.read_token(html_token.group(1))[:2] == (campaign.pk, link)
    assert clicks.read_token(text_token.group(1))[:2] == (campaign.pk, link)
    assert "Tom &amp; Jerry&#x27;s &lt;reward&gt; model" in html and "<reward>" not in html
    assert "TOM & JERRY'S <REWARD> MODEL" in text
    # Mail clients get the hero's JPEG rendition (not all of them read WebP), with its alt text.
    assert re.search(r'src="https://posttrain\.example/media/[^"]+\.jpe?g" alt="A chart"', html)
    assert "By Ada Writer, Bo Editor" in html and "By Ada Writer, Bo Editor" in text
    assert "Why preference data matters." in html and "Why preference data matters." in text
    assert "word10" in html and "word10" in text and "word100" not in html and "word100" not in text
    assert "Our pick this week." in html and "Our pick this week." in text


def test_send_when_live_waits_for_the_article_then_goes_out(settings, run_on_commit):
    goes_live = timezone.now() + timedelta(days=2)
    article = ArticleFactory(title="Friday's piece", scheduled=True, publish_date=goes_live)
    SubscriberFactory(interests=[article.vertical])
    campaign = CampaignFactory(kind=Campaign.Kind.ARTICLES, send_when_live=True, scheduled_at=timezone.now(),
                               html_body="")
    article_mailings.set_articles(campaign, [article])
    article_mailings.default_audience(campaign)
    assert campaigns.schedule(campaign)
    campaigns.dispatch_due_campaigns()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SCHEDULED
    assert article_mailings.waiting_reason(campaign).startswith("Waiting for “Friday's piece” to go live")
    assert not campaigns.start_sending(campaign)
    # Going live days after the campaign's own time is not "late": lateness counts from the article.
    with time_machine.travel(goes_live + timedelta(minutes=1), tick=False):
        run_on_commit(campaigns.dispatch_due_campaigns)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT and campaign.held_at is None
    assert len(mail.outbox) == 1 and "Friday&#x27;s piece" in mail.outbox[0].alternatives[0][0]


def test_an_article_unpublished_before_the_send_makes_the_campaign_wait_and_the_admin_says_why(client, editor):
    article = ArticleFactory(title="Pulled")
    campaign = CampaignFactory(status=Campaign.Status.SCHEDULED, scheduled_at=timezone.now())
    article_mailings.set_articles(campaign, [article])
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    campaigns.dispatch_due_campaigns()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SCHEDULED and campaign.held_at is None
    page = client.get(reverse("admin:newsletter_campaign_change", args=[campaign.pk])).content.decode()
    assert "Waiting: “Pulled” is unpublished." in page
    send = client.post(reverse("admin:newsletter_campaign_send", args=[campaign.pk]), follow=True)
    assert "Nothing done. Waiting: “Pulled” is unpublished." in send.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SCHEDULED


def test_article_mailing_reaches_only_the_chosen_verticals(run_on_commit):
    sport, ai = VerticalFactory(name="Sport"), VerticalFactory(name="AI")
    article = ArticleFactory(vertical=sport)
    SubscriberFactory(email="sport@example.org", interests=[sport])
    SubscriberFactory(email="ai@example.org", interests=[ai])
    campaign = article_mailings.draft_from_articles([article])
    run_on_commit(campaigns.start_sending, campaign)
    send_batches(campaign.pk)
    assert [m.to for m in mail.outbox] == [["sport@example.org"]]


def test_preview_of_a_waiting_campaign_shows_the_scheduled_article(client, editor):
    article = ArticleFactory(title="Out on Friday", scheduled=True)
    campaign = CampaignFactory(send_when_live=True, html_body="")
    article_mailings.set_articles(campaign, [article])
    preview = client.get(reverse("admin:newsletter_campaign_preview", args=[campaign.pk]) + "?format=html")
    assert "Out on Friday" in preview.content.decode()


def test_readers_get_nothing_of_an_article_unpublished_during_the_send():
    article = ArticleFactory(title="Pulled mid-send")
    campaign = CampaignFactory()
    article_mailings.set_articles(campaign, [article])
    campaign.refresh_from_db()
    reader = SubscriberFactory()
    assert "PULLED MID-SEND" in messages_for(campaign).build(reader).body
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    with pytest.raises(NothingNew):
        messages_for(campaign).build(reader)


def test_campaign_form_refuses_the_same_article_twice_and_the_followers_audience(client, editor):
    article = ArticleFactory()
    data = campaign_form(articles=[article, article])
    response = client.post(reverse("admin:newsletter_campaign_add"), data)
    assert response.status_code == 200 and "Please correct the duplicate" in response.content.decode()
    response = client.post(reverse("admin:newsletter_campaign_add"), campaign_form(articles=[article],
                                                                                 audience="followers"))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Campaign.objects.exists()
