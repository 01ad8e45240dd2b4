"""What every benchmark checks about the program it measures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def warn_if_recompiled() -> None:
    """Users run a normal install, whose modules pip byte-compiled. An editable install under
    PYTHONDONTWRITEBYTECODE (set on some machines) compiles the program from source at every start,
    which adds ~100 ms to each cold figure: say so rather than report it."""
    import inspector.core.model as probe

    cached = importlib.util.cache_from_source(probe.__file__)
    if not Path(cached).exists():
        print(f"warning: {probe.__file__} has no compiled copy ({cached}); start-up figures include compiling "
              "the program. Measure a normal install: python -m venv v && v/bin/pip install . && "
              "v/bin/python benchmarks/…", file=sys.stderr)
