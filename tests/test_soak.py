"""Load on the real app: 50 concurrent gradio_client users on loopback, 50 users of the JSON API, and a full
queue answering "busy".

Bounded in count (one /ask, two /retrieve and four /api/retrieve requests per user); the timed soak with memory
growth is benchmarks/soak.py, and both drive the app with tests/load.py. The model is SmolLM2-135M: this is about
the server, not the answers."""

from __future__ import annotations

import pytest
from load import rest_soak, soak, start_app


@pytest.fixture(scope="module")
def store(seed_settings):
    return seed_settings.store.dir


def test_fifty_clients_no_failed_request(store, tmp_path):
    app = start_app(store, tmp_path / "app.log", QA_LLM_MAX_TOKENS="24")
    try:
        ask = soak(app.url, "/ask", clients=50, seconds=0, max_requests=1)
        assert ask.failures == [] and ask.busy == 0, ask.failures[:3]
        assert len(ask.latencies) == 50
        ret = soak(app.url, "/retrieve", clients=50, seconds=0, max_requests=2)
        assert ret.failures == [] and len(ret.latencies) == 100, ret.failures[:3]
        rest = rest_soak(app.url, clients=50, seconds=0, max_requests=4)  # the JSON API (qa.api)
        assert rest.failures == [] and len(rest.latencies) == 200, rest.failures[:3]
        assert app.proc.poll() is None
    finally:
        app.stop()


def test_full_queue_answers_busy_and_the_server_stays_up(store, tmp_path):
    app = start_app(store, tmp_path / "app.log", QA_QUEUE_SIZE="2", QA_LLM_MAX_TOKENS="24")
    try:
        res = soak(app.url, "/ask", clients=12, seconds=0, max_requests=1)
        assert res.failures == [], res.failures[:3]  # every request either answered or was told "busy"
        assert res.busy > 0 and res.latencies
        again = soak(app.url, "/ask", clients=1, seconds=0, max_requests=1)
        assert again.latencies and app.proc.poll() is None
    finally:
        app.stop()
