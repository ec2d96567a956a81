// Class lookup, department style and the texts shown for a department.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../src/relocmap/page/core.js");
const {config, feature, withFigures, withoutFigures} = require("./fixtures.js");

const jobs = core.createState(config);
const projects = core.withView(config, jobs, "projets");

test("a department's colour is its class colour in the current view", () => {
  assert.equal(core.classColor(config, jobs, withFigures), "#41b6c4");
  assert.equal(core.classColor(config, projects, withFigures), "#f1eef6");
});

test("a department without figures gets the no-data grey, never a class colour", () => {
  assert.equal(core.classColor(config, jobs, withoutFigures), "#d9d9d9");
  assert.equal(core.classColor(config, projects, withoutFigures), "#d9d9d9");
});

test("class 0 is a class (not mistaken for no data)", () => {
  const low = feature("03", "Allier", {emplois: 0, projets: 1}, {});
  assert.equal(core.classColor(config, jobs, low), "#ffffcc");
  assert.equal(core.classColor(config, projects, low), "#d7b5d8");
});

test("an index outside the palette, or not an integer, gives the no-data grey", () => {
  for (const index of [3, -1, 1.5, "1", undefined, NaN]) {
    const odd = feature("07", "Ardèche", {emplois: index, projets: 0}, {});
    assert.equal(core.classColor(config, jobs, odd), "#d9d9d9", String(index));
  }
});

test("a state on a view the configuration lacks gives the no-data grey", () => {
  const stray = Object.assign({}, jobs, {view: "taux"});
  assert.equal(core.classColor(config, stray, withFigures), "#d9d9d9");
});

test("the department style carries the class colour and white borders", () => {
  assert.deepEqual(core.departmentStyle(config, jobs, withFigures), {
    fillColor: "#41b6c4",
    fillOpacity: 0.85,
    color: "#ffffff",
    weight: 1,
    opacity: 1,
  });
  assert.equal(core.departmentStyle(config, projects, withoutFigures).fillColor, "#d9d9d9");
});

test("the hover highlight is a darker, thicker border and cannot be changed", () => {
  assert.deepEqual({...core.HOVER_STYLE}, {weight: 3, color: "#222222"});
  assert.ok(Object.isFrozen(core.HOVER_STYLE));
});

test("the tooltip gives the name and the figure of the current view", () => {
  assert.deepEqual(core.tooltipLines(config, jobs, withFigures), ["Ain", "564 emplois"]);
  assert.deepEqual(core.tooltipLines(config, projects, withFigures), ["Ain", "25 projets"]);
  assert.deepEqual(core.tooltipLines(config, jobs, withoutFigures), ["Cantal", "pas de données"]);
});

test("texts from the data stay texts: no markup is interpreted or added", () => {
  const hostile = feature("69", "<b>Rhône</b>", {emplois: 0}, {emplois: "</script><script>alert(1)</script>"});
  assert.deepEqual(core.tooltipLines(config, jobs, hostile), [
    "<b>Rhône</b>",
    "</script><script>alert(1)</script>",
  ]);
});

test("the circle tooltip gives the name and the jobs as published", () => {
  assert.deepEqual(core.circleLines(config, jobs, withFigures), ["Ain", "564 emplois"]);
});

test("circle options: the radius from Python and a class naming the department", () => {
  assert.deepEqual(core.circleOptions(config, jobs, withFigures), {
    radius: 12.5,
    className: "relocmap-circle relocmap-circle-01",
    color: "#ffffff",
    weight: 1.5,
    fillColor: "#3b3b3b",
    fillOpacity: 0.45,
  });
  assert.equal(core.circleOptions(config, jobs, withoutFigures).radius, 0);
});
