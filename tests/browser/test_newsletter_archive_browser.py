"""The newsletter archive in Chromium: past issues readable on the site, accessible, and reachable from the e-mail."""

import pytest
from django.utils import timezone

from newsletter.models import Campaign
from tests.browser.conftest import PHONE, WIDE, screenshot, serious_violations
from tests.newsletter.factories import CampaignFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [PHONE, WIDE])
def test_a_reader_goes_from_the_archive_to_a_past_issue_and_back(browser_page, width):
    CampaignFactory(subject="Issue one: fine-tuning", preheader="What changed this week.",
                    status=Campaign.Status.SENT, started_at=timezone.now())
    CampaignFactory(subject="Draft issue", status=Campaign.Status.DRAFT)
    page = browser_page(width=width)
    page.goto(browser_page.url("/newsletter/archive/"))
    assert page.locator("h1").inner_text() == "Past issues of the newsletter"
    assert "Draft issue" not in page.content()
    assert serious_violations(page) == []
    screenshot(page, "newsletter-archive")

    page.get_by_role("link", name="Issue one: fine-tuning").click()
    page.wait_for_url("**/newsletter/archive/issue-one-fine-tuning/")
    assert page.locator("h1").inner_text() == "Issue one: fine-tuning"
    assert "Unsubscribe" not in page.locator("body").inner_text()
    assert serious_violations(page) == []
    screenshot(page, "newsletter-archive-issue")
    page.get_by_role("link", name="All past issues of the PostTrain newsletter").click()
    page.wait_for_url("**/newsletter/archive/")
