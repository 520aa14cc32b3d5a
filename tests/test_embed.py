"""The embedding runtimes: the default (OpenVINO) must give the float32 PyTorch reference's vectors, in the order
of the texts given, and a store records which runtime built it while either may read and extend it."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import DATA, SEED, make_settings

from qa.config import Settings
from qa.embed import get_embedder
from qa.ingest import ingest
from qa.store import Store

TEXTS = [
    "How many US troops are in Syria?",
    "The roughly 900 US forces in eastern Syria are not present with the permission of the government.",
    "Der Stadtrat hat am Dienstag einen Haushalt von vier Millionen Euro beschlossen.",
    "",  # an empty chunk text still gets a vector, as with sentence-transformers
    "Storm " * 400,  # longer than the model's 256 tokens: truncated alike
]


@pytest.fixture(scope="module")
def reference():
    return get_embedder(Settings(embed_backend="torch"))


def test_openvino_gives_the_float32_vectors_in_order(embedder, reference):
    assert embedder.backend == "openvino"
    texts = TEXTS + SEED.read_text(encoding="utf-8").split("\n\n")[:20]
    ours, theirs = embedder.embed(texts), reference.embed(texts)
    assert ours.shape == theirs.shape == (len(texts), 384) and ours.dtype == np.float32
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.min() > 0.999, cosine
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
    # order is the caller's, not the length sort's: each text is nearest its own reference vector
    assert (np.argmax(ours @ theirs.T, axis=1) == np.arange(len(texts)))[[0, 1, 2, 4]].all()


def test_a_question_ranks_the_same_passages_on_either_runtime(embedder, reference):
    sentences = [s for s in SEED.read_text(encoding="utf-8").replace("\n", " ").split(". ") if len(s) > 30]
    q = "How many US troops are in Syria?"
    ours = np.argsort(-(embedder.embed(sentences) @ embedder.embed([q])[0]))[:5]
    theirs = np.argsort(-(reference.embed(sentences) @ reference.embed([q])[0]))[:5]
    assert list(ours) == list(theirs)


def test_a_store_records_its_runtime_and_the_other_runtime_extends_it(tmp_path, embedder, reference):
    s = make_settings(tmp_path, embed_backend="torch")
    store = Store(s, reference.name, reference.dim)
    ingest([DATA], store, reference, s, progress=False)
    assert store.col.metadata["embed_backend"] == "torch"
    s2 = make_settings(tmp_path)  # the default runtime opens the torch-built store and writes to it
    other = Store(s2, embedder.name, embedder.dim)
    extra = tmp_path / "extra.txt"
    extra.write_text("Council budget\n\nThe city council approved a budget of $4 million on Tuesday.\n")
    assert ingest([extra], other, embedder, s2, progress=False).ingested == 1
    meta = Store(s2, embedder.name, embedder.dim).col.metadata
    assert meta["embed_backend"] == "torch" and meta["embed_model"] == "all-MiniLM-L6-v2"
    hits = other.query(embedder.embed(["How large is the council's budget?"])[0], 1, None)
    assert "$4 million" in hits[0][0].text
