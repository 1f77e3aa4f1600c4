// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

static int __init lvs_init(void)
{
	return 0;
}

static void __exit lvs_exit(void)
{
}

module_init(lvs_init);
module_exit(lvs_exit);
MODULE_LICENSE("GPL");
