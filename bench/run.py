"""`make bench`: the production stack on loopback, a realistic data set, and every figure as a ratio to a ceiling
measured in the same run.

    python -m bench.run           the full run (10-14 minutes on 2 cores); writes bench/results.json
    python -m bench.run --quick   a smoke version (~3 minutes); writes bench/work/results-quick.json

Steps: PostgreSQL and Redis up; a fresh database `posttrain_bench`, migrated and filled by
`manage.py generate_bench_data`; collectstatic; gunicorn (2 sync workers, DEBUG off, persistent connections,
Redis cache) with the page cache on, then off; wrk against each page and the bare-Django ceiling, interleaved,
the median of several runs each; SQL queries per page in-process; signups per second; the launch send through a
real Celery worker to an SMTP sink, against raw smtplib to the same sink. Everything started is stopped at the end.
"""

import argparse
import contextlib
import json
import os
import platform
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib import metadata

from . import signups, sink, stack, wrk
from .stack import ROOT, Stack, StackError, flush_redis, free_port, http_get, peak_rss_kib, psql

DATABASE = "posttrain_bench"
BROKER_DB, CACHE_DB = 5, 6
PAGES = ["home", "vertical", "series", "article", "tag", "search", "feed"]
WORKDIR = ROOT / "bench" / "work"

PROFILES = {
    "full": {
        "scale": 1.0,
        "subscribers_small": 2000,
        "subscribers_big": 20000,
        "duration": 5,
        "runs": 3,
        "warmup": 1,
        "signups": 1200,
        "baseline_messages": 1000,
        "send_timeout": 600,
    },
    "quick": {
        "scale": 0.1,
        "subscribers_small": 200,
        "subscribers_big": 2000,
        "duration": 2,
        "runs": 1,
        "warmup": 1,
        "signups": 200,
        "baseline_messages": 300,
        "send_timeout": 180,
    },
}


def log(message):
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


