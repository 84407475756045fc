"""Rich text read as text (posttrain.richtext): the one definition of its words, lines and plain-text version."""

from posttrain.richtext import html_blocks, html_text, html_to_text, html_words


def test_block_ends_and_line_breaks_separate_words_inline_tags_do_not():
    html = "<h2>Title</h2><p>One <em>two</em>.</p><p>Th<strong>ree</strong><br>four</p><ul><li>five</li></ul>"
    assert html_words(html) == ["Title", "One", "two.", "Three", "four", "five"]


def test_words_are_read_with_their_entities_decoded():
    assert html_words("<p>The &lt;script&gt; tag &amp; 10&nbsp;km</p>") == ["The", "<script>", "tag", "&", "10", "km"]


def test_a_quoted_angle_bracket_in_an_attribute_is_not_text():
    assert html_text('<p><a href="/x" title="a > b">link</a> text</p>') == "link text"


def test_empty_or_missing_text_has_no_words():
    assert html_words(None) == [] and html_text("") == ""


def test_blocks_are_cut_one_per_line_for_diffs():
    html = "<h2>Title</h2><p>One</p><ul><li>a</li><li>b</li></ul>"
    assert html_blocks(html) == ["<h2>Title</h2>", "<p>One</p>", "<ul><li>a</li>", "<li>b</li>", "</ul>"]


def test_plain_text_version_keeps_links_items_and_paragraphs():
    html = '<h2>Title</h2><p>One &amp; two <a href="https://example.org/">link</a></p><ul><li>a</li></ul><hr><p>End</p>'
    assert html_to_text(html) == "Title\n\nOne & two link (https://example.org/)\n\n- a\n\n----\n\nEnd"
