// Layout arithmetic: where the region goes, clear of the boxes.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../src/relocmap/page/core.js");

// Boxes as measured on a desktop window and on a phone (px).
const desktopBoxes = {
  titleWidth: 340,
  legendsWidth: 160,
  topLeft: {width: 340, height: 260},
  topRight: {width: 190, height: 170},
  bottomLeft: {width: 0, height: 0},
  bottomRight: {width: 170, height: 190},
};
const phoneBoxes = {
  titleWidth: 300,
  legendsWidth: 140,
  topLeft: {width: 300, height: 170},
  topRight: {width: 0, height: 0},
  bottomLeft: {width: 180, height: 140},
  bottomRight: {width: 140, height: 120},
};

test("freeArea is the area left inside the margins", () => {
  assert.equal(core.freeArea({x: 100, y: 50}, {topLeft: [10, 5], bottomRight: [20, 5]}), 70 * 40);
  assert.equal(core.freeArea({x: 100, y: 50}, {topLeft: [0, 0], bottomRight: [0, 0]}), 5000);
});

test("freeArea is 0, never negative, when margins meet or cross", () => {
  assert.equal(core.freeArea({x: 100, y: 50}, {topLeft: [60, 0], bottomRight: [40, 0]}), 0);
  assert.equal(core.freeArea({x: 100, y: 50}, {topLeft: [80, 0], bottomRight: [40, 0]}), 0);
  assert.equal(core.freeArea({x: 100, y: 50}, {topLeft: [0, 40], bottomRight: [0, 40]}), 0);
  assert.equal(core.freeArea({x: 0, y: 0}, {topLeft: [8, 8], bottomRight: [8, 8]}), 0);
});

test("beside: left margin after the title, right margin after the widest right box", () => {
  assert.deepEqual(core.besideMargins(desktopBoxes), {topLeft: [356, 8], bottomRight: [198, 8]});
  // The legends, plus their 10 px of corner margin, can be the wider one.
  const wideLegend = {...desktopBoxes, legendsWidth: 250};
  assert.deepEqual(core.besideMargins(wideLegend).bottomRight, [268, 8]);
});

test("between: top margin under the taller top corner, bottom above the taller bottom one", () => {
  assert.deepEqual(core.betweenMargins(phoneBoxes), {topLeft: [8, 178], bottomRight: [8, 148]});
  assert.deepEqual(core.betweenMargins(desktopBoxes), {topLeft: [8, 268], bottomRight: [8, 198]});
});

test("a wide window puts the region beside the boxes", () => {
  assert.deepEqual(core.chooseMargins({x: 1280, y: 800}, desktopBoxes), core.besideMargins(desktopBoxes));
});

test("a phone puts the region between the boxes", () => {
  assert.deepEqual(core.chooseMargins({x: 375, y: 740}, phoneBoxes), core.betweenMargins(phoneBoxes));
});

test("on a tie, beside wins", () => {
  // Beside: 100 - 36 - 18 = 46 px wide, 84 high; between: 84 wide, 100 - 28 - 26 = 46 high.
  const boxes = {
    titleWidth: 20,
    legendsWidth: 0,
    topLeft: {width: 20, height: 20},
    topRight: {width: 0, height: 0},
    bottomLeft: {width: 0, height: 0},
    bottomRight: {width: 0, height: 18},
  };
  const size = {x: 100, y: 100};
  assert.equal(core.freeArea(size, core.besideMargins(boxes)), 46 * 84);
  assert.equal(core.freeArea(size, core.betweenMargins(boxes)), 84 * 46);
  assert.deepEqual(core.chooseMargins(size, boxes), core.besideMargins(boxes));
});

test("fitBounds gets the margins as padding when the free area is over a quarter of the map", () => {
  const margins = {topLeft: [356, 8], bottomRight: [198, 8]};
  assert.deepEqual(core.fitOptions({x: 1280, y: 800}, margins), {
    paddingTopLeft: [356, 8],
    paddingBottomRight: [198, 8],
  });
});

test("fitBounds frames under the boxes when they leave a quarter of the map or less", () => {
  const margins = {topLeft: [200, 8], bottomRight: [200, 8]};
  // 500 x 400 map: free area 100 x 384 = 38 400, under a quarter (50 000).
  assert.deepEqual(core.fitOptions({x: 500, y: 400}, margins), {padding: [8, 8]});
  // Exactly a quarter is not enough either: 100 x 100 map, free 50 x 50.
  assert.deepEqual(core.fitOptions({x: 100, y: 100}, {topLeft: [25, 25], bottomRight: [25, 25]}), {padding: [8, 8]});
  assert.deepEqual(core.fitOptions({x: 0, y: 0}, {topLeft: [8, 8], bottomRight: [8, 8]}), {padding: [8, 8]});
});

test("popups stay 4 px inside the region's margins and narrower than the map", () => {
  const margins = {topLeft: [356, 8], bottomRight: [198, 8]};
  assert.deepEqual(core.popupLayout({x: 1280, y: 800}, margins), {
    maxWidth: 300,
    autoPanPaddingTopLeft: [360, 12],
    autoPanPaddingBottomRight: [202, 12],
  });
  assert.equal(core.popupLayout({x: 320, y: 480}, margins).maxWidth, 260);
  assert.equal(core.popupLayout({x: 360, y: 480}, margins).maxWidth, 300);
});

test("the view switch goes bottom left in the compact layout, top right otherwise", () => {
  assert.equal(core.switchPosition(true), "bottomleft");
  assert.equal(core.switchPosition(false), "topright");
});

test("the gap between region and boxes is 8 px", () => {
  assert.equal(core.GAP, 8);
});
