#!/usr/bin/env bash
# A doctest TEST_CASE whose name holds a ';' never runs under CTest: doctest_discover_tests
# splits the name there, each half matches no test case, and CTest counts the empty run
# as a pass. This fails on any such name, so a test cannot silently stop running.
set -uo pipefail
tests="$(cd "$(dirname "$0")/.." && pwd)"
found="$(grep -rnE --include='*.cpp' 'TEST_CASE\("[^"]*;' "$tests" || true)"
if [ -n "$found" ]; then
  echo "these test names hold a ';' (use ',' instead), so CTest never runs them:"
  echo "$found"
  exit 1
fi
echo "PASS"
