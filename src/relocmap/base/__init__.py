"""The base every stage stands on: errors, department codes, French numbers, precision,
the one count type and the project's file layout. It imports nothing else of relocmap.

Modules: :mod:`~relocmap.base.errors`, :mod:`~relocmap.base.codes`,
:mod:`~relocmap.base.numbers`, :mod:`~relocmap.base.precision`,
:mod:`~relocmap.base.counts`, :mod:`~relocmap.base.layout`.
"""
