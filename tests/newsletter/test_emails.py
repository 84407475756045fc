"""What every newsletter e-mail carries (newsletter/emails.py)."""


import re

import pytest
from django.core import mail

from newsletter import campaigns, clicks, emails
from newsletter.models import Campaign, Delivery
from verticals.models import SiteSettings

from .factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_every_message_carries_headers_text_part_reason_and_postal_address(run_on_commit):
    settings_row = SiteSettings.load()
    settings_row.postal_address = "PostTrain Ltd\n1 Example Street"
    settings_row.save()
    reader = SubscriberFactory()
    campaign = CampaignFactory(html_body='<p>Hello <a href="https://example.org/x">readers</a>.</p>')
    run_on_commit(campaigns.start_sending, campaign)
    [message] = mail.outbox
    delivery = Delivery.objects.get()
    assert message.extra_headers["Message-ID"] == f"<campaign-{campaign.pk}.delivery-{delivery.pk}@localhost>"
    assert delivery.message_id == message.extra_headers["Message-ID"]
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://127.0.0.1:8000/newsletter/unsubscribe/") and unsubscribe.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The link goes through the click-counting redirect (clicks.py), which leads to the link as written.
    tracked = re.search(r"Hello readers \((http://127.0.0.1:8000/newsletter/c/[^/]+/)\)\.", message.body).group(1)
    assert clicks.read_token(tracked.split("/")[-2])[:2] == (campaign.pk, "https://example.org/x")
    assert unsubscribe[1:-1] in message.body
    assert "You get this because you subscribed" in message.body
    assert "1 Example Street" in message.body
    html = message.alternatives[0][0]
    assert unsubscribe[1:-1] in html and "1 Example Street" in html and reader.email not in message.body


def test_message_ids_are_deterministic_per_delivery(run_on_commit):
    SubscriberFactory.create_batch(3)
    campaign = CampaignFactory()
    run_on_commit(campaigns.start_sending, campaign)
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    expected = {f"<campaign-{campaign.pk}.delivery-{d.pk}@localhost>" for d in campaign.deliveries.all()}
    assert ids == expected


def test_plain_text_alternative_is_generated_from_the_html():
    campaign = CampaignFactory(
        html_body="<h2>Title</h2><p>One &amp; two <a href=\"https://example.org/\">link</a></p><ul><li>a</li></ul>"
    )
    assert campaign.text_body == "Title\n\nOne & two link (https://example.org/)\n\n- a"
    campaign.html_body = "<p>Changed</p>"
    campaign.save(update_fields=["html_body"])
    assert Campaign.objects.get(pk=campaign.pk).text_body == "Changed"


def test_html_body_is_sanitised_like_articles():
    campaign = CampaignFactory(html_body='<p onclick="x()">Hi<script>alert(1)</script></p>')
    assert "script" not in campaign.html_body and "onclick" not in campaign.html_body


def test_send_test_goes_to_one_address_without_touching_the_campaign():
    campaign = CampaignFactory()
    emails.send_test(campaign, "editor@example.org")
    [message] = mail.outbox
    assert message.to == ["editor@example.org"] and message.subject.startswith("[Test] ")
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT and not campaign.deliveries.exists()
