"""Citation marks in an article's text, numbered for readers and checked against the article's references.

The editor's "Cite" button (static/prose/citation.js) stores a mark as an empty ``<sup data-cite="KEY"></sup>``, KEY
being a reference's citation key: a key survives reordering the list, and a reference added in the same form can be
cited before it has an id. The reader page numbers references in the order the text first cites them (those never
cited follow in their list order), turns each mark into a superscript link to its reference and gives the reference
a link back to every place that cites it.
"""

import html
import re
from dataclasses import dataclass, field
from string import ascii_lowercase

# The sanitiser (posttrain.richtext) writes attributes double-quoted and escaped, so this is exact on stored bodies.
_MARK = re.compile(r"""<sup\b[^>]*?\sdata-cite="([^"]*)"[^>]*>.*?</sup>""", re.S | re.I)


def cited_keys(body):
    """The keys the text cites, each once, in the order of first citation."""
    return list(dict.fromkeys(html.unescape(key) for key in _MARK.findall(body or "")))


def missing_citations(body, keys):
    """Keys the text cites that none of `keys` is: a citation of a deleted (or never saved) reference."""
    keys = set(keys)
    return [key for key in cited_keys(body) if key not in keys]


def missing_citation_message(missing):
    listed = ", ".join(f"“{key}”" for key in missing)
    return (
        f"The text cites {listed}, which is not among this article's references (deleted, or its key changed). "
        "Remove the citation mark from the text, or keep the reference."
    )


@dataclass
class NumberedReference:
    number: int
    reference: object
    citations: list = field(default_factory=list)  # the anchor of each place in the text that cites it

    @property
    def anchor(self):
        return f"ref-{self.number}"

    @property
    def backlinks(self):
        """(anchor, text, accessible label): "↩" for a single citation, "↩a", "b", … for several."""
        many = len(self.citations) > 1
        return [
            (
                anchor,
                ("↩" if i == 1 else "") + (_backlink_label(i) if many else ""),
                f"Back to citation {i} of reference {self.number}" if many else "Back to the citation",
            )
            for i, anchor in enumerate(self.citations, start=1)
        ]


def number_citations(body, references):
    """(body with numbered superscript links, [NumberedReference] in number order) for the reader page.

    A mark whose key matches no reference (a reference deleted outside the admin) is dropped rather than shown as a
    dangling number.
    """
    references = list(references)
    by_key = {reference.key: reference for reference in references if reference.key}
    order = [key for key in cited_keys(body) if key in by_key]
    cited = {key: NumberedReference(number, by_key[key]) for number, key in enumerate(order, start=1)}
    uncited = [reference for reference in references if reference.key not in cited]
    numbered = [*cited.values()]
    numbered += [NumberedReference(len(cited) + i, reference) for i, reference in enumerate(uncited, start=1)]

    def replace(match):
        item = cited.get(html.unescape(match.group(1)))
        if item is None:
            return ""
        anchor = f"cite-{item.number}-{len(item.citations) + 1}"
        item.citations.append(anchor)
        return (
            f'<sup class="citation" id="{anchor}"><a href="#{item.anchor}" '
            f'aria-label="Reference {item.number}">{item.number}</a></sup>'
        )

    return _MARK.sub(replace, body or ""), numbered


def _backlink_label(occurrence):
    """a, b, … z, aa, ab, …: how reference lists tell several citations of one source apart."""
    label, n = "", occurrence
    while n:
        n, rest = divmod(n - 1, 26)
        label = ascii_lowercase[rest] + label
    return label
