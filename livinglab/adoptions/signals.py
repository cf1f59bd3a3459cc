"""Signals the adoption tracking sends for the layers above it.

``replication_changed(sender=Adoption, innovation_id=int)`` is sent inside
the transaction that records the step, when an adoption enters or leaves the
replicating stages (``models.REPLICATING``), so the innovation's replication
count changed; search subscribes (``search.sync.connect``) and queues the case
study for re-indexing in the same transaction (facet and sort).
"""

from django.dispatch import Signal

replication_changed = Signal()
