"""The Gradio web chat: a thin layer over ``Assistant``. Streams answers, fills the sources panel as soon as
retrieval ends, takes uploads, and exposes the same Answer as JSON on the named API endpoint ``/ask``.

The page comes up at once; the store and the model load in a background thread, and the status line says so.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from qa.config import Settings
from qa.ingest.readers import SUPPORTED
from qa.render import (
    CSS,
    _md_escape,
    answer_markdown,
    article_html,
    esc,
    ingest_report_html,
    library_rows,
    sources_html,
)
from qa.text import plural

log = logging.getLogger(__name__)
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
LIBRARY_PAGE = 50  # rows of the library table per page
LIBRARY_HEADERS = ["title", "outlet", "date", "chunks", "ingested (UTC)"]
NOTHING_OPEN = '<p class="src-empty">Click an article in the table to read it.</p>'


class WebApp:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self._assistant = None
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
                self._assistant.load_llm()
            except Exception as e:  # noqa: BLE001
                log.exception("loading the model failed")
                self._error = f"the language model could not be loaded: {e}"
                return
            log.info("model ready %.1f s after start", time.perf_counter() - t)
            self._suggest()  # ends with the system prompt warmed in the model's cache
            log.info("suggestions made and the model warmed %.1f s after start", time.perf_counter() - t)

    def _warm(self) -> None:
        """The chat's system prompt back in the model's cache after another prompt (suggestions) took its place."""
        try:
            self._assistant.warm()
        except Exception:  # noqa: BLE001 - a cold cache only costs the first question a few seconds
            log.exception("warming the model failed")

    def _suggest(self) -> None:
        try:
            questions = self._assistant.suggested_questions()
        except Exception:  # noqa: BLE001 - the page works without suggestions
            log.exception("suggesting questions failed")
        else:
            if questions != self._suggestions:
                self._suggestions = questions
                self._suggested += 1
        # making them (once per ingest) puts another prompt in the model's one cache slot; when they were cached
        # already, this is the first warm-up and costs the system prompt once
        self._warm()

    def _refresh_stats(self) -> None:
        lib = self._assistant.library
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
        model = a.model_name if a.llm_loaded else "loading the language model…"
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
            if not a.llm_loaded:
                history[-1]["content"] = "⏳ The language model is still loading; your question is next."
                yield history, sources_html(), "", self.status(), gr.skip()
            text = ""
            for ev in a.stream(message, history=prior, as_of=(as_of or "").strip() or None, sources=sources or None):
                if ev.kind == "passages":
                    history[-1]["content"] = "🔎 Reading the sources…"
                    yield history, sources_html(passages=ev.passages), "", self.status(), gr.skip()
                elif ev.kind == "token":
                    text += ev.token or ""
                    history[-1]["content"] = _md_escape(text) + " ▌"
                    yield history, gr.skip(), "", gr.skip(), gr.skip()
                elif ev.kind == "answer" and ev.answer is not None:
                    history[-1]["content"] = answer_markdown(ev.answer)
                    panel = sources_html(ev.answer)
                    # kept by the answer's place in the chat, so that clicking it later shows these sources again
                    yield history, panel, "", self.status(), {**(kept or {}), str(len(history) - 1): panel}
        except Exception as e:  # noqa: BLE001 - one failed request must not take the server down
            log.exception("chat request failed")
            history[-1]["content"] = f"⚠️ Sorry, that failed: {_md_escape(str(e))}"
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
            if why := upload_rejection(name, size, up, self.settings.max_upload_bytes):
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
            f"Delete **{_md_escape(title)}**? It leaves the store and the search index, answers stop citing it, and "
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

    # --- page ----------------------------------------------------------------------------------------------
    def build(self) -> gr.Blocks:
        with gr.Blocks(title="newsqa") as demo:
            gr.Markdown("## newsqa — cited answers from your news articles")
            status = gr.Markdown(self.status(), elem_id="status")
            with gr.Tabs(elem_id="tabs"):
                with gr.Tab("Chat", id="chat", elem_id="chat-tab"):
                    with gr.Row():
                        with gr.Column(scale=3):
                            chatbot = gr.Chatbot(
                                elem_id="chat",
                                height=520,
                                sanitize_html=True,
                                feedback_options=None,
                                placeholder="Ask about the articles in your library.",
                            )
                            with gr.Row():
                                box = gr.Textbox(
                                    placeholder="Ask a question…", show_label=False, scale=5, elem_id="question"
                                )
                                send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                            new = gr.Button("New conversation", size="sm", elem_id="new")
                            # questions drawn from the loaded articles, filled in once the model is up
                            examples = gr.Dataset(
                                components=[box], samples=[], label="Try", elem_id="examples", visible=False
                            )
                            shown = gr.State(0)  # which version of the suggestions this page shows
                        with gr.Column(scale=2):
                            panel = gr.HTML(sources_html(), elem_id="sources")
                            with gr.Accordion("Filters", open=False):
                                as_of = gr.Textbox(
                                    label="As of (YYYY-MM-DD)", placeholder="e.g. 2026-03-01", elem_id="asof"
                                )
                                outlets = gr.Dropdown(
                                    choices=self._sources, multiselect=True, label="Outlets", elem_id="outlets"
                                )
                            with gr.Accordion("Add articles", open=False):
                                files = gr.File(
                                    file_count="multiple",
                                    label=".txt .md .html .json .jsonl",
                                    elem_id="upload",
                                    file_types=sorted(SUPPORTED),
                                )
                                add = gr.Button("Add to library", elem_id="add")
                                result = gr.HTML(elem_id="upload-result")
                with gr.Tab("Library", id="library", elem_id="library-tab") as library_tab:
                    with gr.Row():
                        lib_search = gr.Textbox(label="Search titles, outlets and files", scale=3, elem_id="lib-search")
                        lib_outlet = gr.Dropdown(
                            choices=[("all outlets", "")], value="", label="Outlet", scale=2, elem_id="lib-outlet"
                        )
                        lib_since = gr.Textbox(label="From (YYYY-MM-DD)", scale=1, elem_id="lib-since")
                        lib_until = gr.Textbox(label="To", scale=1, elem_id="lib-until")
                    with gr.Row():
                        lib_prev = gr.Button("◀ Previous", size="sm", elem_id="lib-prev")
                        lib_shown = gr.Markdown(elem_id="lib-shown")
                        lib_next = gr.Button("Next ▶", size="sm", elem_id="lib-next")
                    with gr.Row():
                        with gr.Column(scale=3):
                            lib_table = gr.Dataframe(
                                pd.DataFrame([], columns=LIBRARY_HEADERS),
                                interactive=False,
                                wrap=True,
                                max_height=640,
                                column_widths=["44%", "20%", "13%", "9%", "14%"],
                                elem_id="lib-table",
                            )
                        with gr.Column(scale=2):
                            lib_article = gr.HTML(NOTHING_OPEN, elem_id="lib-article")
                            lib_delete = gr.Button("Delete this article…", variant="stop", visible=False,
                                                   elem_id="lib-delete")  # fmt: skip
                            with gr.Group(visible=False, elem_id="lib-confirm", elem_classes="confirm") as confirm:
                                confirm_text = gr.Markdown()
                                with gr.Row():
                                    lib_yes = gr.Button("Yes, delete it", variant="stop", elem_id="lib-yes")
                                    lib_no = gr.Button("Cancel", elem_id="lib-no")
                    with gr.Accordion("Last ingest", open=False, elem_id="lib-report"):
                        lib_report = gr.HTML()
                    lib_ids = gr.State([])  # the doc ids of the table's rows, in order
                    lib_offset = gr.State(0)
                    lib_open = gr.State(None)  # the doc id of the article shown
            kept = gr.State({})  # each answer's sources panel, by its index in the chat
            outs = [chatbot, panel, box, status, kept]
            ins = [box, chatbot, as_of, outlets, kept]
            for trigger in (box.submit, send.click):
                trigger(self.chat, ins, outs, concurrency_id="llm", concurrency_limit=1, api_visibility="private")
            chatbot.select(self.reopen, [kept], [panel], api_visibility="private", queue=False)
            new.click(lambda: ([], sources_html(), "", {}), None, [chatbot, panel, box, kept], api_visibility="private")
            add.click(
                self.upload,
                [files],
                [result, status, outlets],
                concurrency_id="ingest",
                concurrency_limit=1,
                api_visibility="private",
            )
            gr.api(self.api_ask, api_name="ask", concurrency_id="llm", concurrency_limit=1)
            # no queue: retrieval is ~15 ms of work, and the queue's join-then-stream round trips cost more than
            # that under load. Plain JSON at POST /gradio_api/run/retrieve; api_retrieve bounds its own concurrency
            gr.api(self.api_retrieve, api_name="retrieve", queue=False)
            examples.click(lambda sample: sample[0], examples, box, api_visibility="private", queue=False)
            filters = [lib_search, lib_outlet, lib_since, lib_until]
            page_outs = [lib_table, lib_shown, lib_ids, lib_offset, lib_outlet]
            quick = {"api_visibility": "private", "queue": False}

            def turn(step: int):
                return lambda *f: self.library_page(*f[:4], max(0, int(f[4] or 0) + step * LIBRARY_PAGE))

            library_tab.select(turn(0), [*filters, lib_offset], page_outs, **quick)
            library_tab.select(self.ingest_report, None, lib_report, **quick)
            for box_ in (lib_search, lib_since, lib_until):
                box_.submit(lambda *f: self.library_page(*f, 0), filters, page_outs, **quick)
            lib_outlet.input(lambda *f: self.library_page(*f, 0), filters, page_outs, **quick)
            lib_prev.click(turn(-1), [*filters, lib_offset], page_outs, **quick)
            lib_next.click(turn(+1), [*filters, lib_offset], page_outs, **quick)
            lib_table.select(self.library_open, [lib_ids], [lib_article, lib_open, lib_delete, confirm], **quick)
            lib_delete.click(self.library_confirm, [lib_open], [confirm, confirm_text], **quick)
            lib_no.click(lambda: gr.update(visible=False), None, confirm, **quick)
            lib_yes.click(
                self.library_delete,
                [lib_open],
                [lib_article, lib_open, lib_delete, confirm, status, outlets],
                concurrency_id="ingest",
                concurrency_limit=1,
                api_visibility="private",
            ).then(turn(0), [*filters, lib_offset], page_outs, **quick)
            timer = gr.Timer(3)
            timer.tick(self._tick, [shown], [status, outlets, examples, shown], api_visibility="private", queue=False)
        # api_open=False: queued endpoints (/ask) answer only through the queue, so a direct POST cannot skip its
        # size bound or its one model slot; /retrieve, unqueued, stays open to direct calls
        demo.queue(max_size=self.settings.queue_size, default_concurrency_limit=1, api_open=False)
        return demo

    def _tick(self, shown: int):
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


def safe_filename(name: str) -> str:
    """A base name with no path, no leading dots and only plain characters: uploads cannot escape the folder."""
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip(".") or "upload"
    stem, dot, ext = base.rpartition(".")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"{stem or 'upload'}-{stamp}{dot}{ext}" if dot else f"{base}-{stamp}"


def upload_rejection(name: str, size: int, folder: Path, max_bytes: int) -> str | None:
    """Why an upload (already under a safe name) is refused, or None. Checked on the server whatever the browser
    filtered: a client can post any file to Gradio's upload route."""
    if Path(name).suffix.lower() not in SUPPORTED:
        return f"type not supported ({', '.join(sorted(SUPPORTED))})"
    if size > max_bytes:
        return f"{size:,} bytes is over the {max_bytes:,} limit"
    if folder.resolve() not in (folder / name).resolve().parents:
        return "bad file name"
    return None


def check_exposure(settings: Settings) -> tuple[str, str] | None:
    """Off loopback the chat requires credentials; without them it refuses to start."""
    if settings.host in LOOPBACK:
        if settings.auth_user and settings.auth_password:
            return settings.auth_user, settings.auth_password.get_secret_value()
        return None
    if not (settings.auth_user and settings.auth_password):
        raise SystemExit(
            f"refusing to listen on {settings.host}: anyone on the network could read your articles. "
            "Set QA_AUTH_USER and QA_AUTH_PASSWORD, or keep QA_HOST=127.0.0.1."
        )
    return settings.auth_user, settings.auth_password.get_secret_value()


def launch(settings: Settings | None = None, **kw: Any):
    settings = settings or Settings()
    auth = check_exposure(settings)
    app = WebApp(settings)
    demo = app.build()
    from qa import api

    demo.launch(
        app_kwargs={"routes": api.routes(app.assistant, auth)},  # FastAPI's own: POST /api/retrieve
        server_name=settings.host,
        server_port=settings.port,
        auth=auth,
        max_file_size=settings.max_upload_bytes,
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
