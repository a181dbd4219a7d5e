# SPDX-License-Identifier: GPL-2.0-or-later
#
# Devices for the project's minimal qemu-system-i386: the stock ISA and
# i440FX PCs (the kernel's PC path is tested on them) and the voyager board.

CONFIG_ISAPC=y
CONFIG_I440FX=y
CONFIG_VOYAGER=y
CONFIG_VOYAGER_CAT=y
CONFIG_PARALLEL=y
CONFIG_VGA_PCI=y
CONFIG_E1000_PCI=y
# The Voyager's planar VGA (and the PCs'): imply does not pull it in when
# QEMU is configured --without-default-devices.
CONFIG_VGA_ISA=y
# The planar floppy controller (the boot qtest boots a floppy image).
CONFIG_FDC_ISA=y
# The Micro Channel bus and NCR's SCSI adapters (selects NCR710_SCSI).
CONFIG_VOYAGER_MCA=y
# The Novell NE/2 network card on it (selects NE2000_COMMON).
CONFIG_VOYAGER_MCA_NE2=y
# The PC's SCSI controller for the SCSI bench (scripts/bench-scsi.py): the
# same disk on -M pc behind a PCI LSI 53C895A (the kernel's sym53c8xx).
CONFIG_LSI_SCSI_PCI=y
