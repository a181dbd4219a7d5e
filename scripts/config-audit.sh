#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Fail unless every option the config fragments ask for is in the final
# .config with the value asked for.  (merge_config.sh only warns.)
#
# The fragments are read in merge order and, as in merge_config.sh, a
# later fragment overrides an earlier one: configs/novoyager.config may
# turn off what configs/voyager.config turned on, and only its answer is
# audited.
#
# Usage: scripts/config-audit.sh <.config> <fragment>...
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

[ $# -ge 2 ] || die "usage: $0 <.config> <fragment>..."
config=$1
shift
[ -f "$config" ] || die "no $config"

# What is asked for: option -> "value" (y, m, "string", or "n" for
# "is not set"), and which fragment asked last.
declare -A want from
order=()
for frag in "$@"; do
	[ -f "$frag" ] || die "no config fragment $frag"
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*)
			opt=${line%%=*}
			val=${line#*=}
			;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }
			opt=${opt%% *}
			val=n
			;;
		*) continue ;;
		esac
		[ -n "${want[$opt]+set}" ] || order+=("$opt")
		want[$opt]=$val
		from[$opt]=$(basename "$frag")
	done <"$frag"
done

bad=0
for opt in "${order[@]}"; do
	val=${want[$opt]}
	if [ "$val" = n ]; then
		if grep -qE "^$opt=" "$config"; then
			echo "config audit: ${from[$opt]} asks for '$opt' off, final .config has '$(grep -E "^$opt=" "$config")'" >&2
			bad=1
		fi
	elif ! grep -qxF "$opt=$val" "$config"; then
		have=$(grep -E "^$opt=|^# $opt is not set" "$config" || echo "absent")
		echo "config audit: ${from[$opt]} asks for '$opt=$val', final .config has '$have'" >&2
		bad=1
	fi
done
[ $bad = 0 ] || die "config audit failed for $config (options above did not survive)"
echo "[voyager] config audit: every requested option is in $config" >&2
