"""Home, vertical, series, tag, author, glossary, resources and about pages show what readers come for."""

from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    GlossaryTermFactory,
    PlannedPartFactory,
    ResourceFactory,
    SeriesFactory,
    VerticalFactory,
)
from verticals.models import SiteSettings, SocialLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    settings = SiteSettings.load()
    settings.headline = "Everything after pretraining"
    settings.pitch = "A pitch for readers."
    settings.launch_date = date(2027, 3, 1)
    settings.about = "<p>We are a small newsroom.</p>"
    settings.contact_email = "desk@example.org"
    settings.save()
    SocialLink.objects.create(site_settings=settings, label="Mastodon", url="https://example.social/@posttrain")
    return settings


def settings_url():
    return django_settings.SITE_URL


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_home_has_headline_launch_date_signup_verticals_series_and_latest(client, site):
    vertical = VerticalFactory(name="Sports science", slug="sports")
    SeriesFactory(title="Recovery analytics", vertical=vertical)
    ArticleFactory(title="Newest piece", vertical=vertical, publish_date=timezone.now() - timedelta(hours=1))
    content = text(client, "/")
    assert '<h1 id="hero-title">Everything after pretraining</h1>' in content
    assert "A pitch for readers." in content
    assert '<time datetime="2027-03-01">1 March 2027</time>' in content
    assert 'class="signup"' in content
    assert 'href="/verticals/sports/">Sports science</a>' in content
    assert "Recovery analytics" in content
    assert "Newest piece" in content


def test_footer_has_social_links_and_contact(client, site):
    content = text(client, "/")
    assert '<a href="https://example.social/@posttrain" rel="me noopener">Mastodon</a>' in content
    assert 'href="mailto:desk@example.org"' in content


def test_social_link_change_shows_at_once(client, site):
    text(client, "/")
    SocialLink.objects.create(site_settings=site, label="LinkedIn", url="https://example.org/in/posttrain")
    assert ">LinkedIn</a>" in text(client, "/")


def test_vertical_page_has_intro_series_latest_resources_and_glossary(client, site):
    vertical = VerticalFactory(name="AI", slug="ai", intro="<p>Intro words.</p>", short_description="Short.")
    SeriesFactory(title="The stack", vertical=vertical)
    ArticleFactory(title="An AI piece", vertical=vertical)
    ArticleFactory(title="Elsewhere piece")
    ResourceFactory(title="NIST AI RMF", vertical=vertical, note="Risk controls.")
    GlossaryTermFactory(term="DPO", slug="dpo", vertical=vertical, short_definition="A simpler alignment loss.")
    content = text(client, "/verticals/ai/")
    assert "<h1>AI</h1>" in content and "<p>Intro words.</p>" in content
    assert "The stack" in content and "An AI piece" in content and "Elsewhere piece" not in content
    assert "NIST AI RMF" in content and "Risk controls." in content
    assert 'href="/glossary/dpo/">DPO</a>' in content and "A simpler alignment loss." in content
    assert 'href="/verticals/ai/feed/"' in content


def test_vertical_page_paginates_articles(client, site):
    vertical = VerticalFactory(slug="busy")
    for i in range(14):
        when = timezone.now() - timedelta(days=i + 1)
        ArticleFactory(title=f"Busy piece {i:02d}", vertical=vertical, publish_date=when)
    first = text(client, "/verticals/busy/")
    second = text(client, "/verticals/busy/?page=2")
    assert "Busy piece 00" in first and "Busy piece 13" not in first
    assert "Busy piece 13" in second and "Busy piece 00" not in second
    assert client.get("/verticals/busy/?page=9").status_code == 404
    assert f'<link rel="canonical" href="{settings_url()}/verticals/busy/?page=2">' in second
    assert f'<link rel="canonical" href="{settings_url()}/verticals/busy/">' in first
    assert "Busy piece 00" in text(client, "/verticals/busy/?page=abc")


def test_series_page_lists_parts_in_order_with_coming_dates(client, site):
    series = SeriesFactory(title="In order", intro="<p>Series intro.</p>")
    ArticleFactory(series=series, part=2, title="Second part")
    ArticleFactory(series=series, part=1, title="First part")
    PlannedPartFactory(series=series, part=3, title="Third, planned", planned_date=date(2027, 1, 15))
    PlannedPartFactory(series=series, part=1, title="Superseded plan")
    content = text(client, series.get_absolute_url())
    assert "<p>Series intro.</p>" in content
    assert content.index("First part") < content.index("Second part") < content.index("Third, planned")
    assert 'coming <time datetime="2027-01-15">15 January 2027</time>' in content
    assert "Superseded plan" not in content


def test_tag_page_lists_published_articles_with_the_tag(client, site):
    ArticleFactory(title="Tagged piece", tags=["grpo"])
    ArticleFactory(title="Untagged piece")
    content = text(client, "/tags/grpo/")
    assert "<h1>grpo</h1>" in content and "Tagged piece" in content and "Untagged piece" not in content
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_author_page_has_bio_and_their_articles(client, site):
    author = AuthorFactory(name="Grace", slug="grace", bio="Writes on recovery.")
    ArticleFactory(title="By Grace", authors=[author])
    ArticleFactory(title="By someone else")
    content = text(client, "/authors/grace/")
    assert "<h1>Grace</h1>" in content and "Writes on recovery." in content
    assert "By Grace" in content and "By someone else" not in content


def test_glossary_index_and_term_page(client, site):
    GlossaryTermFactory(
        term="RLHF",
        slug="rlhf",
        expansion="reinforcement learning from human feedback",
        short_definition="Learning from preferences.",
        explanation="<p>Uses a reward model. See DPO.</p>",
    )
    GlossaryTermFactory(term="DPO", slug="dpo", short_definition="Direct preference optimisation.")
    index = text(client, "/glossary/")
    assert '<h2 id="letter-R">R</h2>' in index and '<h2 id="letter-D">D</h2>' in index
    assert "(reinforcement learning from human feedback)" in index
    term = text(client, "/glossary/rlhf/")
    assert "<h1>RLHF</h1>" in term and "Uses a reward model." in term
    assert 'href="/glossary/dpo/"' in term
    assert term.count('class="glossary-link" href="/glossary/rlhf/"') == 0


def test_resources_page_grouped_by_vertical(client, site):
    ai = VerticalFactory(name="AI", slug="ai", order=1)
    sport = VerticalFactory(name="Sport", slug="sport", order=2)
    ResourceFactory(title="TRL library", vertical=ai, kind="tool")
    ResourceFactory(title="HRV dataset", vertical=sport, kind="dataset")
    content = text(client, "/resources/")
    assert content.index('<h2 id="res-ai">AI</h2>') < content.index("TRL library")
    assert content.index('<h2 id="res-sport">Sport</h2>') < content.index("HRV dataset")
    assert '<span class="badge">Dataset</span>' in content


def test_about_page_shows_the_about_text_from_settings(client, site):
    content = text(client, "/about/")
    assert "<p>We are a small newsroom.</p>" in content
    assert "desk@example.org" in content


def test_only_get_and_head_are_allowed(client, site):
    assert client.post("/").status_code == 405
    assert client.head("/").status_code == 200
