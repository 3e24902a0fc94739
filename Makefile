# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv/ and install on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA ?= ../shared/data

.PHONY: setup demo test lint bench quality-floor model system-deps clean background-df link-model

setup: $(STAMP)

# Re-install only when the project's dependencies change (fast and idempotent otherwise).
$(STAMP): pyproject.toml scripts/install-debian-packages.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[all,dev]'
	-bash scripts/install-debian-packages.sh
	touch $(STAMP)

demo: setup
	$(VENV)/bin/newsbrief brief newsbrief/resources/demo/source-1.txt newsbrief/resources/demo/source-2.txt --words 100

test: setup
	$(VENV)/bin/ruff check newsbrief tests bench
	$(PY) -m pytest -q

# Regenerates the "## Evaluation" section of bench/RESULTS.md: newsbrief, lead, lexrank,
# textrank, lsa and oracle on four files of ../shared/data (about 10-15 minutes on 2 cores);
# JSON and PNG of each run go to bench/results/.
bench: setup
	$(PY) bench/run_eval.py

# Raise the quality floor in tests/quality_floor.json after an improvement (it never lowers one).
quality-floor: setup
	$(PY) bench/run_eval.py --record-floor

# Trains the shipped learned.v1 model (newsbrief/resources/learned.v1.json) on the 20,000 Multi-News training
# clusters of ../shared/data: seeded, so the same data gives the same bytes; about 6 minutes on 2 cores.
MODEL_SEED ?= 20261204
model: setup
	nice -n 10 $(VENV)/bin/newsbrief train $(DATA)/multinews_train.jsonl --seed $(MODEL_SEED) \
		--out newsbrief/resources/learned.v1.json

# Rebuilds newsbrief/resources/background_df.txt (how many news articles use each term; for telling a pile
# apart into stories) from $(DATA)/multinews_train.jsonl; deterministic, ~20 s.
background-df: setup
	$(PY) scripts/build_background_df.py --data $(DATA)/multinews_train.jsonl --clusters 0:15000

# Rebuilds newsbrief/resources/link.json (the story clusterer's learned link score for undated articles) from
# Multi-News train clusters 0-9,999 in streams of 5,000 clusters (each event among ~14,000 articles of
# others, as in an archive), threshold chosen on 10,000-14,999 (one such stream); deterministic, ~15 minutes
# on 2 cores.
link-model: setup
	nice -n 10 $(PY) -m newsbrief.cluster.link_train $(DATA)/multinews_train.jsonl --fit 0:10000 \
		--calibrate 10000:15000 --chunk 5000 --small-chunk 500 --out newsbrief/resources/link.json
	nice -n 10 $(PY) -m newsbrief.cluster.novelty_train $(DATA)/multinews_train.jsonl --fit 0:10000 \
		--calibrate 10000:15000 --out newsbrief/resources/novelty.json

lint: setup
	$(VENV)/bin/ruff check newsbrief tests bench

system-deps:
	bash scripts/install-debian-packages.sh

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
