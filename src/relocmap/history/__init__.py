"""Publications over time: the data/publications/<date>/ folder read as one history, and
the changes of each department between one publication and the next.

Modules: :mod:`~relocmap.history.folder` (the folder, its order and checks),
:mod:`~relocmap.history.convert` (the folder made from the single layout),
:mod:`~relocmap.history.changes` (per department: new, back, dropped, up or down).
"""
