"""A disk that fills up: files opened for writing under one folder take `room` bytes in all, then every write fails
with ENOSPC, as on a real full disk (what fitted is on disk: a half-written file)."""

import builtins
import errno
import io
import os
from pathlib import Path


class DiskFull:
    def __init__(self, root: Path, room: int):
        self.root, self.room, self.failures = Path(root).resolve(), room, 0

    def under_root(self, target) -> bool:
        if isinstance(target, int):
            try:
                target = os.readlink(f"/proc/self/fd/{target}")
            except OSError:
                return False
        try:
            return Path(os.fsdecode(target)).resolve().is_relative_to(self.root)
        except (TypeError, ValueError):
            return False

    def take(self, size: int) -> int:
        """How many of `size` bytes still fit; raises ENOSPC when none do."""
        fits = min(size, self.room)
        self.room -= fits
        if fits == 0 and size:
            self.failures += 1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return fits


class _Writer:
    """A file object whose writes go to the shared room of the disk."""

    def __init__(self, real, disk: DiskFull):
        self._real, self._disk = real, disk

    def write(self, data):
        fits = self._disk.take(len(data))
        written = self._real.write(data[:fits])
        if fits < len(data):
            self._real.flush()
            self._disk.take(len(data) - fits)  # raises: the disk is full now
        return written

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._real.close()

    def __iter__(self):
        return iter(self._real)

    def __getattr__(self, name):
        return getattr(self._real, name)


def install(monkeypatch, root: Path, room: int) -> DiskFull:
    disk = DiskFull(root, room)
    real_open, real_fdopen, real_write = io.open, os.fdopen, os.write

    def writing(mode) -> bool:
        return any(flag in mode for flag in "wax+")

    def fake_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return _Writer(handle, disk) if writing(mode) and disk.under_root(file) else handle

    def fake_fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return _Writer(handle, disk) if writing(mode) and disk.under_root(fd) else handle

    def fake_write(fd, data):
        if disk.under_root(fd):
            fits = disk.take(len(data))
            written = real_write(fd, bytes(data[:fits]))
            if fits < len(data):
                disk.take(len(data) - fits)
            return written
        return real_write(fd, data)

    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "fdopen", fake_fdopen)
    monkeypatch.setattr(os, "write", fake_write)
    return disk


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file()) if Path(root).exists() else []
