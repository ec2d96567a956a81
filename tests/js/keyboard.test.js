// The departments' Tab order: reading order of their label points.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../src/relocmap/page/core.js");

test("readingOrder goes row by row, left to right", () => {
  // Two rows: y 0..10 and y 100..110 (band = 110 / 4 = 27.5).
  const points = [
    {x: 50, y: 105},
    {x: 90, y: 0},
    {x: 10, y: 10},
    {x: 5, y: 110},
  ];
  assert.deepEqual(core.readingOrder(points), [2, 1, 3, 0]);
});

test("readingOrder: a point just below a row's top stays in that row", () => {
  const points = [
    {x: 5, y: 20},
    {x: 10, y: 0},
    {x: 0, y: 100},
  ];
  // 4 rows: band 25, y 20 is in the first row, read before x 10.
  assert.deepEqual(core.readingOrder(points), [0, 1, 2]);
  // 10 rows: band 10, y 20 starts a second row.
  assert.deepEqual(core.readingOrder(points, 10), [1, 0, 2]);
});

test("readingOrder of nothing or one point", () => {
  assert.deepEqual(core.readingOrder([]), []);
  assert.deepEqual(core.readingOrder([{x: 1, y: 1}]), [0]);
});

test("withRecentered frames again on resize after the reader moved the map", () => {
  const config = {views: [{key: "emplois", colors: ["#fff"]}], editions: [{key: "2022"}]};
  const moved = core.withMoved(core.createState(config));
  assert.equal(moved.moved, true);
  assert.equal(core.withRecentered(moved).moved, false);
  assert.equal(moved.moved, true, "the state is never changed in place");
});

test("departmentName is the name and code, as in the table", () => {
  assert.equal(core.departmentName({id: "69", properties: {nom: "Rhône"}}), "Rhône (69)");
  assert.equal(core.departmentName({id: "2A", properties: {nom: "Corse-du-Sud"}}), "Corse-du-Sud (2A)");
});
