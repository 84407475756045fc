"""Whatever reaches a rich-text field is reduced to what the editor can produce, however it was saved."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles.models import Article, GlossaryTerm
from posttrain.richtext import sanitize_html
from tests.articles.adminforms import article_form_data, change_url
from tests.articles.factories import EditorFactory
from tests.factories import ArticleFactory, GlossaryTermFactory, VerticalFactory

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "table",
    "thead", "tbody", "tr", "th", "td", "sub", "sup", "hr", "figure", "figcaption", "img", "caption", "colgroup",
    "col", "b", "i",
}

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=x oNeRrOr=alert(1)>",
    "<p onclick=alert(1)>click</p>",
    "<a href=\"javascript:alert(1)\">j</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">j</a>",
    "<a href=\" javascript:alert(1)\">j</a>",
    "<a href=\"java&#x09;script:alert(1)\">j</a>",
    "<a href=\"&#106;avascript:alert(1)\">j</a>",
    "<a href=\"vbscript:msgbox(1)\">v</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">d</a>",
    "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\" alt=\"d\">",
    "<p style=\"background:url(javascript:alert(1))\">styled</p>",
    "<span style=\"position:fixed;top:0\">overlay</span>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><img src=x onerror=alert(1)></mtext></math>",
    "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
    "<form action=\"https://evil.example\"><input name=q><button>go</button></form>",
    "<style>body{display:none}</style>",
    "<link rel=stylesheet href=\"https://evil.example/x.css\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<base href=\"https://evil.example/\">",
    "<marquee>unknown</marquee><blink>tags</blink><custom-element>x</custom-element>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<a href=\"https://example.org\" target=\"_blank\" rel=\"opener\">ext</a>",
    "<div><p>nested <b onmouseover=alert(1)>bold</b></p></div>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<table><tr><td background=\"javascript:alert(1)\">cell</td></tr></table>",
    "<h2 id=\"ok\" class=\"evil\" data-x=\"y\">heading</h2>",
    "<img src=\"https://example.org/a.png\" alt=\"a\" srcset=\"javascript:alert(1) 1x\">",
]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def assert_safe(html):
    collector = _Collector()
    collector.feed(html)
    assert set(collector.tags) <= ALLOWED_TAGS, html
    for tag, name, value in collector.attributes:
        assert not name.startswith("on"), html
        assert name not in {"style", "srcdoc", "srcset", "background", "class", "formaction"}, html
        if name in {"href", "src"}:
            assert value.split(":", 1)[0].lower() in {"http", "https", "mailto"} or ":" not in value, html
        if tag == "a" and name == "rel":
            assert value == "noopener noreferrer", html
    lowered = html.lower()
    for needle in ("<script", "javascript:", "vbscript:", "data:", "<iframe", "<svg", "<style", "onerror", "onload"):
        assert needle not in lowered, html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sanitiser_strips_the_payload(payload):
    assert_safe(sanitize_html(payload))


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_saved_through_the_model_is_stored_clean(payload):
    article = ArticleFactory(body=f"<p>Before</p>{payload}<p>After</p>")

    stored = Article.objects.values_list("body", flat=True).get(pk=article.pk)

    assert_safe(stored)
    assert "<p>Before</p>" in stored and "<p>After</p>" in stored


@pytest.mark.django_db
def test_every_rich_text_field_is_cleaned_on_save():
    term = GlossaryTermFactory(explanation="<p onclick=x()>RLVR</p><script>1</script>")
    vertical = VerticalFactory(intro="<iframe src=x></iframe><p style=\"x\">Sports science</p>")

    assert GlossaryTerm.objects.get(pk=term.pk).explanation == "<p>RLVR</p>"
    vertical.refresh_from_db()
    assert vertical.intro == "<p>Sports science</p>"


@pytest.mark.django_db
def test_queryset_update_then_save_cleans_too():
    """Rows written with .update() are cleaned the next time the model saves them."""
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(body="<p>x</p><script>alert(1)</script>")
    article.refresh_from_db()

    article.save()

    assert Article.objects.get(pk=article.pk).body == "<p>x</p>"


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_posted_through_the_admin_form_is_stored_clean(client, payload):
    client.force_login(EditorFactory())
    article = ArticleFactory(draft=True)

    response = client.post(change_url(article), article_form_data(article, body=f"<p>Kept</p>{payload}"))

    assert response.status_code == 302
    stored = Article.objects.values_list("body", flat=True).get(pk=article.pk)
    assert_safe(stored)
    assert "<p>Kept</p>" in stored


@pytest.mark.django_db
def test_admin_add_form_cleans_and_links_get_rel(client):
    client.force_login(EditorFactory())
    vertical = VerticalFactory()
    body = '<p><a href="https://arxiv.org/abs/2402.03300" onclick="steal()">GRPO paper</a></p>'

    client.post(
        reverse("admin:articles_article_add"),
        article_form_data(slug="grpo", vertical=str(vertical.pk), body=body),
    )

    assert Article.objects.get(slug="grpo").body == (
        '<p><a href="https://arxiv.org/abs/2402.03300" rel="noopener noreferrer">GRPO paper</a></p>'
    )


def test_what_long_form_editing_needs_survives():
    html = (
        '<h2 id="intro">Intro</h2><h3>Sub</h3><h4>Subsub</h4><p><strong>b</strong> <em>i</em> <code>c</code> '
        'H<sub>2</sub>O x<sup>2</sup></p><ul><li>a</li></ul><ol><li>b</li></ol><blockquote><p>q</p></blockquote>'
        "<pre><code>print(1)</code></pre><hr>"
        '<figure><img src="/media/a.png" alt="chart"><figcaption>Compute shift</figcaption></figure>'
        '<p><a href="mailto:editors@example.org" rel="noopener noreferrer">mail</a></p>'
    )

    assert sanitize_html(html) == html


@pytest.mark.parametrize(
    "src",
    ["https://tracker.example/pixel.png", "//tracker.example/p.png", "/media/../admin/", "/media/%2E%2E/admin/",
     "/static/img/social-card.png", "data:image/png;base64,AAAA"],
)
def test_images_only_from_our_media_storage(src):
    assert sanitize_html(f'<p>a</p><img src="{src}" alt="x">') == "<p>a</p>"
    assert sanitize_html('<img src="/media/images/originals/a.jpg" alt="x">') == (
        '<img src="/media/images/originals/a.jpg" alt="x">'
    )
