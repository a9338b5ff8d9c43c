#!/usr/bin/env bash
# test_holdout.sh: the shipped rules on replies they were never tuned on (samples/holdout/).
# A floor, not a target: it catches a change that makes the rules generalise worse.
set -euo pipefail
: "${REPLYWATCH:?}" "${RW_SOURCE_DIR:?}"
manifest="$RW_SOURCE_DIR/samples/holdout/manifest.tsv"
if [ ! -f "$manifest" ]; then
	echo "skipped: $manifest is absent"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/.config"
"$REPLYWATCH" rules test "$manifest" --min-accuracy 0.85 --max-swaps 0 | tail -1
