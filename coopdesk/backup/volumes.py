"""The mounted volumes a backup can go to, with the removable ones (USB sticks) marked.

Linux: psutil's partitions, removable when mounted under /media or /run/media or
when /sys/block/<disk>/removable says 1. Windows: GetDriveTypeW. Tests pass their
own provider (a function returning Volume objects over temporary folders).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coopdesk.i18n import _

#: File systems that are never a place for a backup.
_PSEUDO = {
    "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "cgroup", "cgroup2", "overlay", "squashfs",
    "securityfs", "pstore", "debugfs", "tracefs", "mqueue", "hugetlbfs", "fusectl", "configfs",
    "bpf", "autofs", "binfmt_misc", "efivarfs", "nsfs", "ramfs", "fuse.portal", "rpc_pipefs",
}
_REMOVABLE_ROOTS = ("/media/", "/run/media/")
DRIVE_REMOVABLE = 2


@dataclass(frozen=True)
class Volume:
    """A place a backup can be written to."""

    path: Path
    label: str
    removable: bool
    free_bytes: int | None = None
    total_bytes: int | None = None

    def display(self) -> str:
        """Return the text shown in the volume picker."""
        free = ""
        if self.free_bytes is not None:
            free = _(" — {gb:.1f} GB free").format(gb=self.free_bytes / 1e9)
        kind = _("USB memory") if self.removable else _("disk")
        return f"{self.label} ({kind}){free}"


Provider = Callable[[], list[Volume]]


def _usage(path: Path) -> tuple[int | None, int | None]:
    try:
        usage = shutil.disk_usage(path)
    except OSError:
        return None, None
    return usage.free, usage.total


def _sys_block_removable(device: str) -> bool:
    """Ask /sys/block whether the disk behind /dev/sdb1 (or mmcblk0p1) is removable."""
    name = os.path.basename(os.path.realpath(device))
    disk = re.sub(r"(p?\d+)$", "", name) if not name.startswith("nvme") else name
    for candidate in (name, disk):
        flag = Path("/sys/block") / candidate / "removable"
        try:
            return flag.read_text().strip() == "1"
        except OSError:
            continue
    return False


def _windows_volumes() -> list[Volume]:  # pragma: no cover - Windows only
    import ctypes
    import string

    kernel32 = ctypes.windll.kernel32
    bitmask = kernel32.GetLogicalDrives()
    found = []
    for index, letter in enumerate(string.ascii_uppercase):
        if not bitmask & (1 << index):
            continue
        root = f"{letter}:\\"
        kind = kernel32.GetDriveTypeW(ctypes.c_wchar_p(root))
        if kind not in (2, 3):  # removable or fixed
            continue
        free, total = _usage(Path(root))
        if total is None:
            continue  # an empty card reader
        found.append(Volume(Path(root), root, kind == DRIVE_REMOVABLE, free, total))
    return found


def system_volumes() -> list[Volume]:
    """Return the volumes mounted on this computer (the real provider)."""
    if os.name == "nt":  # pragma: no cover
        return _windows_volumes()
    import psutil

    found: dict[Path, Volume] = {}
    for part in psutil.disk_partitions(all=False):
        if part.fstype in _PSEUDO or part.mountpoint.startswith(("/boot", "/snap", "/proc")):
            continue
        mount = Path(part.mountpoint)
        removable = part.mountpoint.startswith(_REMOVABLE_ROOTS) or (
            part.device.startswith("/dev/") and _sys_block_removable(part.device)
        )
        if not removable and not os.access(mount, os.W_OK):
            continue  # the system's own disks: a backup could not be written there anyway
        free, total = _usage(mount)
        label = mount.name or str(mount)
        found[mount] = Volume(mount, label, removable, free, total)
    home = Path.home()
    if not any(home.is_relative_to(v.path) and v.path != Path("/") for v in found.values()):
        free, total = _usage(home)
        found.setdefault(home, Volume(home, _("Home folder"), False, free, total))
    return sorted(found.values(), key=lambda v: (not v.removable, str(v.path)))


def list_volumes(provider: Provider | None = None) -> list[Volume]:
    """Return the volumes, removable first; *provider* replaces the system's (tests)."""
    volumes = (provider or system_volumes)()
    return sorted(volumes, key=lambda v: (not v.removable, str(v.path)))
