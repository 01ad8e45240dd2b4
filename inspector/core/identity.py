"""Who is writing: the inspector's Ed25519 key pair, kept in the data folder, and signatures made with it.

The public key travels as text, `ed25519:` and 43 base64 characters, so it can be read aloud, pasted
into a campaign file or sent in a chat. The private key never leaves the data folder, and is kept under a
passphrase unless its owner chose otherwise: copying the data folder is then not enough to sign as them.
A passphrase given once (`unlock`) holds for the rest of the process.
"""

from __future__ import annotations

import base64
import binascii
import getpass
import hashlib
import json
import os
from pathlib import Path


from inspector.core.files import write_atomically
from inspector.core.paths import data_dir
from inspector.core.problems import Refusal
from inspector.core.record import record

KEY_PREFIX = "ed25519:"
MIN_PASSPHRASE = 8
ENCRYPTED = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"
_UNLOCKED: dict[str, object] = {}  # public key → the private key, once its passphrase was given


class IdentityError(Refusal):
    """A key problem a user can act on: `key` is a catalog entry."""


@record
class Identity:
    name: str
    public: str  # "ed25519:…"
    folder: Path

    @property
    def protected(self) -> bool:
        """Whether the private key is kept under a passphrase."""
        try:
            return (self.folder / "private.pem").read_bytes().startswith(ENCRYPTED)
        except OSError:
            return False

    @property
    def locked(self) -> bool:
        """Whether signing needs the passphrase first (`unlock`)."""
        return self.protected and self.public not in _UNLOCKED

    def unlock(self, passphrase: str) -> None:
        """Check the passphrase and keep the key open for this process; IdentityError when it is wrong."""
        _UNLOCKED[self.public] = self._load(passphrase.encode("utf-8"))

    def _load(self, password: bytes | None) -> object:
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        try:
            return load_pem_private_key((self.folder / "private.pem").read_bytes(), password=password)
        except TypeError:  # encrypted, and no passphrase given
            raise IdentityError("signing.locked", path=self.folder / "private.pem") from None
        except ValueError as error:
            if password is not None:
                raise IdentityError("signing.bad_passphrase") from None
            raise IdentityError("signing.unreadable", path=self.folder / "private.pem", detail=str(error)) from None
        except OSError as error:
            raise IdentityError("signing.unreadable", path=self.folder / "private.pem", detail=str(error)) from None

    def sign(self, data: bytes) -> str:
        """The signature of `data` (base64), made with the private key in the data folder; IdentityError
        "signing.locked" while its passphrase has not been given."""
        private = _UNLOCKED.get(self.public) or self._load(None)
        return base64.b64encode(private.sign(data)).decode("ascii")  # type: ignore[attr-defined]


def forget_passphrases() -> None:
    """Close every key opened in this process (the next signature asks for its passphrase again)."""
    _UNLOCKED.clear()


def key_folder() -> Path:
    return data_dir() / "keys"


def current() -> Identity | None:
    """This laptop's inspector, or None before `inspector key new`."""
    folder = key_folder()
    try:
        data = json.loads((folder / "identity.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not is_public_key(data.get("public")):
        return None
    return Identity(data["name"], data["public"], folder)


def author_name() -> str:
    """The name written beside every answer this laptop records: the key's owner, else the login name."""
    found = current()
    if found is not None:
        return found.name
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def create(name: str, force: bool = False, passphrase: str | None = None) -> Identity:
    """A new key pair for `name`, kept under `passphrase` (None: unprotected, the owner's choice); an existing
    one is kept unless `force` (its signatures stay verifiable by anyone who holds the old public key)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    name = " ".join(name.split())
    if not name:
        raise IdentityError("signing.no_name")
    if passphrase is not None and len(passphrase) < MIN_PASSPHRASE:
        raise IdentityError("signing.short_passphrase", n=MIN_PASSPHRASE)
    folder = key_folder()
    if (folder / "private.pem").exists() and not force:
        existing = current()
        raise IdentityError("signing.exists", name=existing.name if existing else "?", path=folder)
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    public = KEY_PREFIX + base64.b64encode(raw).decode("ascii")
    folder.mkdir(parents=True, exist_ok=True)
    protection = NoEncryption() if passphrase is None else BestAvailableEncryption(passphrase.encode("utf-8"))
    pem = private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, protection)
    write_atomically(folder / "private.pem", pem)
    try:
        os.chmod(folder / "private.pem", 0o600)  # only its owner reads the private key
    except OSError:
        pass
    text = json.dumps({"name": name, "public": public}, ensure_ascii=False, indent=2) + "\n"
    write_atomically(folder / "identity.json", text.encode("utf-8"))
    return Identity(name, public, folder)


def is_public_key(text: object) -> bool:
    return isinstance(text, str) and _raw_key(text) is not None


def _raw_key(text: str) -> bytes | None:
    if not text.startswith(KEY_PREFIX):
        return None
    encoded = text[len(KEY_PREFIX):]
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None
    # One spelling per key: a key written another way (other padding bits) would pass for a different member.
    return raw if len(raw) == 32 and base64.b64encode(raw).decode("ascii") == encoded else None


def fingerprint(public: str) -> str:
    """What two people compare by phone: 16 hex digits of the key's SHA-256, in groups of four."""
    raw = _raw_key(public) or public.encode("utf-8")
    digest = hashlib.sha256(raw).hexdigest()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def signature_valid(public: str, signature: str, data: bytes) -> bool:
    """Whether `signature` (base64) was made over exactly `data` by the holder of `public`."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    raw = _raw_key(public)
    if raw is None:
        return False
    try:
        signed = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        return False
    if base64.b64encode(signed).decode("ascii") != signature:  # one text per signature: no padding games
        return False
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(signed, data)
    except (InvalidSignature, ValueError):
        return False
    return True
