#!/bin/sh
# infrac does not link libcurl: it opens libcurl.so.4 on the first AWS request
# (aws/curl_loader.cpp). Where that fails, an AWS command fails with exit 5 and says
# why, naming the library, instead of a bare "could not start a transfer".
# Usage: no_libcurl.sh INFRAC
set -u
infrac=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
: > "$dir/libcurl.so.4"  # found first on LD_LIBRARY_PATH, and no library
LD_LIBRARY_PATH="$dir" AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=not-a-secret AWS_EC2_METADATA_DISABLED=true \
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
  "$infrac" import --stack nothing --region us-east-1 --endpoint-url http://127.0.0.1:9 --max-attempts 1 \
  > "$dir/out" 2> "$dir/err"
status=$?
cat "$dir/err"
if [ "$status" -ne 5 ]; then
  echo "FAIL: exit status $status, expected 5" >&2
  exit 1
fi
if ! grep -q "libcurl could not start a transfer: libcurl (libcurl.so.4) could not be loaded: " "$dir/err"; then
  echo "FAIL: the error does not say that libcurl.so.4 could not be loaded" >&2
  exit 1
fi
echo "ok"
