// SPDX-License-Identifier: GPL-2.0
/*
 * Test: a SCSI disk behind an MCA adapter, from an empty disk to data
 * read back.
 *
 * For each disk of voyager_scsidisks (default "sda"): write an MBR
 * partition table with one Linux partition from sector 2048 to the end,
 * have the kernel read it again (BLKRRPART), make an ext2 file system on
 * the partition with busybox's mke2fs, mount it, write
 * voyager_scsidisk_text and the disk's name to /data, unmount, mount
 * again and read it back.  The host checks the file system and the file
 * afterwards (e2fsck, debugfs).
 */
#include "voyager_test.h"
#include <linux/fs.h>

#define MNT		"/mnt"
#define FIRST_SECTOR	2048

static void put_le32(unsigned char *p, unsigned int v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void path_of(char *buf, const char *a, const char *b, const char *c)
{
	strcpy(buf, a);
	strlcat(buf, b, 64);
	strlcat(buf, c, 64);
}

/* One partition, type 83h, from FIRST_SECTOR to the end of the disk. */
static int partition(const char *disk, long sectors)
{
	unsigned char mbr[512] = { 0 };
	unsigned char *e = mbr + 446;
	char dev[64];
	int fd, i;

	path_of(dev, "/dev/", disk, "");
	e[1] = 0xfe;		/* CHS: use the LBA fields */
	e[2] = 0xff;
	e[3] = 0xff;
	e[4] = 0x83;
	e[5] = 0xfe;
	e[6] = 0xff;
	e[7] = 0xff;
	put_le32(e + 8, FIRST_SECTOR);
	put_le32(e + 12, sectors - FIRST_SECTOR);
	mbr[510] = 0x55;
	mbr[511] = 0xaa;
	fd = open(dev, O_RDWR, 0);
	if (fd < 0 || write(fd, mbr, sizeof(mbr)) != sizeof(mbr) ||
	    fsync(fd) < 0) {
		printf("# %s: cannot write the partition table (errno %d)\n",
		       disk, errno);
		return -1;
	}
	if (ioctl(fd, BLKRRPART, NULL) < 0) {
		printf("# %s: BLKRRPART failed (errno %d)\n", disk, errno);
		return -1;
	}
	close(fd);
	/* devtmpfs makes the partition's node. */
	path_of(dev, "/dev/", disk, "1");
	for (i = 0; i < 50; i++) {
		fd = open(dev, O_RDONLY, 0);
		if (fd >= 0) {
			close(fd);
			return 0;
		}
		msleep(100);
	}
	printf("# %s: no %s after BLKRRPART\n", disk, dev);
	return -1;
}

static int mkfs(const char *disk)
{
	char dev[64];
	char *argv[] = { "/bin/busybox", "mke2fs", "-q", dev, NULL };
	char *envp[] = { NULL };
	int status = 0;
	pid_t pid;

	path_of(dev, "/dev/", disk, "1");
	pid = fork();
	if (pid == 0) {
		execve(argv[0], argv, envp);
		exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid ||
	    !WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("# %s: mke2fs failed (status %#x)\n", disk, status);
		return -1;
	}
	return 0;
}

static int mount_part(const char *disk)
{
	char dev[64];

	path_of(dev, "/dev/", disk, "1");
	if (mount(dev, MNT, "ext2", 0, NULL) < 0) {
		printf("# %s: cannot mount %s (errno %d)\n", disk, dev, errno);
		return -1;
	}
	return 0;
}

static int unmount(const char *disk)
{
	if (my_syscall2(__NR_umount2, MNT, 0) < 0) {
		printf("# %s: cannot unmount %s\n", disk, MNT);
		return -1;
	}
	return 0;
}

static int one_disk(const char *disk, const char *text)
{
	char path[64], buf[256], want[256];
	long sectors;
	int fd, len;

	path_of(path, "/sys/block/", disk, "/size");
	if (voyager_read_file(path, buf, sizeof(buf)) <= 0) {
		printf("# %s: no such disk\n", disk);
		return -1;
	}
	sectors = atol(buf);
	printf("# %s: %ld sectors\n", disk, sectors);
	if (sectors <= FIRST_SECTOR || partition(disk, sectors) < 0)
		return -1;
	path_of(path, "/sys/block/", disk, "/");
	strlcat(path, disk, sizeof(path));
	strlcat(path, "1/start", sizeof(path));
	if (voyager_read_file(path, buf, sizeof(buf)) <= 0 ||
	    atol(buf) != FIRST_SECTOR) {
		printf("# %s: partition 1 does not start at %d\n", disk,
		       FIRST_SECTOR);
		return -1;
	}
	printf("# %s: partition 1 at sector %d\n", disk, FIRST_SECTOR);
	if (mkfs(disk) < 0 || mount_part(disk) < 0)
		return -1;
	strcpy(want, text);
	strlcat(want, " on ", sizeof(want));
	strlcat(want, disk, sizeof(want));
	len = strlen(want);
	fd = open(MNT "/data", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, want, len) != len || fsync(fd) < 0 ||
	    close(fd) < 0) {
		printf("# %s: cannot write %s/data (errno %d)\n", disk, MNT,
		       errno);
		return -1;
	}
	printf("# %s: wrote \"%s\"\n", disk, want);
	/* Unmounted, the pages are gone: the read goes to the disk. */
	if (unmount(disk) < 0 || mount_part(disk) < 0)
		return -1;
	if (voyager_read_file(MNT "/data", buf, sizeof(buf)) < 0 ||
	    strcmp(buf, want)) {
		printf("# %s: %s/data holds \"%s\"\n", disk, MNT, buf);
		unmount(disk);
		return -1;
	}
	printf("# %s: read back \"%s\" intact\n", disk, buf);
	return unmount(disk);
}

int main(void)
{
	const char *text = getenv("voyager_scsidisk_text");
	const char *disks = getenv("voyager_scsidisks");
	char disk[16];
	int rc = 0, n;

	if (!text || !*text) {
		printf("# want voyager_scsidisk_text=TEXT\n");
		return 1;
	}
	if (!disks || !*disks)
		disks = "sda";
	mkdir(MNT, 0755);
	while (*disks) {
		for (n = 0; disks[n] && disks[n] != ',' && n < 15; n++)
			disk[n] = disks[n];
		disk[n] = '\0';
		disks += n;
		if (*disks == ',')
			disks++;
		if (one_disk(disk, text) < 0)
			rc = 1;
	}
	voyager_sync();
	return rc;
}
