"""Where library images are used, and what publishing asks of them: every image readers will see has alt text."""

from django.db.models import Q

from .images.markup import body_img_tags, img_attributes, library_images_in
from .models import Article, Image


def articles_using(image):
    """Articles showing `image` as their hero or as a figure in their body (the body refers to its stored file)."""
    in_body = Q(body__contains=f'{image.file.name}"') if image.file else Q(pk__in=[])
    return Article.objects.filter(Q(hero=image) | in_body).distinct().order_by("title")


def alt_text_problems(article):
    """What keeps `article` from being published for want of alt text, in words an editor can act on."""
    problems = []
    if article.hero_id:
        hero = Image.objects.filter(pk=article.hero_id).first()
        if hero is not None and not hero.alt.strip():
            problems.append(f"the hero image “{hero.title}” has no alt text (add it in the image library)")
    library = library_images_in(article.body)
    for tag in body_img_tags(article.body):
        src, alt, name = img_attributes(tag)
        image = library.get(name)
        if (image is not None and image.alt.strip()) or alt.strip():
            continue
        what = f"the figure “{image.title}”" if image else f"the image {src.rsplit('/', 1)[-1] or 'without a source'}"
        problems.append(f"{what} in the body has no alt text")
    return problems
