"""Form pieces the editorial admins share."""

from django import forms

from articles import citations
from posttrain.uploads import validate_image_upload


def checked_image_field(field):
    """Uploads are checked by content (raster images only, size-limited); files already stored are not re-read."""
    if isinstance(field, forms.ImageField):
        field.validators.append(validate_image_upload)
        field.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp,image/gif")
    return field


class ReferenceFormSet(forms.BaseInlineFormSet):
    """The article's references as this save leaves them, checked against the citation marks in its new text.

    The admin builds inline formsets on the article as the main form cleaned it, so ``self.instance.body`` is the
    text being saved: a reference deleted, or its key changed, while the text still cites it is refused here.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "kind" in form.fields:
            form.fields["kind"].required = False  # a form posted without it (an old page, a script) keeps the default

    def clean(self):
        super().clean()
        keys = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or (self.can_delete and self._should_delete_form(form)):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            keys.append(form.cleaned_data.get("key") or form.instance.key)
        missing = citations.missing_citations(self.instance.body, keys)
        if missing:
            raise forms.ValidationError(citations.missing_citation_message(missing), code="cited_reference_missing")
