#!/usr/bin/env bash
# Installs what is missing, builds everything twice (sanitizers, then release) and
# runs every test in both builds; the fuzz targets, which clang builds on their own
# whatever the preset, run once, with the sanitizer build's tests (CMakePresets.json).
# The last lines printed are CTest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

jobs=$(nproc)
echo "== Sanitizer build (ASan + UBSan) =="
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan

echo "== Release build =="
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
ctest --preset release
