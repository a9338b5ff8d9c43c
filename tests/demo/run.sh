#!/usr/bin/env bash
# The demo: until the watcher lands, classify every sample message offline.
set -euo pipefail
bin=${1:?usage: run.sh PATH/TO/replywatch}
here=$(cd "$(dirname "$0")/../.." && pwd)
shopt -s nullglob
files=("$here"/samples/mail/*.eml)
if [ ${#files[@]} -eq 0 ]; then
	echo "demo: no samples yet in samples/mail/" >&2
	exit 1
fi
"$bin" classify "${files[@]}"
