// The page's state: created from the configuration, changed only by new objects.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../src/relocmap/page/core.js");
const {config} = require("./fixtures.js");

test("the first view is shown first, circles off, map not moved", () => {
  const state = core.createState(config);
  assert.equal(state.view, "emplois");
  assert.equal(state.circles, false);
  assert.equal(state.moved, false);
  assert.equal(state.compact, false);
  assert.deepEqual(state.margins, {topLeft: [8, 8], bottomRight: [8, 8]});
});

test("findView finds a view by key, null for an unknown key", () => {
  assert.equal(core.findView(config, "projets"), config.views[1]);
  assert.equal(core.findView(config, "population"), null);
  assert.equal(core.findView(config, ""), null);
});

test("withView returns a new state and leaves the old one as it was", () => {
  const state = core.createState(config);
  const next = core.withView(config, state, "projets");
  assert.equal(next.view, "projets");
  assert.equal(state.view, "emplois");
  assert.notEqual(next, state);
  assert.equal(next.circles, state.circles);
});

test("withView keeps the current view for a key that is not a view", () => {
  const state = core.withView(config, core.createState(config), "projets");
  assert.equal(core.withView(config, state, "nope"), state);
  assert.equal(core.withView(config, state, undefined), state);
});

test("withCircles turns circles on and off, as booleans", () => {
  const state = core.createState(config);
  const on = core.withCircles(state, true);
  assert.equal(on.circles, true);
  assert.equal(state.circles, false);
  assert.equal(core.withCircles(on, false).circles, false);
  assert.equal(core.withCircles(state, 1).circles, true);
  assert.equal(core.withCircles(on, undefined).circles, false);
});

test("withMoved records that the reader moved the map, once and for all", () => {
  const state = core.createState(config);
  const moved = core.withMoved(state);
  assert.equal(moved.moved, true);
  assert.equal(state.moved, false);
  assert.equal(core.withMoved(moved).moved, true);
});

test("withLayout stores size, compact flag and the chosen margins", () => {
  const boxes = [
    {left: 10, top: 10, right: 350, bottom: 210},
    {left: 1090, top: 10, right: 1270, bottom: 170},
    {left: 1110, top: 610, right: 1270, bottom: 790},
  ];
  const size = {x: 1280, y: 800};
  const aspect = {x: 4, y: 3};
  const state = core.withLayout(core.createState(config), 0, size, boxes, aspect);
  assert.equal(state.compact, false);
  assert.deepEqual(state.size, {x: 1280, y: 800});
  assert.notEqual(state.size, size); // a copy: the caller's object may change
  assert.deepEqual(state.margins, core.chooseMargins(size, boxes, aspect));
  assert.deepEqual(state.popupMargins, core.popupMargins(size, boxes));
  assert.equal(core.withLayout(state, "yes", size, boxes, aspect).compact, true);
});

test("changing one part of the state keeps the others", () => {
  let state = core.createState(config);
  state = core.withCircles(state, true);
  state = core.withView(config, state, "projets");
  state = core.withMoved(state);
  assert.deepEqual(
    {view: state.view, circles: state.circles, moved: state.moved},
    {view: "projets", circles: true, moved: true},
  );
});

test("in a page (no CommonJS module), core.js defines relocmapCore", () => {
  const fs = require("node:fs");
  const path = require("node:path");
  const vm = require("node:vm");
  const source = fs.readFileSync(path.join(__dirname, "../../src/relocmap/page/core.js"), "utf8");
  const page = vm.createContext({});
  vm.runInContext(source, page);
  assert.deepEqual(Object.keys(page.relocmapCore).sort(), Object.keys(core).sort());
  assert.equal(page.module, undefined);
});

test("withChoice: the circles box turns circles on and off, a radio button picks a view", () => {
  const state = core.createState(config);
  const on = core.withChoice(config, state, "relocmap-circles", "on", true);
  assert.equal(on.circles, true);
  assert.equal(core.withChoice(config, on, "relocmap-circles", "on", false).circles, false);
  const projets = core.withChoice(config, state, "relocmap-view", "projets", true);
  assert.equal(projets.view, "projets");
  assert.equal(projets.circles, false);
  assert.equal(state.view, "emplois");
  // Any other name is a view's radio button; an unknown view keeps the current one.
  assert.equal(core.withChoice(config, projets, "relocmap-view", "population", true), projets);
});

test("stateChanges says what to redraw: colours, the edition, the circles", () => {
  const state = core.createState(config);
  assert.deepEqual(core.stateChanges(state, state), {colors: false, edition: false, circles: false});
  const projets = core.withView(config, state, "projets");
  assert.deepEqual(core.stateChanges(state, projets), {colors: true, edition: false, circles: false});
  const circles = core.withCircles(state, true);
  assert.deepEqual(core.stateChanges(state, circles), {colors: false, edition: false, circles: true});
  // Layout and moves redraw nothing.
  assert.deepEqual(core.stateChanges(state, core.withMoved(state)), {colors: false, edition: false, circles: false});
});
