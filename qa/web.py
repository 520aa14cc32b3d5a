"""The Gradio web chat: a thin layer over ``Assistant``. Streams answers, fills the sources panel as soon as
retrieval ends, takes uploads, and exposes the same Answer as JSON on the named API endpoint ``/ask``.

The page comes up at once; the store and the model load in a background thread, and the status line says so.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr
import pandas as pd

from qa.config import Settings
from qa.library import safe_filename, upload_rejection
from qa.render import (
    answer_markdown,
    article_html,
    esc,
    ingest_report_html,
    library_rows,
    md_escape,
    sources_html,
)
from qa.text import plural

if TYPE_CHECKING:
    from qa.answer import Assistant

log = logging.getLogger(__name__)
LIBRARY_PAGE = 50  # rows of the library table per page
LIBRARY_HEADERS = ["title", "outlet", "date", "chunks", "ingested (UTC)"]
NOTHING_OPEN = '<p class="src-empty">Click an article in the table to read it.</p>'


class WebApp:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self._assistant: Assistant | None = None
        self._error: str | None = None
        self._ready = threading.Event()
        self._stats: dict[str, int] = {"articles": 0, "chunks": 0}
        self._sources: list[str] = []
        self._suggestions: list[str] = []  # drawn from the collection once the model is up (qa.suggestions)
        self._suggested = 0  # bumped each time they change, so each page updates its examples once
        threading.Thread(target=self._load, name="newsqa-load", daemon=True).start()

    # --- background loading --------------------------------------------------------------------------------
    def _load(self) -> None:
        t = time.perf_counter()
        try:
            from qa.llm import preload

            preload(self.settings)  # the model loads while the store and embedder do
            from qa.answer import Assistant

            self._assistant = Assistant(self.settings)
            self._assistant.library.resume_uploads()
            self._refresh_stats()
            log.info("store and embedder ready %.1f s after start", time.perf_counter() - t)
        except Exception as e:  # noqa: BLE001 - shown on the page instead of killing the server
            log.exception("loading the assistant failed")
            self._error = str(e)
        finally:
            self._ready.set()
        if self._assistant is not None:
            try:
                self._assistant.model.load()
            except Exception as e:  # noqa: BLE001
                log.exception("loading the model failed")
                self._error = f"the language model could not be loaded: {e}"
                return
            log.info("model ready %.1f s after start", time.perf_counter() - t)
            self._suggest()  # ends with the system prompt warmed in the model's cache
            log.info("suggestions made and the model warmed %.1f s after start", time.perf_counter() - t)

    @property
    def _loaded(self) -> Assistant:
        """The assistant, for the steps that run once it is loaded."""
        if self._assistant is None:
            raise RuntimeError("the assistant is still loading")
        return self._assistant

    def _warm(self) -> None:
        """The chat's system prompt back in the model's cache after another prompt (suggestions) took its place."""
        try:
            self._loaded.model.warm()
        except Exception:  # noqa: BLE001 - a cold cache only costs the first question a few seconds
            log.exception("warming the model failed")

    def _suggest(self) -> None:
        try:
            questions = self._loaded.suggested_questions()
        except Exception:  # noqa: BLE001 - the page works without suggestions
            log.exception("suggesting questions failed")
        else:
            if questions != self._suggestions:
                self._suggestions = questions
                self._suggested += 1
        # making them (once per ingest) puts another prompt in the model's answer slot; when they were cached
        # already, this is the first warm-up and costs the system prompt once
        self._warm()

    def _refresh_stats(self) -> None:
        lib = self._loaded.library
        self._stats = lib.stats()
        self._sources = lib.sources()

    def assistant(self, timeout: float = 300):
        self._ready.wait(timeout)
        if self._assistant is None:
            raise RuntimeError(self._error or "the assistant is still loading")
        return self._assistant

    def status(self) -> str:
        a = self._assistant
        if self._error:
            return f"⚠️ {esc(self._error)}"
        if a is None:
            return "⏳ Loading the article store…"
        model = a.model.name if a.model.loaded else "loading the language model…"
        articles, chunks = plural(self._stats["articles"], "article"), plural(self._stats["chunks"], "chunk")
        return f"Model: {esc(model)} · {articles} · {chunks}"

    # --- chat ----------------------------------------------------------------------------------------------
    def chat(self, message: str, history: list[dict], as_of: str, sources: list[str] | None, kept: dict | None):
        """Yields (chat history, sources panel, cleared textbox, status, each answer's sources by message index)."""
        history = list(history or [])
        message = (message or "").strip()
        if not message:
            yield history, gr.skip(), "", self.status(), gr.skip()
            return
        prior = [dict(m) for m in history]
        history = prior + [{"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        try:
            a = self.assistant()
            if not a.model.loaded:
                history[-1]["content"] = "⏳ The language model is still loading; your question is next."
                yield history, sources_html(), "", self.status(), gr.skip()
            text = ""
            for ev in a.stream(message, history=prior, as_of=(as_of or "").strip() or None, sources=sources or None):
                if ev.kind == "passages":
                    history[-1]["content"] = "🔎 Reading the sources…"
                    yield history, sources_html(passages=ev.passages), "", self.status(), gr.skip()
                elif ev.kind == "token":
                    text += ev.token or ""
                    history[-1]["content"] = md_escape(text) + " ▌"
                    yield history, gr.skip(), "", gr.skip(), gr.skip()
                elif ev.kind == "answer" and ev.answer is not None:
                    history[-1]["content"] = answer_markdown(ev.answer)
                    panel = sources_html(ev.answer)
                    # kept by the answer's place in the chat, so that clicking it later shows these sources again
                    yield history, panel, "", self.status(), {**(kept or {}), str(len(history) - 1): panel}
        except Exception as e:  # noqa: BLE001 - one failed request must not take the server down
            log.exception("chat request failed")
            history[-1]["content"] = f"⚠️ Sorry, that failed: {md_escape(str(e))}"
            yield history, gr.skip(), "", self.status(), gr.skip()

    @staticmethod
    def reopen(kept: dict | None, evt: gr.SelectData):
        """The sources of the answer clicked (or of the answer to the question clicked), even after later ones."""
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        kept = kept or {}
        for i in (index, index + 1) if isinstance(index, int) else ():
            if str(i) in kept:
                return kept[str(i)]
        return gr.skip()

    # --- upload --------------------------------------------------------------------------------------------
    def upload(self, files: list[str] | None, progress=gr.Progress()):  # noqa: B008 - gradio injects it
        """Copy uploads into the upload folder under safe names, ingest them, report per file."""
        if not files:
            return "<p>Choose one or more files first.</p>", self.status(), gr.skip()
        a = self.assistant()
        up = self.settings.uploads
        up.mkdir(parents=True, exist_ok=True)
        rows: list[tuple[str, str]] = []
        accepted: list[Path] = []
        for i, f in enumerate(files):
            progress((i, len(files)), desc="checking files")
            src = Path(f if isinstance(f, str) else getattr(f, "name", str(f)))
            name = safe_filename(src.name)
            size = src.stat().st_size if src.exists() else 0
            if why := upload_rejection(name, size, up, self.settings.web.max_upload_bytes):
                rows.append((name, f"rejected: {why}"))
            else:
                dest = (up / name).resolve()
                tmp = up / f".{uuid.uuid4().hex}.part"
                shutil.copyfile(src, tmp)
                os.replace(tmp, dest)  # atomic: a killed upload never leaves half a file under the real name
                accepted.append(dest)
        if accepted:
            progress(0.0, desc=f"reading {len(accepted)} file(s)")
            report = a.library.add_files(
                accepted,
                on_progress=lambda done, total: progress((done, total), desc="storing articles", unit="articles"),
            )
            skipped = {Path(k.split("#")[0]).name: why for k, why in report.skipped}
            for p in accepted:
                rows.append((p.name, f"skipped: {skipped[p.name]}" if p.name in skipped else "added ✓"))
            self._refresh_stats()
            threading.Thread(target=self._suggest, name="newsqa-suggest", daemon=True).start()
        table = "".join(f"<tr><td>{esc(n)}</td><td>{esc(r)}</td></tr>" for n, r in rows)
        result = f'<table class="upload-result"><tr><th>file</th><th>result</th></tr>{table}</table>'
        return result, self.status(), gr.update(choices=self._sources)

    # --- library -------------------------------------------------------------------------------------------
    def library_page(self, search: str, outlet: str | None, since: str, until: str, offset: int):
        """One page of the collection's table (newest first): (rows, summary, the rows' doc ids, offset, outlets)."""
        from qa.library import LibraryError

        try:
            lib = self.assistant().library
            query = ((search or "").strip(), outlet or None, (since or "").strip(), (until or "").strip())
            page = lib.page(*query, max(0, int(offset or 0)), LIBRARY_PAGE)
            if page.total and page.offset >= page.total:  # the last page emptied (a deletion): show the one before
                page = lib.page(*query, max(0, page.total - LIBRARY_PAGE), LIBRARY_PAGE)
            outlets = [(f"{name} ({n:,})", name) for name, n in lib.outlets()]
        except (LibraryError, RuntimeError) as e:
            return gr.skip(), f"⚠️ {esc(str(e))}", gr.skip(), gr.skip(), gr.skip()
        if page.total:
            shown = f"{page.offset + 1:,}–{page.offset + len(page.entries):,} of {plural(page.total, 'article')}"
        else:
            shown = "No article matches." if (search or outlet or since or until) else "The library is empty."
        return (
            pd.DataFrame(library_rows(page), columns=LIBRARY_HEADERS),
            shown,
            [e.doc_id for e in page.entries],
            page.offset,
            gr.update(choices=[("all outlets", "")] + outlets),
        )

    def library_open(self, ids: list[str], evt: gr.SelectData):
        """The clicked row's article, its cleaned text with what ingest left out marked."""
        from qa.library import LibraryError

        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        if not isinstance(row, int) or not 0 <= row < len(ids or []):
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        try:
            view = self.assistant().library.article(ids[row])
        except (LibraryError, RuntimeError) as e:
            return f"<p>⚠️ {esc(str(e))}</p>", None, gr.update(visible=False), gr.update(visible=False)
        return article_html(view), view.entry.doc_id, gr.update(visible=True), gr.update(visible=False)

    def library_confirm(self, doc_id: str | None):
        """The confirmation that comes before a deletion, naming the article."""
        if not doc_id:
            return gr.update(visible=False), ""
        entry = self.assistant().library.entry(doc_id)
        title = entry.title if entry else doc_id
        return gr.update(visible=True), (
            f"Delete **{md_escape(title)}**? It leaves the store and the search index, answers stop citing it, and "
            "an uploaded file that holds only this article is removed."
        )

    def library_delete(self, doc_id: str | None):
        """Delete the open article (after its confirmation): (article panel, open doc id, delete button, confirm
        box, status, outlets of the chat's filter)."""
        from qa.library import LibraryError

        hide = gr.update(visible=False)
        if not doc_id:
            return NOTHING_OPEN, None, hide, hide, self.status(), gr.skip()
        try:
            a = self.assistant()
            entry = a.library.delete(doc_id)
            self._refresh_stats()
        except (LibraryError, RuntimeError) as e:
            return f"<p>⚠️ {esc(str(e))}</p>", None, hide, hide, self.status(), gr.skip()
        threading.Thread(target=self._suggest, name="newsqa-suggest", daemon=True).start()
        note = f'<p class="deleted">Deleted “{esc(entry.title)}” from the library.</p>'
        return note, None, hide, hide, self.status(), gr.update(choices=self._sources)

    def ingest_report(self) -> str:
        try:
            return ingest_report_html(self.assistant().library.last_ingest())
        except RuntimeError as e:
            return f"<p>⚠️ {esc(str(e))}</p>"

    # --- API -----------------------------------------------------------------------------------------------
    def api_ask(
        self,
        question: str,
        history: list[dict] | None = None,
        as_of: str | None = None,
        sources: list[str] | None = None,
    ) -> dict[str, Any]:
        """Ask a question; returns the Answer as JSON (text, citations with quotes, refused, passages...)."""
        try:
            ans = self.assistant().ask(question, history=history or None, as_of=as_of or None, sources=sources)
            return ans.model_dump(mode="json")
        except Exception as e:  # noqa: BLE001
            log.exception("api ask failed")
            return {"error": str(e), "question": question}

    def api_retrieve(
        self, question: str, as_of: str | None = None, sources: list[str] | None = None, k: int = 8
    ) -> dict[str, Any]:
        """Sources without generation: the passages a question retrieves (fast, never waits for the model)."""
        try:
            a = self.assistant()
            passages = a.retrieve(question, as_of=as_of or None, sources=sources)[: max(1, min(int(k), 50))]
            return {"question": question, "passages": [p.model_dump(mode="json") for p in passages]}
        except Exception as e:  # noqa: BLE001
            log.exception("api retrieve failed")
            return {"error": str(e), "question": question}

    @property
    def sources(self) -> list[str]:
        """The outlets of the library, for the outlet filter."""
        return self._sources

    # --- page ----------------------------------------------------------------------------------------------
    def build(self) -> gr.Blocks:
        """The page (``qa.page``), wired to these handlers."""
        from qa.page import build

        return build(self)

    def tick(self, shown: int):
        """The status line and outlets; the suggested questions only when they changed since this page got them."""
        if shown == self._suggested:
            return self.status(), gr.update(choices=self._sources), gr.skip(), gr.skip()
        samples = [[q] for q in self._suggestions]
        return (
            self.status(),
            gr.update(choices=self._sources),
            gr.update(samples=samples, visible=bool(samples)),
            (self._suggested),
        )
