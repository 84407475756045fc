"""Our one rich-text field type, and the one place that reads its HTML as text. Swap the editor here and every
model follows.

django-prose-editor gives editors a ProseMirror editor; whatever reaches the database is cleaned with nh3 on
every save (not only on form validation), so rows written by scripts, imports or the shell are safe too. What
reaches the readers of that HTML is therefore well-formed, with a small set of tags: regular expressions that
split tags from text are enough, and much faster than a DOM round trip.
"""

import re
from functools import cache
from html import unescape

import nh3
from django_prose_editor.config import allowlist_from_extensions
from django_prose_editor.fields import ProseEditorField

from posttrain.uploads import storage_base_url

EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Code": True,
    "CodeBlock": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Subscript": True,
    "Superscript": True,
    "HorizontalRule": True,
    "Figure": True,
    "Caption": True,
    "Image": True,
    "HardBreak": True,
    # A citation mark, <sup data-cite="key">: settings.DJANGO_PROSE_EDITOR_EXTENSIONS gives its button and rule.
    "Citation": True,
}

ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


@cache
def _cleaner():
    allow = allowlist_from_extensions(EDITOR_EXTENSIONS)
    attributes = {tag: set(attrs) - {"rel", "style"} for tag, attrs in allow["attributes"].items()}
    # Headings keep their ids so tables of contents and shared links can point into an article.
    for heading in ("h2", "h3", "h4"):
        attributes.setdefault(heading, set()).add("id")
    return nh3.Cleaner(
        tags=set(allow["tags"]),
        attributes=attributes,
        attribute_filter=_only_our_images,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _only_our_images(tag, attribute, value):
    """An image in rich text must come from our own media storage (the image library and its renditions): another
    host could track readers, change the picture after review, or vanish. Any other source is dropped."""
    if tag == "img" and attribute == "src":
        base = storage_base_url()
        # No way out of the media folder, written plainly or percent-encoded (browsers decode "%2e%2e" to "..").
        escapes = "/../" in value or "%2e" in value.lower() or "\\" in value
        return value if base and value.startswith(base) and not escapes else None
    return value


_IMG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)
_SRC = re.compile(r"""\ssrc=["']""", re.I)


def _drop_images_without_source(html):
    return _IMG.sub(lambda match: match.group(0) if _SRC.search(match.group(0)) else "", html)


def sanitize_html(html):
    """Reduce any HTML to the tags, attributes and URL schemes the editor can produce."""
    if not html:
        return ""
    cleaned = _drop_images_without_source(_cleaner().clean(html)).strip()
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


class RichTextField(ProseEditorField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EDITOR_EXTENSIONS)
        kwargs.setdefault("sanitize", sanitize_html)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


# --- Rich text as text -----------------------------------------------------------------------------------------
# A tag, allowing ">" inside quoted attribute values.
TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
# Where a block of text ends: what separates words and lines although no space is typed there.
BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|ul|ol|blockquote|pre|figure|figcaption|table|tr|td|th|caption)>|<br\s*/?>|<hr[^>]*>", re.I
)
_LINK = re.compile(r'<a\s[^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.S | re.I)
_LIST_ITEM = re.compile(r"<li[^>]*>", re.I)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
_RULE = re.compile(r"<hr[^>]*>", re.I)


def html_words(html):
    """The words readers see in rich text, entities decoded.

    A block's end or a line break separates words and an inline tag does not: "<p>one.</p><p>two</p>" is two words,
    "<em>RL</em>HF" one.
    """
    return unescape(TAG.sub("", BLOCK_END.sub(" ", html or ""))).split()


def html_text(html):
    """The words of rich text on one line, separated by single spaces."""
    return " ".join(html_words(html))


def html_blocks(html):
    """The HTML cut after each block's end: one line per paragraph, heading, list item or table cell (for diffs)."""
    return [line for line in BLOCK_END.sub(lambda m: m.group(0) + "\n", html or "").splitlines() if line.strip()]


def html_to_text(html):
    """A readable plain-text version of rich text (e-mail): links as "text (url)", items as "- ", blocks as
    paragraphs, a rule as "----"."""
    if not html:
        return ""
    text = _LINK.sub(r"\2 (\1)", html)
    text = _LIST_ITEM.sub("- ", text)
    text = _RULE.sub("\n----\n\n", text)
    text = _LINE_BREAK.sub("\n", text)
    text = BLOCK_END.sub("\n\n", text)
    text = unescape(TAG.sub("", text))
    text = "\n".join(line.strip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip()
