"""The terminal interface (Textual). Thin: every number and rule comes from the core."""
