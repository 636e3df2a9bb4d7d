"""Reading files without waiting on what is no file, and writing them so that nothing is ever
half-written or silently overwritten.

Every write goes to a temporary file in the same folder, is flushed to disk, and is then renamed
over the target: a crash or a full disk leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


#: First read of :func:`read_limited`: larger than any dossier file, far below the limits.
_FIRST_READ = 64 * 1024


class NotAFile(OSError):
    """The path is a named pipe, a socket or a device, not a file with contents to read."""

    def __init__(self, path):
        super().__init__(errno.EINVAL, "it is not a regular file (a named pipe, a socket or a device)", str(path))


#: Open without waiting: a named pipe otherwise blocks ``open`` until something writes to it (a
#: check would hang for ever); on a regular file the flag changes nothing.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_limited(path, limit: int) -> bytes:
    """The bytes of ``path``, at most ``limit + 1`` of them (so a caller can tell "too large"
    without reading a huge file). OSError as ``open`` raises it (IsADirectoryError for a folder),
    :class:`NotAFile` for a named pipe, socket or device, which are never read.

    Reads 64 KiB first and more only when the file is larger: asking for ``limit + 1`` bytes at
    once makes Python set aside that much for every file (a megabyte per 3 KB dossier file,
    five times the cost of reading 6,000 of them)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        # a socket cannot be opened at all (ENXIO, or EOPNOTSUPP): say what it is, as for a pipe
        if exc.errno in (errno.ENXIO, getattr(errno, "EOPNOTSUPP", None)) and _special(path):
            raise NotAFile(path) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotAFile(path)
    except BaseException:
        os.close(fd)
        raise
    with open(fd, "rb", buffering=0) as fh:
        data = fh.read(_FIRST_READ)
        if len(data) < _FIRST_READ:
            return data
        parts, size = [data], len(data)
        while size <= limit:
            more = fh.read(min(1 << 20, limit + 1 - size))
            if not more:
                break
            parts.append(more)
            size += len(more)
        return b"".join(parts)


def _special(path) -> bool:
    """Whether ``path`` (links followed) is neither a file nor a folder: a socket, pipe or device."""
    return kind_of(path) in SPECIAL_KINDS


#: What :func:`kind_of` calls a path that is neither a file nor a folder.
SPECIAL_KINDS = ("a named pipe", "a socket", "a device")


def kind_of(path) -> str | None:
    """What ``path`` (links followed) is, in words: "a file", "a folder", "a named pipe", "a
    socket" or "a device"; None when it cannot be looked at (gone, no permission)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"  # character or block (any other kind the system may have: none on Linux)


class WouldOverwrite(FileExistsError):
    """The target exists and overwriting was not asked for."""


class OutsidePortfolio(PermissionError):
    """The target, with every link followed, lies outside the folder it must stay in."""


def ensure_within(path: Path, root: Path | None) -> None:
    """Refuse ``path`` when it (or the folder it would be created in) resolves outside ``root``.

    Catches links planted in a portfolio (``applications/x/memos -> /etc``) that would make raio
    write elsewhere than where it says. ``root=None`` checks nothing (an output path the user chose).
    """
    if root is None:
        return
    base = Path(root).resolve()
    probe = Path(path)
    while not probe.exists() and not probe.is_symlink() and probe != probe.parent:
        probe = probe.parent  # the nearest part that exists decides where the write lands
    resolved = probe.resolve()
    if resolved != base and base not in resolved.parents:
        raise OutsidePortfolio(f"{path} leads outside {root} (through a link); raio does not write there")


def atomic_write_bytes(path: Path, data: bytes, *, overwrite: bool = True, within: Path | None = None) -> Path:
    """Write ``data`` to ``path`` atomically; ``within``: refuse a path that leads outside that folder."""
    path = Path(path)
    ensure_within(path, within)
    if not overwrite and (path.exists() or path.is_symlink()):
        raise WouldOverwrite(f"{path} exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600; keep the file's own mode, else the usual one
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if the target appeared meanwhile: never clobbers
            os.unlink(tmp)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def _mode_for(path: Path) -> int:
    """The mode the written file should have: the existing file's, else 0666 less the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_text(path: Path, text: str, *, overwrite: bool = True, within: Path | None = None) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), overwrite=overwrite, within=within)


def create_folder_atomically(target: Path, files: dict[str, bytes | str], within: Path | None = None) -> Path:
    """Create ``target`` with ``files`` (relative path -> content) in one rename.

    The files are written into a hidden temporary sibling folder, which is renamed to ``target``
    only when all are written: an interrupted run leaves no half folder. Refuses an existing target.
    """
    target = Path(target)
    ensure_within(target, within)
    if target.exists() or target.is_symlink():
        raise WouldOverwrite(f"{target} exists")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        for rel, content in files.items():
            dest = tmp / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            with open(dest, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o755)
        if target.exists():
            raise WouldOverwrite(f"{target} exists")
        os.rename(tmp, target)
    except BaseException:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
