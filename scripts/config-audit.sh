#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Fail unless every option a config fragment asks for is in the final
# .config with the value asked for.  (merge_config.sh only warns.)
#
# Usage: scripts/config-audit.sh <.config> <fragment>...
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

[ $# -ge 2 ] || die "usage: $0 <.config> <fragment>..."
config=$1
shift
[ -f "$config" ] || die "no $config"

bad=0
for frag in "$@"; do
	[ -f "$frag" ] || die "no config fragment $frag"
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*)
			opt=${line%%=*}
			if ! grep -qxF "$line" "$config"; then
				have=$(grep -E "^$opt=|^# $opt is not set" "$config" || echo "absent")
				echo "config audit: $(basename "$frag") asks for '$line', final .config has '$have'" >&2
				bad=1
			fi
			;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }
			opt=${opt%% *}
			if grep -qE "^$opt=" "$config"; then
				echo "config audit: $(basename "$frag") asks for '$opt' off, final .config has '$(grep -E "^$opt=" "$config")'" >&2
				bad=1
			fi
			;;
		esac
	done <"$frag"
done
[ $bad = 0 ] || die "config audit failed for $config (options above did not survive)"
echo "[voyager] config audit: every requested option is in $config" >&2
