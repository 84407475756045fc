"""The shared-cache rows of `make bench`: Varnish (the shipped VCL) in front of gunicorn.

- Article page through Varnish against gunicorn + whitenoise serving a static file, interleaved round by round:
  a cached page should cost no more than the cheapest thing Django's stack serves.
- Purge to visible: 20 publishes, each committed by `manage.py bench_purge_latency`, purged by a real Celery
  worker through the broker, and polled through Varnish on the home page until the new title shows.
"""

import json
import shutil
import statistics
from pathlib import Path

from . import wrk
from .stack import BROKER_DB, ROOT, WORKDIR, StackError, flush_redis, free_port, http_get, log

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
PUBLISHES = 20
# As deploy/varnish/origin.vcl, pointed at a gunicorn on loopback; tests/edge/varnish.py uses it too.
ORIGIN_VCL = """vcl 4.1;
backend default {{ .host = "{host}"; .port = "{port}"; }}
backend health {{
    .host = "{host}";
    .port = "{port}";
    .probe = {{ .url = "/healthz"; .interval = {interval}; .timeout = 1s; .window = 3; .threshold = 2; }}
}}
acl purgers {{ {purgers} }}
"""


def origin_vcl(port, host="127.0.0.1", purgers=("127.0.0.1",), interval="1s"):
    return ORIGIN_VCL.format(host=host, port=port, interval=interval,
                             purgers=" ".join(f'"{ip}";' for ip in purgers))


def start_varnish(bench, backend_port, port):
    vcl_dir = WORKDIR / "varnish-vcl"
    vcl_dir.mkdir(parents=True, exist_ok=True)
    (vcl_dir / "origin.vcl").write_text(origin_vcl(backend_port))
    vcl_path = f"{vcl_dir}:{ROOT / 'deploy' / 'varnish'}"
    argv = [
        VARNISHD, "-F", "-n", str(WORKDIR / "varnish-state"), "-a", f"127.0.0.1:{port}",
        "-f", str(ROOT / "deploy" / "varnish" / "default.vcl"), "-p", f"vcl_path={vcl_path}",
        "-s", "malloc,256m", "-T", "127.0.0.1:0", "-j", "none",
    ]

    def ready():
        try:
            return http_get(f"http://127.0.0.1:{port}/robots.txt", timeout=2)[0] == 200
        except OSError:
            return False

    return bench.stack.start("varnish", argv, None, ready, timeout=60)


def through_varnish(bench):
    """Both rows, with gunicorn, a worker and Varnish of their own; errors go into the results, never a crash."""
    if not Path(VARNISHD).exists():
        bench.errors.append("edge: varnishd is not installed (apt-get install varnish varnish-modules)")
        return
    log("Through Varnish: gunicorn, a Celery worker and varnishd with deploy/varnish/default.vcl")
    port = free_port()
    varnish_url = f"http://127.0.0.1:{port}"
    env = bench.env(page_cache_seconds=300, FRONTEND_CACHE_URLS=f"varnish://127.0.0.1:{port}")
    flush_redis(BROKER_DB)
    try:
        bench.stack.start_gunicorn(env, bench.port, name="gunicorn-edge")
        bench.stack.start_worker(env, name="worker-edge")
        start_varnish(bench, bench.port, port)
        bench.results["edge"] = {
            "pages": page_against_static(bench, varnish_url),
            "purge": purge_to_visible(bench, varnish_url, env),
        }
    except (StackError, wrk.WrkError, OSError, ValueError) as exc:
        bench.errors.append(f"edge: {type(exc).__name__}: {exc}")
        bench.results["edge"] = {"error": f"{type(exc).__name__}: {exc}"}
    finally:
        for name in ("varnish", "worker-edge", "gunicorn-edge"):
            bench.stack.stop(name)


def page_against_static(bench, varnish_url):
    profile = bench.profile
    article, static = bench.urls.get("article"), bench.urls.get("static")
    targets = {"article_varnish": varnish_url + article, "static_gunicorn": bench.base + static}
    for url in targets.values():
        status, _ = http_get(url)
        if status != 200:
            raise ValueError(f"{url} answered HTTP {status}")
        wrk.run(url, profile["warmup"])  # Varnish stores the page; gunicorn's workers import what they need
        bench.drain()
    runs = {name: [] for name in targets}
    for round_ in range(profile["runs"]):
        for name, url in targets.items():
            runs[name].append(wrk.run(url, profile["duration"]))
            bench.drain()
        log(f"  round {round_ + 1}/{profile['runs']}: " + ", ".join(
            f"{name} {runs[name][-1]['rps']:.0f}/s" for name in targets))
    figures = {
        name: {
            "url": url,
            "rps": round(statistics.median(r["rps"] for r in runs[name]), 1),
            "p50_ms": round(statistics.median(r["p50_ms"] for r in runs[name]), 2),
            "p99_ms": round(statistics.median(r["p99_ms"] for r in runs[name]), 2),
            "non_2xx_3xx": sum(r["non_2xx_3xx"] for r in runs[name]),
        }
        for name, url in targets.items()
    }
    ratios = [
        page["rps"] / static["rps"]
        for page, static in zip(runs["article_varnish"], runs["static_gunicorn"], strict=True)
        if static["rps"]
    ]
    figures["ratio"] = round(statistics.median(ratios), 3) if ratios else None
    return figures


def purge_to_visible(bench, varnish_url, env):
    log(f"Purge to visible: {PUBLISHES} publishes, each polled through Varnish")
    out = WORKDIR / "purge-latency.json"
    bench.manage("bench_purge_latency", varnish_url, str(out), f"--publishes={PUBLISHES}", env=env, timeout=600)
    result = json.loads(out.read_text())
    seconds = sorted(result["seconds"])
    result["p50_s"] = round(statistics.median(seconds), 3)
    result["p95_s"] = round(seconds[max(0, int(round(0.95 * len(seconds))) - 1)], 3)
    result["max_s"] = round(seconds[-1], 3)
    log(f"  purge to visible: p50 {result['p50_s']} s, p95 {result['p95_s']} s, max {result['max_s']} s")
    return result
