"""The desk off its event loop: a bounded load test against a real uvicorn server.

While one user's large upload is under review in a worker process, /healthz and
another user's small reviews must answer within 1 s (the figures are printed; no
assertion on absolute speed beyond that generous bound). A review past the time
limit answers 503 with a Chinese message, and the desk goes on serving."""

from __future__ import annotations

import re
import socket
import statistics
import threading
import time

import pytest

from conftest import require  # noqa: E402

require("module", "fastapi")
httpx = require("module", "httpx")
uvicorn = require("module", "uvicorn")

from reviewer.web import create_app  # noqa: E402
from reviewer.web.auth import hash_password  # noqa: E402
from reviewer.web.db import DeskDB  # noqa: E402

PASSWORD = "correct horse 42"
PARA = (
    "各有关单位应当按照本办法规定，对在本市从事经营活动的企业实行备案管理，未经备案的，"
    "由市场监督管理部门责令改正，处5000元罚款，并暂停其参加政府采购活动的资格。"
)
SMALL = "第十二条 违反本办法规定的，处500元罚款。"


def large_text(paragraphs: int) -> bytes:
    """A draft whose review takes seconds (one finding per paragraph)."""
    return ("关于加强管理的办法\n第一条 为了加强管理，制定本办法。\n" + (PARA + "\n") * paragraphs).encode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, app):
        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "desk did not start"
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)


def _login(client: httpx.Client, name: str) -> str:
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    r = client.post("/login", data={"name": name, "password": PASSWORD, "csrf": csrf})
    assert r.status_code == 303, r.text
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)


@pytest.fixture()
def desk_dir(tmp_path):
    db = DeskDB(tmp_path / "desk.sqlite")
    db.add_user("alice", hash_password(PASSWORD))
    db.add_user("bob", hash_password(PASSWORD))
    return tmp_path


def _figures(label: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"{label}: n={len(ms)} median={statistics.median(ms):.0f} ms p95={p95:.0f} ms max={ms[-1]:.0f} ms"


def test_healthz_and_small_reviews_answer_during_a_large_review(desk_dir):
    app = create_app(desk_dir, max_upload=4 * 1024 * 1024, workers=2, review_seconds=60)
    token = DeskDB(desk_dir / "desk.sqlite").new_token("bob")
    big = large_text(2500)
    with Server(app) as base:
        assert app.state.desk.pool.warmed.wait(30), "workers did not start"
        alice = httpx.Client(base_url=base, timeout=60)
        csrf = _login(alice, "alice")
        done = {}

        def upload():
            t0 = time.monotonic()
            r = alice.post("/reviews", data={"csrf": csrf}, files={"file": ("大文件.txt", big)})
            done["status"], done["seconds"] = r.status_code, time.monotonic() - t0

        worker = threading.Thread(target=upload)
        health, small = [], []
        with httpx.Client(base_url=base, timeout=30) as other:
            # the connection is opened before the load starts: a first request's TCP and
            # HTTP set-up on a loaded machine is no measure of the event loop
            assert other.get("/healthz").status_code == 200
            worker.start()
            time.sleep(0.3)  # the upload is sent and under review
            while worker.is_alive():
                t0 = time.monotonic()
                assert other.get("/healthz").status_code == 200
                health.append(time.monotonic() - t0)
                if len(health) % 5 == 0:  # bob's small review through the API
                    t0 = time.monotonic()
                    r = other.post("/api/review", json={"text": SMALL}, headers={"Authorization": f"Bearer {token}"})
                    assert r.status_code == 200 and r.json()["findings"]
                    small.append(time.monotonic() - t0)
                time.sleep(0.05)
        worker.join()
        assert done["status"] == 303
        # The page of its 2,500 findings, and 20 concurrent bogus logins, beside /healthz
        location = None
        burst_health: list[float] = []

        def view():
            nonlocal location
            t0 = time.monotonic()
            r = alice.get("/")
            location = re.search(r'href="(/reviews/[^"]+)"', r.text).group(1)
            assert alice.get(location).status_code == 200
            done["page"] = time.monotonic() - t0

        def bogus(i):
            with httpx.Client(base_url=base, timeout=60) as c:
                token = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text).group(1)
                c.post("/login", data={"name": f"nobody{i}", "password": "wrong password 1", "csrf": token})

        threads = [threading.Thread(target=view)] + [threading.Thread(target=bogus, args=(i,)) for i in range(20)]
        for t in threads:
            t.start()
        with httpx.Client(base_url=base, timeout=30) as other:
            assert other.get("/healthz").status_code == 200  # connection opened first, as above
            while any(t.is_alive() for t in threads):
                t0 = time.monotonic()
                assert other.get("/healthz").status_code == 200
                burst_health.append(time.monotonic() - t0)
                time.sleep(0.02)
        for t in threads:
            t.join()
        alice.close()
    print(f"\nlarge upload: {len(big) / 1e6:.2f} MB reviewed in {done['seconds']:.1f} s (status {done['status']})")
    print(_figures("/healthz during it", health))
    print(_figures("small API reviews during it", small))
    print(f"its review page: {done['page']:.2f} s")
    print(_figures("/healthz during the page and 20 concurrent bogus logins", burst_health))
    assert max(burst_health) < 1.0
    assert len(health) >= 5, "the large review finished before the desk could be measured"
    assert max(health) < 1.0
    assert small and max(small) < 1.0


