"""Files in and out: the one bounded, decoding reader of every input, and writing a set
of outputs all or nothing behind the one output-path guard. No file knowledge beyond that.

Modules: :mod:`~relocmap.files.reading`, :mod:`~relocmap.files.writing`.
"""
