import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from newsletter import campaigns
from newsletter.models import Campaign, ConsentRecord, DailyStat, Delivery, Subscriber
from tests.adminversions import loaded_version
from tests.factories import UserFactory, VerticalFactory

from .conftest import signup_data
from .factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/newsletter/subscriber/"


def user_with(*codenames, **kwargs):
    user = UserFactory(**kwargs)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="newsletter", codename__in=codenames))
    return user


@pytest.fixture
def editor(client):
    user = UserFactory(username="editor", email="editor@example.org")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def test_editors_group_can_send_campaigns_and_export():
    perms = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"send_campaign", "export_subscribers", "view_subscriber", "change_campaign"} <= perms


def test_subscriber_list_has_filters_search_and_a_per_day_chart(client, editor):
    DailyStat.objects.create(date=timezone.localdate(), signups=7,
                             confirmations=3)
    SubscriberFactory(email="findme@example.org", source="article:dpo", interests=[VerticalFactory(name="Sport")])
    SubscriberFactory(email="other@example.org")
    response = client.get(CHANGELIST)
    html = response.content.decode()
    assert response.status_code == 200
    for title in ("By status", "By interests", "By signed up", "By source"):
        assert title in html
    assert '<svg role="img" aria-labelledby="signup-chart-title"' in html
    assert "7 signup(s), 3 confirmation(s)" in html
    assert "<script" not in html.split('id="signup-chart-title"')[1].split("</section>")[0]
    found = client.get(CHANGELIST, {"q": "findme"}).content.decode()
    assert "findme@example.org" in found and "other@example.org" not in found
    filtered = client.get(CHANGELIST, {"source": "article:dpo"}).content.decode()
    assert "findme@example.org" in filtered and "other@example.org" not in filtered


def test_subscribers_cannot_be_added_by_hand_and_plain_delete_is_not_offered(client, editor):
    html = client.get(CHANGELIST).content.decode()
    assert 'value="delete_selected"' not in html
    assert client.get(CHANGELIST + "add/").status_code == 403


def test_csv_export_needs_the_export_permission(client):
    subscriber = SubscriberFactory(email="a@example.org", source="=HYPERLINK(evil)")
    client.force_login(user_with("view_subscriber", "change_subscriber"))
    html = client.get(CHANGELIST).content.decode()
    assert 'value="export_csv"' not in html
    response = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [subscriber.pk]})
    assert not response.get("Content-Type", "").startswith("text/csv")

    client.force_login(user_with("view_subscriber", "export_subscribers"))
    response = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [subscriber.pk]})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("email,status,interests,source")
    assert lines[1].startswith("a@example.org,confirmed,,'=HYPERLINK(evil)")


def test_erasure_removes_personal_data_but_keeps_anonymous_counts(client, editor):
    subscriber = SubscriberFactory(email="forget-me@example.org")
    kept = SubscriberFactory(email="keep@example.org")
    DailyStat.bump("signups", 2)
    campaign = CampaignFactory(status=Campaign.Status.SENT)
    Delivery.objects.create(campaign=campaign, subscriber=subscriber, status=Delivery.Status.FAILED,
                            error="550 <forget-me@example.org>: no such user")
    LogEntry.objects.log_actions(editor.pk, [subscriber], CHANGE, change_message="x", single_object=True)

    response = client.post(CHANGELIST, {"action": "erase", "_selected_action": [subscriber.pk]}, follow=True)
    assert "Erased 1 subscriber(s)" in response.content.decode()
    assert list(Subscriber.objects.values_list("email", flat=True)) == [kept.email]
    delivery = Delivery.objects.get()
    assert delivery.subscriber is None and delivery.status == Delivery.Status.FAILED
    assert delivery.error == ""
    stat = DailyStat.objects.get()
    assert (stat.signups, stat.erasures) == (2, 1)
    content_type = ContentType.objects.get_for_model(Subscriber)
    entries = LogEntry.objects.filter(content_type=content_type, object_id=str(subscriber.pk))
    assert {entry.object_repr for entry in entries} == {"Subscriber (erased)"}
    assert "forget-me" not in str(list(LogEntry.objects.values_list("object_repr", "change_message")))


