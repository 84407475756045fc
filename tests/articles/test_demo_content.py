"""The demo content: what `load_demo_content` loads, that a second run changes nothing, and that none of it is copied.

The last point is checked against fingerprints of the editorial brief (each run of eight consecutive words, hashed),
so the test needs neither the brief itself nor a copy of it in the repository.
"""

import base64
import hashlib
import os
import re
from datetime import timedelta
from html import unescape
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import strip_tags
from reversion.models import Revision
from taggit.models import Tag, TaggedItem

from articles.demo import glossary, loader
from articles.demo import images as demo_images
from articles.models import (
    Article,
    ArticleTransition,
    Author,
    Correction,
    GlossaryTerm,
    Image,
    ImageTag,
    PlannedPart,
    Reference,
    Rendition,
    Resource,
    Series,
    SourceLink,
    TaggedImage,
)
from posttrain.richtext import sanitize_html
from verticals.models import SiteSettings, SocialLink, Vertical

pytestmark = pytest.mark.django_db

NGRAM = 8
HEADING_WITH_ID = re.compile(r'<h2 id="([a-z0-9-]+)">')
# The brief sits in shared/ beside the checkout, on developers' machines and in CI alike.
BRIEF_PATH = Path(
    os.environ.get("POSTTRAIN_BRIEF", Path(settings.BASE_DIR).parent / "shared" / "reference" / "posttrainai-brief.txt")
)


def load(stdout=None):
    out = stdout or StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def words(html_or_text):
    """Lower-case words of a text, HTML tags and entities removed; punctuation and hyphens split words."""
    return re.findall(r"[a-z0-9]+", unescape(strip_tags(html_or_text or "")).lower())


def ngrams(word_list):
    return (tuple(word_list[i : i + NGRAM]) for i in range(len(word_list) - NGRAM + 1))


def fingerprint(gram):
    return hashlib.blake2b(" ".join(gram).encode(), digest_size=5).digest()


def brief_fingerprints():
    data = base64.b64decode("".join(BRIEF_8GRAM_FINGERPRINTS))
    return frozenset(data[i : i + 5] for i in range(0, len(data), 5))


def loaded_texts():
    """Every piece of prose the command writes, as (where, text)."""
    for a in Article.objects.all():
        for name in ("title", "standfirst", "body", "seo_title", "seo_description"):
            yield f"article {a.slug} {name}", getattr(a, name)
    for correction in Correction.objects.all():
        yield f"correction {correction.pk}", correction.note
    for v in Vertical.objects.all():
        for name in ("name", "short_description", "intro"):
            yield f"vertical {v.slug} {name}", getattr(v, name)
    for s in Series.objects.all():
        for name in ("title", "summary", "intro"):
            yield f"series {s.slug} {name}", getattr(s, name)
    for p in PlannedPart.objects.all():
        yield f"planned part {p}", p.title
    for t in GlossaryTerm.objects.all():
        for name in ("term", "expansion", "short_definition", "explanation"):
            yield f"glossary {t.slug} {name}", getattr(t, name)
    for r in Resource.objects.all():
        yield f"resource {r.title} note", f"{r.title}. {r.note}"
    for author in Author.objects.all():
        yield f"author {author.slug} bio", author.bio
    settings = SiteSettings.objects.get()
    for name in ("headline", "pitch", "about"):
        yield f"site settings {name}", getattr(settings, name)


SNAPSHOT_MODELS = [
    Image,
    ImageTag,
    TaggedImage,
    Rendition,
    Vertical,
    SiteSettings,
    SocialLink,
    Author,
    Series,
    PlannedPart,
    Article,
    Article.authors.through,
    Reference,
    SourceLink,
    Correction,
    ArticleTransition,
    Resource,
    GlossaryTerm,
    Tag,
    TaggedItem,
    Revision,
]


def snapshot():
    """Every column of every row the command may touch, including updated_at."""
    return {model._meta.label: list(model.objects.order_by("pk").values_list()) for model in SNAPSHOT_MODELS}


@pytest.fixture
def demo():
    return load()


class TestWhatIsLoaded:
    def test_loads_the_three_verticals_with_intros(self, demo):
        assert set(Vertical.objects.values_list("slug", flat=True)) == {
            "ai-model-post-training",
            "corporate-learning",
            "sports-science",
        }
        for vertical in Vertical.objects.all():
            assert vertical.short_description
            assert HEADING_WITH_ID.search(vertical.intro)

    def test_loads_series_for_every_vertical_with_announced_parts(self, demo):
        assert Series.objects.count() >= 4
        assert set(Series.objects.values_list("vertical__slug", flat=True)) == set(
            Vertical.objects.values_list("slug", flat=True)
        )
        today = timezone.localdate()
        for series in Series.objects.all():
            assert series.summary and series.intro and series.planned_start
            assert series.planned_parts.filter(planned_date__gt=today).exists(), series

    def test_announced_parts_never_shadow_a_published_part(self, demo):
        for article in Article.objects.published().filter(series__isnull=False):
            assert not PlannedPart.objects.filter(series=article.series, part=article.part).exists()

    def test_every_unpublished_series_article_is_announced_with_a_date(self, demo):
        for article in Article.objects.exclude(pk__in=Article.objects.published()).filter(series__isnull=False):
            planned = PlannedPart.objects.get(series=article.series, part=article.part)
            assert planned.planned_date >= timezone.localdate()

    def test_loads_articles_authors_resources_and_glossary(self, demo):
        assert Article.objects.count() >= 12
        assert 3 <= Author.objects.count() <= 4
        assert all(author.bio for author in Author.objects.all())
        assert GlossaryTerm.objects.count() >= 20
        assert Resource.objects.count() >= 10
        assert set(Resource.objects.values_list("kind", flat=True)) == set(Resource.Kind.values)
        assert Tag.objects.count() >= 10

    def test_site_settings_announce_a_launch_about_a_month_ahead(self, demo):
        settings = SiteSettings.objects.get()
        assert timezone.localdate() + timedelta(days=20) <= settings.launch_date
        assert settings.launch_date <= timezone.localdate() + timedelta(days=40)
        assert settings.headline and settings.pitch and settings.postal_address
        assert settings.contact_email == "editors@posttrainai.com"
        assert HEADING_WITH_ID.search(settings.about)
        assert settings.social_links.count() >= 2

    def test_prints_what_it_created(self, demo):
        assert "verticals: 3 created, 0 already present" in demo
        assert f"articles: {len(loader.ARTICLES)} created" in demo


