"""The launch send: the newsletter's own send through a real Celery worker to an SMTP sink, against raw smtplib
over one connection to the same sink, at two list sizes (the worker's memory must stay flat)."""

import json
import statistics

from . import sink
from .stack import BROKER_DB, WORKDIR, flush_redis, log, peak_rss_kib


def measure_baseline(bench, campaign):
    """smtplib over one connection to the same sink, with the campaign's own text and HTML."""
    count = bench.profile["baseline_messages"]
    bench.sink.reset()
    elapsed = sink.smtplib_baseline(bench.smtp_port, count, campaign["text"], campaign["html"])
    bench.sink.wait_for(count, timeout=30)
    snap = bench.sink.snapshot()
    log(f"  smtplib baseline: {snap['messages']} messages, {snap['rate']}/s at the sink")
    return {"messages": snap["messages"], "rate": snap["rate"], "client_seconds": round(elapsed, 2),
            "avg_bytes": snap["avg_bytes"]}


def launch(bench):
    """Both sends and the baselines between them; the figures go into bench.results["send"]."""
    profile = bench.profile
    flush_redis(BROKER_DB)
    bench.sink = sink.Sink(bench.smtp_port).start()
    small, big = profile["subscribers_small"], profile["subscribers_big"]
    # The baseline runs before, between and after the sends; its median is the figure they are compared to.
    campaign = prepare_campaign(bench)
    baselines = [measure_baseline(bench, campaign)]
    bench.results["send"]["small"] = send(bench, small, "worker-small", campaign)
    log(f"Topping the list up to {big} confirmed subscribers")
    bench.manage("generate_bench_data", "--only=subscribers", f"--subscribers={big}")
    bench.vacuum()
    campaign = prepare_campaign(bench)
    baselines.append(measure_baseline(bench, campaign))
    bench.results["send"]["big"] = send(bench, big, "worker-big", campaign)
    baselines.append(measure_baseline(bench, campaign))
    rates = [b["rate"] for b in baselines if b["rate"]]
    bench.results["send"]["baseline"] = {
        "rate": round(statistics.median(rates), 1) if rates else None,
        "runs": rates,
        "messages": baselines[-1]["messages"],
        "avg_bytes": baselines[-1]["avg_bytes"],
    }
    baseline = bench.results["send"]["baseline"]["rate"]
    for key in ("small", "big"):
        entry = bench.results["send"][key]
        if entry.get("rate") and baseline:
            entry["ratio"] = round(entry["rate"] / baseline, 3)


def digest(bench):
    """The weekly digest to the whole list, each reader's message composed for their topics, against raw smtplib
    sending one typical reader's message before and after; the figures go into bench.results["send"]["digest"]."""
    out = WORKDIR / "digest.json"
    bench.manage("bench_send", "digest", str(out))
    campaign = json.loads(out.read_text())
    baselines = [measure_baseline(bench, campaign)]
    entry = send(bench, campaign["recipients"], "worker-digest", campaign)
    baselines.append(measure_baseline(bench, campaign))
    rates = [b["rate"] for b in baselines if b["rate"]]
    entry["baseline_rate"] = round(statistics.median(rates), 1) if rates else None
    if entry.get("rate") and entry["baseline_rate"]:
        entry["ratio"] = round(entry["rate"] / entry["baseline_rate"], 3)
    bench.results["send"]["digest"] = entry


def prepare_campaign(bench):
    out = WORKDIR / "campaign.json"
    bench.manage("bench_send", "prepare", str(out))
    return json.loads(out.read_text())


def send(bench, subscribers, worker_name, campaign=None):
    campaign = campaign or prepare_campaign(bench)
    log(f"Send of campaign {campaign['campaign']} to {campaign['recipients']} subscribers through a Celery worker "
        "(2 processes)")
    worker = bench.stack.start_worker(bench.env(), name=worker_name)
    try:
        bench.sink.reset()
        out = WORKDIR / f"send-{campaign['campaign']}.json"
        bench.manage(
            "bench_send", "send", str(campaign["campaign"]), str(out), str(bench.profile["send_timeout"]),
            timeout=bench.profile["send_timeout"] + 60,
        )
        result = json.loads(out.read_text())
        bench.sink.wait_for(result["progress"]["sent"], timeout=10)
        snap = bench.sink.snapshot()
        memory = peak_rss_kib(worker.pid)
    finally:
        bench.stack.stop(worker_name)
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
        bench.errors.append(f"send to {subscribers}: status {result['status']} after the time limit")
    if snap["messages"] != campaign["recipients"]:
        bench.errors.append(f"send to {subscribers}: {snap['messages']} messages at the sink, "
                           f"{campaign['recipients']} recipients")
    log(f"  {snap['messages']} messages, {snap['rate']}/s at the sink; rows in {result['rows_seconds']} s; "
        f"worker peak {entry['worker_peak_rss_mib']} MiB")
    return entry
