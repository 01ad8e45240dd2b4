"""Screens of the interface, one module each."""
