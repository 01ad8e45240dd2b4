"""The JSON Schema of a checklist file, for editors that complete and check TOML as it is typed.

The criterion part is derived from the criterion-key registry; the validator still checks what a schema
cannot say (ordering, uniqueness, cross-references), as the description tells the author.
"""

from __future__ import annotations

import json

from inspector.core.criterion_keys import criterion_schema

_CHECKLIST = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://inspector.invalid/schemas/checklist-format-1.json",
    "title": "inspector checklist, format 1",
    "description": "Bảng kiểm của inspector (định dạng 1). The validator (inspector checklist validate) also checks ordering, uniqueness and cross-references that a schema cannot.",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "format",
        "id",
        "version",
        "title",
        "section"
    ],
    "properties": {
        "format": {
            "const": 1
        },
        "id": {
            "type": "string",
            "pattern": "^[a-z0-9][a-z0-9._-]*$"
        },
        "version": {
            "type": "string"
        },
        "title": {
            "type": "string",
            "minLength": 1
        },
        "description": {
            "type": "string"
        },
        "unit_types": {
            "type": "array",
            "items": {
                "type": "string"
            }
        },
        "scoring": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "na": {
                    "enum": [
                        "rescale",
                        "full",
                        "zero"
                    ]
                },
                "critical_cap": {
                    "type": "string"
                },
                "bands": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": [
                            "label",
                            "min"
                        ],
                        "properties": {
                            "label": {
                                "type": "string"
                            },
                            "min": {
                                "type": "number"
                            }
                        }
                    }
                }
            }
        },
        "fact": {
            "type": "array",
            "items": {
                "$ref": "#/$defs/fact"
            }
        },
        "check": {
            "type": "array",
            "items": {
                "$ref": "#/$defs/check"
            }
        },
        "section": {
            "type": "array",
            "minItems": 1,
            "items": {
                "$ref": "#/$defs/section"
            }
        }
    },
    "$defs": {
        "fact": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "label"],
            "properties": {
                "id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"},
                "label": {"type": "string", "minLength": 1},
                "unit": {"type": "string"},
                "guidance": {"type": "string"}
            }
        },
        "check": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "label", "left", "op", "right"],
            "properties": {
                "id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"},
                "label": {"type": "string", "minLength": 1},
                "left": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                "op": {"enum": ["==", "<=", ">="]},
                "right": {"type": "array", "minItems": 1, "items": {"type": "string"}}
            }
        },
        "section": {
            "type": "object",
            "additionalProperties": False,
            "required": [
                "id",
                "title",
                "criterion"
            ],
            "properties": {
                "id": {
                    "type": "string",
                    "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"
                },
                "title": {
                    "type": "string",
                    "minLength": 1
                },
                "description": {
                    "type": "string"
                },
                "kind": {
                    "const": "adjustment"
                },
                "min": {
                    "type": "number"
                },
                "max": {
                    "type": "number"
                },
                "criterion": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "$ref": "#/$defs/criterion"
                    }
                }
            },
            "allOf": [
                {
                    "if": {
                        "not": {
                            "required": [
                                "kind"
                            ]
                        }
                    },
                    "then": {
                        "properties": {
                            "min": False,
                            "max": False
                        }
                    }
                }
            ]
        }
    }
}


def checklist_schema() -> dict:
    schema = json.loads(json.dumps(_CHECKLIST))  # a deep copy: callers may change theirs
    schema["$defs"]["criterion"] = criterion_schema()
    return schema


def schema_text() -> str:
    return json.dumps(checklist_schema(), ensure_ascii=False, indent=2) + "\n"
