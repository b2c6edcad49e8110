# Headless Chromium and its driver from Debian for the desk's browser tests
# (tests/test_desk_browser.py). Sourced by .ci/run; with REVIEWER_BROWSER_TESTS=1
# those tests fail instead of skipping when the browser is missing.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
export REVIEWER_BROWSER_TESTS=1
# Selenium must use the Debian driver and never try to download one.
export SE_OFFLINE=true
