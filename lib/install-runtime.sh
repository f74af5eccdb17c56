#!/usr/bin/env bash
# lib/install-runtime.sh BUILDPACK_DIR DIR — bin/supply's Node.js runtime, put at DIR/bin/node before
# any Node.js runs (the stack has bash, curl, tar, gzip and sha256sum, not Node.js). A cached zip
# ships it (manifest.yml `file:`); a git clone and an uncached zip download manifest.yml's `uri:`,
# or $SIDECARS_RUNTIME_MIRROR/<the same file name>. Either is checked against manifest.yml's
# `sha256:`; a download before anything of it is extracted. A failure is one **ERROR** line naming
# the URL and a line saying what to do, exit 1; bin/supply removes DIR whatever happens.
set -euo pipefail
BP="$1" DIR="$2"
# The download's bounds (README "Staging from a git URL or an uncached zip"): a connection within
# CONNECT_S; at least STALL_BYTES_PER_S over any STALL_S (a mirror that accepts and stays silent
# included); MAX_S in all. One more attempt only after a quick failure that may pass (within
# RETRY_WITHIN_S): a cut or reset connection, HTTP 5xx, 408 or 429.
CONNECT_S=10 STALL_S=20 STALL_BYTES_PER_S=65536 MAX_S=300 RETRY_WITHIN_S=60
fail() { printf '       **ERROR** %s\n       %s\n' "$1" "$2" >&2; exit 1; }
is_full() { local kb; kb="$(df -Pk "$DIR" 2>/dev/null | awk 'NR==2 {print $4}')"; [[ -n "$kb" ]] && ((kb < 2048)); }
read -r VERSION FILE URI SUM < <(awk '$1=="-" && $2=="name:" {n=$3}
  n=="node" && $1~/^(version|file|uri|sha256):$/ && !($1 in v) {k=$1; gsub(/["\047]/, "", $2); v[k]=$2}
  END {print v["version:"] "", (v["file:"] ? v["file:"] : "-"), (v["uri:"] ? v["uri:"] : "-"), v["sha256:"] ""}' \
  "$BP/manifest.yml") || true
[[ "${SUM:-}" =~ ^[0-9a-f]{64}$ && ("$FILE" != - || "$URI" != -) ]] ||
  fail "$BP/manifest.yml names no Node.js runtime (file or uri, and sha256): the buildpack is corrupt" \
    "Stage with a zip made by npm run package, or a git URL of the buildpack's repository."
DISK="Staging needs about 180 MB free for the runtime: raise the disk quota (cf push APP -k 2G)."
mkdir -p "$DIR" 2>/dev/null || fail "could not create $DIR" "$DISK"
if [[ "$FILE" != - ]]; then # a cached zip: the sha256 checked beside the extraction, on the other core
  echo "$SUM  $BP/$FILE" | sha256sum --check --status & CHECK=$!
  EXTRACTED=0; TAR_ERRORS="$(tar -xzf "$BP/$FILE" -C "$DIR" 2>&1)" && EXTRACTED=1
  wait "$CHECK" || fail "$FILE does not match its sha256 in manifest.yml: the buildpack is corrupt" \
    "Package it again (npm run package) and upload the new zip."
  [[ $EXTRACTED == 1 ]] || { is_full && TAR_ERRORS="the disk is full"
    fail "could not extract $FILE into $DIR: ${TAR_ERRORS//$'\n'/; }" "$DISK"; }
  exit 0
fi

NAME="${URI##*/}" URL="$URI" MIRROR="${SIDECARS_RUNTIME_MIRROR:-}"
if [[ -n "$MIRROR" ]]; then
  [[ "$MIRROR" =~ ^https?://[^/]+ ]] || fail "SIDECARS_RUNTIME_MIRROR is not an http:// or https:// URL" \
    "Set it to the base URL of a mirror that serves $NAME: cf set-env APP SIDECARS_RUNTIME_MIRROR https://mirror.example/npm"
  URL="${MIRROR%/}/$NAME"
fi
SHOWN="$URL" # never a password of the URL in the log
[[ "$URL" =~ ^([a-z]+://)[^/@]*@(.*)$ ]] && SHOWN="${BASH_REMATCH[1]}***@${BASH_REMATCH[2]}"
if [[ -n "$MIRROR" ]]; then
  WHAT="Check that the mirror (SIDECARS_RUNTIME_MIRROR) is up and serves the npm registry's $NAME there, or unset it (cf unset-env APP SIDECARS_RUNTIME_MIRROR)."
else
  WHAT="Give staging access to it (an https_proxy in the staging environment variable group), or set SIDECARS_RUNTIME_MIRROR to a mirror that serves $NAME (cf set-env APP SIDECARS_RUNTIME_MIRROR https://…), or use the cached zip."
fi
echo "-----> Downloading Node.js $VERSION from $SHOWN"
TGZ="$DIR/$NAME" START=$SECONDS
for ATTEMPT in 1 2; do
  RC=0 HTTP=000 BYTES=0 TIME=0 CONNECTED=0
  ERR="$(curl -q --silent --show-error --fail --location --proto '=http,https' --proto-redir '=http,https' \
    --connect-timeout "$CONNECT_S" --speed-limit "$STALL_BYTES_PER_S" --speed-time "$STALL_S" --max-time "$MAX_S" \
    --output "$TGZ" --write-out '%{http_code} %{size_download} %{time_total} %{time_connect}' \
    "$URL" 2>&1 >"$DIR/.curl-out")" || RC=$?
  read -r HTTP BYTES TIME CONNECTED <"$DIR/.curl-out" || true
  case "$RC" in
    0) break ;;
    5 | 6 | 7) REASON="it cannot be reached ($([[ $RC == 7 ]] && echo 'connection refused, or no route' || echo 'the host or proxy name does not resolve'))" ;;
    22) REASON="it answered HTTP $HTTP" ;;
    28) if [[ "$CONNECTED" == 0.000000 ]]; then REASON="no connection within $CONNECT_S s"
        elif (( ${TIME%.*} >= MAX_S )); then REASON="not done within $MAX_S s ($BYTES bytes received)"
        else REASON="it sent less than $((STALL_BYTES_PER_S / 1024)) KiB/s for $STALL_S s ($BYTES bytes received)"; fi
        WHAT="A mirror must answer at once and send at least $((STALL_BYTES_PER_S / 1024)) KiB/s. $WHAT" ;;
    18) REASON="the connection closed after $BYTES bytes, before the end of the file" ;;
    23) REASON="could not write it into $DIR$(is_full && echo ': the disk is full')"; WHAT="$DISK" ;;
    *) REASON="${ERR#curl: }" ;;
  esac
  if [[ $ATTEMPT == 1 && $((SECONDS - START)) -lt $RETRY_WITHIN_S ]] &&
    [[ $RC =~ ^(16|18|52|55|56|92)$ || ($RC == 22 && $HTTP =~ ^(5..|408|429)$) ]]; then
    echo "       $REASON: trying once more"; sleep 1; continue
  fi
  fail "could not download the Node.js runtime from $SHOWN: $REASON" "$WHAT"
done
read -r GOT _ < <(sha256sum "$TGZ")
if [[ "$GOT" != "$SUM" ]]; then
  rm -f "$TGZ"
  fail "$SHOWN served a file whose sha256 is $GOT, not $SUM (manifest.yml): it was neither extracted nor run" \
    "The mirror must serve the npm registry's $NAME byte for byte; check it, and any proxy in between."
fi
TAR_ERRORS="$(tar -xzf "$TGZ" -C "$DIR" --strip-components=1 --occurrence=1 package/bin/node 2>&1)" || {
  is_full && TAR_ERRORS="the disk is full"
  fail "could not extract bin/node from $NAME (from $SHOWN) into $DIR: ${TAR_ERRORS//$'\n'/; }" "$DISK"
}
rm -f "$TGZ" "$DIR/.curl-out"
printf '       %s.%s MB in %.1f s, sha256 checked\n' $((BYTES * 10 / 1048576 / 10)) $((BYTES * 10 / 1048576 % 10)) "$TIME"
