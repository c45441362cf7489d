"""The API and the pages under a real server, against baselines served by the same server in the same run.

gunicorn (2 workers) serves the application on the bench database (a million incidents); wrk (one thread, 1, 4
and 8 connections, `BENCH_SECONDS` each) measures requests per second. Baselines: R0, a bare Django view answering
static JSON, for the reads and pages; a stock DRF cursor list of the same 50 rows; and for creating incidents,
the plain-SQL intake (an alert inserted with its dedup key plus an outbox row, one transaction) run by as many
threads as connections. The ratios are taken at 4 connections and checked against the targets: each target and
its baseline are measured in `BENCH_ROUNDS` (3) alternating rounds, and the ratio is the median of the rounds'
ratios (this machine's speed drifts by a third within minutes: a baseline measured once, at the start or even just
before, flatters or wrongs whatever runs at another moment). `BENCH_READS=api_list,api_detail` measures only
those (beside R0).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.sla import DATABASE, RESULTS

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = (1, 4, 8)
PORT = int(os.environ.get("BENCH_PORT", "8765"))
ROOT = Path(__file__).resolve().parent.parent

TARGETS: dict[str, tuple[str, float]] = {
    "api_list": ("r0", 0.25),
    "api_detail": ("r0", 0.35),
    "page_list": ("r0", 0.1),
    "page_incident": ("r0", 0.1),
    "api_create": ("sql_intake", 0.2),
}
"""What each measurement is divided by, and the least ratio that meets its target."""

CREATED_TITLE = "Disk full on db-7 (benchmark)"
POST_SCRIPT = f"""
wrk.method = "POST"
wrk.body = '{{"title": "{CREATED_TITLE}", "description": "Raised by the benchmark", "category": "software", \
"severity": "P4", "impact": "low", "urgency": "low", "detection_time": "2026-06-01T11:00:00Z"}}'
wrk.headers["Content-Type"] = "application/json"
"""


def credentials() -> tuple[str, str, int]:
    """An API token and a signed-in session of an incident manager, and an incident to read."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from rest_framework.authtoken.models import Token

    from accounts.models import User
    from incidents.models import Incident

    user, _ = User.objects.get_or_create(
        email="bench-api@tracer.test", defaults={"first_name": "Bench", "last_name": "Api", "role": "incident_manager"}
    )
    token, _ = Token.objects.get_or_create(user=user)
    session = SessionStore()
    session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "accounts.backends.UserBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    # The newest incident of the filled history (a P1 in progress), not one another benchmark left: the page and
    # the record read are the same from run to run.
    history = Incident.objects.filter(description="Generated history")
    incident = history.order_by("-id").values_list("pk", flat=True).first()
    return token.key, session.session_key or "", int(incident or 1)


@contextlib.contextmanager
def served() -> Iterator[None]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.server.settings", "TEST_DATABASE_URL": DATABASE,
           "PYTHONPATH": str(ROOT)}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "2", "--bind",
         f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", PORT), timeout=0.5):
                break
            time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


