"""The web chat's page: the Gradio layout, wired to ``qa.web.WebApp``'s handlers. Kept apart from the handlers so
that what the page shows and what it does can each be read alone."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import gradio as gr
import pandas as pd

from qa.ingest.readers import SUPPORTED
from qa.render import sources_html
from qa.web import LIBRARY_HEADERS, LIBRARY_PAGE, NOTHING_OPEN

if TYPE_CHECKING:
    from qa.web import WebApp


def build(app: WebApp) -> gr.Blocks:
    with gr.Blocks(title="newsqa") as demo:
        gr.Markdown("## newsqa — cited answers from your news articles")
        status = gr.Markdown(app.status(), elem_id="status")
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
                                choices=app.sources, multiselect=True, label="Outlets", elem_id="outlets"
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
            trigger(app.chat, ins, outs, concurrency_id="llm", concurrency_limit=1, api_visibility="private")
        chatbot.select(app.reopen, [kept], [panel], api_visibility="private", queue=False)
        new.click(lambda: ([], sources_html(), "", {}), None, [chatbot, panel, box, kept], api_visibility="private")
        add.click(
            app.upload,
            [files],
            [result, status, outlets],
            concurrency_id="ingest",
            concurrency_limit=1,
            api_visibility="private",
        )
        gr.api(app.api_ask, api_name="ask", concurrency_id="llm", concurrency_limit=1)
        # no queue: retrieval is ~15 ms of work, and the queue's join-then-stream round trips cost more than
        # that under load. Plain JSON at POST /gradio_api/run/retrieve; api_retrieve bounds its own concurrency
        gr.api(app.api_retrieve, api_name="retrieve", queue=False)
        examples.click(lambda sample: sample[0], examples, box, api_visibility="private", queue=False)
        filters = [lib_search, lib_outlet, lib_since, lib_until]
        page_outs = [lib_table, lib_shown, lib_ids, lib_offset, lib_outlet]
        quick: dict[str, Any] = {"api_visibility": "private", "queue": False}

        def turn(step: int) -> Callable[..., tuple]:
            def page(search: str, outlet: str | None, since: str, until: str, offset: int | None) -> tuple:
                return app.library_page(search, outlet, since, until, max(0, int(offset or 0) + step * LIBRARY_PAGE))

            return page

        def first_page(search: str, outlet: str | None, since: str, until: str) -> tuple:
            return app.library_page(search, outlet, since, until, 0)

        library_tab.select(turn(0), [*filters, lib_offset], page_outs, **quick)
        library_tab.select(app.ingest_report, None, lib_report, **quick)
        for box_ in (lib_search, lib_since, lib_until):
            box_.submit(first_page, filters, page_outs, **quick)
        lib_outlet.input(first_page, filters, page_outs, **quick)
        lib_prev.click(turn(-1), [*filters, lib_offset], page_outs, **quick)
        lib_next.click(turn(+1), [*filters, lib_offset], page_outs, **quick)
        lib_table.select(app.library_open, [lib_ids], [lib_article, lib_open, lib_delete, confirm], **quick)
        lib_delete.click(app.library_confirm, [lib_open], [confirm, confirm_text], **quick)
        lib_no.click(lambda: gr.update(visible=False), None, confirm, **quick)
        lib_yes.click(
            app.library_delete,
            [lib_open],
            [lib_article, lib_open, lib_delete, confirm, status, outlets],
            concurrency_id="ingest",
            concurrency_limit=1,
            api_visibility="private",
        ).then(turn(0), [*filters, lib_offset], page_outs, **quick)
        timer = gr.Timer(3)
        timer.tick(app.tick, [shown], [status, outlets, examples, shown], api_visibility="private", queue=False)
    # api_open=False: queued endpoints (/ask) answer only through the queue, so a direct POST cannot skip its
    # size bound or its one model slot; /retrieve, unqueued, stays open to direct calls
    demo.queue(max_size=app.settings.web.queue_size, default_concurrency_limit=1, api_open=False)
    return demo
