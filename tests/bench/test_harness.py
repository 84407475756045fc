"""The bench's own parsing and verdicts, without starting anything."""

import pytest

from bench import signups, wrk
from bench.report import targets

WRK_OUTPUT = """Running 6s test @ http://127.0.0.1:4000/articles/x/
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    11.52ms    2.10ms  40.01ms   90.00%
    Req/Sec     1.39k   100.00     1.50k    70.00%
  Latency Distribution
     50%   11.20ms
     75%   12.00ms
     90%   13.50ms
     99%    1.02s
  8312 requests in 6.00s, 95.12MB read
  Socket errors: connect 0, read 3, write 0, timeout 0
  Non-2xx or 3xx responses: 7
Requests/sec:   1385.21
Transfer/sec:     15.85MB
"""


def test_wrk_report_is_read_in_milliseconds():
    figures = wrk.parse(WRK_OUTPUT)

    assert figures["rps"] == 1385.21
    assert figures["p50_ms"] == pytest.approx(11.2)
    assert figures["p99_ms"] == pytest.approx(1020.0)
    assert figures["requests"] == 8312
    assert figures["non_2xx_3xx"] == 7
    assert figures["socket_errors"]["read"] == 3


def test_wrk_report_without_a_rate_is_an_error():
    with pytest.raises(wrk.WrkError):
        wrk.parse("unable to connect to 127.0.0.1:4000 Connection refused")


def test_signup_form_is_found_with_its_hidden_fields():
    html = """
    <form action="/search/" method="get"><input name="q"></form>
    <form action="/newsletter/" method="post">
      <input type="hidden" name="csrfmiddlewaretoken" value="tok">
      <input type="email" name="email">
      <input type="text" name="website" value="">
      <input type="checkbox" name="interests" value="1">
      <input type="hidden" name="started" value="signed:123">
      <button type="submit">Subscribe</button>
    </form>"""

    action, email_field, fields = signups.read_form(html, "http://127.0.0.1:4000/newsletter/")

    assert action == "http://127.0.0.1:4000/newsletter/"
    assert email_field == "email"
    assert fields == {"csrfmiddlewaretoken": "tok", "email": "", "website": "", "started": "signed:123"}


def _results(
    article_on=1.1, article_off=0.3, search_p99=80.0, send_ratio=0.8, rows=1.5, memory=(100.0, 110.0), lists=0.2,
    digest_ratio=0.9, varnish=13.5, purge_p95=0.3,
):
    return {
        "settings": {"subscribers_small": 2000, "subscribers_big": 20000},
        "pages": {
            "on": {"article": {"ratio": article_on}},
            "off": {
                "article": {"ratio": article_off},
                "search": {"p99_ms": search_p99},
                **{name: {"ratio": lists} for name in ("home", "vertical", "series", "tag", "feed")},
            },
        },
        "queries": {
            "home": {"queries": 5},
            "tag": {"queries": 4, "one_item": {"queries": 4}},
        },
        "signups": {"rate": 50.0, "errors": 0},
        "send": {
            "small": {"recipients": 2000, "worker_peak_rss_mib": memory[0]},
            "big": {"recipients": 20000, "ratio": send_ratio, "rows_seconds": rows, "worker_peak_rss_mib": memory[1]},
            "digest": {"recipients": 20000, "ratio": digest_ratio},
        },
        "edge": {"pages": {"ratio": varnish}, "purge": {"p50_s": 0.2, "p95_s": purge_p95}},
    }


def test_every_target_passes_when_the_figures_meet_it():
    verdicts = {row["target"]: row["pass"] for row in targets(_results())}

    assert len(verdicts) == 13  # pages (3), queries (2), search, signups, sends (3), Varnish, purge, memory
    assert all(verdicts.values()), verdicts


def test_targets_missed_are_reported_as_misses():
    results = _results(
        article_on=0.9, search_p99=120.0, rows=2.5, memory=(100.0, 125.0), lists=0.1, digest_ratio=0.5, varnish=0.8,
        purge_p95=2.5,
    )
    results["queries"]["tag"]["queries"] = 6

    missed = {row["target"] for row in targets(results) if row["pass"] is False}

    assert missed == {
        "Article, page cache on: >= 1.0x ceiling",
        "Home, vertical, series, tag, feed off: >= 0.15x",
        "Query count constant in items listed",
        "Search p99 < 100 ms uncached",
        "Delivery rows for 20,000 < 2 s",
        "Worker memory flat: 20,000 vs 2,000 within 20 %",
        "Digest send (per reader) >= 0.7x raw smtplib",
        "Article via Varnish >= 1.0x gunicorn static file",
        "Purge to visible p95 <= 2 s (20 publishes)",
    }


def test_a_page_that_was_not_measured_is_neither_pass_nor_miss():
    results = _results()
    del results["pages"]["on"]["article"]

    row = next(r for r in targets(results) if r["target"].startswith("Article, page cache on"))

    assert row["pass"] is None
