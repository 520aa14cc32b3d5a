"""Serving the web chat: ``python app.py`` flags, the exposure rule (credentials off loopback), and the launch of
the Gradio page with newsqa's own JSON routes beside it (``qa.api``)."""

from __future__ import annotations

from typing import Any

from qa.config import Settings
from qa.render import CSS
from qa.web import WebApp

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def check_exposure(settings: Settings) -> tuple[str, str] | None:
    """Off loopback the chat requires credentials; without them it refuses to start."""
    if settings.web.host in LOOPBACK:
        if settings.web.auth_user and settings.web.auth_password:
            return settings.web.auth_user, settings.web.auth_password.get_secret_value()
        return None
    if not (settings.web.auth_user and settings.web.auth_password):
        raise SystemExit(
            f"refusing to listen on {settings.web.host}: anyone on the network could read your articles. "
            "Set QA_AUTH_USER and QA_AUTH_PASSWORD, or keep QA_HOST=127.0.0.1."
        )
    return settings.web.auth_user, settings.web.auth_password.get_secret_value()


def launch(settings: Settings | None = None, **kw: Any):
    settings = settings or Settings()
    auth = check_exposure(settings)
    app = WebApp(settings)
    demo = app.build()
    from qa import api

    demo.launch(
        app_kwargs={"routes": api.routes(app.assistant, auth)},  # FastAPI's own: POST /api/retrieve
        server_name=settings.web.host,
        server_port=settings.web.port,
        auth=auth,
        max_file_size=settings.web.max_upload_bytes,
        css=CSS,
        footer_links=["api"],
        ssr_mode=False,
        **kw,
    )
    return app, demo


def parse_args(argv: list[str] | None = None) -> dict[str, Any]:
    """``python app.py`` flags, as settings overrides: a flag wins over its ``QA_*`` variable, and an unknown flag
    is an error (argparse exits 2 with the usage), never silently ignored."""
    import argparse

    ap = argparse.ArgumentParser(prog="python app.py", description="The newsqa web chat.")
    ap.add_argument("--host", help="address to listen on (QA_HOST; default 127.0.0.1)")
    ap.add_argument("--port", type=int, help="port (QA_PORT; default 7860)")
    ap.add_argument("--store", help="the article store folder (QA_STORE_DIR)")
    ap.add_argument("--chroma-url", help="a Chroma server instead of a folder (QA_CHROMA_URL)")
    ap.add_argument("--auth-user", help="user name required off loopback (QA_AUTH_USER)")
    ap.add_argument(
        "--auth-password",
        help="its password (QA_AUTH_PASSWORD; the variable keeps it out of the process list, prefer it)",
    )
    args = ap.parse_args(argv)
    renamed = {"store": "store_dir"}  # every other flag has its setting's name
    return {renamed.get(flag, flag): value for flag, value in vars(args).items() if value is not None}


def main(argv: list[str] | None = None) -> None:
    launch(Settings(**parse_args(argv)))
