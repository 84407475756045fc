"""DOIs, arXiv ids and ISBNs as editors paste them: normalised when valid, a form error (never a 500) when not."""

import pytest
from django.core.exceptions import ValidationError

from articles.identifiers import ArxivId, identifiers_in_url, parse_arxiv, parse_doi, parse_isbn
from articles.models import Reference
from tests.articles.adminforms import article_form_data, change_url
from tests.articles.factories import EditorFactory
from tests.factories import ArticleFactory

DOIS = [
    ("10.1145/3442188.3445922", "10.1145/3442188.3445922"),
    ("https://doi.org/10.1038/s41586-021-03819-2", "10.1038/s41586-021-03819-2"),
    ("http://dx.doi.org/10.1007/s40279-014-0253-z", "10.1007/s40279-014-0253-z"),
    ("doi:10.6028/NIST.AI.600-1", "10.6028/NIST.AI.600-1"),
    ("DOI: 10.1136/bjsports-2015-095788", "10.1136/bjsports-2015-095788"),
    ("  https://doi.org/10.1161/01.CIR.93.5.1043 ", "10.1161/01.CIR.93.5.1043"),
    ("https://doi.org/10.1002%2F(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0",
     "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"),
    ("doi.org/10.48550/arXiv.2305.18290", "10.48550/arXiv.2305.18290"),
]

ARXIV_IDS = [
    ("arXiv:2305.18290v3", ArxivId("2305.18290", 3)),
    ("2305.18290", ArxivId("2305.18290", None)),
    ("https://arxiv.org/abs/2405.14734v2", ArxivId("2405.14734", 2)),
    ("https://arxiv.org/pdf/2402.01306v4.pdf", ArxivId("2402.01306", 4)),
    ("http://export.arxiv.org/abs/2403.07691", ArxivId("2403.07691", None)),
    ("ARXIV: 0704.0001v1", ArxivId("0704.0001", 1)),  # the very first new-style id (April 2007, four digits)
    ("hep-th/9901001v2", ArxivId("hep-th/9901001", 2)),
    ("arXiv:math.GT/0309136", ArxivId("math.GT/0309136", None)),
    ("https://arxiv.org/abs/cond-mat/0102536v1", ArxivId("cond-mat/0102536", 1)),
]

GARBAGE = [
    "", " ", "hello", "10.12/abc", "11.1145/3442188", "https://example.org/10.1145/x", "10.1145/", "10.1145/a b",
    "2305.1829", "2313.18290", "2305.182901", "arXiv:2305.18290v0", "arXiv:2305.18290v", "hep-th/99010", "v3",
    "\x00", "𝟏𝟎.𝟏𝟏𝟒𝟓/𝐱", "10.1145/3442188\u202e", "978-0-262-03384-9", "0-262-03384-5", "97802620338", "ISBN",
    "x" * 5000, "<script>alert(1)</script>", "javascript:alert(1)", "１０.１１４５/３４４２１８８",
]


@pytest.mark.parametrize(("text", "doi"), DOIS)
def test_a_doi_is_stored_bare_whatever_form_it_was_pasted_in(text, doi):
    assert parse_doi(text) == doi


@pytest.mark.parametrize(("text", "parsed"), ARXIV_IDS)
def test_an_arxiv_id_is_parsed_into_id_and_version(text, parsed):
    assert parse_arxiv(text) == parsed


@pytest.mark.parametrize(
    ("text", "isbn"),
    [
        ("978-0-262-03384-8", "9780262033848"),
        ("0-262-03384-4", "9780262033848"),  # ISBN-10 of the same book
        ("ISBN 978 1 4919 6229 9", "9781491962299"),
        ("ISBN-10: 0-13-110362-8", "9780131103627"),
        ("080442957X", "9780804429573"),
    ],
)
def test_an_isbn_is_checked_and_stored_as_isbn_13(text, isbn):
    assert parse_isbn(text) == isbn


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_is_a_validation_error_for_every_parser(text):
    for parser in (parse_doi, parse_arxiv, parse_isbn):
        with pytest.raises(ValidationError):
            parser(text)


def test_a_wrong_isbn_check_digit_is_named_as_such():
    with pytest.raises(ValidationError, match="check digit"):
        parse_isbn("978-0-262-03384-9")


def test_identifiers_are_read_from_resolver_addresses_only():
    assert identifiers_in_url("https://doi.org/10.1145/3442188.3445922") == ("10.1145/3442188.3445922", None)
    assert identifiers_in_url("https://arxiv.org/abs/2305.18290v3?context=cs") == (None, ArxivId("2305.18290", 3))
    assert identifiers_in_url("https://example.org/abs/2305.18290") == (None, None)


# --- Through the admin form ------------------------------------------------------------------------------------


def reference_row(**fields):
    row = {"order": "1", "kind": "paper", "title": "A paper", "key": "", "url": "", "doi": "", "arxiv_id": "",
           "arxiv_version": "", "isbn": "", "authors": "", "year": ""}
    row.update(fields)
    return {"references-TOTAL_FORMS": "1", **{f"references-0-{name}": value for name, value in row.items()}}


@pytest.fixture
def editor_client(client, db):
    client.force_login(EditorFactory())
    return client


@pytest.mark.django_db
def test_the_admin_normalises_what_an_editor_pastes(editor_client):
    article = ArticleFactory(draft=True)
    data = article_form_data(article, **reference_row(
        doi="https://doi.org/10.1145/3442188.3445922", arxiv_id="arXiv:2305.18290v3", isbn="0-262-03384-4",
    ))
    assert editor_client.post(change_url(article), data).status_code == 302
    reference = article.references.get()
    assert (reference.doi, reference.arxiv_id, reference.arxiv_version, reference.isbn) == (
        "10.1145/3442188.3445922", "2305.18290", 3, "9780262033848"
    )
    assert reference.key == "a-paper"  # no author or year: made from the title


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["doi", "arxiv_id", "isbn"])
@pytest.mark.parametrize("text", ["hello", "10.1145/", "2313.18290", "978-0-262-03384-9", "<b>x</b>", "x" * 400])
def test_garbage_in_the_admin_is_a_form_error_and_nothing_is_stored(editor_client, field, text):
    article = ArticleFactory(draft=True)
    response = editor_client.post(change_url(article), article_form_data(article, **reference_row(**{field: text})))
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert field in errors
    assert not Reference.objects.filter(article=article).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("version", "arxiv_id"), [("0", "2305.18290"), ("-1", "2305.18290"), ("2", ""), ("x", "")])
def test_an_impossible_arxiv_version_is_a_form_error(editor_client, version, arxiv_id):
    article = ArticleFactory(draft=True)
    data = article_form_data(article, **reference_row(arxiv_id=arxiv_id, arxiv_version=version))
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "arxiv_version" in response.context["inline_admin_formsets"][0].formset.errors[0]
    assert not Reference.objects.filter(article=article).exists()
