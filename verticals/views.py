"""Home, vertical, about, robots.txt and the sitemap."""

from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles import content_keys
from articles.models import Article, Series
from articles.sitemaps import SITEMAPS
from articles.slugs import find_redirect
from newsletter.archive import ArchiveSitemap
from posttrain import jsonld
from posttrain.cache import cache_public_page, cached_by_generation
from posttrain.frontend_cache import shows
from posttrain.web import absolute_url, cached_page_of, redirect_or_404

from .models import SiteSettings, Vertical

HOME_LATEST = 6
VERTICAL_PER_PAGE = 12


@require_safe
@cache_public_page
def home(request):
    website = {
        "@context": jsonld.CONTEXT,
        "@type": "WebSite",
        "name": jsonld.PUBLISHER_NAME,
        "url": absolute_url(reverse("verticals:home")),
        "publisher": jsonld.publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": absolute_url(reverse("articles:search")) + "?q={query}"},
            "query-input": "required name=query",
        },
    }
    context = {
        "verticals": Vertical.objects.all(),
        "series_list": Series.objects.select_related("vertical"),
        "latest": Article.objects.published().for_listing()[:HOME_LATEST],
        "jsonld": [website],
    }
    return shows(render(request, "verticals/home.html", context), content_keys.HOME)


@require_safe
@cache_public_page
def vertical_detail(request, slug):
    vertical = cached_by_generation(f"vertical:{slug}", lambda: Vertical.objects.filter(slug=slug).first())
    if vertical is None:
        return redirect_or_404(find_redirect(Vertical, slug))
    crumbs = [("Home", reverse("verticals:home")), (vertical.name, vertical.get_absolute_url())]
    series_list, resources, glossary_terms = cached_by_generation(
        f"vertical-lists:{vertical.pk}",
        lambda: (list(vertical.series.all()), list(vertical.resources.all()), list(vertical.glossary_terms.all())),
    )
    return shows(render(
        request,
        "verticals/vertical_detail.html",
        {
            "vertical": vertical,
            "series_list": series_list,
            "page": cached_page_of(
                f"vertical-{vertical.pk}",
                Article.objects.published().filter(vertical=vertical).for_listing(),
                request,
                VERTICAL_PER_PAGE,
            ),
            "resources": resources,
            "glossary_terms": glossary_terms,
            "crumbs": crumbs,
            "jsonld": [jsonld.breadcrumbs(crumbs)],
        },
    ), vertical)


@require_safe
@cache_public_page
def about(request):
    return render(request, "verticals/about.html", {"about": SiteSettings.load().about})


@require_safe
@cache_public_page
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Allow: /newsletter/archive/",
        "Disallow: /newsletter/",
        "Disallow: /search/",
        "",
        f"Sitemap: {absolute_url(reverse('verticals:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@cache_public_page
def sitemap(request):
    response = sitemap_view(request, sitemaps={**SITEMAPS, "newsletter": ArchiveSitemap})
    response.render()
    return shows(response, content_keys.SITEMAP)
