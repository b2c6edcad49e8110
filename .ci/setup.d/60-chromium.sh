# Headless Chromium and its driver from Debian for the desk's browser tests
# (tests/test_desk_browser.py). Sourced by .ci/run, which sets CI=true: there those tests
# fail instead of skipping when the browser is missing (tests/conftest.py require).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# Selenium must use the Debian driver and never try to download one.
export SE_OFFLINE=true
