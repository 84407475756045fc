"""A reference an article rests on: what it is (kind, identifiers), how a reader finds it, how the text cites it.

Identifiers are normalised in clean(), so the admin form shows an editor's paste as the stored form (a doi.org address
becomes the DOI, "arXiv:2305.18290v3" an id and a version) or says what is wrong with it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import slugify

from . import identifiers

KEY_HELP = (
    "The name citation marks in the text use for this reference (letters, digits, hyphens). Left empty, it is made "
    "from the first author and the year when you save."
)


class Reference(models.Model):
    class Kind(models.TextChoices):
        PAPER = "paper", "Paper"
        PREPRINT = "preprint", "Preprint"
        STANDARD = "standard", "Standard"
        REGULATION = "regulation", "Regulation"
        DATASET = "dataset", "Dataset"
        ARTICLE = "article", "Article"
        BOOK = "book", "Book"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="references")
    order = models.PositiveSmallIntegerField(default=0)
    key = models.SlugField("citation key", max_length=40, blank=True, help_text=KEY_HELP)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(max_length=300)
    url = models.URLField(blank=True, max_length=500)
    authors = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    # Room for a pasted resolver address; what is stored is the bare identifier.
    doi = models.CharField("DOI", max_length=300, blank=True, help_text="e.g. 10.1145/3442188.3445922")
    arxiv_id = models.CharField(
        "arXiv id", max_length=60, blank=True, help_text="e.g. arXiv:2305.18290v3; the version is kept apart."
    )
    arxiv_version = models.PositiveSmallIntegerField(
        "arXiv version", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    isbn = models.CharField("ISBN", max_length=40, blank=True, help_text="ISBN-10 or ISBN-13; stored as ISBN-13.")

    class Meta:
        ordering = ["article", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "key"], condition=~Q(key=""), name="unique_citation_key_per_article"
            ),
            models.CheckConstraint(
                condition=Q(arxiv_version__isnull=True) | ~Q(arxiv_id=""), name="arxiv_version_needs_id"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        for field, normalise in (("doi", self._normalise_doi), ("arxiv_id", self._normalise_arxiv),
                                 ("isbn", self._normalise_isbn)):
            try:
                normalise()
            except ValidationError as error:
                errors[field] = error.messages
        if self.arxiv_version and not self.arxiv_id:
            errors.setdefault("arxiv_version", ["A version needs the arXiv id it belongs to."])
        if errors:
            raise ValidationError(errors)
        self.fill_identifiers_from_url()

    def _normalise_doi(self):
        if self.doi:
            self.doi = identifiers.parse_doi(self.doi)

    def _normalise_arxiv(self):
        if self.arxiv_id:
            parsed = identifiers.parse_arxiv(self.arxiv_id)
            self.arxiv_id = parsed.id
            self.arxiv_version = parsed.version or self.arxiv_version

    def _normalise_isbn(self):
        if self.isbn:
            self.isbn = identifiers.parse_isbn(self.isbn)

    def fill_identifiers_from_url(self):
        """A doi.org or arxiv.org address says which work it is: take its identifier where the field is empty."""
        doi, arxiv = identifiers.identifiers_in_url(self.url)
        if doi and not self.doi:
            self.doi = doi
        if arxiv and not self.arxiv_id:
            self.arxiv_id, self.arxiv_version = arxiv.id, arxiv.version

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = self._free_key()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)

    def _free_key(self):
        surname = self.authors.split(",")[0].split(" and ")[0].replace(" et al.", "").split()
        base = slugify(f"{surname[-1] if surname else self.title[:20]} {self.year or ''}")[:32] or "ref"
        taken = set(
            Reference.objects.filter(article_id=self.article_id, key__startswith=base)
            .exclude(pk=self.pk)
            .values_list("key", flat=True)
        )
        key, n = base, 2
        while key in taken:
            key, n = f"{base}-{n}", n + 1
        return key

    # How the reference list shows it (one citation style for every page) -----------------------------------------

    @property
    def attribution(self):
        """What goes before the title in a reference list: "Authors (2024).", "Authors.", "(2024)" or nothing."""
        if self.authors:
            return f"{self.authors} ({self.year})." if self.year else f"{self.authors}."
        return f"({self.year})" if self.year else ""

    @property
    def arxiv(self):
        return str(identifiers.ArxivId(self.arxiv_id, self.arxiv_version)) if self.arxiv_id else ""

    @property
    def link(self):
        """Where the title links: the given address, else the DOI's or arXiv's resolver."""
        if self.url:
            return self.url
        if self.doi:
            return identifiers.doi_url(self.doi)
        if self.arxiv_id:
            return identifiers.arxiv_url(self.arxiv_id, self.arxiv_version)
        return ""

    @property
    def identifier_links(self):
        """(label, text, resolver address or "") for each identifier, in a fixed order."""
        rows = []
        if self.doi:
            rows.append(("DOI", self.doi, identifiers.doi_url(self.doi)))
        if self.arxiv_id:
            rows.append(("arXiv", self.arxiv, identifiers.arxiv_url(self.arxiv_id, self.arxiv_version)))
        if self.isbn:
            rows.append(("ISBN", identifiers.format_isbn(self.isbn), ""))
        return rows

    @property
    def kind_label(self):
        """The kind named after the title where a reader could not tell it from the identifiers."""
        shown = {self.Kind.PREPRINT, self.Kind.STANDARD, self.Kind.REGULATION, self.Kind.DATASET, self.Kind.BOOK}
        return self.get_kind_display() if self.kind in shown else ""
