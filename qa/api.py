"""The plain JSON API served beside the web chat: ``POST /api/retrieve`` returns the passages a question retrieves.

Why a route of its own, next to Gradio's ``/retrieve`` endpoint: under load, a direct Gradio call spends most of
its time outside retrieval. Each call without a session rebuilds the state of every block on the page (about 60%
of the server's CPU with 50 concurrent users on the 2026 corpus, measured with py-spy), and a queued call adds the
queue's join-and-stream round trips. A FastAPI route runs the retrieval and nothing else, with a typed request that
answers bad input with a 422 naming the field.

Same rules as the chat: open on loopback, and behind the chat's user and password (HTTP Basic) when it has them.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, HTTPException, status
from fastapi.routing import APIRoute
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field

from qa.types import Passage

log = logging.getLogger(__name__)


# module level: FastAPI resolves the (postponed) annotation of a route's parameter in the module's namespace
Credentials = Annotated[HTTPBasicCredentials | None, Depends(HTTPBasic(auto_error=False))]


class RetrieveRequest(BaseModel):
    """What ``POST /api/retrieve`` takes, as JSON."""

    question: str = Field(min_length=1, max_length=2000, description="the question, as a user would ask it")
    as_of: dt.date | None = Field(None, description="nothing published after this day; recency counts from it")
    sources: list[str] | None = Field(None, description="only these outlets (names as the library lists them)")
    k: int = Field(8, ge=1, le=50, description="how many passages")


class RetrieveResponse(BaseModel):
    question: str
    passages: list[Passage]


def routes(assistant: Callable[[], Any], auth: tuple[str, str] | None) -> list[APIRoute]:
    """The API's routes. ``assistant`` returns the loaded ``Assistant`` (waiting while it loads) or raises
    RuntimeError when it could not load; ``auth`` is the chat's (user, password), or None on an open loopback."""

    def allowed(credentials: Credentials) -> None:
        if auth is None:
            return
        user, password = auth
        if not (
            credentials
            and secrets.compare_digest(credentials.username.encode(), user.encode())
            and secrets.compare_digest(credentials.password.encode(), password.encode())
        ):
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "this server needs the chat's user and password (HTTP Basic)",
                headers={"WWW-Authenticate": "Basic"},
            )

    def retrieve(request: RetrieveRequest) -> RetrieveResponse:
        """Sources without generation: never waits for the model. A plain ``def``: FastAPI runs it on its thread
        pool, and concurrent questions share embedding runs (``Embedder.embed``)."""
        from qa.store import EmptyStoreError

        try:
            a = assistant()
        except RuntimeError as e:
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(e)) from e
        try:
            passages = a.retrieve(request.question, as_of=request.as_of, sources=request.sources, k=request.k)
        except EmptyStoreError as e:
            raise HTTPException(status.HTTP_409_CONFLICT, str(e)) from e
        except Exception as e:
            log.exception("api retrieve failed")  # this request fails; the server and every other one go on
            raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, f"retrieval failed: {e}") from e
        return RetrieveResponse(question=request.question, passages=passages)

    return [
        APIRoute(
            "/api/retrieve",
            retrieve,
            methods=["POST"],
            response_model=RetrieveResponse,
            dependencies=[Depends(allowed)],
            summary="The passages a question retrieves, without generating an answer",
        )
    ]
