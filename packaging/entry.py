"""The one-file build's entry point: the same as the `inspector` command."""

import sys

from inspector.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
