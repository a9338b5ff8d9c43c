#!/usr/bin/env bash
# test_samples.sh: the shipped rules on the labelled samples (issue 4's targets): at least 97%
# accuracy, no yes/no swaps, at least 95% of later-callbacks within 7 days.
set -euo pipefail
: "${REPLYWATCH:?}" "${RW_SOURCE_DIR:?}"
manifest="$RW_SOURCE_DIR/samples/manifest.tsv"
if [ ! -f "$manifest" ]; then
	echo "skipped: $manifest is absent"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/.config"
"$REPLYWATCH" rules test "$manifest" --quiet --min-accuracy 0.97 --min-callback 0.95 \
	--max-swaps 0
