"""Our one rich-text field type. Swap the editor here and every model follows.

django-prose-editor gives editors a ProseMirror editor; whatever reaches the database is cleaned with nh3 on
every save (not only on form validation), so rows written by scripts, imports or the shell are safe too.
"""

from functools import cache

import nh3
from django_prose_editor.config import allowlist_from_extensions
from django_prose_editor.fields import ProseEditorField

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
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def sanitize_html(html):
    """Reduce any HTML to the tags, attributes and URL schemes the editor can produce."""
    if not html:
        return ""
    cleaned = _cleaner().clean(html).strip()
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
