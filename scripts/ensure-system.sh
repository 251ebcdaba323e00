#!/usr/bin/env bash
# Install the system packages greenkit needs when they are missing.
# - fonts-noto-cjk: Chinese glyphs for PDFs and charts (no tofu)
# - libpango/libharfbuzz: WeasyPrint's text layout
# - poppler-utils: pdftotext/pdftoppm, used by the report tests
# - postgresql: the PostgreSQL store tests start a throwaway server
# Runs apt-get only as root; otherwise it names what is missing and carries on.
set -euo pipefail

missing=()
# Capture first: `cmd | grep -q` would SIGPIPE cmd and fail under pipefail.
fonts=$(fc-list 2>/dev/null || true)
libs=$(ldconfig -p 2>/dev/null || true)
grep -qi "Noto Sans CJK" <<<"$fonts" || missing+=(fonts-noto-cjk)
grep -q "libpango-1.0.so" <<<"$libs" || missing+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b)
# WeasyPrint subsets embedded fonts with HarfBuzz; without it a CJK PDF is 5x slower.
grep -q "libharfbuzz-subset.so.0" <<<"$libs" || missing+=(libharfbuzz-subset0)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "greenkit: system packages missing: ${missing[*]}" >&2
  echo "greenkit: install them with your package manager (e.g. sudo apt-get install ${missing[*]})" >&2
  exit 0
fi

echo "greenkit: installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
