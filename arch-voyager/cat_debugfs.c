// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager CAT bus raw access for developers, in debugfs (root only).
 *
 * /sys/kernel/debug/voyager/cat/raw: write "MM AA RR" to read register RR
 * of ASIC AA in module MM, or "MM AA RR VV" to write VV to it; reading the
 * file gives the last result as "MM AA RR VV" (all hex) or the error.
 * /sys/kernel/debug/voyager/cat/subaddr: write "MM AA ADDR [LEN]" to read
 * LEN (default 1, at most 64) bytes of the ASIC's subaddress space; read
 * back "MM AA ADDR: b0 b1 ...".  Everything goes through the driver API,
 * with its locking, checks and retries.  A command with a field missing
 * or too many, a value out of range or not a number, or longer than 47
 * bytes is refused with -EINVAL and leaves the last result as it was.
 */
#define pr_fmt(fmt) "Voyager CAT: " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "cat.h"
#include "voyager.h"

#define CAT_DEBUG_MAX_LEN	64

static DEFINE_MUTEX(cat_debug_lock);
static char cat_raw_result[64] = "no access yet\n";
static char cat_sub_result[32 + 3 * CAT_DEBUG_MAX_LEN];

static ssize_t cat_result_read(char __user *ubuf, size_t count, loff_t *ppos,
			       const char *result)
{
	ssize_t ret;

	mutex_lock(&cat_debug_lock);
	ret = simple_read_from_buffer(ubuf, count, ppos, result,
				      strlen(result));
	mutex_unlock(&cat_debug_lock);
	return ret;
}

/* Copy a short command line from user space, NUL-terminated. */
static int cat_get_line(char *line, size_t size, const char __user *ubuf,
			size_t count)
{
	if (count >= size)
		return -EINVAL;
	if (copy_from_user(line, ubuf, count))
		return -EFAULT;
	line[count] = '\0';
	return 0;
}

/* One field of a command: its base and its largest value. */
struct cat_field {
	unsigned int base;
	unsigned int max;
};

/*
 * Split @line into the fields of @fields (3, or all @nfields), separated
 * by blanks, a newline at the end allowed: each a whole number in its
 * base, at most its largest value.  Return the number of fields, or
 * -EINVAL for anything else (sscanf() would take "1x" for 1, ignore a
 * field too many and cut a 64-bit value to 32 bits).
 */
static int cat_parse(char *line, const struct cat_field *fields,
		     int nfields, unsigned int *val)
{
	char *tok;
	int n = 0;

	while ((tok = strsep(&line, " \t\n")) != NULL) {
		if (!*tok)
			continue;
		if (n == nfields || kstrtouint(tok, fields[n].base, &val[n]) ||
		    val[n] > fields[n].max)
			return -EINVAL;
		n++;
	}
	return n == 3 || n == nfields ? n : -EINVAL;
}

/* "MM AA RR [VV]", hex. */
static const struct cat_field raw_fields[] = {
	{ 16, 0xff }, { 16, 0xff }, { 16, 0xff }, { 16, 0xff },
};

/* "MM AA ADDR [LEN]", hex but LEN decimal. */
static const struct cat_field subaddr_fields[] = {
	{ 16, 0xff }, { 16, 0xff }, { 16, 0xffff }, { 10, CAT_DEBUG_MAX_LEN },
};

static ssize_t raw_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	unsigned int f[ARRAY_SIZE(raw_fields)];
	unsigned int module, asic, reg;
	char line[48];
	int n, ret;
	u8 v;

	ret = cat_get_line(line, sizeof(line), ubuf, count);
	if (ret)
		return ret;
	n = cat_parse(line, raw_fields, ARRAY_SIZE(raw_fields), f);
	if (n < 0)
		return n;
	module = f[0];
	asic = f[1];
	reg = f[2];

	mutex_lock(&cat_debug_lock);
	if (n == 4) {
		v = f[3];
		ret = voyager_cat_write(module, asic, reg, v);
	} else {
		ret = voyager_cat_read(module, asic, reg, &v);
	}
	if (ret)
		scnprintf(cat_raw_result, sizeof(cat_raw_result),
			  "%02x %02x %02x error %d\n", module, asic, reg, ret);
	else
		scnprintf(cat_raw_result, sizeof(cat_raw_result),
			  "%02x %02x %02x %02x\n", module, asic, reg, v);
	mutex_unlock(&cat_debug_lock);
	return ret ?: count;
}

static ssize_t raw_read(struct file *file, char __user *ubuf, size_t count,
			loff_t *ppos)
{
	return cat_result_read(ubuf, count, ppos, cat_raw_result);
}

static ssize_t subaddr_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	unsigned int f[ARRAY_SIZE(subaddr_fields)];
	unsigned int module, asic, addr, len, i;
	u8 buf[CAT_DEBUG_MAX_LEN];
	char line[48];
	int n, ret, pos;

	ret = cat_get_line(line, sizeof(line), ubuf, count);
	if (ret)
		return ret;
	n = cat_parse(line, subaddr_fields, ARRAY_SIZE(subaddr_fields), f);
	if (n < 0)
		return n;
	module = f[0];
	asic = f[1];
	addr = f[2];
	len = n == 4 ? f[3] : 1;
	if (!len)
		return -EINVAL;

	mutex_lock(&cat_debug_lock);
	ret = voyager_cat_subaddr_read(module, asic, addr, buf, len);
	pos = scnprintf(cat_sub_result, sizeof(cat_sub_result),
			"%02x %02x %04x:", module, asic, addr);
	if (ret) {
		scnprintf(cat_sub_result + pos, sizeof(cat_sub_result) - pos,
			  " error %d\n", ret);
	} else {
		for (i = 0; i < len; i++)
			pos += scnprintf(cat_sub_result + pos,
					 sizeof(cat_sub_result) - pos,
					 " %02x", buf[i]);
		scnprintf(cat_sub_result + pos, sizeof(cat_sub_result) - pos,
			  "\n");
	}
	mutex_unlock(&cat_debug_lock);
	return ret ?: count;
}

static ssize_t subaddr_read(struct file *file, char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	return cat_result_read(ubuf, count, ppos, cat_sub_result);
}

static const struct file_operations raw_fops = {
	.owner = THIS_MODULE,
	.read = raw_read,
	.write = raw_write,
	.llseek = default_llseek,
};

static const struct file_operations subaddr_fops = {
	.owner = THIS_MODULE,
	.read = subaddr_read,
	.write = subaddr_write,
	.llseek = default_llseek,
};

/* Under debugfs voyager/, from the platform set-up. */
void __init voyager_cat_debugfs_init(struct dentry *top)
{
	struct dentry *dir;

	if (!voyager_cat_probed())
		return;
	dir = debugfs_create_dir("cat", top);
	debugfs_create_file("raw", 0600, dir, NULL, &raw_fops);
	debugfs_create_file("subaddr", 0600, dir, NULL, &subaddr_fops);
}