def test_review_past_time_limit_answers_503_and_desk_goes_on(desk_dir):
    app = create_app(desk_dir, max_upload=4 * 1024 * 1024, workers=1, review_seconds=1)
    with Server(app) as base:
        assert app.state.desk.pool.warmed.wait(30)
        with httpx.Client(base_url=base, timeout=30) as alice:
            csrf = _login(alice, "alice")
            t0 = time.monotonic()
            r = alice.post("/reviews", data={"csrf": csrf}, files={"file": ("大文件.txt", large_text(3000))})
            took = time.monotonic() - t0
            assert r.status_code == 503
            assert "时间上限" in r.text and "其他审查不受影响" in r.text
            assert took < 1 + 5  # stopped by the worker's timer, not the desk's harder deadline
            r = alice.post("/api/review", json={"text": SMALL}, headers={"X-CSRF-Token": csrf})
            assert r.status_code == 200  # the same single worker serves the next review
            t0 = time.monotonic()
            r = alice.post("/api/review", json={"text": (PARA + "\n") * 3000}, headers={"X-CSRF-Token": csrf})
            assert r.status_code == 503 and r.json()["error"]["code"] == "timeout"
            assert r.headers.get("retry-after")
    print(f"\ntimed-out upload answered 503 after {took:.1f} s")


def _stuck(seconds: float) -> str:
    """A job the worker's timer cannot stop (SIGALRM blocked, as in a long C call)."""
    import signal

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(seconds)
    return "finished"


def _quick() -> str:
    return "ok"


def test_pool_kills_a_job_its_timer_cannot_stop_and_refuses_when_full(monkeypatch):
    import asyncio

    from reviewer.web import workers

    monkeypatch.setattr(workers, "GRACE", 0.5)
    monkeypatch.setattr(workers, "MAX_WAITING", 1)
    pool = workers.WorkerPool(workers=1, seconds=0.5)

    async def scenario():
        assert await pool.run(_quick) == "ok"
        t0 = time.monotonic()
        stuck = asyncio.create_task(pool.run(_stuck, 30))
        await asyncio.sleep(0.1)
        waiting = asyncio.create_task(pool.run(_quick))  # waits for the one worker, at most 0.5 s
        await asyncio.sleep(0.1)
        with pytest.raises(workers.Busy):  # more than MAX_WAITING wait: refused at once
            await pool.run(_quick)
        with pytest.raises(workers.Busy):  # no worker came free in time
            await waiting
        with pytest.raises(workers.TimedOut):
            await stuck
        took = time.monotonic() - t0
        assert await pool.run(_quick) == "ok"  # a new pool serves the next job
        return took

    took = asyncio.run(scenario())
    print(f"\nstuck job killed after {took:.1f} s")
    assert took < 5
