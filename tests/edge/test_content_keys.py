"""Content keys: one internal list per response, written in the header each configured cache reads."""

import pytest
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from posttrain import frontend_cache
from tests.foundation.test_settings import read_settings

from ..factories import ArticleFactory


@pytest.mark.parametrize("key", ["site", "article-12", "list-home", "tag-7", "a.b_c:d-e", "x" * 64])
def test_header_safe_keys_are_kept_as_they_are(key):
    assert frontend_cache.clean_key(key) == key


@pytest.mark.parametrize(
    "key", ["tag-éducation", "Article-12", "two words", "a,b", "x" * 65, "-leading-dash", "new\nline", "ключ"]
)
def test_other_keys_become_a_stable_header_safe_hash(key):
    cleaned = frontend_cache.clean_key(key)

    assert cleaned == frontend_cache.clean_key(key)
    assert cleaned.startswith("hash-") and len(cleaned) == 37
    assert cleaned.isascii() and cleaned == cleaned.lower() and " " not in cleaned and "," not in cleaned


def test_distinct_unsafe_keys_never_share_a_hash():
    assert frontend_cache.clean_key("Tag-A") != frontend_cache.clean_key("Tag-a")


def test_keys_are_deduplicated_in_their_first_order():
    assert frontend_cache.clean_keys(["b", "a", "b", None, "", "a"]) == ["b", "a"]


@pytest.mark.django_db
def test_instance_and_list_keys_follow_the_vocabulary():
    article = ArticleFactory()

    assert frontend_cache.instance_key(article) == f"article-{article.pk}"
    assert frontend_cache.list_key("home") == "list-home"


def test_no_configured_cache_means_no_key_headers(settings):
    settings.FRONTEND_CACHE_URLS = []
    response = frontend_cache.tag_response(HttpResponse("page"), ["article-1"])

    assert not {"xkey", "Surrogate-Key", "Cache-Tag"} & set(response.headers)


def test_one_key_list_goes_out_in_each_caches_own_header(settings):
    settings.FRONTEND_CACHE_URLS = ["varnish://127.0.0.1:6081", "fastly://svc", "cloudflare://zone"]
    response = HttpResponse("page")

    frontend_cache.tag_response(response, ["article-1", "tag-éducation", "article-1", "list-home"])

    hashed = frontend_cache.clean_key("tag-éducation")
    assert response["xkey"] == f"site article-1 {hashed} list-home"
    assert response["Surrogate-Key"] == f"site article-1 {hashed} list-home"
    assert response["Cache-Tag"] == f"site,article-1,{hashed},list-home"


def test_two_varnish_servers_share_one_header(settings):
    settings.FRONTEND_CACHE_URLS = ["varnish://10.0.0.1:6081", "varnish://10.0.0.2:6081"]

    assert frontend_cache.response_headers(["article-1"]) == {"xkey": "site article-1"}


def test_a_page_whose_keys_do_not_fit_a_header_is_kept_out_of_shared_caches(settings, caplog):
    settings.FRONTEND_CACHE_URLS = ["varnish://127.0.0.1:6081"]
    response = HttpResponse("page")
    patch_cache_control(response, public=True, s_maxage=300)

    frontend_cache.tag_response(response, [f"article-{n}" for n in range(2000)])

    assert "xkey" not in response
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "do not fit in a header" in caplog.text


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FRONTEND_CACHE_URLS": "varnsh://127.0.0.1:6081"}, "is not varnish://host:port"),
        ({"FRONTEND_CACHE_URLS": "varnish://"}, "is not varnish://host:port"),
        ({"FRONTEND_CACHE_URLS": "fastly://service123"}, "set FASTLY_API_TOKEN"),
        ({"FRONTEND_CACHE_URLS": "cloudflare://zone123"}, "set CLOUDFLARE_API_TOKEN"),
    ],
)
def test_a_mistyped_cache_url_or_missing_token_stops_the_process_at_start(env, message):
    result, _ = read_settings(env, "FRONTEND_CACHE_URLS")

    assert result.returncode != 0
    assert message in result.stderr


def test_cache_urls_and_tokens_come_from_the_environment():
    env = {
        "FRONTEND_CACHE_URLS": "varnish://10.0.0.5:6081,fastly://svc,cloudflare://zone",
        "FASTLY_API_TOKEN": "f-token",
        "CLOUDFLARE_API_TOKEN": "c-token",
        "FASTLY_API_URL": "http://127.0.0.1:9/",
    }
    result, values = read_settings(env, "FRONTEND_CACHE_URLS", "FASTLY_API_URL", "CLOUDFLARE_API_URL")

    assert result.returncode == 0, result.stderr
    assert values == {
        "FRONTEND_CACHE_URLS": ["varnish://10.0.0.5:6081", "fastly://svc", "cloudflare://zone"],
        "FASTLY_API_URL": "http://127.0.0.1:9",
        "CLOUDFLARE_API_URL": "https://api.cloudflare.com/client/v4",
    }
