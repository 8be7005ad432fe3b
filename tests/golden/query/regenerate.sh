#!/usr/bin/env bash
# Rewrites the golden files from the current build; review the diff before committing.
#   regenerate.sh BIN_DIR
set -euo pipefail
exec bash "$(dirname "$0")/run.sh" "$1" --update
