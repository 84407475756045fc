"""Form pieces the editorial admins share."""

from django import forms

from posttrain.uploads import validate_image_upload


def checked_image_field(field):
    """Uploads are checked by content (raster images only, size-limited); files already stored are not re-read."""
    if isinstance(field, forms.ImageField):
        field.validators.append(validate_image_upload)
        field.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp,image/gif")
    return field
