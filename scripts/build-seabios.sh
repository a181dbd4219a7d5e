#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the emulated Voyager's firmware: Debian's SeaBIOS (scripts/deps.sh
# fetched it with `apt-get source seabios`) with patches/seabios/series,
# whose driver gives int 13h to the SCSI disks behind the machine's NCR
# 53C710 MCA adapter, as the real card's ROM BIOS does.  Configured as
# Debian configures bios.bin for QEMU (CONFIG_QEMU, 128 KiB, the options
# of its debian/rules) without the PCI drivers, plus CONFIG_NCR710_MCA.
# Not as bios-256k.bin: a
# 256 KiB SeaBIOS runs its first 128 KiB from a copy it makes into shadow
# RAM through the i440FX's or Q35's PAM registers; the Voyager has no PCI
# host bridge, QEMU maps only the last 128 KiB of the firmware below 1 MiB
# (as RAM, on a machine without PCI), and such a SeaBIOS dies at its first
# jump there (invalid opcode at E0005h).  The machine boots Debian's
# 128 KiB bios.bin for the same reason.
#
#   build/src/seabios-debian    pristine `apt-get source seabios` tree
#   build/seabios-src           pristine + patches/seabios/series
#   build/seabios/out/bios.bin  the firmware; scripts/build-qemu.sh links
#                               it into QEMU's data directory as
#                               voyager-bios.bin
#
# Incremental: the tree is redone when the Debian revision or the series
# changes (stamp build/seabios-src/.voyager-stamp), the configuration when
# the options below change; SeaBIOS's own make does the rest.  Debian's
# build regenerates the ACPI tables of src/fw/*.hex with iasl; QEMU builds
# its own ACPI tables and the Voyager has none, so this build keeps the
# .hex files of the source package and needs no iasl.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/overlay.sh"

orig=$BUILD/src/seabios-debian
src=$BUILD/seabios-src
obj=$BUILD/seabios
log=$BUILD/logs/seabios-build.log
# bios.bin's options in Debian's debian/rules (bios-config), and the
# driver.  Then the drivers of PCI devices (USB controllers, AHCI, virtio,
# the LSI SCSI card) off: the Voyager has no PCI bus, and with Debian 13's
# gcc 14 the 128 KiB ROM with them does not fit (132384 bytes).
OPTIONS=(QEMU=y ROM_SIZE=128 PVSCSI=n ATA_DMA=n BOOTSPLASH=n XEN=n USB_OHCI=n
	USB_XHCI=n USB_UAS=n SDCARD=n TCGBIOS=n MPT_SCSI=n ESP_SCSI=n MEGASAS=n
	NVME=n USE_SMM=n VGAHOOKS=n HOST_BIOS_GEOMETRY=n ACPI_PARSE=n
	NCR710_MCA=y
	USB=n AHCI=n VIRTIO_BLK=n VIRTIO_SCSI=n LSI_SCSI=n)
ROM_KIB=128
mkdir -p "$BUILD/logs"

[ -s "$BUILD/src/seabios-apt/version" ] && [ -f "$orig/Makefile" ] ||
	die "no SeaBIOS source in $orig: run scripts/deps.sh"
deb_version=$(cut -d' ' -f1 "$BUILD/src/seabios-apt/version")

# 1. The patched tree, redone from pristine when the series changes.
prepare_patched_tree "$src" "$deb_version" "$top/patches/seabios" "Debian seabios $deb_version" \
	cp -a "$orig"
[ "$PATCHED_TREE_REDONE" = 0 ] || rm -rf "$obj"
stamp=$(cat "$src/.voyager-stamp")

setup_ccache
# SeaBIOS compiles each of its images from all its C files at once, which
# ccache passes through; it still caches the odd single-file step.
smake=(make -C "$src" PYTHON="python3 -B" KCONFIG_CONFIG="$obj/.config"
	OUT="$obj/out/" EXTRAVERSION="-debian-$deb_version-voyager")
[ -n "$CCACHE" ] && smake+=(CC="ccache gcc")

# 2. Configuration: the options on SeaBIOS's defaults.
cfg_stamp="$stamp ${OPTIONS[*]}"
if [ ! -f "$obj/.config" ] || [ "$(cat "$obj/.voyager-config" 2>/dev/null)" != "$cfg_stamp" ]; then
	note "configuring SeaBIOS in $obj: ${OPTIONS[*]}"
	rm -rf "$obj"
	mkdir -p "$obj/out"
	printf 'CONFIG_%s\n' "${OPTIONS[@]}" >"$obj/.config"
	{
		echo "Debian seabios $deb_version; patches/seabios/series; ${OPTIONS[*]}"
		"${smake[@]}" olddefconfig
	} >"$log" 2>&1 || die "SeaBIOS configuration failed: see $log"
	for o in "${OPTIONS[@]}"; do
		case $o in
		*=n) ! grep -qx "CONFIG_${o%=n}=y" "$obj/.config" ;;
		*) grep -qxF "CONFIG_$o" "$obj/.config" ;;
		esac || die "SeaBIOS configuration: CONFIG_$o did not survive (see $obj/.config)"
	done
	echo "$cfg_stamp" >"$obj/.voyager-config"
fi

# 3. Build.
note "building SeaBIOS (log: $log)"
{
	echo "Debian seabios $deb_version; patches/seabios/series; ${OPTIONS[*]}"
	"${smake[@]}" -j"$(nproc)" "$obj/out/bios.bin"
} >>"$log" 2>&1 || { tail -n 20 "$log" >&2; die "SeaBIOS build failed: see $log"; }
size=$(stat -c %s "$obj/out/bios.bin")
[ "$size" = $((ROM_KIB * 1024)) ] ||
	die "$obj/out/bios.bin is $size bytes, not the $ROM_KIB KiB configured"
note "SeaBIOS ready: $obj/out/bios.bin"
