import time

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    ProcessCollector,
    PlatformCollector,
    generate_latest,
)

SERVICE = "${{ values.name }}"


class State:
    """Whether /readyz says the service takes traffic."""

    ready = False


state = State()

registry = CollectorRegistry()
ProcessCollector(registry=registry)
PlatformCollector(registry=registry)
REQUESTS = Counter(
    "http_requests_total",
    "HTTP requests served, by method, route and status code.",
    ["method", "route", "code"],
    registry=registry,
)
DURATION = Histogram(
    "http_request_duration_seconds",
    "Time to serve HTTP requests, by method, route and status code.",
    ["method", "route", "code"],
    registry=registry,
)

app = FastAPI(title=SERVICE, version="0.1.0")


@app.middleware("http")
async def count_requests(request: Request, call_next):
    started = time.perf_counter()
    response = await call_next(request)
    route = request.scope.get("route")
    # Unknown paths share one label, so that scanners cannot blow up the
    # number of time series.
    path = route.path if route is not None else "unmatched"
    labels = (request.method, path, str(response.status_code))
    REQUESTS.labels(*labels).inc()
    DURATION.labels(*labels).observe(time.perf_counter() - started)
    return response


@app.get("/")
def root():
    return {"service": SERVICE}


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.get("/readyz")
def readyz():
    if state.ready:
        return {"status": "ready"}
    return JSONResponse({"status": "not ready"}, status_code=503)


@app.get("/metrics")
def metrics():
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
