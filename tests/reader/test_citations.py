"""Citation marks in the text: numbered by first citation, linked both ways, in one citation style."""

import re

import pytest

from articles.models import Reference
from tests.articles.adminforms import article_form_data, change_url
from tests.articles.factories import EditorFactory
from tests.factories import ArticleFactory, ReferenceFactory

pytestmark = pytest.mark.django_db


def cite(key):
    return f'<sup data-cite="{key}"></sup>'


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def reference_items(content):
    section = content.split('id="references-title"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<li id="(ref-\d+)">(.*?)</li>', section, re.S)


@pytest.fixture
def article():
    article = ArticleFactory(
        body=(
            f"<p>Preference pairs{cite('ouyang-2022')} and then DPO{cite('rafailov-2023')}.</p>"
            f"<p>DPO again{cite('rafailov-2023')}, then SimPO{cite('meng-2024')}.</p>"
        )
    )
    # Listed in an order unlike the text's: the numbers follow the text.
    ReferenceFactory(article=article, order=1, key="meng-2024", title="SimPO", url="")
    ReferenceFactory(article=article, order=2, key="uncited", title="Background reading", url="")
    ReferenceFactory(article=article, order=3, key="rafailov-2023", title="DPO", url="")
    ReferenceFactory(article=article, order=4, key="ouyang-2022", title="InstructGPT", url="")
    return article


def test_numbers_follow_the_order_of_first_citation_and_uncited_references_come_last(client, article):
    content = page(client, article)
    marks = re.findall(r'<sup class="citation" id="(cite-\d+-\d+)"><a href="#(ref-\d+)"[^>]*>(\d+)</a></sup>', content)
    assert marks == [
        ("cite-1-1", "ref-1", "1"), ("cite-2-1", "ref-2", "2"), ("cite-2-2", "ref-2", "2"), ("cite-3-1", "ref-3", "3")
    ]
    titles = [(anchor, re.search(r"<cite>(.*?)</cite>", item).group(1)) for anchor, item in reference_items(content)]
    assert titles == [("ref-1", "InstructGPT"), ("ref-2", "DPO"), ("ref-3", "SimPO"), ("ref-4", "Background reading")]
    assert "data-cite" not in content


def test_each_reference_links_back_to_every_place_that_cites_it(client, article):
    items = dict(reference_items(page(client, article)))
    backlinks = {anchor: re.findall(r'<a href="#(cite-[\d-]+)" class="backlink"[^>]*>(.*?)</a>', item)
                 for anchor, item in items.items()}
    assert backlinks == {
        "ref-1": [("cite-1-1", "↩")],
        "ref-2": [("cite-2-1", "↩a"), ("cite-2-2", "b")],
        "ref-3": [("cite-3-1", "↩")],
        "ref-4": [],
    }


def test_a_mark_citing_a_reference_deleted_outside_the_admin_is_dropped(client, article):
    Reference.objects.filter(key="ouyang-2022").delete()
    content = page(client, article)
    assert re.findall(r'<a href="#ref-\d+"[^>]*>(\d+)</a></sup>', content) == ["1", "1", "2"]
    assert "ouyang" not in content


def test_a_reference_is_formatted_in_the_house_style_with_resolver_links(client):
    article = ArticleFactory()
    ReferenceFactory(
        article=article, kind=Reference.Kind.PREPRINT, authors="Rafael Rafailov et al.", year=2023,
        title="Direct Preference Optimization", url="", doi="10.48550/arXiv.2305.18290", arxiv_id="2305.18290",
        arxiv_version=3,
    )
    ReferenceFactory(
        article=article, kind=Reference.Kind.BOOK, authors="Richard S. Sutton and Andrew G. Barto", year=2018,
        title="Reinforcement Learning", url="", isbn="9780262039246",
    )
    (_, preprint), (_, book) = reference_items(page(client, article))
    assert " ".join(preprint.split()) == (
        'Rafael Rafailov et al. (2023). <a href="https://doi.org/10.48550/arXiv.2305.18290" rel="noopener noreferrer">'
        "<cite>Direct Preference Optimization</cite></a> [Preprint]. "
        '<span class="reference__id">DOI: <a href="https://doi.org/10.48550/arXiv.2305.18290" '
        'rel="noopener noreferrer">10.48550/arXiv.2305.18290</a></span> · '
        '<span class="reference__id">arXiv: <a href="https://arxiv.org/abs/2305.18290v3" '
        'rel="noopener noreferrer">2305.18290v3</a></span>'
    )
    assert " ".join(book.split()) == (
        "Richard S. Sutton and Andrew G. Barto (2018). <cite>Reinforcement Learning</cite> [Book]. "
        '<span class="reference__id">ISBN: 978-0-262-03924-6</span>'
    )


