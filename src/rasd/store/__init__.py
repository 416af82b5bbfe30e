"""The documentation store: documents, events with history, incidents, people, audit log, exports."""

from rasd.store.store import EventFilter, Store, Stored

__all__ = ["EventFilter", "Store", "Stored"]
