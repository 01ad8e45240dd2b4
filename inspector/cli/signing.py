"""Opening this laptop's signing key on the command line: its passphrase from INSPECTOR_PASSPHRASE, or typed."""

from __future__ import annotations

import getpass
import os
import sys

from inspector.core.i18n import t
from inspector.core.identity import Identity
from inspector.store.database import StoreError


def unlock(identity: Identity) -> None:
    """Open a passphrase-protected key for this run; StoreError with what to do when it cannot be."""
    from inspector.core.identity import IdentityError

    if not identity.locked:
        return
    passphrase = os.environ.get("INSPECTOR_PASSPHRASE")
    if passphrase is None:
        if not sys.stdin.isatty():
            raise StoreError("key.needs_terminal")
        passphrase = getpass.getpass(t("key.passphrase_ask", name=identity.name))
    try:
        identity.unlock(passphrase)
    except IdentityError as refused:
        raise StoreError("key.refused", refused.message()) from None


