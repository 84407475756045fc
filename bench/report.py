"""The bench's verdicts and its printed table: targets met or missed, and what the figures were measured on."""

import os
import platform
import subprocess
from importlib import metadata

from . import wrk
from .stack import psql

PAGES = ["home", "vertical", "series", "article", "tag", "search", "feed"]


def _get(d, *keys):
    for key in keys:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def targets(results):
    pages, queries, send = results["pages"], results["queries"], results["send"]
    big = _get(send, "big", "recipients") or results["settings"]["subscribers_big"]
    small = _get(send, "small", "recipients") or results["settings"]["subscribers_small"]
    rows = []

    def add(name, value, ok, shown):
        rows.append({"target": name, "value": value, "pass": None if value is None else bool(ok), "shown": shown})

    on = _get(pages, "on", "article", "ratio")
    add("Article, page cache on: >= 1.0x ceiling", on, on is not None and on >= 1.0, f"{on}x" if on else "n/a")
    off = _get(pages, "off", "article", "ratio")
    add("Article, page cache off: >= 0.25x ceiling", off, off is not None and off >= 0.25, f"{off}x" if off else "n/a")
    lists = {name: _get(pages, "off", name, "ratio") for name in ("home", "vertical", "series", "tag", "feed")}
    measured = [ratio for ratio in lists.values() if ratio is not None]
    slowest = min(measured) if len(measured) == len(lists) else None
    add("Home, vertical, series, tag, feed off: >= 0.15x", slowest, slowest is not None and slowest >= 0.15,
        ", ".join(f"{name} {ratio}x" for name, ratio in lists.items()))
    counts = {name: entry.get("queries") for name, entry in queries.items() if name != "ceiling"}
    worst = max(counts.values(), default=None)
    add("No page above 8 queries uncached", worst, worst is not None and worst <= 8,
        f"max {worst} ({', '.join(f'{k} {v}' for k, v in counts.items())})" if counts else "n/a")
    growing = [
        f"{name} {entry['one_item']['queries']}->{entry['queries']}"
        for name, entry in queries.items()
        if "one_item" in entry and entry["one_item"]["queries"] != entry["queries"]
    ]
    compared = [name for name, entry in queries.items() if "one_item" in entry]
    add("Query count constant in items listed", len(growing) if compared else None, not growing,
        ("differs: " + ", ".join(growing)) if growing else f"same at 1 item and many: {', '.join(compared)}")
    p99 = _get(pages, "off", "search", "p99_ms")
    add("Search p99 < 100 ms uncached", p99, p99 is not None and p99 < 100, f"{p99} ms" if p99 is not None else "n/a")
    sign = results.get("signups") or {}
    add("Signups with no error", sign.get("errors"), sign.get("errors") == 0,
        f"{sign.get('rate')}/s, {sign.get('errors')} errors" if "rate" in sign else sign.get("error", "n/a"))
    ratio = _get(send, "big", "ratio")
    add("Launch send >= 0.7x raw smtplib", ratio, ratio is not None and ratio >= 0.7, f"{ratio}x" if ratio else "n/a")
    ratio = _get(send, "digest", "ratio")
    add("Digest send (per reader) >= 0.7x raw smtplib", ratio, ratio is not None and ratio >= 0.7,
        f"{ratio}x" if ratio else "n/a")
    rows_s = _get(send, "big", "rows_seconds")
    add(f"Delivery rows for {big:,} < 2 s", rows_s, rows_s is not None and rows_s < 2,
        f"{rows_s} s" if rows_s is not None else "n/a")
    edge_ratio = _get(results, "edge", "pages", "ratio")
    add("Article via Varnish >= 1.0x gunicorn static file", edge_ratio, edge_ratio is not None and edge_ratio >= 1.0,
        f"{edge_ratio}x" if edge_ratio is not None else _get(results, "edge", "error") or "n/a")
    p95 = _get(results, "edge", "purge", "p95_s")
    add("Purge to visible p95 <= 2 s (20 publishes)", p95, p95 is not None and p95 <= 2.0,
        f"{p95} s (p50 {_get(results, 'edge', 'purge', 'p50_s')} s)" if p95 is not None else "n/a")
    m_big, m_small = _get(send, "big", "worker_peak_rss_mib"), _get(send, "small", "worker_peak_rss_mib")
    growth = round(m_big / m_small - 1, 3) if m_big and m_small else None
    add(f"Worker memory flat: {big:,} vs {small:,} within 20 %", growth, growth is not None and growth <= 0.2,
        f"{m_big} vs {m_small} MiB ({growth:+.0%})" if growth is not None else "n/a")
    return rows