def wrk(path: str, connections: int, headers: dict[str, str], script: str = "") -> float:
    """Requests per second (non-2xx answers make the run fail)."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{SECONDS}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if script:
            lua.write(script)
            lua.flush()
            command += ["-s", lua.name]
        output = subprocess.run([*command, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True,
                                check=True).stdout  # fmt: skip
    if "Non-2xx" in output:
        raise RuntimeError(f"{path} answered errors under load:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]


def sql_intake(connections: int) -> float:
    """Transactions per second of the plain-SQL intake, `connections` threads for `SECONDS`."""
    from django.db import connection

    from benchmarks.intake import baseline
    from integrations.models import Integration

    integration = Integration.objects.filter(name__startswith="bench-raw").first()
    if integration is None:
        from accounts.models import User
        from core.actor import Actor
        from integrations.services import integration_create

        owner = User.objects.get(email="bench-api@tracer.test")
        data = {"name": "bench-raw-http", "kind": "generic"}
        integration, _key = integration_create(actor=Actor.web(owner), data=data)
    done = [0] * connections
    stop = time.monotonic() + SECONDS

    def work(slot: int) -> None:
        run = baseline(integration.pk)
        try:
            while time.monotonic() < stop:
                run(slot * 1_000_000 + done[slot])
                done[slot] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(slot,)) for slot in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / SECONDS


def settle() -> None:
    """Start from a quiet database: what the other benchmarks wrote is vacuumed and flushed now, not by autovacuum
    and a checkpoint in the middle of a measurement."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
        cursor.execute("CHECKPOINT")


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs Debian's wrk.")
    settle()
    token, session, incident = credentials()
    api = {"Authorization": f"Token {token}"}
    page = {"Cookie": f"sessionid={session}"}
    reads: dict[str, tuple[str, dict[str, str], str]] = {
        "r0": ("/bench/r0/", {}, ""),
        "drf_list": ("/bench/drf-list/", api, ""),
        "api_list": ("/api/v1/incidents/", api, ""),
        "api_detail": (f"/api/v1/incidents/{incident}/", api, ""),
        "page_list": ("/incidents/", page, ""),
        "page_incident": (f"/incidents/{incident}/", page, ""),
        "api_create": ("/api/v1/incidents/", api, POST_SCRIPT),
    }
    only = [name for name in os.environ.get("BENCH_READS", "").split(",") if name]
    if only:  # a quicker look at some of them, always beside R0
        reads = {name: reads[name] for name in reads if name in {"r0", *only}}
    results: dict[str, dict[int, float]] = {}
    rounds: dict[str, list[tuple[float, float]]] = {}
    with served():
        for path, headers, script in reads.values():  # warm both workers (reads only: no incident written)
            if not script:
                wrk(path, 2, headers)
        for name, (path, headers, script) in reads.items():
            if name in TARGETS:  # (baseline, target) at 4 connections, alternately
                baseline = TARGETS[name][0]
                rounds[name] = [
                    (wrk(reads["r0"][0], 4, {}) if baseline == "r0" else sql_intake(4), wrk(path, 4, headers, script))
                    for _ in range(ROUNDS)
                ]
            results[name] = {
                n: statistics.median(mine for _, mine in rounds[name])
                if n == 4 and name in rounds
                else wrk(path, n, headers, script)
                for n in CONNECTIONS
            }
            print(f"  {name:<14}" + "".join(f"{results[name][n]:>9.0f}/s" for n in CONNECTIONS), flush=True)
    if "api_create" in results:
        results["sql_intake"] = {n: sql_intake(n) for n in CONNECTIONS}
    forget_created()
    report(results, rounds, keep=not only)


def forget_created() -> None:
    """Delete the incidents the create runs wrote, so that the history stays the filled million from run to run
    (their audit rows stay: the trail is append-only)."""
    from incidents.models import Incident

    Incident.objects.filter(title=CREATED_TITLE).delete()


def report(
    results: dict[str, dict[int, float]], rounds: dict[str, list[tuple[float, float]]], *, keep: bool = True
) -> None:
    """The table; each target's ratio is the median of its rounds' ratios (target over the baseline measured just
    before it), with the median baseline and the rounds' spread beside it."""
    rows = []
    heading = "ratio at c=4, median of rounds (baseline, spread)   target  verdict"
    print(f"{'measured':<14} {'c=1':>9} {'c=4':>9} {'c=8':>9}   {heading}")
    for name, by in results.items():
        line = f"{name:<14}" + "".join(f"{by[n]:>9.0f}" for n in CONNECTIONS)
        if name in TARGETS and name in rounds:
            base, least = TARGETS[name]
            ratios = sorted(mine / baseline for baseline, mine in rounds[name])
            ratio = statistics.median(ratios)
            beside = statistics.median(baseline for baseline, _ in rounds[name])
            verdict = "meets" if ratio >= least else "below"
            line += (f"   x{ratio:<6.3f} of {base:<10} {beside:>6.0f}/s (x{ratios[0]:.3f}-{ratios[-1]:.3f})"
                     f"   >= {least:<5} {verdict}")  # fmt: skip
            rows.append({"name": name, "baseline": base, "baseline_per_second": round(beside, 1),
                         "ratio": round(ratio, 3), "rounds": [round(r, 3) for r in ratios], "target": least,
                         "verdict": verdict})  # fmt: skip
        elif name == "drf_list" and "api_list" in results:
            lean = results["api_list"][4] / by[4]
            line += f"   x{by[4] / results['r0'][4]:<6.3f} of r0 (the lean list is x{lean:.2f} of it)"
        print(line)
    if not keep:
        return
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "http.json").write_text(json.dumps({"per_second": results, "ratios": rows}, indent=2))
