// A map inside an article: which gestures the page keeps and which move the map.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../src/relocmap/page/core.js");

test("cooperative in a frame or on a page that scrolls, not on a whole-window map", () => {
  assert.equal(core.cooperative(true, false), true);
  assert.equal(core.cooperative(false, true), true);
  assert.equal(core.cooperative(false, false), false);
});

test("wheelAction: the wheel scrolls the page unless Ctrl or Cmd is held", () => {
  assert.equal(core.wheelAction(true, {ctrlKey: false, metaKey: false}), "page");
  assert.equal(core.wheelAction(true, {ctrlKey: true, metaKey: false}), "zoom");
  assert.equal(core.wheelAction(true, {ctrlKey: false, metaKey: true}), "zoom");
  // A whole-window map zooms as Leaflet does.
  assert.equal(core.wheelAction(false, {ctrlKey: false, metaKey: false}), "zoom");
});

test("touchAction: one finger scrolls the page, two move the map", () => {
  assert.equal(core.touchAction(true, 1), "page");
  assert.equal(core.touchAction(true, 2), "map");
  assert.equal(core.touchAction(true, 3), "map");
  assert.equal(core.touchAction(false, 1), "map");
});

test("wheelHint names Cmd on Apple's keyboards, Ctrl elsewhere", () => {
  const texts = {wheelHint: "Ctrl", wheelHintMac: "Cmd"};
  assert.equal(core.wheelHint(texts, "MacIntel"), "Cmd");
  assert.equal(core.wheelHint(texts, "iPad"), "Cmd");
  assert.equal(core.wheelHint(texts, "Linux x86_64"), "Ctrl");
  assert.equal(core.wheelHint(texts, "Win32"), "Ctrl");
  assert.equal(core.wheelHint(texts, undefined), "Ctrl");
});
