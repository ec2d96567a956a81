// Layout arithmetic: where the region goes, clear of the boxes.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../src/relocmap/page/core.js");

test("freeArea is the area left inside the margins", () => {
  assert.equal(core.freeArea({x: 100, y: 50}, {topLeft: [10, 5], bottomRight: [20, 5]}), 70 * 40);
  assert.equal(core.freeArea({x: 100, y: 50}, {topLeft: [0, 0], bottomRight: [0, 0]}), 5000);
  assert.equal(core.freeArea({x: 100, y: 50}, {topLeft: [80, 0], bottomRight: [40, 0]}), 0);
});

// Boxes (px) as on a 1280 x 900 window: title top left, switch top right, legend bottom
// right, sources along the bottom.
const desktop = {x: 1280, y: 900};
const desktopBoxes = [
  {left: 10, top: 10, right: 370, bottom: 300},
  {left: 995, top: 10, right: 1270, bottom: 185},
  {left: 1060, top: 673, right: 1270, bottom: 851},
  {left: 0, top: 861, right: 1280, bottom: 900},
];

test("the region goes where it is drawn largest, clear of the boxes", () => {
  // A wide region (2:1): the band between the title and the switch, full height above
  // the sources, beats the band under the top boxes.
  const margins = core.chooseMargins(desktop, desktopBoxes, {x: 2, y: 1});
  const placed = core.placeRegion(
    {left: margins.topLeft[0], top: margins.topLeft[1], right: 1280 - margins.bottomRight[0], bottom: 900 - margins.bottomRight[1]},
    {x: 2, y: 1},
  );
  assert.ok(core.coveredShare(placed, desktopBoxes) <= core.COVER_BUDGET);
  assert.ok(placed.right - placed.left > 880, JSON.stringify(placed));
});

test("the boxes cover at most the budget of the region's rectangle", () => {
  for (const aspect of [{x: 1, y: 1}, {x: 3, y: 1}, {x: 1, y: 3}]) {
    const margins = core.chooseMargins(desktop, desktopBoxes, aspect);
    const rect = {left: margins.topLeft[0], top: margins.topLeft[1], right: 1280 - margins.bottomRight[0], bottom: 900 - margins.bottomRight[1]};
    assert.ok(core.coveredShare(core.placeRegion(rect, aspect), desktopBoxes) <= core.COVER_BUDGET);
  }
});

test("with no box the region uses the whole map but the gap", () => {
  assert.deepEqual(core.chooseMargins({x: 400, y: 300}, [], {x: 1, y: 1}), {topLeft: [8, 8], bottomRight: [8, 8]});
});

test("popups get the largest rectangle no box enters", () => {
  const margins = core.popupMargins(desktop, desktopBoxes);
  const rect = {left: margins.topLeft[0], top: margins.topLeft[1], right: 1280 - margins.bottomRight[0], bottom: 900 - margins.bottomRight[1]};
  assert.ok(desktopBoxes.every((box) => !core.rectsOverlap(rect, box)));
  // Under the title, left of the legend, above the sources: 1044 x 545 px (between the
  // title and the switch, 617 x 845, is smaller).
  assert.deepEqual(rect, {left: 8, top: 308, right: 1052, bottom: 853});
});

test("placeRegion centres the region at the largest scale that fits", () => {
  assert.deepEqual(core.placeRegion({left: 0, top: 0, right: 200, bottom: 100}, {x: 1, y: 1}), {
    scale: 100, left: 50, top: 0, right: 150, bottom: 100,
  });
});

test("coveredShare adds the parts of the rectangle under each box", () => {
  const inside = {left: 0, top: 0, right: 100, bottom: 100};
  assert.equal(core.coveredShare(inside, []), 0);
  assert.equal(core.coveredShare(inside, [{left: 50, top: 50, right: 200, bottom: 200}]), 0.25);
  assert.equal(core.coveredShare(inside, [{left: 0, top: 0, right: 10, bottom: 100}, {left: 90, top: 0, right: 100, bottom: 10}]), 0.11);
  assert.equal(core.coveredShare({left: 0, top: 0, right: 0, bottom: 5}, [inside]), 0);
});

