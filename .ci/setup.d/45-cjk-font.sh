# Sourced by .ci/run: the Chinese font the annual report's charts draw with
# (reviewer/reports/cjkfont.py looks for it by path and refuses to draw empty boxes).
if [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
  echo "installing fonts-wqy-microhei"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
fi
