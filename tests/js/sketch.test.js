// The departments' inline drawing: its path data back to GeoJSON, and its frame, the one
// Leaflet's fitBounds gives the region.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../src/relocmap/page/core.js");

const ZOOM = 10; // 262 144 units per world width
const near = (actual, expected) => assert.ok(Math.abs(actual - expected) < 1e-6, actual + " ≠ " + expected);

test("a ring's absolute move and relative lines come back as closed longitude/latitude rings", () => {
  // (131072, 131072) is the point 0° 0°; 256 units east is 256 / 262144 × 360°.
  const geometry = core.sketchGeometry("M131072 131072l256 0 0-256z", ZOOM);
  assert.equal(geometry.type, "MultiPolygon");
  assert.equal(geometry.coordinates.length, 1);
  const ring = geometry.coordinates[0][0];
  assert.equal(ring.length, 4);
  near(ring[0][0], 0);
  near(ring[0][1], 0);
  near(ring[1][0], 0.3515625);
  near(ring[1][1], 0);
  assert.ok(ring[2][1] > 0.35 && ring[2][1] < 0.3516, "north is up (y grows southwards)");
  assert.deepEqual(ring[3], ring[0]);
});

test("a minus sign separates numbers, and every ring (holes too) is a polygon of its own", () => {
  const geometry = core.sketchGeometry("M100 100l10-5-5 10zM103 103l1-1 0 2z", ZOOM);
  assert.equal(geometry.coordinates.length, 2);
  const [outer, hole] = geometry.coordinates.map((polygon) => polygon[0]);
  assert.equal(outer.length, 4);
  assert.equal(hole.length, 4);
  const world = 256 * 2 ** ZOOM;
  near(outer[2][0], (105 / world) * 360 - 180);
  near(hole[1][0], (104 / world) * 360 - 180);
});

test("the region is drawn as large as it fits, centred, inside the margins", () => {
  const box = core.innerBox({x: 1000, y: 600}, {topLeft: [300, 20], bottomRight: [100, 80]});
  assert.deepEqual(box, {left: 300, top: 20, width: 600, height: 500});
  // twice as wide as high: as wide as the box
  assert.deepEqual(core.meetRect(box, {x: 2, y: 1}), {left: 300, top: 120, width: 600, height: 300});
  // square: as high as the box
  assert.deepEqual(core.meetRect(box, {x: 1, y: 1}), {left: 350, top: 20, width: 500, height: 500});
});

test("the drawing's move takes its region exactly onto Leaflet's frame", () => {
  const size = {x: 1280, y: 800};
  const aspect = {x: 1.3, y: 1};
  const sketched = core.innerBox(size, {topLeft: [8, 8], bottomRight: [8, 8]});
  const from = core.meetRect(sketched, aspect);
  const to = core.meetRect(core.innerBox(size, {topLeft: [360, 8], bottomRight: [220, 8]}), aspect);
  const move = core.sketchMove(sketched, from, to);
  // A point of the drawing at p (from its top left corner) goes to left + x + scale × p.
  near(sketched.left + move.x + move.scale * (from.left - sketched.left), to.left);
  near(sketched.top + move.y + move.scale * (from.top - sketched.top), to.top);
  near(move.scale * from.width, to.width);
  assert.ok(move.offset > 100);
  near(core.sketchMove(sketched, from, from).offset, 0);
});

test("each point is made by the given maker (the page makes Leaflet's LatLng at once), rings closed on their first point", () => {
  const made = [];
  const point = (lng, lat) => {
    const latLng = {lat, lng};
    made.push(latLng);
    return latLng;
  };
  const geometry = core.sketchGeometry("M131072 131072l256 0 0-256z", ZOOM, point);
  const ring = geometry.coordinates[0][0];
  assert.equal(made.length, 3);
  assert.equal(ring.length, 4);
  ring.slice(0, 3).forEach((latLng, index) => assert.equal(latLng, made[index]));
  assert.equal(ring[3], ring[0]);
  near(ring[1].lng, 0.3515625);
});

test("numbers with decimals, spaces and upper-case Z are read too", () => {
  const geometry = core.sketchGeometry("M100.5 100 l 10 -5 -5.25 10 Z", ZOOM);
  const ring = geometry.coordinates[0][0];
  const world = 256 * 2 ** ZOOM;
  assert.equal(ring.length, 4);
  near(ring[2][0], (105.25 / world) * 360 - 180);
});
