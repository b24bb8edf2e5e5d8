from fastapi.testclient import TestClient

from app.main import app, state

client = TestClient(app)


def test_healthz_answers_while_the_process_is_up():
    assert client.get("/healthz").status_code == 200


def test_readyz_is_503_until_ready_then_200():
    state.ready = False
    assert client.get("/readyz").status_code == 503
    state.ready = True
    assert client.get("/readyz").status_code == 200


def test_metrics_count_the_requests_served():
    client.get("/")
    text = client.get("/metrics").text
    assert 'http_requests_total{method="GET",route="/",code="200"}' in text