class TestPublicationStates:
    def test_has_published_scheduled_in_review_and_draft_articles(self, demo):
        assert Article.objects.published().count() >= 5
        assert Article.objects.scheduled().count() >= 3
        assert Article.objects.in_review().exists()
        assert Article.objects.filter(status=Article.Status.DRAFT).exists()

    def test_every_vertical_has_something_published_or_scheduled(self, demo):
        for vertical in Vertical.objects.all():
            assert vertical.articles.filter(status=Article.Status.PUBLISHED).exists(), vertical

    def test_dates_are_relative_to_the_load(self):
        later = timezone.now() + timedelta(days=400)
        with time_machine.travel(later, tick=False):
            load()
            assert Article.objects.published().count() >= 5
            assert Article.objects.scheduled().count() >= 3
            assert SiteSettings.objects.get().launch_date > timezone.localdate()

    def test_published_articles_are_reviewed_and_have_a_publish_transition(self, demo):
        for article in Article.objects.filter(status=Article.Status.PUBLISHED):
            assert article.last_reviewed is not None
            assert article.last_reviewed <= timezone.localdate()
            transition = article.transitions.get(action="publish")
            assert transition.user is None
            assert transition.comment == "demo content"
            assert transition.to_status == Article.Status.PUBLISHED
            assert transition.publish_date == article.publish_date

    def test_a_published_article_shows_a_correction_dated_after_publication(self, demo):
        correction = Correction.objects.get()
        assert correction.article.is_published()
        assert correction.date > timezone.localdate(correction.article.publish_date)
        assert correction.date <= timezone.localdate()

    def test_drafts_have_no_date_and_no_history(self, demo):
        for article in Article.objects.filter(status=Article.Status.DRAFT):
            assert article.publish_date is None
            assert not article.transitions.exists()


class TestArticleContent:
    def test_bodies_survive_the_sanitiser_unchanged(self, demo):
        sources = {data["slug"]: data["body"].strip() for data in loader.ARTICLES}
        for slug, key in demo_images.FIGURES.items():
            picture = Image.objects.get(title=demo_images.IMAGES[key]["title"])
            sources[slug] = demo_images.with_figure(sources[slug], picture)
        for article in Article.objects.all():
            assert article.body == sources[article.slug]
            assert sanitize_html(article.body) == article.body

    def test_bodies_have_sections_with_unique_heading_ids(self, demo):
        for article in Article.objects.all():
            ids = HEADING_WITH_ID.findall(article.body)
            assert len(ids) >= 3, article.slug
            assert len(ids) == len(set(ids)) == article.body.count("<h2"), article.slug

    def test_bodies_are_between_400_and_900_words(self, demo):
        for article in Article.objects.all():
            assert 400 <= len(words(article.body)) <= 900, (article.slug, len(words(article.body)))
            assert 400 <= article.word_count <= 900

    def test_articles_have_standfirst_authors_tags_and_references(self, demo):
        for article in Article.objects.prefetch_related("authors", "tags", "references"):
            assert article.standfirst, article.slug
            assert article.authors.exists(), article.slug
            assert article.tags.exists(), article.slug
            assert article.references.exists(), article.slug
            for reference in article.references.all():
                assert reference.title
                assert reference.url == "" or reference.url.startswith(("https://", "http://"))

    def test_series_parts_are_numbered_from_one_without_gaps(self, demo):
        for series in Series.objects.all():
            written = sorted(series.articles.values_list("part", flat=True))
            assert written == list(range(1, len(written) + 1)), series

    def test_facts_of_the_brief_are_kept(self, demo):
        text = " ".join(unescape(strip_tags(a.body)) for a in Article.objects.all())
        for fact in (
            "1.4 million",
            "$10 million and $20 million",
            "around 200 people",
            "more than $50 million",
            "SimPO",
            "KTO",
            "ORPO",
            "GRPO",
            "DAPO",
            "AIME 2024",
            "32-billion-parameter",
            "half as many training steps",
            "55 per cent post-training",
            "August 2026",
            "four levels",
            "$29 billion",
            "$2 billion",
            "80 per cent",
            "40 per cent less compute",
            "25 to 35 per cent",
            "October",
            "1885",
        ):
            assert fact in text, fact


class TestGlossary:
    def test_terms_have_definitions_and_explanations(self, demo):
        for term in GlossaryTerm.objects.all():
            assert term.short_definition and term.explanation and term.vertical, term
        required = {"SFT", "RLHF", "PPO", "DPO", "SimPO", "KTO", "ORPO", "RLVR", "GRPO", "DAPO", "HRV"}
        assert required <= set(GlossaryTerm.objects.values_list("term", flat=True))

    def test_every_term_is_mentioned_in_an_article_body(self, demo):
        bodies = [strip_tags(body) for body in Article.objects.values_list("body", flat=True)]
        for term in GlossaryTerm.objects.all():
            assert any(term.pattern.search(body) for body in bodies), term.term

    def test_every_article_mentions_a_glossary_term(self, demo):
        terms = list(GlossaryTerm.objects.all())
        for article in Article.objects.all():
            body = strip_tags(article.body)
            assert any(term.pattern.search(body) for term in terms), article.slug


class TestIdempotence:
    def test_a_second_run_changes_nothing(self, demo):
        before = snapshot()
        with time_machine.travel(timezone.now() + timedelta(days=3)):
            output = load()
        assert snapshot() == before
        assert "0 created" in output and "nothing to do" in output

    def test_a_second_run_keeps_what_editors_changed(self, demo):
        article = Article.objects.get(slug="rlhf-foundation")
        article.title = "An editor's better title"
        article.save()
        Reference.objects.filter(article=article).delete()
        settings = SiteSettings.objects.get()
        settings.headline = "An editor's headline"
        settings.save()
        GlossaryTerm.objects.filter(slug="dpo").update(slug="direct-preference-optimisation")

        load()

        article.refresh_from_db()
        assert article.title == "An editor's better title"
        assert not article.references.exists()
        assert SiteSettings.objects.get().headline == "An editor's headline"
        assert GlossaryTerm.objects.filter(term="DPO").count() == 1

    def test_fills_in_placeholder_site_settings_but_nothing_else(self):
        SiteSettings.load()  # what a visit to the home page leaves behind before any content exists
        settings = SiteSettings.objects.get()
        settings.contact_email = "newsroom@example.org"
        settings.save()

        load()

        settings.refresh_from_db()
        assert settings.headline != "PostTrain"
        assert settings.launch_date is not None
        assert settings.about
        assert settings.contact_email == "newsroom@example.org"

    def test_leaves_a_taken_series_part_to_the_editor(self):
        load()
        taken = Article.objects.get(slug="rlvr-grpo-dapo")
        taken.delete()
        editor_article = Article.objects.create(
            slug="editors-own-part-four",
            title="The editor's part four",
            standfirst="Written in the admin.",
            body="<p>Our own.</p>",
            vertical=Vertical.objects.get(slug="ai-model-post-training"),
            series=Series.objects.get(slug="post-training-stack"),
            part=4,
        )

        output = load()

        assert not Article.objects.filter(slug="rlvr-grpo-dapo").exists()
        assert Article.objects.get(series__slug="post-training-stack", part=4) == editor_article
        assert "series part taken" in output

    def test_everything_is_created_in_one_transaction(self, monkeypatch):
        def fail(*args, **kwargs):
            raise RuntimeError("resources could not be loaded")

        monkeypatch.setattr(loader, "_load_resources", fail)
        with pytest.raises(RuntimeError):
            load()
        assert not Vertical.objects.exists()
        assert not GlossaryTerm.objects.exists()


