"""newsqa: cited, dated answers to questions about a collection of news articles."""

from qa.config import Settings
from qa.types import Answer, Citation, Passage, StreamEvent

__all__ = ["Answer", "Assistant", "Citation", "Passage", "Settings", "StreamEvent"]


def __getattr__(name: str):
    # Importing the assistant pulls in torch and Chroma; keep ``import qa`` cheap for the CLI's --help.
    if name == "Assistant":
        from qa.answer import Assistant

        return Assistant
    raise AttributeError(name)
