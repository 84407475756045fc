"""The article-body helpers: contents, anchors and glossary links never change what the body says."""

import re

from hypothesis import given
from hypothesis import strategies as st

from articles.reading import TocEntry, add_heading_anchors, link_glossary_terms, nest_toc
from posttrain.richtext import sanitize_html

TERMS = [("RLHF", "/glossary/rlhf/", "Learning from feedback."), ("DPO", "/glossary/dpo/", "Direct preference.")]
_LINK = re.compile(r'<a class="glossary-link" href="[^"]+" title="[^"]*">([^<]*)</a>')

words = st.sampled_from(["RLHF", "DPO", "the", "model", "<em>RLHF</em>", "R&amp;D", "RLHF-style", "xDPO", "&lt;b&gt;"])
blocks = st.lists(words, min_size=1, max_size=12).map(" ".join)
bodies = st.lists(
    st.one_of(
        blocks.map(lambda t: f"<p>{t}</p>"),
        blocks.map(lambda t: f"<h2>{t}</h2>"),
        blocks.map(lambda t: f'<p><a href="https://example.org">{t}</a></p>'),
        blocks.map(lambda t: f"<pre><code>{t}</code></pre>"),
    ),
    min_size=1,
    max_size=6,
).map("".join)


@given(bodies)
def test_glossary_links_only_wrap_text_and_each_term_at_most_once(body):
    body = sanitize_html(body)
    linked = link_glossary_terms(body, TERMS)
    assert _LINK.sub(r"\1", linked) == body
    for _term, url, _ in TERMS:
        assert linked.count(f'href="{url}"') <= 1


@given(bodies)
def test_heading_anchors_are_unique_and_only_add_ids(body):
    body = sanitize_html(body)
    html, toc = add_heading_anchors(body)
    anchors = [entry.anchor for entry in toc]
    assert len(anchors) == len(set(anchors))
    assert re.sub(r' id="[^"]*"', "", html) == re.sub(r' id="[^"]*"', "", body)


def test_contents_nest_subsections_under_their_section():
    entries = [TocEntry(3, "intro-sub", "Early sub"), TocEntry(2, "a", "A"), TocEntry(3, "a1", "A1"),
               TocEntry(4, "deep", "Deep"), TocEntry(2, "b", "B")]
    sections = nest_toc(entries)
    assert [(s.entry.anchor, [c.anchor for c in s.children]) for s in sections] == [
        ("intro-sub", []),
        ("a", ["a1"]),
        ("b", []),
    ]
