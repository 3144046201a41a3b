"""The mounted volumes a backup can go to, with the removable ones (USB sticks) marked.

Linux: psutil's partitions, removable when mounted under /media or /run/media or
when /sys/block/<disk>/removable says 1. Windows: GetDriveTypeW. Tests pass their
own provider (a function returning Volume objects over temporary folders).

A stick pulled out leaves its empty mount folder behind on the laptop's disk; a copy
written there would look verified and be on the wrong disk. So a volume remembers its
device number, and ``is_mounted`` is asked right before a copy is written and again
before it gets its final name.
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
    #: st_dev of the mounted file system; None only for tests' stand-in folders, which
    #: are then checked just for being there.
    device: int | None = None

    def display(self) -> str:
        """Return the text shown in the volume picker."""
        kind = _("USB memory") if self.removable else _("disk")
        free = f", {free_space(self.free_bytes)}" if self.free_bytes is not None else ""
        return f"{self.name} ({kind}{free})"

    @property
    def name(self) -> str:
        """The volume as the coordinator knows it: "RESPALDO_A (E:)" on Windows, else its label."""
        drive = self.path.drive  # "E:" on Windows, "" elsewhere
        return f"{self.label} ({drive})" if drive and self.label != drive else self.label

    def is_mounted(self) -> bool:
        """True while this very volume is still mounted at its path (see the module's note)."""
        return is_mounted(self.path, self.device)


def is_mounted(path: Path, device: int | None) -> bool:
    """True when *path* is a mount point of the file system numbered *device*.

    A mount point's st_dev differs from its parent folder's; an empty mount folder left
    by a pulled stick has its parent's. *device* None (tests' stand-in folders): only
    that the folder is there.
    """
    path = Path(path)
    try:
        here = os.stat(path).st_dev
        if device is None:
            return path.is_dir()
        parent = os.stat(path.parent).st_dev if path.parent != path else None
    except OSError:
        return False
    mounted = os.path.ismount(path) and (parent is None or here != parent)
    return mounted and here == device


def free_space(free_bytes: int) -> str:
    """Say how much room is left: in MB under 1 GB (a small stick is not "0.0 GB")."""
    if free_bytes < 1_000_000_000:
        return _("{mb} MB free").format(mb=free_bytes // 1_000_000)
    return _("{gb:.1f} GB free").format(gb=free_bytes / 1e9)


def volume_at(mount: Path, label: str, removable: bool) -> Volume:
    """Describe the file system mounted at *mount*: its free space and its device number."""
    mount = Path(mount)
    free, total = _usage(mount)
    try:
        device = os.stat(mount).st_dev
    except OSError:
        device = None
    return Volume(mount, label, removable, free, total, device)


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
        volume = volume_at(Path(root), _windows_label(root), kind == DRIVE_REMOVABLE)
        if volume.total_bytes is None:
            continue  # an empty card reader
        found.append(volume)
    return found


def _windows_label(root: str) -> str:  # pragma: no cover - Windows only
    """Return the volume's own name (RESPALDO_A), or its drive when it has none."""
    import ctypes

    name = ctypes.create_unicode_buffer(261)
    ok = ctypes.windll.kernel32.GetVolumeInformationW(
        ctypes.c_wchar_p(root), name, len(name), None, None, None, None, 0)
    return name.value if ok and name.value else root.rstrip("\\")


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
        found[mount] = volume_at(mount, mount.name or str(mount), removable)
    home = Path.home()
    if not any(home.is_relative_to(v.path) and v.path != Path("/") for v in found.values()):
        found.setdefault(home, volume_at(home, _("Home folder"), False))
    return sorted(found.values(), key=lambda v: (not v.removable, str(v.path)))


def list_volumes(provider: Provider | None = None) -> list[Volume]:
    """Return the volumes, removable first; *provider* replaces the system's (tests)."""
    volumes = (provider or system_volumes)()
    return sorted(volumes, key=lambda v: (not v.removable, str(v.path)))