class Bench:
    def __init__(self, quick):
        self.quick = quick
        self.profile = PROFILES["quick" if quick else "full"]
        self.stack = Stack(WORKDIR)
        self.sink = None
        self.port = free_port()
        self.smtp_port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.secret = secrets.token_urlsafe(50)
        self.errors = []
        self.results = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "profile": "quick" if quick else "full",
            "settings": dict(self.profile),
            "machine": machine(),
            "versions": {},
            "pages": {},
            "queries": {},
            "signups": None,
            "send": {},
            "errors": self.errors,
        }

    # --- Environment ---------------------------------------------------------------------------------------------

    def env(self, page_cache_seconds=300, **extra):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DATABASE_", "CELERY_", "REDIS_", "CACHE_", "EMAIL_", "NEWSLETTER_", "PAGE_"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "posttrain.settings",
                "DEBUG": "false",
                "SECRET_KEY": self.secret,
                "ALLOWED_HOSTS": "127.0.0.1",
                "SITE_URL": self.base,
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
                "DB_CONN_MAX_AGE": "600",
                "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{BROKER_DB}",
                "REDIS_URL": f"redis://127.0.0.1:6379/{CACHE_DB}",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(self.smtp_port),
                "BENCH_VIEWS": "true",
                "PAGE_CACHE_SECONDS": str(page_cache_seconds),
                # One client signs up thousands of addresses: lift the per-IP limit and the bot timer for the bench.
                "NEWSLETTER_SIGNUP_RATE": "1000000/m",
                "NEWSLETTER_ADDRESS_RATE": "1000/h",
                "NEWSLETTER_MIN_FILL_SECONDS": "0",
                "NEWSLETTER_SEND_RATE": "0",
                "AXES_ENABLED": "false",
                "LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update({key: str(value) for key, value in extra.items()})
        return env

    def manage(self, *args, timeout=600):
        return stack.run([sys.executable, "manage.py", *args], env=self.env(), timeout=timeout)

    def python_module(self, *args, env=None, timeout=600):
        return stack.run([sys.executable, "-m", *args], env=env or self.env(), timeout=timeout)

    # --- Steps ---------------------------------------------------------------------------------------------------

    def prepare(self):
        if not wrk.available():
            raise StackError("wrk is not installed: run scripts/ensure-bench-deps (as root) first")
        stack.ensure_services()
        self.results["versions"] = versions()
        self.results["machine"]["loadavg_at_start"] = os.getloadavg()
        log(f"Fresh database {DATABASE}")
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        psql(f"CREATE DATABASE {DATABASE}")
        flush_redis(BROKER_DB)
        flush_redis(CACHE_DB)
        t0 = time.monotonic()
        self.manage("migrate", "--noinput", "-v0")
        log(f"Migrated in {time.monotonic() - t0:.1f} s; generating data")
        t0 = time.monotonic()
        out = self.manage(
            "generate_bench_data",
            f"--scale={self.profile['scale']}",
            f"--subscribers={self.profile['subscribers_small']}",
        )
        self.results["data"] = {"generate_seconds": round(time.monotonic() - t0, 1), "output": out.strip()}
        print(out.strip())
        self.vacuum()
        self.manage("collectstatic", "--noinput", "-v0")

    def vacuum(self):
        """A freshly bulk-loaded database as a live one is after autovacuum: statistics and a visibility map."""
        psql("VACUUM ANALYZE", DATABASE)

    def probe(self):
        log("SQL queries per page (in-process test client, page cache off)")
        out = WORKDIR / "probe.json"
        self.python_module("bench.probe", str(out), env=self.env(page_cache_seconds=0))
        probe = json.loads(out.read_text())
        self.urls = probe["urls"]
        for entry in probe["queries"].values():
            # The SQL stays in the results only where it is worth reading: above the target.
            for item in (entry, entry.get("one_item") or {}):
                if item.get("queries", 0) <= 8:
                    item.pop("sql", None)
            if entry["status"] != 200:
                self.errors.append(f"in-process {entry['url']} answered HTTP {entry['status']}")
        self.results["urls"] = self.urls
        self.results["queries"] = probe["queries"]

    def pages_phase(self, label, page_cache_seconds, names):
        log(f"Pages with the page cache {label}: gunicorn, 2 sync workers")
        flush_redis(CACHE_DB)
        self.stack.start_gunicorn(self.env(page_cache_seconds=page_cache_seconds), self.port, name=f"gunicorn-{label}")
        try:
            self.results["pages"][label] = self.measure(names)
            if label == "on":
                self.signups()
        finally:
            self.stack.stop(f"gunicorn-{label}")

    def measure(self, names):
        profile = self.profile
        figures, live = {}, []
        for name in names:
            url = self.urls.get(name.split("@")[0])
            if not url:
                figures[name] = {"error": "no such page in this data set"}
                continue
            status, body = http_get(self.base + url)
            if status != 200:
                figures[name] = {"url": url, "error": f"HTTP {status}"}
                self.errors.append(f"{name} ({url}) answered HTTP {status}")
                continue
            figures[name] = {"url": url, "bytes": len(body), "runs": []}
            live.append(name)
        for name in live:  # warm the page cache, the workers' connections and their imports
            wrk.run(self.base + figures[name]["url"], profile["warmup"])
            self.drain()
        for round_ in range(profile["runs"]):
            for name in live:  # interleaved, so drift on a shared machine hits every page alike
                connections = int(name.split("@")[1]) if "@" in name else 16
                figures[name]["runs"].append(
                    wrk.run(self.base + figures[name]["url"], profile["duration"], connections=connections)
                )
                self.drain()
            log(f"  round {round_ + 1}/{profile['runs']}: " + ", ".join(
                f"{name} {figures[name]['runs'][-1]['rps']:.0f}/s" for name in live
            ))
        for name in live:
            runs = figures[name]["runs"]
            bad = sum(r["non_2xx_3xx"] for r in runs)
            timeouts = sum(r["socket_errors"]["timeout"] for r in runs)
            if timeouts:
                figures[name]["timeouts"] = timeouts
                self.errors.append(f"{name}: {timeouts} requests took longer than wrk's 5 s timeout")
            if not all(r["requests"] and r["p99_ms"] is not None for r in runs):
                figures[name] = {"url": figures[name]["url"], "error": "no answer within wrk's 5 s timeout"}
                continue
            figures[name].update(
                rps=round(statistics.median(r["rps"] for r in runs), 1),
                p50_ms=round(statistics.median(r["p50_ms"] for r in runs), 2),
                p99_ms=round(statistics.median(r["p99_ms"] for r in runs), 2),
                non_2xx_3xx=bad,
            )
            if bad:
                figures[name]["error"] = f"{bad} of {sum(r['requests'] for r in runs)} answers were not 2xx/3xx"
                self.errors.append(f"{name}: {figures[name]['error']}")
        # Each round's page against the same round's ceiling, measured seconds apart; the median of those ratios
        # is steadier on a shared machine than a ratio of medians taken minutes apart.
        ceiling = figures.get("ceiling", {})
        for name in live:
            if "error" in figures[name] or "error" in ceiling or not ceiling.get("runs"):
                continue
            ratios = [
                page["rps"] / top["rps"]
                for page, top in zip(figures[name]["runs"], ceiling["runs"], strict=True)
                if top["rps"]
            ]
            figures[name]["ratio"] = round(statistics.median(ratios), 3) if ratios else None
        return figures

    def drain(self, limit=60):
        """Wait for the requests wrk left queued in gunicorn to finish, so they do not slow the next measurement.

        Sync workers answer queued connections after wrk has gone; a probe request queues behind them, so its
        answer means the backlog is gone.
        """
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            with contextlib.suppress(OSError):
                http_get(self.base + "/healthz", timeout=limit)
            if time.monotonic() - t0 < 0.25:
                return
        self.errors.append(f"gunicorn still had queued requests after {limit} s")

    def signups(self):
        rounds = self.profile["runs"]
        per_round = self.profile["signups"] // rounds
        log(f"Newsletter signups: {rounds} x {per_round} POSTs with CSRF, 8 clients")
        runs = []
        try:
            for round_ in range(rounds):
                prefix = f"bench-signup-{round_}"
                runs.append(signups.run(self.base, "/newsletter/", per_round, threads=8, prefix=prefix))
        except Exception as exc:  # the page may not be there yet: an error in the figures, not a crash
            self.errors.append(f"signups: {type(exc).__name__}: {exc}")
            self.results["signups"] = {"error": f"{type(exc).__name__}: {exc}"}
            return
        total = per_round * rounds
        statuses = {}
        for run in runs:
            for status, n in run["statuses"].items():
                statuses[status] = statuses.get(status, 0) + n
        stored = int(psql("SELECT count(*) FROM newsletter_subscriber WHERE email LIKE 'bench-signup-%'", DATABASE))
        result = {
            "signups": total,
            "rate": round(statistics.median(run["rate"] for run in runs), 1),
            "runs": [run["rate"] for run in runs],
            "seconds": round(sum(run["seconds"] for run in runs), 2),
            "threads": runs[0]["threads"],
            "statuses": statuses,
            "stored": stored,
            # An address that answered 302 but is not in the database is an error too.
            "errors": sum(run["errors"] for run in runs) + abs(total - stored),
        }
        if result["errors"]:
            self.errors.append(f"signups: {result['errors']} errors ({statuses}, {stored} of {total} stored)")
        self.results["signups"] = result
        flush_redis(BROKER_DB)  # their confirmation e-mails are not part of the launch send we measure next

    def baseline(self, campaign):
        """smtplib over one connection to the same sink, with the campaign's own text and HTML."""
        count = self.profile["baseline_messages"]
        self.sink.reset()
        elapsed = sink.smtplib_baseline(self.smtp_port, count, campaign["text"], campaign["html"])
        self.sink.wait_for(count, timeout=30)
        snap = self.sink.snapshot()
        log(f"  smtplib baseline: {snap['messages']} messages, {snap['rate']}/s at the sink")
        return {"messages": snap["messages"], "rate": snap["rate"], "client_seconds": round(elapsed, 2),
                "avg_bytes": snap["avg_bytes"]}

    def launch(self):
        profile = self.profile
        flush_redis(BROKER_DB)
        self.sink = sink.Sink(self.smtp_port).start()
        small, big = profile["subscribers_small"], profile["subscribers_big"]
        # The baseline runs before, between and after the sends; its median is the figure they are compared to.
        campaign = self.prepare_campaign()
        baselines = [self.baseline(campaign)]
        self.results["send"]["small"] = self.send(small, "worker-small", campaign)
        log(f"Topping the list up to {big} confirmed subscribers")
        self.manage("generate_bench_data", "--only=subscribers", f"--subscribers={big}")
        self.vacuum()
        campaign = self.prepare_campaign()
        baselines.append(self.baseline(campaign))
        self.results["send"]["big"] = self.send(big, "worker-big", campaign)
        baselines.append(self.baseline(campaign))
        rates = [b["rate"] for b in baselines if b["rate"]]
        self.results["send"]["baseline"] = {
            "rate": round(statistics.median(rates), 1) if rates else None,
            "runs": rates,
            "messages": baselines[-1]["messages"],
            "avg_bytes": baselines[-1]["avg_bytes"],
        }
        baseline = self.results["send"]["baseline"]["rate"]
        for key in ("small", "big"):
            entry = self.results["send"][key]
            if entry.get("rate") and baseline:
                entry["ratio"] = round(entry["rate"] / baseline, 3)

    def prepare_campaign(self):
        out = WORKDIR / "campaign.json"
        self.python_module("bench.send", "prepare", str(out))
        return json.loads(out.read_text())

    def send(self, subscribers, worker_name, campaign=None):
        campaign = campaign or self.prepare_campaign()
        log(f"Launch send to {campaign['recipients']} subscribers through a Celery worker (2 processes)")
        worker = self.stack.start_worker(self.env(), name=worker_name)
        try:
            self.sink.reset()
            out = WORKDIR / f"send-{campaign['campaign']}.json"
            self.python_module(
                "bench.send", "send", str(campaign["campaign"]), str(out), str(self.profile["send_timeout"]),
                timeout=self.profile["send_timeout"] + 60,
            )
            result = json.loads(out.read_text())
            self.sink.wait_for(result["progress"]["sent"], timeout=10)
            snap = self.sink.snapshot()
            memory = peak_rss_kib(worker.pid)
        finally:
            self.stack.stop(worker_name)
        children = {pid: kib for pid, kib in memory.items() if pid != worker.pid}
        entry = {
            "subscribers": subscribers,
            "recipients": campaign["recipients"],
            "status": result["status"],
            "progress": result["progress"],
            "messages_at_sink": snap["messages"],
            "avg_bytes": snap["avg_bytes"],
            "rate": snap["rate"],
            "rows_seconds": result["rows_seconds"],
            "rows_from_click_seconds": result["rows_from_click_seconds"],
            "total_seconds": result["total_seconds"],
            # The pool processes do the sending; the main process only forks them and holds the broker connection.
            "worker_peak_rss_mib": round(max(children.values() or memory.values()) / 1024, 1) if memory else None,
            "worker_main_rss_mib": round(memory.get(worker.pid, 0) / 1024, 1),
            "worker_pool_rss_mib": [round(kib / 1024, 1) for kib in children.values()],
        }
        if result["timed_out"] or result["status"] != "sent":
            self.errors.append(f"send to {subscribers}: status {result['status']} after the time limit")
        if snap["messages"] != campaign["recipients"]:
            self.errors.append(f"send to {subscribers}: {snap['messages']} messages at the sink, "
                               f"{campaign['recipients']} recipients")
        log(f"  {snap['messages']} messages, {snap['rate']}/s at the sink; rows in {result['rows_seconds']} s; "
            f"worker peak {entry['worker_peak_rss_mib']} MiB")
        return entry

    def run(self):
        started = time.monotonic()
        try:
            self.prepare()
            self.probe()
            self.pages_phase("on", 300, [*PAGES, "ceiling", "static"])
            # search@2: two connections for two workers, so no request queues: the search's own latency.
            self.pages_phase("off", 0, [*PAGES, "ceiling", "search@2"])
            self.launch()
        except KeyboardInterrupt:
            self.errors.append("interrupted")
            log("Interrupted: stopping everything this run started")
        except Exception as exc:
            self.errors.append(f"{type(exc).__name__}: {exc}")
            log(f"Failed: {type(exc).__name__}: {exc}")
        finally:
            self.stack.stop_all()
            if self.sink:
                self.sink.stop()
        self.results["seconds"] = round(time.monotonic() - started)
        self.results["targets"] = targets(self.results)
        return self.results


