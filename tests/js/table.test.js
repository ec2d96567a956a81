// Sorting the figures table.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../src/relocmap/page/core.js");

function sorted(keys, ascending) {
  return core.sortOrder(keys, ascending).map((index) => keys[index]);
}

test("a header sorts ascending first, then flips at each click", () => {
  assert.equal(core.nextSortDirection(null), "ascending");
  assert.equal(core.nextSortDirection(""), "ascending");
  assert.equal(core.nextSortDirection("ascending"), "descending");
  assert.equal(core.nextSortDirection("descending"), "ascending");
});

test("numbers sort as numbers, not as text", () => {
  assert.deepEqual(sorted(["100", "9", "1220", "25"], true), ["9", "25", "100", "1220"]);
  assert.deepEqual(sorted(["100", "9", "1220", "25"], false), ["1220", "100", "25", "9"]);
});

test("decimals and negative numbers sort by value", () => {
  assert.deepEqual(sorted(["11.4", "0.3", "-2", "6.6", "10"], true), ["-2", "0.3", "6.6", "10", "11.4"]);
});

test("names sort in French order: accents do not send a name to the end", () => {
  const names = ["Savoie", "Ardèche", "Isère", "Ain", "Allier", "Drôme", "Cantal", "Rhône"];
  assert.deepEqual(sorted(names, true), ["Ain", "Allier", "Ardèche", "Cantal", "Drôme", "Isère", "Rhône", "Savoie"]);
  assert.deepEqual(sorted(names, false)[0], "Savoie");
  assert.ok(core.compareSortKeys("Éure", "Finistère", true) < 0);
  assert.ok(core.compareSortKeys("Haute-Loire", "Haute-Savoie", true) < 0);
});

test("a missing value (empty key) goes last in both directions", () => {
  assert.deepEqual(sorted(["564", "", "1220", "5"], true), ["5", "564", "1220", ""]);
  assert.deepEqual(sorted(["564", "", "1220", "5"], false), ["1220", "564", "5", ""]);
  assert.deepEqual(sorted(["", "Ain", ""], false), ["Ain", "", ""]);
  assert.equal(core.compareSortKeys("", "", true), 0);
  assert.equal(core.compareSortKeys("", "3", false), 1);
  assert.equal(core.compareSortKeys("3", "", false), -1);
});

test("a number against a text compares as text", () => {
  assert.ok(core.compareSortKeys("10", "Ain", true) < 0);
  assert.ok(core.compareSortKeys("10", "Ain", false) > 0);
});

test("equal keys keep their order (stable) in both directions", () => {
  const keys = ["2", "1", "2", "1"];
  assert.deepEqual(core.sortOrder(keys, true), [1, 3, 0, 2]);
  assert.deepEqual(core.sortOrder(keys, false), [0, 2, 1, 3]);
});

test("sortOrder gives indices and leaves the keys untouched", () => {
  const keys = ["3", "1", "2"];
  assert.deepEqual(core.sortOrder(keys, true), [1, 2, 0]);
  assert.deepEqual(keys, ["3", "1", "2"]);
  assert.deepEqual(core.sortOrder([], true), []);
  assert.deepEqual(core.sortOrder(["7"], false), [0]);
});
