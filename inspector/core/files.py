"""Writing files all-or-nothing: a crash or a full disk never leaves half a file under the real name."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, data: bytes | Callable[[BinaryIO], object], private: bool = False,
                     replace: Callable[[str, Path], object] = os.replace) -> None:
    """Write beside the target, then rename: a crash never leaves half a file under the real name.
    `data`: the bytes, or a function writing them into the file as they are made (a province's CSV never
    waits in memory). `private`: readable by its owner only (a file holding a private key). `replace`:
    what moves the finished file onto the target (exports.run.write_retrying tries it again while another
    program holds the target)."""
    import tempfile  # here: a listing, which writes no file, does not pay for it (and random, shutil)

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        os.chmod(temporary, 0o600 if private else 0o666 & ~_umask())  # else as any new file, not mkstemp's 0600
        with os.fdopen(handle, "wb") as stream:
            if callable(data):
                data(stream)
            else:
                stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        replace(temporary, path)
    except BaseException:
        try:
            Path(temporary).unlink(missing_ok=True)
        except OSError:  # still held (an antivirus scanning it): the real reason is the one to say
            pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
