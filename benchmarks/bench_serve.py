"""Benchmark ``skillpulse serve`` (issue 17) over a store of at least 10M mentions.

1. ``--build``: a purpose-built store: ``--postings`` postings over three years (category,
   country, company size), ``--searches`` searches, ``--per-posting`` mentions per posting
   and one per search, skill IDs drawn (skewed, a few skills common, most rare) from the
   default taxonomy, one extraction row per document at the default taxonomy's version.
2. The real server (``skillpulse serve [--workers N] [--warm]`` in its own process,
   loopback only).
3. Baselines in the same run: the library called directly (``Workspace.top`` ...) for each
   request kind; a server answering a constant body (uvicorn, same loop and parser) under
   the same load from the same driver: the floor of the machine and the driver.
4. The first API answer of each kind, then every distinct request asked once; then the load:
   ``--users`` simulated users for ``--seconds``, each waiting uniform(0.5, 1.5) s between
   requests (about ``users`` requests/s), over a mix of top/growth/share/skill requests;
   p50/p95/p99, errors, and the CPU share of the server and the driver. Then the same users
   without waiting, for the saturation throughput. The driver (``--driver raw``) is asyncio
   streams on uvloop, one keep-alive connection per user; ``--driver httpx`` is one
   ``httpx.AsyncClient`` (the earlier driver: it saturates a core before the server does).

    python benchmarks/bench_serve.py --db /tmp/bench-serve.duckdb --build
    python benchmarks/bench_serve.py --db /tmp/bench-serve.duckdb --users 200 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

QUARTERS = [f"{y}Q{q}" for y in (2022, 2023, 2024) for q in (1, 2, 3, 4)]


def build(db: Path, *, postings: int, searches: int, per_posting: int) -> None:
    """Write the synthetic store (see the module docs); prints counts and seconds."""
    from skillpulse.store import open_store
    from skillpulse.taxonomy import Taxonomy

    t0 = time.perf_counter()
    tax = Taxonomy.default()
    genai = sorted(c.id for c in tax.in_category("generative-ai"))
    others = sorted(c.id for c in tax if c.id not in set(genai))
    rng = random.Random(0)
    skills = genai + rng.sample(others, 3000)
    rng.shuffle(skills)
    if db.exists():
        db.unlink()
    with open_store(db) as s:
        con = s.con
        con.execute("CREATE TEMP TABLE sk AS SELECT i - 1 AS idx, skill_id FROM "
                    "(SELECT UNNEST(?) AS skill_id, generate_subscripts(?, 1) AS i)",
                    [skills, skills])
        n_sk = len(skills)
        con.execute(f"""
            INSERT INTO postings (id, posted_at, title, description, skills, category,
                                  client_id, company_size, country, budget)
            SELECT 'p' || i, TIMESTAMP '2022-01-01' + INTERVAL (i % 1095) DAY
                             + INTERVAL (i % 24) HOUR,
                   'job ' || i, '', [], ['Dev', 'Design', 'Data', 'Writing', 'Admin',
                   'Sales'][1 + i % 6], 'c' || (i % 50000),
                   ['small', 'medium', 'large'][1 + (i // 7) % 3],
                   ['US', 'GB', 'IN', 'DE', 'PH', 'PK', 'UA', 'CA', 'BR', 'FR'][1 + (i // 3) % 10],
                   100.0 FROM range({postings}) t(i)""")
        con.execute(f"""
            INSERT INTO searches (id, searched_at, query, client_id)
            SELECT 's' || i, TIMESTAMP '2022-01-01' + INTERVAL (i % 1095) DAY, 'q', 'c' || i
            FROM range({searches}) t(i)""")
        # skewed skill draw: idx = floor(n * u^e), e from 3 down to 2 over the three
        # years (a drift, so growth is not flat); the index is computed before the join so
        # the join is a plain hash join
        draw = ("CAST(FLOOR({n} * POW((hash({seed}) % 1000003) / 1000003.0, {e})) AS BIGINT)"
                " % {n}")
        con.execute(f"""
            INSERT INTO mentions (kind, doc_id, skill_id, method, field, start_pos, end_pos,
                                  text, confidence, taxonomy_version)
            SELECT 'postings', 'p' || x.i, sk.skill_id, 'exact', 'description', 0, 1, 'x',
                   1.0, '{tax.version}'
            FROM (SELECT i, {draw.format(n=n_sk, seed='i * 31 + j',
                                         e='3 - (i % 1095) / 1095.0')} AS idx
                  FROM range({postings}) t(i) CROSS JOIN range({per_posting}) u(j)) x
            JOIN sk ON sk.idx = x.idx""")
        con.execute(f"""
            INSERT INTO mentions (kind, doc_id, skill_id, method, field, start_pos, end_pos,
                                  text, confidence, taxonomy_version)
            SELECT 'searches', 's' || x.i, sk.skill_id, 'exact', 'query', 0, 1, 'x', 1.0,
                   '{tax.version}'
            FROM (SELECT i, {draw.format(n=n_sk, seed='i', e='3')} AS idx
                  FROM range({searches}) t(i)) x
            JOIN sk ON sk.idx = x.idx""")
        for kind, prefix, n in (("postings", "p", postings), ("searches", "s", searches)):
            con.execute(f"""
                INSERT INTO extractions SELECT '{kind}', '{prefix}' || i, '{tax.version}',
                    1, TIMESTAMP '2025-01-01' FROM range({n}) t(i)""")
        mentions = s.scalar("SELECT COUNT(*) FROM mentions")
    print(json.dumps({"built": str(db), "postings": postings, "searches": searches,
                      "mentions": mentions, "seconds": round(time.perf_counter() - t0, 1)}))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request_mix(skills: list[str]) -> list[str]:
    """Every distinct request of the load mix (top, growth, share, skill)."""
    urls = []
    for kind in ("postings", "searches"):
        for q in QUARTERS:
            urls.append(f"/v1/top?kind={kind}&period={q}&n=10")
            urls.append(f"/v1/top?kind={kind}&period={q}&category=generative-ai&n=10")
        for a, b in zip(QUARTERS, QUARTERS[4:], strict=False):
            urls.append(f"/v1/growth?kind={kind}&base={a}&current={b}")
        urls.append(f"/v1/share?kind={kind}&category=generative-ai&by=month")
        urls.append(f"/v1/share?kind={kind}&category=generative-ai&by=quarter")
    urls.extend(f"/v1/skills/{s}" for s in skills)
    return urls


def library_baseline(db: Path, skill: str) -> dict[str, float]:
    """Seconds of one library call per request kind (a second call: the store's derived
    table already built), as the API would compute them on a cache miss."""
    import skillpulse
    from skillpulse import explore

    ws = skillpulse.open(db)
    ws.taxonomy  # noqa: B018 - loaded once, as in the server
    calls = {
        "top": lambda: ws.top(kind="postings", period="2023Q2", n=10),
        "growth": lambda: ws.growth(kind="postings", base="2022Q2", current="2023Q2"),
        "share": lambda: ws.share(kind="postings", category="generative-ai", by="month"),
        "skill": lambda: explore.skill_card(ws, skill),
    }
    out = {}
    for name, call in calls.items():
        call()
        t0 = time.perf_counter()
        call()
        out[name] = time.perf_counter() - t0
    return out


class _Conn:
    """One keep-alive HTTP/1.1 connection of the raw driver: a request is one write, its
    answer the status line, the headers and ``Content-Length`` bytes (no parsing beyond)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: Any = None
        self.writer: Any = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await self.reader.readexactly(length)
        except Exception:
            self.close()
            raise
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _user(get: Any, urls: list[str], stop: float, think: bool, lat: list[float],
                errors: list[str], rng: random.Random) -> None:
    while time.perf_counter() < stop:
        url = rng.choice(urls)
        t0 = time.perf_counter()
        try:
            status = await get(url)
            if status != 200:
                errors.append(f"{status} {url}")
        except Exception as exc:
            errors.append(f"{type(exc).__name__} {url}")
        lat.append(time.perf_counter() - t0)
        if think:
            await asyncio.sleep(rng.uniform(0.5, 1.5))


async def load(base: str, urls: list[str], *, users: int, seconds: float,
               think: bool, driver: str = "raw") -> dict[str, Any]:
    """``users`` coroutines, each with its own keep-alive connection (``raw``: asyncio
    streams; ``httpx``: one pooled ``httpx.AsyncClient``), for ``seconds``."""
    import httpx

    lat: list[float] = []
    errors: list[str] = []
    cpu0 = time.process_time()
    start = time.perf_counter()
    stop = start + seconds
    if driver == "raw":
        host, _, port = base.removeprefix("http://").partition(":")
        conns = [_Conn(host, int(port)) for _ in range(users)]
        await asyncio.gather(*(_user(c.get, urls, stop, think, lat, errors,
                                     random.Random(i)) for i, c in enumerate(conns)))
        for c in conns:
            c.close()
    else:
        limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
            async def get(url: str) -> int:
                return (await client.get(url)).status_code

            await asyncio.gather(*(_user(get, urls, stop, think, lat, errors,
                                         random.Random(i)) for i in range(users)))
    elapsed = time.perf_counter() - start
    q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [0.0] * 99
    return {"users": users, "think": think, "driver": driver, "seconds": round(elapsed, 1),
            "requests": len(lat), "rps": round(len(lat) / elapsed, 1),
            "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1),
            "p99_ms": round(q[98] * 1000, 1), "errors": len(errors),
            "error_examples": errors[:5],
            "driver_cpu_share": round((time.process_time() - cpu0) / elapsed, 2)}


async def _constant_app(scope: Any, receive: Any, send: Any) -> None:
    """The baseline of ``--asgi``: an ASGI app that answers a constant body."""
    body = b'{"rows": []}'
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def asgi_cost(db: Path, *, requests: int) -> dict[str, Any]:
    """Cost of one cached answer in-process (no network, no concurrency): ``requests``
    requests over 12 cached top URLs through the app, beside the same loop through an ASGI
    app that answers a constant (the client's own cost)."""
    import httpx

    import skillpulse
    from skillpulse.api import create_app

    app = create_app(skillpulse.open(db))
    urls = [f"/v1/top?kind=postings&period={q}&n=10" for q in QUARTERS]
    out: dict[str, Any] = {}
    for name, target in (("baseline_constant_app", _constant_app), ("skillpulse_cached", app)):
        transport = httpx.ASGITransport(app=target)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for url in urls:
                (await client.get(url)).raise_for_status()
            lat = []
            for i in range(requests):
                t0 = time.perf_counter()
                r = await client.get(urls[i % len(urls)])
                lat.append(time.perf_counter() - t0)
                assert r.status_code == 200
        q = statistics.quantiles(lat, n=100)
        out[name] = {"mean_ms": round(1000 * statistics.fmean(lat), 3),
                     "p50_ms": round(1000 * q[49], 3), "p95_ms": round(1000 * q[94], 3),
                     "per_second_one_core": round(len(lat) / sum(lat))}
    return out


def _arun(coro: Any) -> Any:
    """Run the driver on uvloop when it is installed (a cheaper loop for 200 users)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def _start(cmd: list[str], base: str) -> tuple[subprocess.Popen[bytes], float]:
    """Start a server process; wait for its first answer (seconds from start)."""
    import httpx

    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=dict(os.environ))
    while True:
        try:
            httpx.get(base + "/v1/status", timeout=600)
            return proc, round(time.perf_counter() - started, 2)
        except httpx.TransportError:
            if proc.poll() is not None or time.perf_counter() - started > 600:
                raise SystemExit(f"the server did not start: {cmd}") from None
            time.sleep(0.1)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    proc.wait(timeout=60)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its live children (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(k) for k in kids]
    except OSError:
        pass
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _measure(proc: subprocess.Popen[bytes], base: str, urls: list[str], *, users: int,
             seconds: float, think: bool, driver: str) -> dict[str, Any]:
    cpu0, t0 = _cpu_seconds(proc.pid), time.perf_counter()
    out: dict[str, Any] = _arun(load(base, urls, users=users, seconds=seconds, think=think,
                                     driver=driver))
    out["server_cpu_share"] = round((_cpu_seconds(proc.pid) - cpu0)
                                    / (time.perf_counter() - t0), 2)
    out["loadavg_1min"] = os.getloadavg()[0]
    return out


def run(db: Path, *, users: int, seconds: float, saturation_seconds: float,
        driver: str = "raw", workers: int = 1, warm: bool = False,
        baseline: bool = True) -> None:
    import httpx

    import skillpulse

    print(json.dumps({"loadavg": os.getloadavg(), "driver": driver, "workers": workers,
                      "warm": warm}), flush=True)
    ws = skillpulse.open(db)
    top = ws.top(kind="postings", period="2023Q2", n=30)
    skills = [r.skill_id for r in top.rows]
    print(json.dumps({"library_seconds": library_baseline(db, skills[0])}), flush=True)
    del ws
    urls = request_mix(skills)
    if baseline:
        # the same driver against a server answering a constant: the floor of this machine
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc, _ = _start([sys.executable, __file__, "--constant-server", str(port)], base)
        try:
            for think, secs in ((True, seconds), (False, saturation_seconds)):
                print(json.dumps({"baseline_constant_server": _measure(
                    proc, base, urls, users=users, seconds=secs, think=think,
                    driver=driver)}), flush=True)
        finally:
            _stop(proc)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "skillpulse.cli", "serve", "--db", str(db), "--port",
           str(port), "--workers", str(workers)] + (["--warm"] if warm else [])
    proc, ready = _start(cmd, base)
    try:
        print(json.dumps({"server_start_to_first_answer_s": ready}), flush=True)
        first: dict[str, float] = {}
        for name, url in (("top", urls[0]), ("growth", f"/v1/growth?kind=postings&base="
                                                       f"{QUARTERS[0]}&current={QUARTERS[4]}"),
                          ("share", "/v1/share?kind=postings&category=generative-ai&by=month"),
                          ("skill", f"/v1/skills/{skills[0]}")):
            t0 = time.perf_counter()
            r = httpx.get(base + url, timeout=600)
            first[name] = round(time.perf_counter() - t0, 3)
            assert r.status_code == 200, (url, r.status_code, r.text[:200])
        print(json.dumps({"first_api_answer_s": first}), flush=True)
        t0 = time.perf_counter()
        with httpx.Client(base_url=base, timeout=600) as client:
            for url in urls:
                client.get(url).raise_for_status()
        print(json.dumps({"ask_every_distinct_request_once": len(urls),
                          "seconds": round(time.perf_counter() - t0, 1)}), flush=True)
        print(json.dumps({"load": _measure(proc, base, urls, users=users, seconds=seconds,
                                           think=True, driver=driver)}), flush=True)
        print(json.dumps({"saturation": _measure(proc, base, urls, users=users,
                                                 seconds=saturation_seconds, think=False,
                                                 driver=driver)}), flush=True)
    finally:
        _stop(proc)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/bench-serve.duckdb"))
    ap.add_argument("--build", action="store_true",
                    help="Build the store, then stop (without it, a missing store is built "
                         "first).")
    ap.add_argument("--postings", type=int, default=1_000_000)
    ap.add_argument("--searches", type=int, default=1_000_000)
    ap.add_argument("--per-posting", type=int, default=10)
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--saturation-seconds", type=float, default=30)
    ap.add_argument("--driver", choices=("raw", "httpx"), default="raw",
                    help="Load driver: raw asyncio streams (default) or httpx.")
    ap.add_argument("--workers", type=int, default=1, help="skillpulse serve --workers.")
    ap.add_argument("--warm", action="store_true", help="skillpulse serve --warm.")
    ap.add_argument("--no-baseline", action="store_true",
                    help="Skip the constant-answer server baseline.")
    ap.add_argument("--constant-server", type=int, default=0, metavar="PORT",
                    help=argparse.SUPPRESS)
    ap.add_argument("--asgi", type=int, default=0, metavar="N",
                    help="Only measure N cached answers in-process beside a constant app.")
    args = ap.parse_args()
    if args.constant_server:
        import uvicorn

        uvicorn.run(_constant_app, host="127.0.0.1", port=args.constant_server,
                    log_level="warning")
        return
    if args.asgi:
        print(json.dumps({"asgi": asyncio.run(asgi_cost(args.db, requests=args.asgi))}))
        return
    if args.build or not args.db.exists():  # `make bench` runs it without arguments
        build(args.db, postings=args.postings, searches=args.searches,
              per_posting=args.per_posting)
        if args.build:
            return
    run(args.db, users=args.users, seconds=args.seconds,
        saturation_seconds=args.saturation_seconds, driver=args.driver,
        workers=args.workers, warm=args.warm, baseline=not args.no_baseline)


if __name__ == "__main__":
    main()