def test_erasure_needs_delete_permission(client):
    subscriber = SubscriberFactory()
    client.force_login(user_with("view_subscriber", "change_subscriber"))
    client.post(CHANGELIST, {"action": "erase", "_selected_action": [subscriber.pk]})
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def campaign_url(campaign, name):
    return reverse(f"admin:newsletter_campaign_{name}", args=[campaign.pk])


def test_send_now_shows_the_recipient_count_then_sends_once(client, editor, django_capture_on_commit_callbacks):
    SubscriberFactory.create_batch(3)
    SubscriberFactory(pending=True)
    campaign = CampaignFactory()
    page = client.get(campaign_url(campaign, "send")).content.decode()
    assert "will go to <strong>3</strong> confirmed subscriber(s)" in page
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(campaign_url(campaign, "send"), follow=True)
        second = client.post(campaign_url(campaign, "send"), follow=True)
    assert "Sending started." in first.content.decode()
    assert "Nothing done" in second.content.decode()
    assert len(mail.outbox) == 3
    assert Campaign.objects.get(pk=campaign.pk).started_by == editor


@pytest.mark.parametrize("action", ["send", "schedule", "cancel", "unschedule"])
def test_only_users_with_send_permission_can_schedule_or_send(client, action):
    client.force_login(user_with("view_campaign", "change_campaign", "add_campaign"))
    campaign = CampaignFactory(status=Campaign.Status.SCHEDULED,
                               scheduled_at=timezone.now())
    assert client.post(campaign_url(campaign, action)).status_code == 403
    assert client.get(campaign_url(campaign, "send")).status_code == 403
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SCHEDULED


def test_schedule_from_the_change_form(client, editor):


    campaign = CampaignFactory(scheduled_at=timezone.now() + timedelta(days=2))
    html = client.get(reverse("admin:newsletter_campaign_change", args=[campaign.pk])).content.decode()
    assert f'action="{campaign_url(campaign, "schedule")}"' in html
    response = client.post(campaign_url(campaign, "schedule"), follow=True)
    assert "Scheduled for" in response.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SCHEDULED


def test_held_campaign_asks_the_editor_to_confirm(client, editor):


    campaign = CampaignFactory(status=Campaign.Status.SCHEDULED, scheduled_at=timezone.now() - timedelta(
        hours=8), held_at=timezone.now())
    html = client.get(reverse("admin:newsletter_campaign_change", args=[campaign.pk])).content.decode()
    assert "Held:" in html and "Confirm late send" in html
    assert "was held because it was found late" in client.get(campaign_url(campaign, "send")).content.decode()


def test_preview_and_send_test_to_me(client, editor):
    campaign = CampaignFactory(subject="Launch day", html_body="<p>Body text here</p>")
    preview = client.get(campaign_url(campaign, "preview")).content.decode()
    assert "Launch day" in preview and "Body text here" in preview
    html = client.get(campaign_url(campaign, "preview"), {"format": "html"}).content.decode()
    assert "<p>Body text here</p>" in html
    response = client.post(campaign_url(campaign, "send_test"), follow=True)
    assert "Test sent to editor@example.org" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]
    assert client.get(campaign_url(campaign, "send_test")).status_code == 405


def test_progress_is_shown_server_side_and_polled_from_a_static_script(client, editor):
    SubscriberFactory.create_batch(2)
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)
    html = client.get(reverse("admin:newsletter_campaign_change", args=[campaign.pk])).content.decode()
    assert 'id="campaign-progress"' in html
    assert re.search(r'<dd data-field="pending">2</dd>', html)
    assert '<script src="/static/newsletter/campaign-progress.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "no inline script under the CSP"
    data = client.get(reverse("newsletter:campaign_progress", args=[campaign.pk])).json()
    assert data == {"status": "sending", "intended": 2, "sent": 0, "failed": 0, "skipped": 0, "pending": 2,
                    "rate": 0.0, "eta_seconds": None, "reconciled": False}


