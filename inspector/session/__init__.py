"""The live state of inspections, over the store: what every front end (interface, command line, merges) uses."""

from inspector.session.inspection import CriterionView, InspectionSession, Refused

__all__ = ["CriterionView", "InspectionSession", "Refused"]
