"""Volumes: an injected provider stands in for the computer's disks and sticks."""

from __future__ import annotations

from coopdesk.backup.volumes import Volume, list_volumes, system_volumes


def test_removable_volumes_come_first(tmp_path):
    disk = Volume(tmp_path / "disk", "disk", False, 10**9, 10**10)
    stick = Volume(tmp_path / "stick", "KINGSTON", True, 10**8, 10**9)
    assert list_volumes(lambda: [disk, stick]) == [stick, disk]
    assert "KINGSTON" in stick.display()


def test_the_real_provider_lists_something_writable():
    volumes = system_volumes()
    assert volumes
    assert all(v.path.exists() for v in volumes)