test("rectsOverlap: sharing an edge is not overlapping", () => {
  const a = {left: 0, top: 0, right: 10, bottom: 10};
  assert.equal(core.rectsOverlap(a, {left: 10, top: 0, right: 20, bottom: 10}), false);
  assert.equal(core.rectsOverlap(a, {left: 9, top: 9, right: 20, bottom: 20}), true);
});

test("fitBounds gets the margins as padding", () => {
  assert.deepEqual(core.fitOptions({topLeft: [356, 8], bottomRight: [198, 8]}), {
    paddingTopLeft: [356, 8],
    paddingBottomRight: [198, 8],
  });
});

test("popups fit inside their free rectangle and pan into it", () => {
  const margins = {topLeft: [378, 8], bottomRight: [228, 47]};
  assert.deepEqual(core.popupLayout(desktop, margins), {
    sheet: false,
    minWidth: 50,
    maxWidth: 300,
    maxHeight: 900 - 8 - 47 - core.POPUP_FRAME.y,
    autoPanPaddingTopLeft: [378, 8],
    autoPanPaddingBottomRight: [228, 47],
  });
  // A narrow free rectangle: the popup gets narrower (its content wraps or scrolls).
  assert.equal(core.popupLayout({x: 320, y: 480}, {topLeft: [8, 100], bottomRight: [160, 100]}).maxWidth, 152 - core.POPUP_FRAME.x);
});

test("on phones in the reader's layout a popup is a sheet along the bottom", () => {
  assert.equal(core.popupIsSheet(true, {x: 390, y: 340}), true);
  assert.equal(core.popupIsSheet(true, {x: 680, y: 500}), false); // an article column
  assert.equal(core.popupIsSheet(false, {x: 390, y: 844}), false); // a phone turned: overlay
  // The free rectangle under the zoom buttons (44 px) and above the credit (20 px).
  const layout = core.popupLayout({x: 390, y: 340}, {topLeft: [8, 44], bottomRight: [8, 20]}, true);
  assert.equal(layout.sheet, true);
  // As wide as the rectangle, content and frame; at most 60 % of its height.
  assert.equal(layout.minWidth, 374 - 46);
  assert.equal(layout.maxWidth, layout.minWidth);
  assert.equal(layout.maxHeight, Math.round(276 * 0.6) - 28);
  assert.deepEqual(layout.place, {left: 8, right: 8, bottom: 20});
});

test("the view switch goes bottom left in the compact layout, top right otherwise", () => {
  assert.equal(core.switchPosition(true), "bottomleft");
  assert.equal(core.switchPosition(false), "topright");
});

test("the gap between region and boxes is 8 px", () => {
  assert.equal(core.GAP, 8);
});

test("a region clear of the boxes wins over a slightly larger one partly under a box", () => {
  // Regression: 1280×900, title box taller after choosing another publication: a
  // placement 4,8 % larger with 5 % of the region's rectangle under the view box won.
  const boxes = [
    {left: 10, top: 10, right: 370, bottom: 523},
    {left: 10, top: 533, right: 75, bottom: 567},
    {left: 85, top: 533, right: 177, bottom: 563},
    {left: 995, top: 10, right: 1270, bottom: 236},
    {left: 1060, top: 600, right: 1270, bottom: 851},
    {left: 0, top: 861, right: 1280, bottom: 900},
  ];
  const size = {x: 1280, y: 900};
  const aspect = {x: 4, y: 3};
  const margins = core.chooseMargins(size, boxes, aspect);
  const rect = {
    left: margins.topLeft[0],
    top: margins.topLeft[1],
    right: size.x - margins.bottomRight[0],
    bottom: size.y - margins.bottomRight[1],
  };
  assert.equal(core.coveredShare(core.placeRegion(rect, aspect), boxes), 0);
  assert.ok(core.placeRegion(rect, aspect).top > 200);
});
