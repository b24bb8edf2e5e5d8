import os
import signal

import uvicorn

from .logging_setup import configure_logging
from .main import SERVICE, app, state

PORT = int(os.environ.get("PORT", "${{ values.port }}"))
# How long requests in flight may take to finish after SIGTERM; Kubernetes
# waits terminationGracePeriodSeconds (30 s) before it kills the pod.
SHUTDOWN_TIMEOUT_S = int(os.environ.get("SHUTDOWN_TIMEOUT_S", "20"))


def main() -> None:
    log = configure_logging(SERVICE)
    config = uvicorn.Config(
        app,
        host="0.0.0.0",
        port=PORT,
        log_config=None,
        timeout_graceful_shutdown=SHUTDOWN_TIMEOUT_S,
    )
    server = uvicorn.Server(config)
    stop = server.handle_exit

    def handle_exit(sig, frame):
        # Readiness fails first, so that no new traffic is sent; uvicorn
        # then stops listening, lets requests in flight finish and exits 0.
        state.ready = False
        log.info("shutting down", extra={"signal": signal.Signals(sig).name})
        stop(sig, frame)

    server.handle_exit = handle_exit
    original_startup = server.startup

    async def startup(sockets=None):
        await original_startup(sockets=sockets)
        state.ready = True
        log.info("listening", extra={"port": PORT})

    server.startup = startup
    server.run()


if __name__ == "__main__":
    main()