# --- Targets and the report ----------------------------------------------------------------------------------------


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
    rows_s = _get(send, "big", "rows_seconds")
    add(f"Delivery rows for {big:,} < 2 s", rows_s, rows_s is not None and rows_s < 2,
        f"{rows_s} s" if rows_s is not None else "n/a")
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
    sign = results.get("signups")
    if sign:
        if "rate" in sign:
            out(f"Signups: {sign['rate']}/s, median of {sign['runs']} ({sign['signups']} POSTs with CSRF in "
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


# --- Versions and the machine --------------------------------------------------------------------------------------


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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run (~3 minutes)")
    parser.add_argument("--output", help="where to write the JSON results")
    args = parser.parse_args(argv)

    if WORKDIR.exists():
        shutil.rmtree(WORKDIR)
    WORKDIR.mkdir(parents=True)
    # SIGTERM (a CI timeout, kill) stops the stack like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))

    bench = Bench(quick=args.quick)
    results = bench.run()
    print(report(results))
    output = args.output or (WORKDIR / "results-quick.json" if args.quick else ROOT / "bench" / "results.json")
    with open(output, "w") as f:
        json.dump(results, f, indent=2, default=str)
        f.write("\n")
    print(f"\nResults: {os.path.relpath(output, ROOT)}; logs: {os.path.relpath(WORKDIR, ROOT)}/")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
