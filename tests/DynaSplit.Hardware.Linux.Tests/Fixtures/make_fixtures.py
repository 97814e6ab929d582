#!/usr/bin/env python3
"""Writes the recorded sysfs/procfs trees used by the tests (run from this directory).

Each board directory holds sys/ (a subset of /sys), proc/ (the device-tree model) and, for Jetsons, etc/nvpmodel.conf;
SOURCE.md beside each tree says where its layout comes from. Links of the real sysfs (/sys/class/devfreq/*,
/sys/bus/usb/devices/*) are stored as plain directories with the same names.
"""
import os, shutil

def w(root, rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w", newline="") as f:
        f.write(text)

def dt(root, model, compatible):
    w(root, "proc/device-tree/model", model + "\0")
    w(root, "proc/device-tree/compatible", "".join(c + "\0" for c in compatible))

def cpus(root, n):
    base = "sys/devices/system/cpu"
    rng = f"0-{n-1}\n"
    for f in ("online", "possible", "present"):
        w(root, f"{base}/{f}", rng)
    w(root, f"{base}/offline", "\n")
    for i in range(n):
        w(root, f"{base}/cpu{i}/online", "1\n")

def policy(root, name, cpu_list, driver, freqs, governors, governor, transition_latency):
    d = f"sys/devices/system/cpu/cpufreq/{name}"
    lo, hi = min(freqs), max(freqs)
    cpu_text = " ".join(str(c) for c in cpu_list) + "\n"
    w(root, f"{d}/affected_cpus", cpu_text)
    w(root, f"{d}/related_cpus", cpu_text)
    w(root, f"{d}/cpuinfo_min_freq", f"{lo}\n")
    w(root, f"{d}/cpuinfo_max_freq", f"{hi}\n")
    w(root, f"{d}/cpuinfo_cur_freq", f"{lo}\n")
    w(root, f"{d}/cpuinfo_transition_latency", f"{transition_latency}\n")
    # The kernel prints every level followed by a space, then a newline.
    w(root, f"{d}/scaling_available_frequencies", "".join(f"{f} " for f in freqs) + "\n")
    w(root, f"{d}/scaling_available_governors", "".join(f"{g} " for g in governors).rstrip() + " \n")
    w(root, f"{d}/scaling_driver", driver + "\n")
    w(root, f"{d}/scaling_governor", governor + "\n")
    w(root, f"{d}/scaling_min_freq", f"{lo}\n")
    w(root, f"{d}/scaling_max_freq", f"{hi}\n")
    # An idle board under a dynamic governor sits at its lowest level.
    w(root, f"{d}/scaling_cur_freq", f"{lo}\n")
    w(root, f"{d}/scaling_setspeed", "<unsupported>\n")

def devfreq(root, name, freqs, governor, governors, with_name):
    d = f"sys/class/devfreq/{name}"
    w(root, f"{d}/available_frequencies", " ".join(str(f) for f in freqs) + "\n")
    w(root, f"{d}/available_governors", " ".join(governors) + "\n")
    w(root, f"{d}/governor", governor + "\n")
    w(root, f"{d}/min_freq", f"{min(freqs)}\n")
    w(root, f"{d}/max_freq", f"{max(freqs)}\n")
    w(root, f"{d}/cur_freq", f"{min(freqs)}\n")
    w(root, f"{d}/polling_interval", "0\n")
    if with_name:
        w(root, f"{d}/name", name + "\n")

def usb_device(root, name, vendor, product, busnum, devnum, devpath, speed, manufacturer=None, product_name=None):
    d = f"sys/bus/usb/devices/{name}"
    w(root, f"{d}/idVendor", vendor + "\n")
    w(root, f"{d}/idProduct", product + "\n")
    w(root, f"{d}/busnum", f"{busnum}\n")
    w(root, f"{d}/devnum", f"{devnum}\n")
    w(root, f"{d}/devpath", f"{devpath}\n")
    w(root, f"{d}/speed", f"{speed}\n")
    if manufacturer:
        w(root, f"{d}/manufacturer", manufacturer + "\n")
    if product_name:
        w(root, f"{d}/product", product_name + "\n")

def root_hub(root, bus, usb3, ports, with_disable):
    usb_device(root, f"usb{bus}", "1d6b", "0003" if usb3 else "0002", bus, 1, 0, 5000 if usb3 else 480,
               "Linux xhci-hcd", "xHCI Host Controller")
    for p in range(1, ports + 1):
        port = f"sys/bus/usb/devices/{bus}-0:1.0/usb{bus}-port{p}"
        w(root, f"{port}/connect_type", "unknown\n")
        if with_disable:
            w(root, f"{port}/disable", "0\n")

def hub(root, name, vendor, product, bus, devnum, devpath, speed, ports, with_disable):
    usb_device(root, name, vendor, product, bus, devnum, devpath, speed, None, "USB2.1 Hub" if speed == 480 else "USB3.2 Hub")
    for p in range(1, ports + 1):
        port = f"sys/bus/usb/devices/{name}:1.0/{name}-port{p}"
        w(root, f"{port}/connect_type", "unknown\n")
        if with_disable:
            w(root, f"{port}/disable", "0\n")

CORAL_RUNTIME = ("18d1", "9302")
CORAL_BOOT = ("1a6e", "089a")
LINUX_GOVERNORS = ["conservative", "ondemand", "userspace", "powersave", "performance", "schedutil"]

def rpi4(root):
    dt(root, "Raspberry Pi 4 Model B Rev 1.4", ["raspberrypi,4-model-b", "brcm,bcm2711"])
    cpus(root, 4)
    policy(root, "policy0", [0, 1, 2, 3], "cpufreq-dt", list(range(600000, 1800001, 100000)), LINUX_GOVERNORS, "ondemand", 355000)
    root_hub(root, 1, False, 1, True)
    hub(root, "1-1", "2109", "3431", 1, 2, "1", 480, 4, True)
    root_hub(root, 2, True, 4, True)
    usb_device(root, "2-1", *CORAL_RUNTIME, 2, 2, "1", 5000)

def rpi5(root):
    dt(root, "Raspberry Pi 5 Model B Rev 1.0", ["raspberrypi,5-model-b", "brcm,bcm2712"])
    cpus(root, 4)
    policy(root, "policy0", [0, 1, 2, 3], "cpufreq-dt", list(range(1500000, 2400001, 100000)), LINUX_GOVERNORS, "ondemand", 0)
    for bus, usb3 in ((1, False), (2, True), (3, False), (4, True)):
        root_hub(root, bus, usb3, 2 if not usb3 else 1, True)
    usb_device(root, "3-1", *CORAL_BOOT, 3, 2, "1", 480)

def jetson_nano(root):
    dt(root, "NVIDIA Jetson Nano Developer Kit", ["nvidia,p3449-0000-b00+p3448-0000-b00", "nvidia,jetson-nano", "nvidia,tegra210"])
    cpus(root, 4)
    freqs = [102000, 204000, 307200, 403200, 518400, 614400, 710400, 825600, 921600, 1036800, 1132800, 1224000, 1326000, 1428000, 1479000]
    policy(root, "policy0", [0, 1, 2, 3], "tegra_cpufreq", freqs, ["interactive"] + LINUX_GOVERNORS, "schedutil", 300000)
    gpu = [76800000, 153600000, 230400000, 307200000, 384000000, 460800000, 537600000, 614400000, 691200000, 768000000, 844800000, 921600000]
    devfreq(root, "57000000.gpu", gpu, "nvhost_podgov", ["wmark_active", "nvhost_podgov", "userspace", "performance", "simple_ondemand"], False)
    # Kernel 4.9: hub ports exist but have no 'disable' attribute (added in 4.20).
    root_hub(root, 1, False, 5, False)
    hub(root, "1-2", "0bda", "5411", 1, 2, "2", 480, 4, False)
    root_hub(root, 2, True, 4, False)
    hub(root, "2-1", "0bda", "0411", 2, 2, "1", 5000, 4, False)
    usb_device(root, "2-1.1", *CORAL_RUNTIME, 2, 3, "1.1", 5000)
    w(root, "etc/nvpmodel.conf", NANO_CONF)

def xavier_nx(root):
    dt(root, "NVIDIA Jetson Xavier NX Developer Kit", ["nvidia,p3509-0000+p3668-0001", "nvidia,tegra194"])
    cpus(root, 6)
    freqs = [115200, 192000, 268800, 345600, 422400, 499200, 576000, 652800, 729600, 806400, 883200, 960000, 1036800, 1113600, 1190400, 1267200, 1344000, 1420800, 1497600, 1574400, 1651200, 1728000, 1804800, 1881600, 1907200]
    for name, cl in (("policy0", [0, 1]), ("policy2", [2, 3]), ("policy4", [4, 5])):
        policy(root, name, cl, "tegra194", freqs, ["interactive"] + LINUX_GOVERNORS, "schedutil", 500)
    gpu = [114750000, 204000000, 306000000, 408000000, 510000000, 599250000, 701250000, 752250000, 803250000, 854250000, 905250000, 956250000, 1007250000, 1058250000, 1109250000]
    devfreq(root, "17000000.gv11b", gpu, "nvhost_podgov", ["wmark_active", "nvhost_podgov", "userspace", "performance", "simple_ondemand"], True)
    devfreq(root, "15340000.vic", [115200000, 1036800000], "nvhost_podgov", ["nvhost_podgov", "userspace"], True)
    root_hub(root, 1, False, 4, True)
    hub(root, "1-3", "0bda", "5489", 1, 2, "3", 480, 4, True)
    root_hub(root, 2, True, 4, True)
    hub(root, "2-3", "0bda", "0489", 2, 2, "3", 5000, 4, True)
    usb_device(root, "2-3.1", *CORAL_RUNTIME, 2, 3, "3.1", 5000)
    w(root, "etc/nvpmodel.conf", NX_CONF)

def orin_nano(root):
    dt(root, "NVIDIA Jetson Orin Nano Developer Kit", ["nvidia,p3768-0000+p3767-0005", "nvidia,p3767-0005", "nvidia,tegra234"])
    cpus(root, 6)
    freqs = [115200, 192000, 268800, 345600, 422400, 499200, 576000, 652800, 729600, 806400, 883200, 960000, 1036800, 1113600, 1190400, 1267200, 1344000, 1420800, 1497600, 1510400]
    policy(root, "policy0", [0, 1, 2, 3], "tegra194", freqs, LINUX_GOVERNORS, "schedutil", 500)
    policy(root, "policy4", [4, 5], "tegra194", freqs, LINUX_GOVERNORS, "schedutil", 500)
    devfreq(root, "17000000.gpu", [306000000, 408000000, 510000000, 612000000, 624750000], "nvhost_podgov", ["nvhost_podgov", "userspace", "performance", "simple_ondemand"], True)
    root_hub(root, 1, False, 4, True)
    hub(root, "1-2", "0bda", "5489", 1, 2, "2", 480, 4, True)
    root_hub(root, 2, True, 4, True)
    hub(root, "2-1", "0bda", "0489", 2, 2, "1", 5000, 4, True)
    usb_device(root, "2-1.4", *CORAL_RUNTIME, 2, 3, "1.4", 5000)
    w(root, "etc/nvpmodel.conf", ORIN_CONF)

NANO_CONF = """# Excerpt of the mode list of /etc/nvpmodel.conf (Jetson Nano, L4T 32): parameter blocks elided.
< POWER_MODEL ID=0 NAME=MAXN >
CPU_ONLINE CORE_0 1
CPU_ONLINE CORE_1 1
CPU_ONLINE CORE_2 1
CPU_ONLINE CORE_3 1
CPU_A57 MIN_FREQ  0
CPU_A57 MAX_FREQ -1
GPU_POWER_CONTROL_ENABLE GPU_PWR_CNTL_EN on
GPU MIN_FREQ  0
GPU MAX_FREQ -1
GPU_POWER_CONTROL_DISABLE GPU_PWR_CNTL_DIS auto
EMC MAX_FREQ 0
< POWER_MODEL ID=1 NAME=5W >
CPU_ONLINE CORE_0 1
CPU_ONLINE CORE_1 1
CPU_ONLINE CORE_2 0
CPU_ONLINE CORE_3 0
CPU_A57 MIN_FREQ  0
CPU_A57 MAX_FREQ 918000
GPU_POWER_CONTROL_ENABLE GPU_PWR_CNTL_EN on
GPU MIN_FREQ 0
GPU MAX_FREQ 640000000
GPU_POWER_CONTROL_DISABLE GPU_PWR_CNTL_DIS auto
EMC MAX_FREQ 1600000000
< PM_CONFIG DEFAULT=0 >
"""

NX_CONF = "# Excerpt of the mode list of /etc/nvpmodel.conf (Jetson Xavier NX, JetPack 5): parameter blocks elided.\n" + "".join(
    f"< POWER_MODEL ID={i} NAME={n} >\n" for i, n in enumerate(
        ["MODE_15W_2CORE", "MODE_15W_4CORE", "MODE_15W_6CORE", "MODE_10W_2CORE", "MODE_10W_4CORE", "MODE_10W_DESKTOP", "MODE_20W_2CORE", "MODE_20W_4CORE", "MODE_20W_6CORE"])) + "< PM_CONFIG DEFAULT=2 >\n"

ORIN_CONF = """# Excerpt of the mode list of /etc/nvpmodel.conf (Jetson Orin Nano 8GB, JetPack 6): parameter blocks elided.
< POWER_MODEL ID=0 NAME=15W >
CPU_ONLINE CORE_0 1
GPU MAX_FREQ 624750000
< POWER_MODEL ID=1 NAME=7W >
CPU_ONLINE CORE_4 0
CPU_ONLINE CORE_5 0
GPU MAX_FREQ 408000000
< PM_CONFIG DEFAULT=0 >
"""

for name, make in (("RaspberryPi4", rpi4), ("RaspberryPi5", rpi5), ("JetsonNanoL4T32", jetson_nano), ("JetsonXavierNxJetPack5", xavier_nx), ("JetsonOrinNanoJetPack6", orin_nano)):
    for sub in ("sys", "proc", "etc"):
        shutil.rmtree(os.path.join(name, sub), ignore_errors=True)
    make(name)