class TestNothingIsCopiedFromTheBrief:
    def test_no_eight_words_in_a_row_come_from_the_brief(self, demo):
        fingerprints = brief_fingerprints()
        copied = [
            (where, " ".join(gram))
            for where, text in loaded_texts()
            for gram in ngrams(words(text))
            if fingerprint(gram) in fingerprints
        ]
        assert copied == []

    def test_the_check_would_catch_a_copied_phrase(self):
        # One phrase of the brief, so the test above is known to be able to fail.
        gram = tuple(words("Modern large language model post-training has evolved into"))
        assert fingerprint(gram[:NGRAM]) in brief_fingerprints()
        assert len(brief_fingerprints()) > 2000

    def test_fingerprints_match_the_brief(self):
        if not BRIEF_PATH.exists():
            pytest.skip(f"the brief is not at {BRIEF_PATH}: set POSTTRAIN_BRIEF to check the fingerprints")
        brief = words(BRIEF_PATH.read_text())
        assert {fingerprint(gram) for gram in ngrams(brief)} == brief_fingerprints()


def test_every_demo_model_is_in_the_snapshot():
    """A model the loader writes but the idempotence test ignores would let a second run slip through."""
    written = {"articles", "verticals"}
    ignored = {"PreviewLink", "SlugRedirect", "HandledAttention"}
    ignored |= {"ArticleComment", "Notification", "NotificationPreference"}  # staff write these, never the loader
    models = [m for m in apps.get_models() if m._meta.app_label in written and m.__name__ not in ignored]
    missing = [m._meta.label for m in models if m not in SNAPSHOT_MODELS]
    assert missing == []
    assert glossary.TERMS  # the data module the glossary rows come from