def report(results):
    lines = []
    out = lines.append
    out("")
    out(f"PostTrain bench ({results['profile']}) — {results['when']}, {results['seconds']} s; "
        f"{results['machine']['nproc']} cores, {results['machine']['cpu']}")
    v = results["versions"]
    out(", ".join(f"{k} {v.get(k, '?')}" for k in ("python", "django", "postgresql", "redis", "gunicorn", "wrk")))
    s = results["settings"]
    out(f"wrk -t1 -c16 -d{s['duration']}s, median of {s['runs']} run(s) per figure; gunicorn 2 sync workers")
    out("")
    header = (f"{'page':<9} | {'cache on req/s':>14} {'p50 ms':>7} {'p99 ms':>7} {'x ceil':>6} | "
              f"{'cache off req/s':>15} {'p50 ms':>7} {'p99 ms':>7} {'x ceil':>6} | {'queries':>9}")
    out(header)
    out("-" * len(header))
    on, off, queries = results["pages"].get("on", {}), results["pages"].get("off", {}), results["queries"]

    def cells(entry, width):
        if not entry:
            return f"{'-':>{width}} {'':>7} {'':>7} {'':>6}"
        if "error" in entry:
            return f"{'ERROR ' + entry['error']:>{width + 23}}"
        ratio = entry.get("ratio")
        return (f"{entry['rps']:>{width}.0f} {entry['p50_ms']:>7.1f} {entry['p99_ms']:>7.1f} "
                f"{(f'{ratio:.2f}' if ratio is not None else ''):>6}")

    for name in [*PAGES, "ceiling", "static", "search@2"]:
        q = queries.get(name, {})
        qs = ""
        if "queries" in q:
            qs = f"{q['one_item']['queries']}/{q['queries']}" if "one_item" in q else str(q["queries"])
        out(f"{name:<9} | {cells(on.get(name), 14)} | {cells(off.get(name), 15)} | {qs:>9}")
    out("(queries: uncached, warm object caches; a/b = page with 1 item listed / with many. "
        "search@2: 2 connections, nothing queues)")
    out("")
    pages = _get(results, "edge", "pages")
    if pages:
        varnish, static = pages["article_varnish"], pages["static_gunicorn"]
        out(f"Article through Varnish: {varnish['rps']:.0f}/s (p50 {varnish['p50_ms']} ms, p99 {varnish['p99_ms']} ms)"
            f" vs a static file from gunicorn + whitenoise: {static['rps']:.0f}/s; {pages['ratio']}x")
    purge = _get(results, "edge", "purge")
    if purge:
        out(f"Purge to visible through Varnish over {purge['publishes']} publishes: p50 {purge['p50_s']} s, "
            f"p95 {purge['p95_s']} s, max {purge['max_s']} s")
    sign = results.get("signups")
    if sign:
        if "rate" in sign:
            out(f"Signups: {sign['rate']}/s, median of {sign['runs']} ({sign['signups']} POSTs of the form in "
                f"{sign['seconds']} s, {sign['threads']} clients), {sign['errors']} errors, "
                f"statuses {sign['statuses']}")
        else:
            out(f"Signups: ERROR {sign.get('error')}")
    send = results["send"]
    base = send.get("baseline")
    if base:
        out(f"smtplib baseline: {base['rate']} msg/s at the sink, median of {base['runs']} "
            f"({base['messages']} messages of ~{base['avg_bytes']} bytes over one connection, per run)")
    for key in ("small", "big"):
        e = send.get(key)
        if e:
            ratio = f" ({e['ratio']}x smtplib)" if "ratio" in e else ""
            out(f"Launch send to {e['recipients']:>6,}: {e['rate']} msg/s at the sink{ratio}, "
                f"{e['messages_at_sink']} messages of ~{e['avg_bytes']} bytes, rows created in {e['rows_seconds']} s "
                f"({e['rows_from_click_seconds']} s after send-now), "
                f"all sent in {e['total_seconds']} s; worker peak RSS {e['worker_peak_rss_mib']} MiB")
    e = send.get("digest")
    if e:
        out(f"Digest send to {e['recipients']:>6,}: {e['rate']} msg/s at the sink ({e.get('ratio')}x smtplib at "
            f"{e['baseline_rate']} msg/s with one reader's message), {e['messages_at_sink']} messages of "
            f"~{e['avg_bytes']} bytes, all sent in {e['total_seconds']} s; "
            f"worker peak RSS {e['worker_peak_rss_mib']} MiB")
    out("")
    out("Targets")
    for t in results["targets"]:
        verdict = {True: "PASS", False: "MISS", None: "n/a "}[t["pass"]]
        out(f"  {verdict}  {t['target']:<48} {t['shown']}")
    if results["errors"]:
        out("")
        out("Errors")
        for error in results["errors"]:
            out(f"  - {error}")
    return "\n".join(lines)


def _cmd(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def versions():
    def pkg(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    redis_info = _cmd(["redis-cli", "-h", "127.0.0.1", "info", "server"])
    redis_version = next(
        (line.split(":", 1)[1] for line in redis_info.splitlines() if line.startswith("redis_version:")), None
    )
    return {
        "python": platform.python_version(),
        "django": pkg("django"),
        "postgresql": psql("SHOW server_version"),
        "redis": redis_version,
        "gunicorn": pkg("gunicorn"),
        "celery": pkg("celery"),
        "psycopg": pkg("psycopg"),
        "aiosmtpd": pkg("aiosmtpd"),
        "wrk": wrk.version(),
    }


def machine():
    def first(path, prefix):
        try:
            with open(path) as f:
                return next((line.split(":", 1)[1].strip() for line in f if line.startswith(prefix)), "")
        except OSError:
            return ""

    cpu = first("/proc/cpuinfo", "model name") or "unknown"
    mem_kib = int((first("/proc/meminfo", "MemTotal") or "0").split()[0])
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "os": platform.platform(),
    }
