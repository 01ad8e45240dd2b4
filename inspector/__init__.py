"""inspector: field inspection of administrative reform (CCHC) at Vietnamese communes and wards."""

__version__ = "0.1.0"
