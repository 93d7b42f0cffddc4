#!/usr/bin/env bash
# Write requirements/main.lock (the default install) and requirements/dev.lock (what `make test` and CI install: the
# dev and bench extras) from pyproject.toml's ranges: exact versions with the sha256 of every file the index has for
# them, for CPython 3.11 on x86_64 Linux, with setuptools and wheel to build newsgraph itself without fetching more.
# Run it after changing a dependency in pyproject.toml; `make` then installs with pip --require-hashes.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools"
"$tools/bin/pip" install -q "uv==0.13.9"
compile() {
    "$tools/bin/uv" pip compile pyproject.toml requirements/build.in --generate-hashes --python-version 3.11 \
        --python-platform x86_64-manylinux_2_28 --no-header "$@"
}
compile -o requirements/main.lock
compile --extra dev --extra bench -o requirements/dev.lock
