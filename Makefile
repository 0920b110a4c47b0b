# aktsom: `make run` starts the main job (Slack bot when SLACK_BOT_TOKEN is set, else the terminal chat), `make test` runs the tests. Both set themselves up.
VENV ?= .venv
PY := $(VENV)/bin/python
EVAL_QUESTIONS ?= bench/eval2/questions.tsv
EVAL_CORPUS ?= bench/eval2/docs
UV := $(VENV)/bin/uv
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)
STAMP := $(VENV)/.installed

.PHONY: setup run chat test lint eval eval-shared fusion bench mutation bundled-vectors

setup: $(STAMP)

# torch first, from the CPU wheel on disk (otherwise pip fetches a multi-GB CUDA build);
# then everything else exactly as locked in requirements.lock, with uv.
$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check torch==2.13.0 uv
	$(UV) pip install -q --python $(PY) $(FIND_LINKS) -r requirements.lock
	$(UV) pip install -q --python $(PY) --no-deps -e .
	touch $(STAMP)

run: setup
	$(VENV)/bin/aktsom start

chat: setup
	$(VENV)/bin/aktsom chat

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

eval: setup
	$(VENV)/bin/aktsom eval --questions $(EVAL_QUESTIONS) --corpus $(EVAL_CORPUS)

eval-shared: setup
	$(VENV)/bin/aktsom eval --questions ../shared/eval/questions.tsv --corpus ../shared/corpus

# Fusion weights and gate re-derived on bench/eval2 (and the shared set where it exists).
fusion: setup
	$(PY) bench/fusion.py $(if $(wildcard ../shared/eval/questions.tsv),--also shared=../shared/corpus:../shared/eval/questions.tsv)

bench: setup
	$(PY) bench/knowledge.py

# The shipped vectors of the bundled guide, Act and samples: rebuild after editing them.
bundled-vectors: setup
	$(PY) -m knowledge.build_bundled_vectors

mutation: setup
	$(VENV)/bin/mutmut run --max-children 1
	$(VENV)/bin/mutmut results
