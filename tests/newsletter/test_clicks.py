"""Click counts without tracking people (newsletter/clicks.py): the signed redirect, the link rewriting at build
time, the admin's chart."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.urls import reverse

from newsletter import campaigns, clicks, emails, subscriptions
from newsletter.models import Campaign, CampaignLink, Subscriber
from tests.factories import UserFactory

from .factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

BODY = (
    '<p>Read <a href="http://127.0.0.1:8000/articles/fine-tuning/">Fine-tuning, explained</a>, '
    '<a href="http://127.0.0.1:8000/articles/fine-tuning/#method">its method</a> and '
    '<a href="https://example.org/paper?a=1&amp;b=2">the paper</a>. Or <a href="mailto:desk@example.org">write</a>.</p>'
)


def sent_campaign(run_on_commit, readers=2, body=BODY):
    SubscriberFactory.create_batch(readers)
    campaign = CampaignFactory(html_body=body)
    run_on_commit(campaigns.start_sending, campaign)
    return campaign


def tracked_links(text):
    return re.findall(r"http://127\.0\.0\.1:8000/newsletter/c/[^/\s\"]+/", text)


def test_every_http_link_of_html_and_text_goes_through_the_redirect_and_personal_links_do_not(run_on_commit):
    campaign = sent_campaign(run_on_commit, readers=1)
    [message] = mail.outbox
    html, text = message.alternatives[0][0], message.body
    targets = {clicks.read_token(urlsplit(u).path.split("/")[-2])[1] for u in tracked_links(html)}
    assert {"http://127.0.0.1:8000/articles/fine-tuning/", "http://127.0.0.1:8000/articles/fine-tuning/#method",
            "https://example.org/paper?a=1&b=2"} <= targets
    in_text = {clicks.read_token(urlsplit(u).path.split("/")[-2])[1] for u in tracked_links(text)}
    assert "https://example.org/paper?a=1&b=2" in in_text and in_text <= targets
    assert "https://example.org/paper" not in html and "https://example.org/paper" not in text
    assert 'href="mailto:desk@example.org"' in html
    # The reader's own links stay direct, and no click token carries anything of the reader.
    assert "/newsletter/unsubscribe/" in html and "/newsletter/unsubscribe/" in text
    for url in tracked_links(html) + tracked_links(text):
        payload = signing.loads(urlsplit(url).path.split("/")[-2], salt=clicks.SALT)
        assert payload[0] == campaign.pk and len(payload) == 2
        assert "/newsletter/unsubscribe/" not in payload[1] and "/newsletter/preferences/" not in payload[1]
    assert set(campaign.links.values_list("url", flat=True)) == targets
    assert campaign.links.get(url="https://example.org/paper?a=1&b=2").label == "the paper"


def test_a_click_counts_once_for_its_campaign_and_link_and_redirects_to_the_signed_url(client, run_on_commit):
    campaign = sent_campaign(run_on_commit)
    token = clicks.make_token(campaign.pk, "https://example.org/paper?a=1&b=2")
    response = client.get(reverse("newsletter:click", args=[token]), HTTP_USER_AGENT="Reader/1.0",
                          REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302 and response["Location"] == "https://example.org/paper?a=1&b=2"
    assert response["Referrer-Policy"] == "no-referrer"
    client.get(reverse("newsletter:click", args=[token]))
    link = CampaignLink.objects.get(campaign=campaign, url="https://example.org/paper?a=1&b=2")
    assert link.clicks == 2
    assert CampaignLink.objects.exclude(pk=link.pk).filter(clicks__gt=0).count() == 0
    # Nothing about who clicked is stored anywhere on the row.
    stored = " ".join(str(v) for v in CampaignLink.objects.values().get(pk=link.pk).values())
    assert "203.0.113.9" not in stored and "Reader/1.0" not in stored


@pytest.mark.parametrize("tamper", ["url", "campaign", "signature", "salt", "cut", "garbage", "javascript"])
def test_a_tampered_token_is_refused_and_counts_nothing(client, run_on_commit, tamper):
    campaign = sent_campaign(run_on_commit)
    good = clicks.make_token(campaign.pk, "https://example.org/paper?a=1&b=2")
    value, _, signature = good.rpartition(":")
    forged = {
        "url": signing.dumps([campaign.pk, "https://evil.example/"], salt=clicks.SALT, compress=True)
        .rpartition(":")[0] + ":" + signature,
        "campaign": signing.dumps([campaign.pk + 1, "https://example.org/paper?a=1&b=2"], salt=clicks.SALT,
                                  compress=True).rpartition(":")[0] + ":" + signature,
        "signature": value + ":" + ("A" if signature[0] != "A" else "B") + signature[1:],
        "salt": signing.dumps([campaign.pk, "https://evil.example/"], salt="another.salt", compress=True),
        "cut": good[:-5],
        "garbage": "not-a-token",
        "javascript": signing.dumps([campaign.pk, "javascript:alert(1)"], salt=clicks.SALT, compress=True),
    }[tamper]
    response = client.get(reverse("newsletter:click", args=[forged]))
    assert response.status_code == 400
    assert "Location" not in response
    assert "This link is not valid" in response.content.decode()
    assert not CampaignLink.objects.filter(clicks__gt=0).exists()


def test_head_requests_and_test_sends_count_nothing(client, run_on_commit):
    campaign = sent_campaign(run_on_commit)
    token = clicks.make_token(campaign.pk, "https://example.org/paper?a=1&b=2")
    assert client.head(reverse("newsletter:click", args=[token])).status_code == 302
    mail.outbox.clear()
    emails.send_test(campaign, "editor@example.org")
    [test_message] = mail.outbox
    [first, *_] = tracked_links(test_message.body)
    response = client.get(urlsplit(first).path)
    assert response.status_code == 302
    assert not CampaignLink.objects.filter(clicks__gt=0).exists()


def test_a_draft_test_send_registers_no_links():
    campaign = CampaignFactory(html_body=BODY)
    emails.send_test(campaign, "editor@example.org")
    assert tracked_links(mail.outbox[0].body)
    assert not CampaignLink.objects.exists()


def test_erasing_a_reader_leaves_the_counts(client, run_on_commit):
    campaign = sent_campaign(run_on_commit)
    token = clicks.make_token(campaign.pk, "https://example.org/paper?a=1&b=2")
    client.get(reverse("newsletter:click", args=[token]))
    subscriptions.erase(Subscriber.objects.all())
    assert CampaignLink.objects.get(url="https://example.org/paper?a=1&b=2").clicks == 1


def test_a_click_on_a_deleted_campaign_still_redirects_and_counts_nothing(client):
    campaign = CampaignFactory(status=Campaign.Status.SENT)
    token = clicks.make_token(campaign.pk, "https://example.org/")
    campaign.delete()
    response = client.get(reverse("newsletter:click", args=[token]))
    assert response.status_code == 302 and not CampaignLink.objects.exists()


def test_the_campaign_page_shows_clicks_per_article_and_per_link_with_a_chart(client, run_on_commit):
    campaign = sent_campaign(run_on_commit)
    for url, times in [("http://127.0.0.1:8000/articles/fine-tuning/", 3),
                       ("http://127.0.0.1:8000/articles/fine-tuning/#method", 2),
                       ("https://example.org/paper?a=1&b=2", 1)]:
        for _ in range(times):
            client.get(reverse("newsletter:click", args=[clicks.make_token(campaign.pk, url)]))
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    page = client.get(reverse("admin:newsletter_campaign_change", args=[campaign.pk])).content.decode()
    section = page[page.index('id="campaign-clicks"'):]
    section = section[:section.index("</section>")]
    assert "6 in all" in section
    per_article = section[section.index("Per article"):section.index("Per link")]
    assert "Fine-tuning, explained: 5 click(s)" in per_article  # both links to the article added up
    per_link = section[section.index("Per link"):]
    assert "its method: 2 click(s)" in per_link and "the paper: 1 click(s)" in per_link
    assert per_link.count("<rect") == CampaignLink.objects.filter(campaign=campaign).count()
    assert "<script" not in section
    figures = page[page.index('id="campaign-figures"'):]
    assert '<dd data-figure="delivered">2</dd>' in figures


def decoded(url):
    return clicks.read_token(urlsplit(url).path.split("/")[-2])[1]


def test_rewriting_keeps_punctuation_around_text_links_and_leaves_other_schemes_alone():
    campaign = CampaignFactory()
    html = ('<a href="https://en.wikipedia.org/wiki/Fine_(disambiguation)">wiki</a> '
            '<a href="#top">top</a> <a href="javascript:alert(1)">x</a> <a href="__posttrain_unsubscribe_url__">u</a>')
    text = ("See https://example.org/a. Or (https://example.org/b), https://en.wikipedia.org/wiki/Fine_(disambiguation)"
            " and __posttrain_unsubscribe_url__ and ftp://example.org/f.")
    new_html, new_text = clicks.rewrite_links(campaign, html, text)
    assert [decoded(u) for u in tracked_links(new_html)] == ["https://en.wikipedia.org/wiki/Fine_(disambiguation)"]
    assert 'href="#top"' in new_html and 'href="javascript:alert(1)"' in new_html
    assert 'href="__posttrain_unsubscribe_url__"' in new_html
    assert [decoded(u) for u in tracked_links(new_text)] == [
        "https://example.org/a", "https://example.org/b", "https://en.wikipedia.org/wiki/Fine_(disambiguation)",
    ]
    assert re.search(r"See http://\S+/\. Or \(http://\S+/\), http://\S+/ and __posttrain_unsubscribe_url__ and "
                     r"ftp://example.org/f\.$", new_text)
    assert campaign.links.count() == 3
    # Building the same campaign again (another batch, another worker) registers nothing twice.
    clicks.rewrite_links(campaign, html, text)
    assert campaign.links.count() == 3
