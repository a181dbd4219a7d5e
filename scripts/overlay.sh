# SPDX-License-Identifier: GPL-2.0
#
# The overlay rules shared by the kernel, QEMU and SeaBIOS tree
# preparation: patches from a quilt-style series applied with zero fuzz,
# and new files copied in, never over a file the pristine tree already
# has.  Sourced.

# series_files <patchdir>: the patch names listed in <patchdir>/series.
series_files() {
	[ -f "$1/series" ] || return 0
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$1/series" | grep -v '^$' || true
}

# inputs_hash <patchdir>: a hash of the series and every patch in it, so a
# prepared tree is redone whenever any of them changes.
inputs_hash() {
	local dir=$1 p
	{
		[ -f "$dir/series" ] && cat "$dir/series"
		for p in $(series_files "$dir"); do
			[ -f "$dir/$p" ] || die "$dir/series names $p, which does not exist"
			cat "$dir/$p"
		done
	} | sha256sum | cut -c1-16
}

# apply_series <tree> <patchdir> [<what>]: apply every patch with zero
# fuzz.  A patch that does not fit stops with one line naming it and
# <what> the tree is (e.g. the Debian package version); patch's own output
# goes to build/logs/patch-failure.log.
apply_series() {
	local tree=$1 dir=$2 what=${3:-$1} p log plog=$BUILD/logs/patch-failure.log
	for p in $(series_files "$dir"); do
		log=$(patch -d "$tree" -p1 --fuzz=0 --forward --no-backup-if-mismatch \
			<"$dir/$p" 2>&1) || {
			mkdir -p "$(dirname "$plog")"
			printf '%s\n' "$log" >"$plog"
			die "$what: patch ${dir#"$top"/}/$p does not apply with zero fuzz (patch output: $plog)"
		}
		if printf '%s\n' "$log" | grep -q 'with fuzz'; then
			die "$what: patch ${dir#"$top"/}/$p needed fuzz: refresh it"
		fi
	done
}

# prepare_patched_tree <tree> <version> <patchdir> <what> <fill>...: make
#   <tree> the pristine source with the series of <patchdir> applied,
#   redone only when <version> or the series changed (the stamp
#   <tree>/.voyager-stamp says "<version> <inputs_hash>").  "<fill>...
#   <tree>.new" puts the pristine source in <tree>.new; the series is
#   applied there (apply_series, whose one-line error names <what>), the
#   stamp written, and the result swapped in for <tree>.  Sets
#   PATCHED_TREE_REDONE to 1 when it redid the tree, else 0, so that the
#   caller drops what it built from the old one.
# shellcheck disable=SC2034 # PATCHED_TREE_REDONE: read by the caller
prepare_patched_tree() {
	local tree=$1 version=$2 dir=$3 what=$4 stamp
	shift 4
	stamp="$version $(inputs_hash "$dir")"
	PATCHED_TREE_REDONE=0
	[ "$(cat "$tree/.voyager-stamp" 2>/dev/null)" != "$stamp" ] || return 0
	note "preparing $tree ($what, ${dir#"$top"/}/series)"
	rm -rf "$tree.new"
	"$@" "$tree.new"
	apply_series "$tree.new" "$dir" "$what"
	echo "$stamp" >"$tree.new/.voyager-stamp"
	rm -rf "$tree"
	mv "$tree.new" "$tree"
	PATCHED_TREE_REDONE=1
}

# copy_overlay <srcdir> <tree> <dest-subdir> <pristine-file-list> <manifest>
#   Copies every file below <srcdir> to <tree>/<dest-subdir>/, failing if
#   the destination is a file of the pristine tree (one path per line in
#   <pristine-file-list>, relative to the tree top).  Unchanged files keep
#   their time stamps so incremental builds stay incremental.  Appends the
#   copied paths to <manifest>.
copy_overlay() {
	local src=$1 tree=$2 sub=$3 list=$4 manifest=$5 f rel dst
	[ -d "$src" ] || return 0
	while IFS= read -r -d '' f; do
		rel=${f#"$src"/}
		dst=${sub:+$sub/}$rel
		# Paths in the manifest are the tree-relative destinations.
		if grep -qxF "$dst" "$list"; then
			die "overlay file ${src#"$top"/}/$rel would overwrite upstream $dst"
		fi
		mkdir -p "$(dirname "$tree/$dst")"
		cmp -s "$f" "$tree/$dst" || cp "$f" "$tree/$dst"
		echo "$dst" >>"$manifest"
	done < <(find "$src" -type f ! -name '*~' ! -name '.*' -print0 | sort -z)
}

# prune_overlay <tree> <old-manifest> <new-manifest>: remove files copied by
# an earlier run that the overlay no longer has.
prune_overlay() {
	local tree=$1 old=$2 new=$3 f
	[ -f "$old" ] || return 0
	while IFS= read -r f; do
		grep -qxF "$f" "$new" || rm -f "$tree/$f"
	done <"$old"
}