# blake2b digests (5 bytes) of every run of eight words in the brief, base64 encoded.
BRIEF_8GRAM_FINGERPRINTS = [
    "ADoT2gwARDbMuQBNFF9SAHkngCcAecajlACX9T62ALtOiJ4A607YOQEE3OHZARkU0LgBPhikwAFBjQKkAU2xRFABV534uQFbXzk5AZCKnW8Bq4KN"
    "MQG8pfDTAb5ZeXgB1o26gwHZZ/jTAdouF6MB2mVPwAHuRDfrAg+R9f0CIfoRNAIsNVEcAomSsqkCizJJ4AKPbn4XArqupvIDWCFGZgNkPHDbA3YW"
    "t4EDj31STAOXwhHFA5rjVQYDosfPRwOtwzreA7NMK9oD8ku+QAQcQnmUBCYDIEAEO97WYQQ9xbcOBFP0hUIEYdTEEQR4YGpyBI4NndME1jkrUgTx"
    "tGT8BPbN9LEE/oxWOAUha40eBVRuVEYFYhJAAwVq9/mkBWsW9/gFfZiC+wV+PfuTBh3zR4EGJY/n7QZJCPxmBmV2wlQGZngi5QZyPQCkBo2gHi8G"
    "kwdjSgbzCRAYBvRMrBwG9E7yAAb1mk2xBwRwCrMHC+J8HgdaCDKrB2CiJAYHga7VWAeZPRpsB8tVGJYHzzVfUAfThqgxB+tQM9oH7VY4gwf/NYNL"
    "B//0JsAIESqEFgg14zq2CD3HUaMIWAPvjgiEdsPUCIhMshgIqVwPOwjovb4fCO4MpfAJMNLc8wnC1FckCeog/JkKAvnx6goJf154ChJYCXkKQry2"
    "EgpM1o21Cld8sA8KWC+xWgqiachiCqXsHQwK2B3vKArbnQ36CuaIk/kLJAMYdAsnL0n8CywfpmcLNQtFFgtSgrFKC8imVl8L0tM/KgwW+es6DDTq"
    "9OsMOR19nAw7s1H1DEhVXVsMVane/QxzlZzJDH2r7OcMp/YzgAyxaD7LDLeth+IMvl0njwzbl1SeDQhv5bkNMTahoQ0yXVwKDXWxYY8Nr7PhaA3D"
    "lE4DDdXNLy8N51AqkQ30+pciDfyJ8bgODC3BpQ4wgRlEDlumFGYOa4JRxA6JE5T2DqWb8W0OtJrl/w7ViVw7DteOZ5sPAYHTsg8M7UfYDygOKSgP"
    "LbdINg8y1Qk/Dzwmc08PSklrIw9WVqgSD27ZOD0Pla8F+A+5/PlkD//VghUQPhmjJRBGbvGWEHtFu+gQl0UnKRCbtJPxEKOq7XMQswTWcxDa0pgx"
    "EO0r7oYRBCLIHBFDSltnEW7DLh8Rg/lBPhGoQ5WwEbkUe0UR0U4rwhHRqB3XEeCI4IER4QNBfxIAPJUeEh/Jae0SQsyS0xJ2Qp0uEoWDQPwSieDw"
    "CBK98hm3Er7Un/YS2PrsnBLsiyi2Ex/uD9wTJu6NBRNlEpzlE2Ut3/ITwNv10BPTV0MGE9m6VEsUCGVhaRRd9dsTFHPszs0UqzHvAhS8l2N6FMKr"
    "VQwUy2HS5BUBtp5AFQT7ohMVcm1RFhWEpVS+FadxIwUVtqEJShXEQOoOFdalAJQWBu6+ARZL2Q19Fk/fVzwWkduPjRaW1mYxFqfhHikWtZ5yeBbf"
    "mYRXFv/gX28XGsVFFRc1h32TF25miVIXfhO50BeXS8dZF5xTV2QXo9/FiRekaLqGF/UR4a4X9Ses3BgSxtAkGF21My8Y3IlBDxjfGLnTGRPfbaUZ"
    "OPwcBBk9FQiSGar6RBUZtJxWuhpf/MuXGnffw2QaihQ6hRqe/4m+GrqKjJ8avBoOjRrT/iPvGxRvwXIbMXxhjhtD7fDkG3YElZQbktHl6xuhFd6A"
    "G7LDerIb6m+epRyEEMjNHI9dRp4cn8RWwhysPypHHMNAOmMc6/vtAxz4kPBNHQAl+uQdEBfE8R0WUIkUHUfT0nQdh6j41B2mQ7tOHc1zZKQd0B0r"
    "Uh36TITAHhjaPsceOzGZAh5JFYkJHkora5AeV1tBhx5rEZlPHr8yOMYe3MY2wx8J75BzHyK6fYsfIvxlPx8q2RVHHy8uuJwfO7o5vx9WahAWH5Jq"
    "uq4fmtupbR+t+R0EH84I6Ckf4EN7Eh/lj7IZH+zn2k8gFUjeSyAhCAZsIDzWQxsgTBFEyyBY54BoIFyeaOwgbjfkJSB9MJ8NIKv2Bokg6ygJgSD6"
    "KWaSIRVVlzghF+0fZCFYaIbIIWlrVLQhhpIDzSGSFU0gIaNisi0huCS1xyG61QykIeKlnzYh9vMqaCIHjlzKIh/FSociLQKs3CJR1WPmIlUjPRIi"
    "Zh0m9iJsUaBmIm5clDYi4hY7jSMBiVr2IwjhsWMjVw4XkSNn9HXvI28ZcSkje759TCN+SkI1I7cB8WsjvWQLUyO+V7LfJBDBfowkHd7vQCRDokKw"
    "JFco5SIkaaqXTCSBEg8rJMLRhDQk4CRt5yT/N0uYJQpvHSUlXLAXvSVdcGzoJXYalN0llVaACCWjgfHYJfal6dUmD6YoPiYhqlMWJiLnkQImTUyI"
    "8CZ9I7rjJsDjFE0m0SSQeSb6hhsdJwlYiFsnIUGEdCdTtJXFJ4jaNDkniPTK8yeUnBMRJ59rJDInqbC6IievEaD7J7Qs02snyTGsnCfdYhX6J/Rf"
    "at8n/Kz+gigm53d2KF0sDOAoZw4+LCimLGynKK0wp8wo3WzknikFNoJaKRBBYMgpInl4JCkkogX5KUKTjBYpawt8rymM4zaGKaCWYmApvPrnkSm9"
    "7DTXKdpG+kwp3RyRSin83aSDKiJni6IqJFj5ISpCJM91KkJQcMQqS0g3lipTOxu4KnnRlRUqnb0C1iqhmZUFKri1l+0qvGdSzyq/ZTDHKtku1KIq"
    "5+8QvyrtQO1JKu59UgkrClqxRysPvJ+oKx43NAYrMR+Sbiuf5GsFK7FzpSIrvfH2sCvUy6GiK+D3fiUr7ajh3SwDKTvFLD+RJA4shN8sCCzMAOf7"
    "LNN7bjQtBDxBHy0JxRamLSaQ+iwtW7ex9S2in1y/LbU2S3Et0SrHNi3R8OBwLgGUrxQuDRh1lS4jcep/LkJpeNMuToK70S6Xsbk4LqLG9ksupvBs"
    "jy7LLjBBLtt2fqQu44Qw0C7m599oLukU4QgvNwC11i9JyGxSL3plIzovjRSbnC+U3vp8L5uEFn4vq3J0Zy/DQHZbMAWWx6owB8XBrzAnH6mKMD03"
    "JJowPUyHHTB5gPvmMHst4gYw8PcynDD4N2PsMQ/rF9gxEDsaXTETRit9MUNiYwwxTIMPVDFdRhqFMWB1QiYxf+7pETGBs91JMbPVwDox1dxBIDH3"
    "336sMf6bGmAyMMGSjjI+Y0uuMmtARVYybXT1JDKMnYhbMpVupNUyomhfeTK283alMrxy5S8yvecakDLNsBfTMt3PlOYy9z8uZjL4USosMxJo/h4z"
    "O6H0ozNSVYwFM2z/j6czidIijjOktcUlM7dLewwzzuVnnzPWvWcpNAtKJpI0Gp8zSzQcZ+yONCVe13Q0T60vMjRt8uR3NI99Tgw0ke1qUjTA/D5v"
    "NMn0pSI07PePATUPqiNENRc7t4c1GMN7djUveO+aNTAAhVM1PTD3KzVQHKVPNa6oN4k14nGgaDYSVAM/NjM2nQw2T5a3WDZoorENNnTXf4E2oRT3"
    "wDaq1kUbNrQsb1U2yqMUZTbebnZNNwPtq903DFvUnDcWRbqzNxq/j+Y3HcSuczc5xAu6N3UuXMI3f39QTTeIqI0CN52mjsU3qqphJze5AweLN7q+"
    "3tM3xvuMlzfYVZqvN91SHUc37bZyLjgkFp+POGfiZFA4jMdzoDipbPHCOMVxrSo40wtrzDjWvjpiOQTKqoM5TUl5CDl6ltTEOX1zS3A5pYJQDDmm"
    "t7VsOdHSxXM50ppRgTnZ3s1JOfxRG9w6Ai6fKTonrfgJOmuSunY6iLDP1zqZVuiROrBeldQ633K4fDsW70XTO6Fs0Yg7qRNNsDvHvEnhO/1aR148"
    "HObG/DxJP6DxPFKaqTg8XeSH1TxoDq2vPHmEbd88lcK02zybyNKrPKECt2s8yXSi0Dz37nJDPSVypOE9R/acyT1JGiYxPVhw/RY9WMQ3iz1fUHnR"
    "PYdDUio9w60sPz4PihAIPhGg2U4+Qk24QD5T6P4TPoC3TVA+gNEmkj6Gksx6PqCu9d8+0XzRBT7Zgz5+Pw6YTc8/StMHhD9RjFRjP24X4gw/pHJj"
    "7T+7S33gP9wTk9c/9zd54UAT93VcQClrbVRAL43hjUA0wPBcQLFlGaBA0N7ss0DZFFOwQNpwSW9BdB7bkUGr3P0jQc0qHXpB4J8MIUH0LJBuQhXD"
    "2fpCOgxXgEJeaMkCQmoi2FhCmcR0kUKlXBjvQrJdoclCtTWOZ0LHGMSnQvPjT9lC9Eg+6UL30qDPQ1U3yOBDZEl3G0NxG54TQ7k04/REEWAJz0Rc"
    "8fBhRGB6pf1EZKNAIERtxr9ORG3ofZ9EcnPnwkSDUB5vRJRXHdBEy9dLPUT+RQHhRQd5CZZFFBYyikUWsQV7RRsy8ORFJzAjvUUsWeCHRTeKFdRF"
    "S8xC6UVeundPRWTlgSxFaEvAsUVo4AYPRXMWjtJFe6Pr9EXT0aXZRe855NFF+LTL9UYiVgRJRjtXRdtGe/zgbEaGK+sRRo3PlIdGozlNZUbOX6pz"
    "Rub1ByNHG0sgEkceQ22PRyEvvUJHMwLXj0c3/j3HR2qngzxHjJES6Ufdba7gR/oVgqhIPvIetUhLBFYlSEwWgrhITwbR8EhsU/7KSG1VdiVIfUqv"
    "UUjMCE9FSQLk5kFJHHU5kkkowa5OSTdE88tJOzD3jUmAJMSJSYjUnNRJqMQmIEnjBZMESeNU89hJ5TJWnkoHz7U+SiSZFzdKJqgMJ0pEGZ7bSn07"
    "x+VKhLJEf0qMXEvUSsNEZeZK6A6RM0sgPNo+Syn0WHZLUGcgCUtWyUrqS390oLlLtsz2uEvvL/haTA2B7tRMEzylc0x8I2NCTJdBE9FMnOR0K0zK"
    "GeMhTOZKuAVM8cTOy00AHANsTQ0FjhFNTiosqk39X4TXTgf5HppOFCymSk4eDk90TikLQvFOWZAw105f8uT9TmELn6xOYXX9tE6TxV7qTpu22WRO"
    "nJuJ507LNzvHTuf0Sc5PEWk2b08h71X+TyhW6xdPZeux3k9nLsb3T50OZgRPob9Udk+px1dLT6tKqRlPteLVPE+6Ei6fT+1QcThP9CzgT1Ab2mkw"
    "UEI+mn9QboMj9FB0ZkeSUHZde9FQzQvpwFEAB40MUR5EN8dRLMF6jlGQtvoDUbxBzP1RxmikL1HieTrqUeLnRCNR7Rr6fFH5q83bUgZS3I5SRj54"
    "y1JZLerfUmW44pBSaHpNbFJsLDT/UnZcg2JSfX1F+1KSFcBBUpd04s1SoTqEfFK4dLfDUrxh5m5S36+K2FLrChFiUvsuH4ZTHASVPFMclRhWUz2b"
    "FNhTTdbDglNUR9L6U4wevDlTkFjIL1OXLuIoU6mtKtNTqfz2NFP+YXO5VBzI2I5UWIxcs1Rol2D0VJkLDCRUsSTYSVS4S3MdVMa/YklUzUj8+FTO"
    "XUmHVM7ddA1Uz30Px1UPDCFCVR8VoFFVNGGWS1U4fahDVWw3ZIpVbNtB4FV4q/7NVXlzMmxVj76O7FWQHGUrVakUtEFVsim6jVW1ekmyVbWbUNBV"
    "8wvEVlYLVgzIVhhuDdxWGlMSQVYpC2FRVjOoCbJWNhl1PlZT6KKEVrsfyylW2BQ9g1cKxcV4Vx2LcsZXIt0xUFdL/bauV3Hgkk1Xd5zxplfC+NNL"
    "V/JYyvtYCDGBOVgbWxEzWDE75UFYbI8Hwlh8K8+uWMblWMRY6x2Cg1j78dYoWP2IoY9ZHZTLHFk3FwDrWY8rmslZ0/EABVnxOuYIWfS6EsdZ95W/"
    "yFoDhLc9Wikwag9aQPT51VpiSK4AWmvUlzdamNglTlqjFQC8Wth6Jwla+3rcj1r8Rgs/WwbwAm5bFOyEf1svfgSUWzoRYNxbPPxhBVufbd11W7mR"
    "+kNb4Tm2dFvw78kNXAolj8dcX/bXJFxzndUmXHSHbQVch1e55VykYY9BXKpcW/NcsGIBvlzsWPwtXPyNU79dBdOLd10X14cDXTFmugJdTlTlJF2M"
    "Nr9oXY/YpDBdoA/j6V2mK3NqXad29B5d5NSAT14CM6x3XgfWl7xeJfAIrl4+L6rrXkEFA8FedjuAdl580gl5XpkC2oVenQvcH16ls+qZXr7oHcxe"
    "zC5wBV8ViiLWX10Ph1BfciEhw199YE2JX49cKpxfrVv2gl+8P4vMX9BYNE1f198eOmAw4+qBYDYBYN5gYKpGY2CA3a5dYJRjI35gl9TrO2CdrA0S"
    "YMcRTgRhA8NsU2FH974YYWH650Rha3OfHmFuRKY2YZ2t1/5hqMpm4mIAUtn0YhXzJNJiqwXu82Kyf/MtYrYs2vZjAKSgiWMeCuN/YyFTyttjI6gA"
    "kGNbIlIuY4IaaYBj3C2jR2PdcxXsZAw7dKZkIJ9nh2RE7tdeZF6hCExkdry76mSxefaXZME0PHZkzZbSs2TmMMl2ZPAkxfZk85VuKmURxYgfZScs"
    "sPplSrHMc2VS5RBZZWlCYEdlbJie+mWRLI5IZZs04SNlqi8mwWXZrLQYZgJgTURmFJmZI2ZeleyzZmxINtZmo9MlgWamqApBZrko3r5myp04xWcn"
    "bdaYZ0FE1gxngeq2eGeSudJMZ6w8g9tntgdpiGfDc/f6Z8OTc+Rn5RwH1Wf/Hdk3aBSxIyxoIIzGNGgt+GR2aEBUaYhokVnDS2iYcGb2aNK65I1o"
    "/XuJb2knStfVaTFOf5VpOPkTRGlZwhuOaYRGBW5pnTJnMmmgNsTvaaQprj9pv9NtCGnCxYgnactaWXVqEnDkAGom6VQ3akouCJJqY9w49Wpm/TK8"
    "anGaM0lqdy6OemqUKZcnaqyoB49q2u0Rmmrc5BaPavx102lrCuZcSWsYMOcSazF5dHprYjT2vGudpmo9a6evVIhr1MPvLGvxcA9XbBFGXoVsLFgi"
    "CmxWiTqWbFq+o7RsjyU6IWy0imhgbLq0GaBs0Bp59GzZclm9bSvOE+ltOGOBHm1LFh50bVtM54Nta0hAFW2Hm+5qbZqtEhhtvBU3nW3cO80bbeSA"
    "6vlt/H8/H24MpGNJbg4NCv1uGQFVkm48h3nSbmwjOP1ulPI+4G6XGZxybqGTzp1upUETlm8YjEKUby9LkGlvSIE+fW9gEr/Xb4rDkIdvlUR3rW/j"
    "/ilacB/8GmdwN7DEOnA8upzVcF4tIJRwX9CkK3CzH8kvcNemPt1w3BGssnD9PbErcQJeWW5xOqv/AXFExcEbcU1Zn19xcBUYbnGNsWckcY4y/dlx"
    "lH72VnGrdAiVcdjEZvNx8+SutHH4MHl6cgJGZXFyLFduC3Jc6H+1cnlVDVZye+bD4XKP11PTcqielHZyrNsCGXK/aLX1cuCMFQpzHEXGMHMtmMbo"
    "c4mafqdzpP6od3O3mBVLc+fKgul0DUGkpnQoY7XOdCiE5mZ0OAIVrnQ+8fyQdHVfmT90d3XY4nTexiXIdObSyrl1ImfU43VMK/UsdWJdIsh1d3MI"
    "rnW9auYrdcn5DKB18liZdHYGWJR3dhwlFWJ2QreHcXZPVYeMdlQmDiZ2ozTYo3a3mNp3drhRNmd2xw23v3bWe0yZdwF1WBN3HoLj0ndg+/zrd3Em"
    "PPt3sEDJB3fVpPZfeACL+6l4CAhTB3gmcBKAeEzOTU54hLl3mHiJsSfWeIqVbJx4jVrxVXieFn7peJ9gvER4+A9N3Hj83T6beQtWM/t5DvZqF3kP"
    "b2PgeRhgnjt5I4NFr3lGEhGKeVFagIp5XMVq4nlkuaV/eZjpO8V5zyacfnnT5CYjed/AIO96Anp/oHo/TmLkelsIwGN6jOrV03r0KMfCevtxNat7"
    "RieYFHt4mF0xe78Zw7J7zDbm0XvMlydRe9hb+Mx72o9ExHvhFnAge+arem18IGZ/NHxCcdSufE5f4aN8WCn/rHxlEWPrfHaf/Ax8ejOcRXx7dJ4T"
    "fHwRhi98oLmbknypH40afLdes3B9Ddlf8H0X7teUfSUQClR9S5gAF32BXfwUfZgwrOZ9ul38en29DTf2fckTWBp9yplLh33z9O19ffm33oJ+HySq"
    "g34zHtG5fktalh9+m16A/X7WBGMdfvGSa3V/BULS5H8ZYERjfyjUlxh/Tv/OwH+MrT9nf5ibMsJ/nKACJn+qgN83f60XKLx/sYdvzH/GY3WJf9eP"
    "zUiAG9JFAYAyIiRlgMhMnBeA5cHY4IDoFwSJgRr7PniBUOYybIFb1/SwgV59KwaBhcJAEoGxCkOhgbpatESBwKrZx4Hcksnjgd3xxveCIISjcIKS"
    "5RBRgvc4lTmDBOd1IIMaMWusgzOrfPqDNn8fb4M3ojsEg3OoJE6DyT0PSIPcrGMjg/xpweOEEIcj1IQuHVRhhD+QRAmEmxvaf4TGSGxThOApHtOE"
    "406sXIVWdAskhVuaHBqFkitFtoW6uA0YhdYQ+Z6F2FOgLYXwTNsHhf+dmMWGD7wkloYTTuMahh+lhOCGKF0djoY2EpTmhlD5pgGGfFDiSIaLfFGC"
    "hpiQlQuGqtuztYa7s/yMhsGIamqGw35OOIbSR1CphuJMXnmG9pD4aocRr/9Mh10H2l2HdxAo/IeAGJ8Ah6r3sFiHuRuZC4e8Bqmvh9VeT+2H5tDh"
    "kIf+zRjziATSTUKIHRhcoIgjR/FTiDtPYk6IcNmEXIh0I7i9iJosg3GIrfOlWIjUWYwFiPnWZiWJJukBjYlNZeg0idAasEGJ1u/bJonvMRb1ifhO"
    "zjeKHTsJXIpNmYaaimFK92iKeWmYYYrBasdWislkryqK2gLOEYrntIVmiu59dkSLQSRf0IvrPnEPi+wVYzyL8QP4/Yv3NoF3jAKT3TWMEyGd0Yxk"
    "j6yjjHtP80uMhifxr4yrdCmWjLr7MA6MwhgtM4zVvy3kjURTOjKNhp+W6o4ySeeTjjtR97qOhSs9I46l97ELjsuPYxCO1MhtBI7XCmvWjuA+nlqP"
    "BrNu448OctMwjzO4Q3aPSdNrtY9k5xuFj4tyfeGPkcc2e4+m/Iydj6n+q4mProzH0o/nHo0qj/MIc2mP/DUZTpAC0CS/kFUWHO2QcHSgFZCEPhrl"
    "kJquqdGQpHzeGZDZ2P63kPVmhAGRIU2om5EhZBzTkS5K6GyRPw9kCZGae0mxkaVZIGGRyvUcEZHYxU1QkevlYKeSC6MJHZJDgX0gko+qMEWSlMey"
    "6ZKj/ENvkrrPTrmSyIruOpLOvjXXktXTL+2S6cSYqpL5fye6ky/z47uTb+SCl5N0dXXfk3YYCE2TjbcKupOY2tLGk5mLM9aTpE3pHJOpuMQjk7uP"
    "dH+T3DjCD5P0CURgk/0mOdmUGjnu+5Qmb7ZrlCpXXqeUM/cBGpQ+DwGXlGsKjAOUf8MXQJR/59Q7lJNmD2eUonlK/ZS1Um1KlPEMuqKU8Q9WfJT3"
    "5vkulQq5jAKVHO2lNpUmT29plUK/UzOVc20ow5VzjZl6lXv1/1CVzJN9UZX6fYTplgr5WtCWO45Zk5Y8ZF7ylm1z7diWdI8OIJZ6qB04looWPXqW"
    "l2kMBZarACiTlr0b07uWyTALF5bS0VAtluU4qUeW83Pflpb+zoPzlwJinkKXCA1XAJcXaFBulyTUEwqXLKdlJZdoresZl22HZJuXt5lVp5fuBdWl"
    "mDfnnHWYafdDX5h4Mcq2mIbJycGYtNHbh5i2SqVOmL1vkTaYxbZWH5kS2JzYmTvu2Q6ZSOUCm5lNphiRmV3Fu/+Znzf+WpndyOR0mfr+wgSaIfZu"
    "O5oiySq+moJ9mLiak0u2NZqTzZYUmpcyip+ao+7HsZrSLTjnmtZFAxSa7S9M/5rtxTptmvjYOuObO/tD7ptJY+4Gm2rII3abgjv9X5uMyYjDm/5L"
    "J1KcN3s8pJw41YLdnD2niBCce4XFE5yNPrwCnOAFUdKc6ku80Z0lsxHxnSaUhlydZkj0bJ2SpNORnZ/zsnWdtJGEFZ4KwEuuni4wI0aeNlG/TJ5a"
    "7pAAnnFNz4+ed16tRp6AJntPnpP27mKemLCQop6qxYBRnv1iYUifWNba9J9sAyyrn3ihCw+feiPUnJ96LTXin35mT/efh7XG1p+LAJgfn4zAo3uf"
    "oaE/1J+j4MqJn6y3HLmf2s8+jp/iyYh9n+q4PZegCdF3YqA1L+AeoHkvzYOggIdOZqCNcdePoKIW+/mgw4zFjqDpR7qPoPoLJtOhIlUizqE0o+34"
    "oTdZULyhOgP9X6FE4GXDoWDtfxihbgy1nqGMq2IIodIL886h8ZjS8qH4lyNEolI0vHSiWiElCaJ4NMEion9gbemiidibZ6LmebyAouv0hFqi7MZj"
    "Y6MJKhN3oxQ8DDqjGDdcdqMcsBwyozWhBg6jUkI7VaNjrUt2o2QEBDyjZgVqmKOBadWSo4j0UfSjzbzyF6PtgVhfo/41JuekGSm//6QcezcKpDnp"
    "RTykQdQqTKRQwfAPpFRLcgiklzGcNqTaInYhpQp1vJ6lHC3KYKU9+yg5pU/wb5GlmibziqW5PBIgpf7wlyOmIF5i06ZjF34xpntxJVamf/q0+6aD"
    "zSVLppeeOiSmtW0staa21mv+puXdGkynOjGCFqdPsezrp178zhWnYtapiaeVTMn+p70KfmSn7xenAqfyvJokqCUXYpioJd7KmahIz31iqFnpDguo"
    "2Hbk3qjgiE4DqQt5iySpJKFtmKlBo90sqVa4R5ypWeFdJal4XudPqZipjEKpo9LhFKmklEa0qdajwPep4LSQCqoOJw6uqjwCELWqeupNRKqaRzqs"
    "qp97sOqqpx9RwqqoGPJxqtPoUUyq/H/v5KsFIC8dqyhynw+rYw9AKKuDqF6bq7nSL+2rvPVZRawsyTHRrDG8oN2sOKnB/KxWIutIrLG7aHWs6WCd"
    "CK0MCFf4rQ3keyutLxAWOK0456oyrVEqE0St0wmTc63inutSrh9VuRuuZf3Pgq51awEDrnfWB02u/5FRMq8FflELrwY7aVWvDwv1nq8WJ6qhrx5a"
    "gjSvWBMmoK9jYg03r6lq8q+v7atWnLAvbx7fsFbQV/CxQVS/dLFQq/pvsVfBH6KxcTPNZ7G15KTXscdGBg2xzW+zxLHkkecRseii/eOyJntFerI+"
    "rDZSspHeRpaymf3qULKqY30qsrF3Cg2yvdDaQLL2vyQdszZpkq2zaESjUbN8KGBjs4htPUuzo59oVbO8r1kBs9iE9hWz7MAO3bP7jKqYtD3cHqq0"
    "YRpaEbRvPUbttInqZ0+0n0cTjLShzfvRtMIj2aa088Zex7UA4o7etQhAaCa1GonglbUhqjOdtVvz5UW1aeEfNLV2kkdftarwlEO1sX8lnLXFjC25"
    "tc9sUuS14sZNNrXjSVTNtfNp/LK2BF7mxrY87tl0tkCGFKe2Q+t0RbZNsUMAtrBfazq2y5fcYLbgu1OitunCGxO3C+Q7s7cjFSR2tzYURCG3akq8"
    "Drd1j9FUt3go+fq3kma617fRJPent9uCZJu35HL+Rbfy00qwuAM3meO4BiC2DrhbRVxPuGedrHy4xf+Pt7jSAphAuNpMn8y461F21LjsRJCRuQkN"
    "8UK5NeKvWrlR8IUBuaFLj9S58BT3NbpbVIu5uoKgnvq6sf5BPbrbQpAYuuRuaNe7Ar+hfLsUfpXkuzSk2OG7UY6H0rth4BGtu2MR6Fe7i1+oRru7"
    "J2+gu8ZGa1e72bCVxbvz/qbBu/jGtmS7/pDJpbyAfwg9vJP/k5y8mKzg97ylW+w1vLJVl968tHozyLzITst/vQhObdW9JW0i1L0mjQu9vTrmgS+9"
    "QuqNub1F/ZmSvUisdLS9Sh0r1r1f1hGsvX0tvwW9hALDF73A6w+qvercvKm99IfH2b4TFMCLvhQFQ3G+L/y8F74+q829vlWUnGO+qfsuSL68Dz1u"
    "vtb/Jx++9qSWIL8caWwov2Wd8Dm/ja3U/L+OToKPv5NLUJu/lHH9Hr+sPD93v7cD0XW/uDFbmL/S/1aLv9NoiN+/3NIyX7/qPScNv+tZg+u/93w4"
    "/cAv81WMwENjeHDAf77XRsCL0jTmwJCyP3vAx7fdm8Db449YwPdv1p/BFvEZ78Ec5UycwSXR58TBUdJ5osFXzSI/wZZ+ilXBn484rsGtBNNSwbav"
    "T/zB4ZKGo8H7/m3YwgRFhTjCcjyJAMJ4w0gjwpgJriHCmQd6RcLUfvcewxFczcLDQCvh1sNPyY/xw1QF3a/DZk8eusOeT7WJw6TKvgHDtU8pa8Pg"
    "FyGVxBkxW2/ELECq6sQ7nD9exD/3RxXEv1E8WsTgBMpoxPOqsDnFbSr8PsWmDMtVxasrBAfFsI+rPMW/FI9kxcOUNVTF7/rODsY+4YSsxkYCHinG"
    "caLyEcaGHhN1xpN3iCbG5pktCccZz7W7x0dgqMTHXxTLDMdlkol0x2pmP6DHu3/2L8fhI5HJx/e9lwrIDOhIdchJmlwxyFfgjFvIXFgoaMh1a/OS"
    "yJvncuzIuYmsV8jOhECGyM/pY3rI1F9Ds8jnt5pDyOukwLPI/q39+MkM0lwSyVy9M4DJaJBGqsmIG7SeyYl+n4/Jj8JkVMpLhMA+yk7iG13Kae3/"
    "DMqE/SL+yonaG5DKmDSL8Mql0abLyr7bdTnK3HBEncrifX6qyuTzFWjLHJUpDcthjSlXy28C06TLeAsXbst9Whniy6jXwDbL8sdRjcwGaKlczCdQ"
    "xq7MlSA898y2auIGzMWFCxjM1rdN5M0HECc2zQvyUO3NGkJORs06cbEEzTwwCwLNVTEeQM1Vjjf/zai4WTDNttEiKs23rj3dzghL59DODYAr1c58"
    "mRSVzoIDgbXOsUrU9s66ah36ztkQiZrO8+sS188u0W9ZzzWZJq7PQc6fu89XP8TZz1hUYvTPd0NPic+Ty2eoz8mnvUrP3C02F8/l9qtm0CfN7XLQ"
    "WihXLdBmT4CY0GvJI2jQcorhVNCIlNiu0JwCM8rQrW+ur9DDpDUw0Mbca1HQx9wWXNDNzKNv0OZmYNTRCIha4tEm3upV0Vh/GpTRsOGhrtHDAvn8"
    "0cUwDvDR9XCN59IYysWG0np8EejSe6SOFNKFtRo50prv8azSqK5NPtKq7w5N0s1Lp7bS4D1bS9L/qASi0ySJgkTTMGW2mtM6klW5036obLnTj/JD"
    "c9OXGh5f05hvHODTuMS/SdPD3lHl08iYraLT1tWKI9PfBNCH0+W6RQLT9xW2BtQABrtJ1BUYhQ3ULuQxjdQyaCA31Duqeh/UiNyaFtSVPGa81PmH"
    "EkLVDY1BdNVBdlJ41VGkyaPVfuysCdWHrDGy1ae8EknVzvVhfdXQqRBU1hpHu5DWHKHIL9Yhf0xG1iy6XsnWMOfMvdY9YHf11lqJbxXWfj5WM9aU"
    "eUlQ1q+7uQXW3Cw4BNbreG9l1wAOLsnXTBOo1tdcSQQT13iLFXPXiT9419eeo6Nb18iAlnDX6IqDBtf3j6dG1/sqKWrYCDGWpdgIYo902A2Q2VDY"
    "KRwsWNguxhWr2EkwnFHYmaCtFtiw2hCZ2LEGLRTY32A2CNjofsKx2OibXF/Y8dDo99j1MNqp2WzLiUbZeZtpydl7XbhT2XwqNirZgeSLWtmHYgoy"
    "2YvhZ6fZl8qv5NmvbEND2bYgLH/Zzu+3htnd4VCI2fjV5GHaZ3vZltpvC7G52ovVaYHanhJym9qro0212sn/n27ayh6MKNrYZ5ET2yBiKOjbLuJE"
    "a9s/W3KL24kajQPbrVBC3NvAdXz428hN3RXb4b6dotw59xKA3EHbLubcVpZdRNxgk6+O3KMFQ/vcrcu0xNyxBajg3LJd+gDcs/lee90l53wH3UD5"
    "zk3dW3StD91enwMt3XHnRyfdj4jAD93Kjtcb3fJAiPHd/XDy7t5S5IPk3nMFcULe2tF+597f+3cb3uU7rDXe+CS4QN8Hlv283xGQZXXfWXVOMt9o"
    "Z1Hp32vn9cPfkSyZad/DSiRn3/5USbPgCxw0UeAXBQZD4EZIHxPgTuNqr+CBKcE14Is0mhfgoIWUHuCsgpz24LK5mX7gxzNLReDns6qz4R3QtpHh"
    "KLwz3eEu9O/f4VaFex7hYYg0auF0Exxu4ZjGl47hnice7uGtj/uy4bmtu7Lh0+o5k+H8JpWL4glz2GziNZHinOJSmo6S4tzrOGXi4Q11IOLhqULa"
    "4ufUlV3i6YeyauL73GrS4wWl+PbjF7VtYOMmycc/4yfk8jzjRzSs1+NZ98MD44uYx5Pjon5U3OOjyeTY48Isq+Lj8eNXCeQSb4Zz5DCe2qXkTI8z"
    "LOSRNBLa5MiNkA3kyueNHeUEJew95RYGNUzlHoBC4+Uf6y6N5ShVLmzlK/hVyuU6/gbr5UamebzlW+AxUeWW8q4O5ZgUPeflmCqrm+WicKLg5caW"
    "rmTlzhgSreX2UVaD5izVnR3mWX2PD+ZfDo9e5oUeLazmno6vd+bN1z5H5s9OAZ/m2LtIU+bsSIQT5wWH297nPVeBV+d6MVzx531lDo3nlkXjLuee"
    "tzqJ573aH7PnvefdUufmkC9S5+nHRy3oKKEpIuhU7MSB6Iohz87ondunf+i+sLtc6OxmoSno/j27A+kADcD56Qt4GeLpHXhR5ulPvYIR6WT8x1bp"
    "bRqMfemM54Oi6cwgoAvp7pMU7+oBcmFA6lQ09SLqWRQVhOpZn5Q86pK0E1PqlLyZqeqZVuiE6sR5p57rMts+Rus3KWGC654xkODroIqS6OvAxCqG"
    "6/Mf8D7sHwLIq+xgkE0R7HKEQCnsqrZtVuy2SRyP7Lfw21LsypTHe+zouRQI7PrBT8LtJc4z/u08pMqp7VosXzjtkm52z+2kVzZY7aRZvGTtqWVl"
    "Uu3NpPyQ7dA11NLt/hS7Oe4UG8xU7jGLkCXuVcR2r+5hJ65T7nr9oM7utH8T/e7Ai4wo7sYuvvXvI1/pTO8kUO7q7zAAoKLvVx1eY++CLIYK76vJ"
    "88HvrRsFP+/HZoGB8AaoHk/wJphyzfBjmnoq8Gp327/wjYURUPC7ew/Y8MQbZYbwyeFS7fDM1m1P8Obsc/fw7FiJE/EXHdUs8R8E6dPxQvHVGvFE"
    "eZx98VimnAPxWPr2oPFc/H528V3MfrvxcFnCxfF+pB5b8bUxUPjx3XejYfIdUVpr8jP8IY3yTmhWp/JbjBuB8lvgqPbymg+rB/KjK+JY8rAL9PHz"
    "Sgqpi/NcbXYJ886rSPjz2Pu6fvPtRhWW9BJSYAX0IHD+Q/QmVgrq9DbBzXL0ggFKgfSLqPpD9KkijBz0qknuLvSvSeUd9MCXn9L04U8ns/UAn/ld"
    "9Q28cUX1MNkhC/U0VqUK9U+p2Hf1UX80xvVjzWhr9WhT5Yv1cg3f8fWRZ3wi9Z7swy71u8pOBPW/mJjl9cFerz/15YN3/fYCbrp99jck10L2Qxra"
    "LfZUkzWn9ngQEO32lSe45vafgaJI9qayh1j2rWeJiPbGlos+9weEPav3FaWSdPc/6bm693FnGD/3iEqb8feXjYMO97Gx+ML30jx8t/fqnf2k9/Rn"
    "pAz4DcPe8/hngFVB+Go4p/X4oRWGpvi0B3Ks+LWqsTz4vw+NoPjd+xtW+QBjwEf5Ikl55/kwvix++TdW3oL5Pg3GZvleg8B9+V/wuy35ZKf3nPln"
    "Pv8h+Wq9Psn5e+iPQ/mMJnrT+cV25vr5x2/Z7voDKBF6+ghcUGz6HXEkfvorkWQD+kO3dV/6VrPkyvqYB85H+rc4DJz64zvjgfrwdxeO+wyERNX7"
    "HIjzJvsc298F+x/HMJH7RXqnbftF0SC/+0/TxLf7WQWsw/tsAXRJ+4tkIVD7oXXELPvcU/xw++TmmEP8DNf2v/wNUN4o/A2XbPr8H2fgqvw1ILv9"
    "/Dm0FPL8RwlyZPy4gLKR/MGF2Fj8wokrOPzKaQDD/P5Yh7v9EkjWVP0xRVyV/WNVJen9ipMdlP2fvLAC/aSvn7r96qlDYf3z6FW//giabGT+Mgr6"
    "5v4+lP5w/kBe7lv+eIG7bv6VzeVc/qrDgFT+rzTi5/7NUCsf/tBdiQj+1wfRhf8FkKrP/wfQJDD/EWQu6/8T6C8s/0kNb3H/Xbu6JP9lTXTx/4lU"
    "L8P/l9/PIf/nBi99//hsHRT/+wudiQ=="
]
