"""Event detectors: pure functions from a cleaned :class:`~sanctionwatch.maritime.segments.Track`
(and static history) to :class:`~sanctionwatch.maritime.events.Event` lists, one tier at a time.

``gfw`` uses Global Fishing Watch's published thresholds; ``dprk`` follows research §7.
"""
