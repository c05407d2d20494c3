#!/bin/sh
# Emacs's eglot against `infrac lsp` (eglot_test.el), on a copy of tests/lsp/sessions/project.
#   tests/lsp/editors/eglot_test.sh build/infrac
set -eu
here=$(cd "$(dirname "$0")" && pwd)
infrac=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/../sessions/project/." "$work/"
cd "$work"
# A fresh HOME: no user init file, nothing written to the real one.
HOME="$work" exec emacs --batch -l "$here/eglot_test.el" "$infrac" "$work"
