// Department labels: the larger departments first, no two labels overlapping.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../src/relocmap/page/core.js");

function box(left, top, width, height) {
  return {left, top, right: left + width, bottom: top + height};
}

test("labels are ranked by department area, largest first", () => {
  assert.deepEqual(core.labelPriority([5000, 8000, 3000]), [1, 0, 2]);
});

test("equal areas keep the departments' order", () => {
  assert.deepEqual(core.labelPriority([10, 20, 10, 20]), [1, 3, 0, 2]);
  assert.deepEqual(core.labelPriority([]), []);
});

test("boxes apart do not overlap; boxes on top of each other do", () => {
  assert.equal(core.boxesOverlap(box(0, 0, 50, 10), box(100, 0, 50, 10)), false);
  assert.equal(core.boxesOverlap(box(0, 0, 50, 10), box(0, 30, 50, 10)), false);
  assert.equal(core.boxesOverlap(box(0, 0, 50, 10), box(20, 5, 50, 10)), true);
  assert.equal(core.boxesOverlap(box(0, 0, 50, 10), box(10, 2, 5, 5)), true); // inside
});

test("labels closer than 2 px side by side count as overlapping", () => {
  const left = box(0, 0, 50, 10);
  assert.equal(core.boxesOverlap(left, box(51, 0, 50, 10)), true); // 1 px apart
  assert.equal(core.boxesOverlap(left, box(52, 0, 50, 10)), false); // 2 px apart
  assert.equal(core.boxesOverlap(box(52, 0, 50, 10), left), false); // symmetric
});

test("labels closer than 1 px one above the other count as overlapping", () => {
  const top = box(0, 0, 50, 10);
  assert.equal(core.boxesOverlap(top, box(0, 10.5, 50, 10)), true);
  assert.equal(core.boxesOverlap(top, box(0, 11, 50, 10)), false);
  assert.equal(core.boxesOverlap(box(0, 11, 50, 10), top), false);
});

test("every label is shown when none overlap", () => {
  assert.deepEqual(core.visibleLabels([box(0, 0, 40, 10), box(100, 0, 40, 10), box(0, 50, 40, 10)]), [true, true, true]);
  assert.deepEqual(core.visibleLabels([]), []);
});

test("a label overlapping one kept before it is hidden", () => {
  assert.deepEqual(core.visibleLabels([box(0, 0, 40, 10), box(20, 0, 40, 10)]), [true, false]);
});

test("a hidden label does not hide the labels after it", () => {
  // B overlaps A (hidden); C overlaps only B, so C stays.
  const a = box(0, 0, 40, 10);
  const b = box(30, 0, 40, 10);
  const c = box(65, 0, 40, 10);
  assert.equal(core.boxesOverlap(b, c), true);
  assert.equal(core.boxesOverlap(a, c), false);
  assert.deepEqual(core.visibleLabels([a, b, c]), [true, false, true]);
});

test("the order decides: the first label of an overlapping pair wins", () => {
  const a = box(0, 0, 40, 10);
  const b = box(10, 0, 40, 10);
  assert.deepEqual(core.visibleLabels([b, a]), [true, false]);
});

test("no two visible labels overlap on a crowded map", () => {
  const boxes = [];
  for (let i = 0; i < 60; i += 1) {
    boxes.push(box((i * 37) % 300, (i * 53) % 200, 30 + (i % 5) * 6, 10));
  }
  const visible = core.visibleLabels(boxes);
  const shown = boxes.filter((b, i) => visible[i]);
  assert.ok(shown.length > 0 && shown.length < boxes.length);
  for (const [i, a] of shown.entries()) {
    for (const b of shown.slice(i + 1)) {
      assert.equal(core.boxesOverlap(a, b), false);
    }
  }
  // Any hidden label overlaps a shown one (nothing is hidden for no reason).
  boxes.forEach((b, i) => {
    if (!visible[i]) {
      assert.ok(shown.some((s) => core.boxesOverlap(b, s)));
    }
  });
});

test("a label's box is its text centred on its point", () => {
  assert.deepEqual(core.labelBox({x: 100, y: 50}, {x: 40, y: 16}), box(80, 42, 40, 16));
  assert.deepEqual(core.labelBox({x: 0, y: 0}, {x: 0, y: 0}), box(0, 0, 0, 0));
  // fractional sizes (text measured by the browser) stay fractional
  assert.deepEqual(core.labelBox({x: 10, y: 10}, {x: 5, y: 3}), box(7.5, 8.5, 5, 3));
});
