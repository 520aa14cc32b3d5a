"""Suggested questions from the collection (issue #22, item 3), with the real local model."""

from __future__ import annotations

import json

from conftest import FLEET, assistant_over

from qa.suggestions import CACHE, SEED_EXAMPLES


def test_the_seed_store_suggests_the_seed_examples(assistant):
    assert assistant.suggested_questions() == SEED_EXAMPLES


def test_a_collection_gets_questions_from_its_headlines_once_per_ingest(tmp_path, embedder, assistant):
    a = assistant_over(tmp_path, embedder, assistant.llm, FLEET)
    questions = a.suggested_questions()
    assert 1 <= len(questions) <= 3 and questions != SEED_EXAMPLES, questions
    assert all(q.endswith("?") and len(q) <= 120 for q in questions), questions
    assert any("bike" in q.lower() or "harbourton" in q.lower() for q in questions), questions
    # cached by the store's revision: asked again, the model is not asked again
    cache = a.settings.store.dir / CACHE
    kept = json.loads(cache.read_text())
    cache.write_text(json.dumps({**kept, "questions": ["Cached?"]}))
    assert a.suggested_questions() == ["Cached?"]
    # an ingest changes the revision, and the questions are drawn again
    from qa.ingest import ingest

    extra = tmp_path / "ferry.txt"
    extra.write_text(
        " date 2025-04-01 https://tidewater-post.example/ferry\n\nHarbourton ferry adds a night crossing\n\n"
        "The Harbourton ferry will add a night crossing from May, the operator said.\n"
    )
    ingest([extra], a.store, a.embedder, a.settings, progress=False)
    again = a.suggested_questions()
    assert again != ["Cached?"] and all(q.endswith("?") for q in again), again
