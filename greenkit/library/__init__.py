"""The 厦绿融 green financing enterprise and project library (绿色融资企业（项目）库).

Recognise candidate green enterprises and projects from a tagged loan book
and company data (:func:`recognise`, rules as data in ``rules.yaml`` —
greenkit's defaults, not the official Xiamen method), and keep the library
itself with its history in SQLite or PostgreSQL (:class:`Store`).
See ``greenkit/library/README.md``.
"""

from greenkit.library.recognise import Recognition, recognise
from greenkit.library.rules import RuleSet, load_rules
from greenkit.library.store import Store

__all__ = ["Recognition", "RuleSet", "Store", "load_rules", "recognise"]
