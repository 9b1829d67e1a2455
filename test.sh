#!/usr/bin/env bash
# Runs every test of the solution, installing first what the tests need:
#   - Azurite (npm, pinned in package-lock.json) for the Azure Storage backend's tests;
#   - Debian's Chromium for the browser tests (never Playwright's own browser download).
# Ends with the line "N passed, N failed[, N skipped]" counted from the TRX result files, and exits
# non-zero when anything failed or did not run.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/TestResults"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

echo "== tools"
command -v npm >/dev/null 2>&1 || apt_install nodejs npm
if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  apt_install chromium || { echo "installing chromium failed"; echo "0 passed, 1 failed"; exit 1; }
fi
echo "azurite $(node_modules/.bin/azurite --version 2>/dev/null), $("${CHROMIUM_PATH:-/usr/bin/chromium}" --version 2>/dev/null)"

echo "== build"
rm -rf "$results"
mkdir -p "$results/artifacts"
export CLIMABOROUGH_TEST_RESULTS="$results/artifacts"
if ! dotnet build Climaborough.sln -c Release -nologo -v:q; then
  echo "0 passed, 1 failed (the build failed)"
  exit 1
fi

# The test projects run side by side, then the browser tests alone: on two cores, Chromium, a node and
# the WebAssembly app starting beside 1,500 server tests made the browser tests wait past their timeouts.
# The browser tests alone keep both cores busy (docs/testing.md): beside the server tests they would gain nothing.
run_tests() {
  dotnet test "$1" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$(basename "$1" .csproj).trx" --logger "console;verbosity=normal" --results-directory "$results"
}
echo "== test"
status=0
pids=()
for project in tests/*/*.Tests.csproj; do
  case "$project" in *E2E*) continue ;; esac
  run_tests "$project" & pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
echo "== browser tests"
for project in tests/*E2E*/*.Tests.csproj; do
  run_tests "$project" || status=1
done

count() { cat "$results"/*.trx 2>/dev/null | grep -o "<UnitTestResult [^>]*outcome=\"$1\"" | wc -l; }
passed=$(count Passed)
failed=$(( $(count Failed) + $(count Error) + $(count Timeout) + $(count Aborted) ))
skipped=$(count NotExecuted)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # dotnet test failed without a failed result: a test host crashed or a project did not run.
  failed=1
  echo "dotnet test exited with $status although no test result failed: counting it as a failure"
fi
# Name every test that did not pass, with the first lines of its message, just above the count, so
# the end of the log says what failed even when only its tail is kept.
perl -0777 -ne '
  sub unxml { my $t = shift; $t =~ s/&lt;/</g; $t =~ s/&gt;/>/g; $t =~ s/&quot;/"/g; $t =~ s/&apos;/\x27/g; $t =~ s/&amp;/&/g; $t }
  while (/<UnitTestResult\b([^>]*?)(?:\/>|>(.*?)<\/UnitTestResult>)/gs) {
    my ($attrs, $body) = ($1, $2 // "");
    next unless $attrs =~ /outcome="(Failed|Error|Timeout|Aborted)"/;
    my ($name) = $attrs =~ /testName="([^"]*)"/;
    my ($msg) = $body =~ /<Message>(.*?)<\/Message>/s;
    $msg = unxml($msg // ""); $name = unxml($name // "?");
    my @lines = grep { /\S/ } split /\n/, $msg;
    print "FAILED $name\n"; print "    $_\n" for @lines[0 .. ($#lines < 5 ? $#lines : 5)];
  }' "$results"/*.trx 2>/dev/null
echo "screenshots and other artefacts: $results/artifacts"
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
