"""Checklist authoring: the comment-preserving editing document, the spreadsheet form, scaffold and schema."""
