"""Record ids: 12 characters of Crockford base32, random."""

from __future__ import annotations

import secrets

_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case
ID_LENGTH = 12
SHORT_ID = 6  # how many characters of an id the list shows


def new_id() -> str:
    """A fresh random record id (60 bits, base32): unique, and short prefixes stay unique."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(ID_LENGTH))