# --- Saving in the admin ----------------------------------------------------------------------------------------


def existing_rows(article):
    rows = {"references-TOTAL_FORMS": str(article.references.count()),
            "references-INITIAL_FORMS": str(article.references.count())}
    for i, ref in enumerate(article.references.all()):
        for name in ("id", "order", "key", "kind", "title", "authors", "url", "doi", "arxiv_id", "isbn"):
            rows[f"references-{i}-{name}"] = str(getattr(ref, name))
        rows[f"references-{i}-year"] = str(ref.year or "")
        rows[f"references-{i}-arxiv_version"] = str(ref.arxiv_version or "")
        rows[f"references-{i}-article"] = str(article.pk)
    return rows


@pytest.fixture
def draft(client):
    client.force_login(EditorFactory())
    draft = ArticleFactory(draft=True, body=f"<p>DPO{cite('rafailov-2023')}.</p>")
    ReferenceFactory(article=draft, order=1, key="rafailov-2023", title="DPO")
    ReferenceFactory(article=draft, order=2, key="meng-2024", title="SimPO")
    return draft


def test_deleting_a_cited_reference_is_refused_with_a_clear_message(client, draft):
    rows = existing_rows(draft)
    rows["references-0-DELETE"] = "on"
    response = client.post(change_url(draft), article_form_data(draft, **rows))
    assert response.status_code == 200
    assert "The text cites “rafailov-2023”, which is not among this article" in response.content.decode()
    assert draft.references.filter(key="rafailov-2023").exists()


def test_deleting_an_uncited_reference_or_the_mark_with_its_reference_saves(client, draft):
    rows = existing_rows(draft)
    rows["references-1-DELETE"] = "on"
    assert client.post(change_url(draft), article_form_data(draft, **rows)).status_code == 302
    assert list(draft.references.values_list("key", flat=True)) == ["rafailov-2023"]

    draft.refresh_from_db()
    rows = existing_rows(draft)
    rows["references-0-DELETE"] = "on"
    data = article_form_data(draft, body="<p>DPO, uncited now.</p>", **rows)
    assert client.post(change_url(draft), data).status_code == 302
    assert not draft.references.exists()


def test_a_citation_of_a_reference_added_in_the_same_save_is_accepted(client, draft):
    rows = existing_rows(draft)
    rows.update({"references-TOTAL_FORMS": "3", "references-2-title": "KTO", "references-2-key": "ethayarajh-2024",
                 "references-2-kind": "preprint", "references-2-order": "3"})
    body = f"<p>DPO{cite('rafailov-2023')} and KTO{cite('ethayarajh-2024')}.</p>"
    assert client.post(change_url(draft), article_form_data(draft, body=body, **rows)).status_code == 302
    assert draft.references.filter(key="ethayarajh-2024").exists()


def test_the_body_keeps_citation_marks_and_nothing_else_of_a_sup(client, draft):
    draft.body = '<p>X<sup data-cite="rafailov-2023" onclick="alert(1)" class="evil">[1]</sup></p>'
    draft.save()
    draft.refresh_from_db()
    assert draft.body == '<p>X<sup data-cite="rafailov-2023">[1]</sup></p>'


def test_the_body_field_loads_the_citation_button(client, draft):
    response = client.get(change_url(draft))
    assert "/static/prose/citation.js" in response.content.decode()
