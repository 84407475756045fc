"""Scholarly identifiers as editors paste them, reduced to one normal form: DOI, arXiv id with version, ISBN.

ISBN check digits are python-stdnum's. DOI and arXiv ids have no checksum: their syntax is a short, stable pattern
(Crossref's recommended DOI pattern; arXiv's two id schemes), so they are parsed here. Each parser raises a
ValidationError with a message an editor can act on; nothing here ever raises anything else on bad input.
"""

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError as StdnumError

DOI_RESOLVER = "https://doi.org/"
ARXIV_RESOLVER = "https://arxiv.org/abs/"

# Crossref's pattern, which matches 74.4M of its 74.9M DOIs; the suffix stops at whitespace.
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIXES = re.compile(r"^(?:doi:\s*|(?:https?://)?(?:dx\.)?doi\.org/)", re.I)

# New scheme (April 2007 on): YYMM.NNNN, five digits from January 2015. Old scheme: archive[.SUBJ]/YYMMNNN.
_ARXIV_NEW = r"(?P<new>\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})"
_ARXIV_OLD = r"(?P<old>[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{2}(?:0[1-9]|1[0-2])\d{3})"
_ARXIV = re.compile(rf"(?:{_ARXIV_NEW}|{_ARXIV_OLD})(?:v(?P<version>[1-9]\d{{0,3}}))?")
_ARXIV_PREFIXES = re.compile(r"^(?:arxiv:\s*|(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/)", re.I)


def parse_doi(text):
    """The DOI in a DOI, "doi:…" or doi.org address ("https://doi.org/10.1145/3442188.3445922" → "10.1145/…")."""
    value = unquote((text or "").strip())
    value = _DOI_PREFIXES.sub("", value).strip()
    if not _DOI.fullmatch(value) or any(unicodedata.category(char)[0] == "C" for char in value):
        raise ValidationError(
            "This is not a DOI. A DOI starts with “10.”, a registrant number and a slash, e.g. 10.1145/3442188.3445922 "
            "(a https://doi.org/ address works too).",
            code="invalid_doi",
        )
    return value


@dataclass(frozen=True)
class ArxivId:
    id: str
    version: int | None

    def __str__(self):
        return f"{self.id}v{self.version}" if self.version else self.id


def parse_arxiv(text):
    """An ArxivId from "arXiv:2305.18290v3", "2305.18290", an arxiv.org abs or pdf address, or "hep-th/9901001v2"."""
    value = (text or "").strip()
    value = _ARXIV_PREFIXES.sub("", value).strip()
    value = re.sub(r"\.pdf$", "", value, flags=re.I)
    match = _ARXIV.fullmatch(value)
    if not match or (match.group("new") and not _new_scheme_length_fits(match.group("new"))):
        raise ValidationError(
            "This is not an arXiv identifier. Write it as arXiv shows it, e.g. arXiv:2305.18290v3 or 2305.18290 "
            "(an arxiv.org/abs/ address works too).",
            code="invalid_arxiv",
        )
    version = match.group("version")
    return ArxivId(match.group("new") or match.group("old"), int(version) if version else None)


def _new_scheme_length_fits(arxiv_id):
    """Four digits after the dot until December 2014, five from January 2015."""
    yymm, number = arxiv_id.split(".")
    return len(number) == (5 if yymm >= "1501" else 4)


def parse_isbn(text):
    """The ISBN-13 of an ISBN-10 or ISBN-13, hyphens and spaces as printed; a wrong check digit is refused."""
    value = re.sub(r"^isbn(?:-1[03])?:?\s*", "", (text or "").strip(), flags=re.I)
    try:
        return stdnum_isbn.to_isbn13(stdnum_isbn.validate(value))
    except StdnumError as error:
        reason = "its check digit is wrong" if "checksum" in str(error).lower() else "it is not 10 or 13 digits"
        raise ValidationError(
            f"This is not a valid ISBN: {reason}. Copy it from the book's copyright page, e.g. 978-0-262-03384-8.",
            code="invalid_isbn",
        ) from None


def format_isbn(value):
    """An ISBN hyphenated as printed (978-0-262-03384-8), or as stored where the ranges do not say."""
    try:
        return stdnum_isbn.format(value)
    except StdnumError:
        return value


def doi_url(doi):
    return DOI_RESOLVER + doi


def arxiv_url(arxiv_id, version=None):
    return ARXIV_RESOLVER + (f"{arxiv_id}v{version}" if version else arxiv_id)


def identifiers_in_url(url):
    """(doi, arxiv) found in a doi.org or arxiv.org address, each None where the address holds none."""
    url = (url or "").strip()
    doi = arxiv = None
    if re.match(r"^(?:https?://)?(?:dx\.)?doi\.org/", url, re.I):
        with contextlib.suppress(ValidationError):
            doi = parse_doi(url)
    if _ARXIV_PREFIXES.match(url):
        with contextlib.suppress(ValidationError):
            arxiv = parse_arxiv(url.split("?")[0].split("#")[0])
    return doi, arxiv