def test_progress_endpoint_is_for_staff_only(client):
    campaign = CampaignFactory()
    response = client.get(reverse("newsletter:campaign_progress", args=[campaign.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_without_send_permission_a_scheduled_time_cannot_be_moved(client):
    client.force_login(user_with("view_campaign", "change_campaign"))
    when = timezone.now() + timedelta(days=3)
    campaign = CampaignFactory(status=Campaign.Status.SCHEDULED, scheduled_at=when)
    url = reverse("admin:newsletter_campaign_change", args=[campaign.pk])
    client.post(url, {"subject": "Changed", "preheader": "", "html_body": "<p>x</p>", "audience": "all",
                      "scheduled_at_0": "2020-01-01", "scheduled_at_1": "00:00:00",
                      "campaign_articles-TOTAL_FORMS": "0", "campaign_articles-INITIAL_FORMS": "0",
                      "loaded_version": loaded_version(campaign)})
    campaign.refresh_from_db()
    assert campaign.subject == "Changed"
    assert campaign.scheduled_at == when


@pytest.mark.parametrize("action", ["send_test", "schedule", "unschedule", "cancel"])
def test_campaign_actions_refuse_get_and_change_nothing(client, editor, action):
    campaign = CampaignFactory(status=Campaign.Status.SCHEDULED, scheduled_at=timezone.now())
    assert client.get(campaign_url(campaign, action)).status_code == 405
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SCHEDULED
    assert mail.outbox == []


def test_subscriber_page_offers_no_delete_and_its_delete_url_removes_nothing(client, editor):
    subscriber = SubscriberFactory(email="stays@example.org")
    page = client.get(reverse("admin:newsletter_subscriber_change", args=[subscriber.pk])).content.decode()
    assert "deletelink" not in page
    url = reverse("admin:newsletter_subscriber_delete", args=[subscriber.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert not LogEntry.objects.exists()


def test_no_admin_log_entry_names_a_subscriber_by_address(client, editor):
    sport = VerticalFactory(name="Sport")
    subscriber = SubscriberFactory(email="private@example.org")
    url = reverse("admin:newsletter_subscriber_change", args=[subscriber.pk])
    response = client.post(url, {"interests": [sport.pk], "consent_records-TOTAL_FORMS": "0",
                                 "consent_records-INITIAL_FORMS": "0"})
    assert response.status_code == 302
    assert list(subscriber.interests.all()) == [sport]
    [entry] = LogEntry.objects.all()
    assert entry.object_repr == f"Subscriber #{subscriber.pk}"
    assert "private" not in entry.object_repr + entry.change_message
    assert "private@example.org" not in client.get("/admin/").content.decode()


def test_erasure_clears_the_consent_history_and_counts_the_erasure(client, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/newsletter/", signup_data("history@example.org"))
    subscriber = Subscriber.objects.get()
    assert subscriber.consent_records.exists()
    client.post(CHANGELIST, {"action": "erase", "_selected_action": [subscriber.pk]})
    assert not Subscriber.objects.exists()
    assert not ConsentRecord.objects.exists()
    assert DailyStat.objects.get().erasures == 1
    [entry] = LogEntry.objects.all()
    assert (entry.user, entry.action_flag, entry.object_repr) == (editor, DELETION, "Subscriber (erased)")


@pytest.mark.parametrize("model", ["subscriber", "campaign", "delivery"])
@pytest.mark.parametrize("view", ["change", "history", "delete"])
@pytest.mark.parametrize("object_id", ["abc", "1.5", "٣", "99999999999999999999999", "-1"])
def test_newsletter_admin_object_urls_answer_404_for_an_id_that_is_not_one(client, model, view, object_id):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(f"/admin/newsletter/{model}/{object_id}/{view}/")
    assert response.status_code == 404


@pytest.mark.parametrize("action", ["preview", "send-test", "schedule", "unschedule", "cancel", "send"])
def test_custom_campaign_admin_urls_answer_404_for_an_id_that_is_not_one(client, editor, action):
    # Django's admin first redirects an unknown path to ".../change/", which then answers 404.
    assert client.get(f"/admin/newsletter/campaign/abc/{action}/", follow=True).status_code == 404
    assert client.post(f"/admin/newsletter/campaign/abc/{action}/", follow=True).status_code == 404
    assert client.get("/newsletter/campaigns/abc/progress.json").status_code == 404
