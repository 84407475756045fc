"""The image library in the admin: upload once (checked and cleaned), describe, set the focal point by clicking,
find by words or tags, see where each image is used. An image still in use cannot be deleted."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from articles.image_usage import articles_using
from articles.images import processing, renditions, tasks
from articles.images.markup import ARTICLE_SIZES, picture
from articles.models import Image
from posttrain.admin_concurrency import ConcurrentEditMixin
from posttrain.admin_search import SearchMixin


class ImageForm(forms.ModelForm):
    # A plain file field: Django's ImageField would decode the upload before our checks, and answer a bomb or an
    # SVG with a vague "not an image"; processing.check_upload says what is wrong.
    file = forms.FileField(help_text=Image._meta.get_field("file").help_text, max_length=255)

    class Meta:
        model = Image
        fields = ["title", "file", "alt", "caption", "credit", "licence", "tags", "focal_x", "focal_y"]
        widgets = {"focal_x": forms.HiddenInput, "focal_y": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required here, where editors describe images; rows from imports may lack it, and publishing checks.
        self.fields["alt"].required = True
        self.fields["alt"].error_messages["required"] = "Describe the image for readers who cannot see it."
        accepted = (processing.MIME_TYPES[fmt] for fmt in processing.LIBRARY_FORMATS.values())
        self.fields["file"].widget.attrs["accept"] = ",".join(accepted)

    def clean_alt(self):
        alt = " ".join(self.cleaned_data["alt"].split())
        if not alt:
            raise forms.ValidationError("Describe the image for readers who cannot see it.")
        return alt

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and "file" in self.changed_data:
            # Stored upright, in sRGB, without EXIF/GPS: the upload itself is never kept.
            upload = processing.clean_upload(upload)
            self.instance.set_file(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        has_x, has_y = cleaned.get("focal_x") is not None, cleaned.get("focal_y") is not None
        if has_x != has_y:
            self.add_error(None, "The focal point needs both coordinates: click the image once more.")
        if "file" in self.changed_data and not ({"focal_x", "focal_y"} & set(self.changed_data)):
            # A new picture: the old focal point pointed at something else.
            cleaned["focal_x"] = cleaned["focal_y"] = None
        return cleaned


@admin.register(Image)
class ImageAdmin(ConcurrentEditMixin, SearchMixin, admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "title", "alt_text_given", "credit", "licence", "size", "uploaded_at"]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["tags", "licence"]
    search_fields = ["title", "alt", "caption", "credit", "licence", "tags__name"]
    readonly_fields = ["focal_point_picker", "size", "where_used"]
    fieldsets = [
        (None, {"fields": ["title", "file", "alt", "caption", "credit", "licence", "tags"]}),
        ("Focal point", {"fields": ["focal_point_picker", "focal_x", "focal_y"]}),
        ("Where it is used", {"fields": ["size", "where_used"]}),
    ]

    class Media:
        js = ["articles/admin/focal-point.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def get_urls(self):
        choices = self.admin_site.admin_view(self.choices_view)
        return [path("choices/", choices, name="articles_image_choices"), *super().get_urls()]

    def choices_view(self, request):
        """The library as the body editor's picker sees it: the newest matches of ?q=, with what a figure needs."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = Image.objects.prefetch_related("renditions")
        query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
        if query:
            images = images.search(query)
        return JsonResponse({"images": [self._choice(image) for image in images[:24]]})

    def _choice(self, image):
        preview = picture(image, sizes="160px")
        thumbnail = preview["srcset"].split(" ", 1)[0] if preview["srcset"] else preview["src"]
        return {
            "id": image.pk, "title": image.title, "alt": image.alt, "caption": image.caption or image.title,
            "credit": image.credit, "src": image.file.url, "thumbnail": thumbnail,
            "width": image.width, "height": image.height,
        }

    @admin.display(description="")
    def thumbnail(self, obj):
        data = picture(obj, sizes="120px")
        if data is None:
            return "—"
        src = data["srcset"].split(" ", 1)[0] if data["srcset"] else data["src"]
        return format_html('<img src="{}" alt="" width="120" style="height:auto" loading="lazy">', src)

    @admin.display(description="alt text", boolean=True)
    def alt_text_given(self, obj):
        return bool(obj.alt.strip())

    @admin.display(description="size")
    def size(self, obj):
        return f"{obj.width}×{obj.height} px" if obj.width else "—"

    @admin.display(description="focal point")
    def focal_point_picker(self, obj):
        if not obj or not obj.pk or not obj.file:
            return "Save the image first, then click on it here to set its focal point."
        fx, fy = obj.focal_point
        data = picture(obj, sizes=ARTICLE_SIZES)
        return format_html(
            '<div class="focal-picker" data-focal-picker style="position:relative;display:inline-block;'
            'max-width:36rem;cursor:crosshair">'
            '<img src="{}" alt="{}" width="{}" height="{}" style="display:block;max-width:100%;height:auto">'
            '<span data-focal-marker aria-hidden="true" style="position:absolute;left:{}%;top:{}%;width:22px;'
            'height:22px;margin:-11px 0 0 -11px;border:3px solid #fff;border-radius:50%;'
            'box-shadow:0 0 0 2px #000"></span></div>'
            '<p class="help" data-focal-readout>Click the point that must stay in every crop '
            '(now {}% across, {}% down).</p>',
            data["src"], obj.alt, obj.width, obj.height, round(fx * 100, 1), round(fy * 100, 1),
            round(fx * 100), round(fy * 100),
        )

    @admin.display(description="used by")
    def where_used(self, obj):
        if not obj or not obj.pk:
            return "—"
        articles = list(articles_using(obj))
        if not articles:
            return "Not used by any article."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", '<li><a href="{}">{}</a> ({})</li>',
                ((reverse("admin:articles_article_change", args=[a.pk]), a.title, a.display_status) for a in articles),
            ),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if not change or {"file", "focal_x", "focal_y"} & set(form.changed_data):
            tasks.queue_renditions(obj)

    def delete_model(self, request, obj):
        renditions.delete_files_after_commit([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        renditions.delete_files_after_commit(list(queryset))
        super().delete_queryset(request, queryset)

    def get_deleted_objects(self, objs, request):
        """Refuse to delete an image an article still shows, naming the articles (heroes and body figures alike)."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for image in objs:
            # Heroes are listed already (the foreign key protects them); figures are found in the bodies.
            for article in articles_using(image).exclude(hero=image):
                protected.append(f"Article: {article.title} (shows “{image.title}” in its body)")
        return deleted, model_count, perms_needed, protected
