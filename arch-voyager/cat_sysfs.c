// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager CAT bus inventory in sysfs (read-only).
 *
 * What the Level 5 boot probe found, for users and for voyager-lscat:
 * /sys/devices/platform/voyager-cat/ with the machine's slot count and
 * extended CPUs, and one directory moduleXX per module that answered.
 * Documented in Documentation/ABI/testing/sysfs-devices-platform-voyager-cat.
 * Level 4 machines have no probe and so no such device.
 */
#define pr_fmt(fmt) "Voyager CAT: " fmt

#include <linux/bitmap.h>
#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/minmax.h>
#include <linux/platform_device.h>
#include <linux/sysfs.h>

#include "cat.h"

static struct kobject *cat_kobjs[16];

static const struct voyager_cat_module *kobj_module(struct kobject *kobj)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cat_kobjs); i++)
		if (cat_kobjs[i] == kobj)
			return voyager_cat_module(i);
	return NULL;
}

static const char *module_type(const struct voyager_cat_module *mod)
{
	if (voyager_cat_is_processor_slot(mod->id))
		return "processor";
	switch (mod->id) {
	case 0x14:
	case 0x15:
		return "memory";
	case 0x18:
	case 0x19:
		return "mca";
	case VOYAGER_CAT_PSI:
		return "psi";
	default:
		return "unknown";
	}
}

static ssize_t cpu_list(char *buf, u32 cpus)
{
	unsigned long bits = cpus;

	return sysfs_emit(buf, "%*pbl\n", 32, &bits);
}

#define MODULE_ATTR(_name, _fmt, _expr)					\
static ssize_t _name##_show(struct kobject *kobj,			\
			    struct kobj_attribute *attr, char *buf)	\
{									\
	const struct voyager_cat_module *mod = kobj_module(kobj);	\
									\
	if (!mod)							\
		return -ENODEV;						\
	return sysfs_emit(buf, _fmt "\n", _expr);			\
}									\
static struct kobj_attribute _name##_attr = __ATTR_RO(_name)

MODULE_ATTR(id, "0x%02x", mod->id);
MODULE_ATTR(name, "%s", voyager_cat_module_name(mod->id));
MODULE_ATTR(type, "%s", module_type(mod));
MODULE_ATTR(asics, "%u", mod->chain.n);
MODULE_ATTR(eprom_version, "%u", mod->eprom_version);
MODULE_ATTR(tracer, "0x%08x", mod->tracer);
MODULE_ATTR(card, "%s", voyager_cat_card_name(mod->card));
MODULE_ATTR(slot, "%u", mod->id < 0x1c ? mod->id & 3 : mod->id & 7);

static ssize_t cpus_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	const struct voyager_cat_module *mod = kobj_module(kobj);

	return mod ? cpu_list(buf, mod->cpus) : -ENODEV;
}

static struct kobj_attribute cpus_attr = __ATTR_RO(cpus);

static struct attribute *module_attrs[] = {
	&id_attr.attr, &name_attr.attr, &type_attr.attr, &asics_attr.attr,
	&eprom_version_attr.attr, &tracer_attr.attr, &card_attr.attr,
	&slot_attr.attr, &cpus_attr.attr, NULL,
};

/* EPROM fields only where there is an EPROM, card fields on processors. */
static umode_t module_visible(struct kobject *kobj, struct attribute *attr,
			      int n)
{
	const struct voyager_cat_module *mod = kobj_module(kobj);

	if (!mod)
		return 0;
	if ((attr == &eprom_version_attr.attr || attr == &tracer_attr.attr) &&
	    !mod->has_eprom)
		return 0;
	if ((attr == &card_attr.attr || attr == &slot_attr.attr ||
	     attr == &cpus_attr.attr) && mod->card == VOYAGER_CAT_NOT_CPU)
		return 0;
	return attr->mode;
}

static const struct attribute_group module_group = {
	.attrs = module_attrs,
	.is_visible = module_visible,
};

static ssize_t extended_cpus_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return cpu_list(buf, voyager_cat_extended_cpus());
}
static DEVICE_ATTR_RO(extended_cpus);

static ssize_t modules_show(struct device *dev,
			    struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", voyager_cat_module_count());
}
static DEVICE_ATTR_RO(modules);

static struct attribute *cat_dev_attrs[] = {
	&dev_attr_extended_cpus.attr, &dev_attr_modules.attr, NULL,
};
ATTRIBUTE_GROUPS(cat_dev);

static int __init voyager_cat_sysfs_init(void)
{
	struct platform_device *pdev;
	unsigned int i, count;
	char name[16];

	if (!voyager_cat_probed())
		return 0;
	pdev = platform_device_alloc("voyager-cat", PLATFORM_DEVID_NONE);
	if (!pdev)
		return -ENOMEM;
	pdev->dev.groups = cat_dev_groups;
	if (platform_device_add(pdev)) {
		platform_device_put(pdev);
		pr_err("cannot register the voyager-cat device\n");
		return -ENODEV;
	}
	count = min_t(unsigned int, voyager_cat_module_count(),
		      ARRAY_SIZE(cat_kobjs));
	for (i = 0; i < count; i++) {
		const struct voyager_cat_module *mod = voyager_cat_module(i);
		struct kobject *kobj;

		snprintf(name, sizeof(name), "module%02x", mod->id);
		kobj = kobject_create_and_add(name, &pdev->dev.kobj);
		if (!kobj)
			goto fail;
		cat_kobjs[i] = kobj;
		if (sysfs_create_group(kobj, &module_group))
			goto fail;
	}
	return 0;
fail:
	pr_err("cannot publish module %02x in sysfs\n",
	       voyager_cat_module(i)->id);
	return -ENOMEM;
}
device_initcall(voyager_cat_sysfs_init);
