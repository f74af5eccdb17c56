#!/usr/bin/env bash
# What `npm test` needs from the machine besides Node.js and node_modules: Debian packages, checked by the
# commands they bring. `npm test` runs this first (the "pretest" script), and so does .ci/run through it.
#   bash test/setup/system-packages.sh          install what is missing (as root, with apt-get), else say what to run
#   bash test/setup/system-packages.sh --check  only say what is missing (exit 1 if anything is)
set -euo pipefail

# command  Debian package  (what needs it)
needs=(
  "radosgw radosgw"            # the S3-compatible store of the records tests (test/helpers/radosgw.ts)
  "ceph-mon ceph-mon"          # its monitor
  "ceph-osd ceph-osd"          # its object store daemon (memstore)
  "monmaptool ceph-base"       # its first monitor map
  "ceph ceph-common"           # places the OSD in the CRUSH map
  "radosgw-admin ceph-common"  # creates the test user and keys
  "strip binutils"             # packaging strips the Node.js runtime before it gzips it
  "ps procps"                  # the portable process path lists trees with ps
  "script bsdutils"            # a real terminal, for the SIGHUP test
  "perl perl-base"             # pre-forking test sidecars (shared memory)
  "setsid util-linux"          # detaching test sidecars
  "unzip unzip"                # a second reader of the packaged zip's modes
  "chromium chromium"          # the browser of the run page's tests (test/helpers/browser.ts)
)

missing_commands=()
missing_packages=()
for line in "${needs[@]}"; do
  read -r command package <<<"$line"
  if ! command -v "$command" >/dev/null 2>&1; then
    missing_commands+=("$command")
    [[ " ${missing_packages[*]} " == *" $package "* ]] || missing_packages+=("$package")
  fi
done
[ ${#missing_commands[@]} -eq 0 ] && exit 0

install_line="apt-get install -y --no-install-recommends ${missing_packages[*]}"
echo "npm test needs commands this machine lacks: ${missing_commands[*]} (Debian packages: ${missing_packages[*]})" >&2
if [ "${1:-}" != --check ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing them: apt-get update && $install_line" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $install_line -qq
  exec bash "${BASH_SOURCE[0]}" --check # say what is still missing, if anything
fi
echo "Install them, then run npm test again:" >&2
echo "  sudo apt-get update && sudo $install_line" >&2
exit 1
