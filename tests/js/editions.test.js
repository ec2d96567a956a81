// Several publications: the chosen edition, the address, popups, table and legend line
// follow it (figures fictitious).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../src/relocmap/page/core.js");
const {config, withFigures, withoutFigures, several, loire, cantal} = require("./fixtures.js");

const latest = core.createState(several);

test("the latest edition is shown first", () => {
  assert.equal(latest.edition, "2024-01");
  assert.equal(core.createState(config).edition, "2022");
  assert.equal(core.currentEdition(several, latest).label, "janvier 2024");
});

test("withEdition picks a publication; an unknown one keeps the current", () => {
  const june = core.withEdition(several, latest, "2023-06");
  assert.equal(june.edition, "2023-06");
  assert.equal(latest.edition, "2024-01");
  assert.equal(core.editionIndex(several, june), 1);
  assert.equal(core.withEdition(several, june, "1999"), june);
  assert.equal(core.withEdition(several, june, undefined), june);
});

test("colours, tooltips and circles follow the edition", () => {
  const june = core.withEdition(several, latest, "2023-06");
  assert.equal(core.classColor(several, latest, loire), "#41b6c4");
  assert.equal(core.classColor(several, june, loire), "#a1dab4");
  assert.deepEqual(core.tooltipLines(several, june, loire), ["Loire", "près de 420 emplois"]);
  assert.equal(core.circleRadius(several, june, loire), 13);
  assert.equal(core.circleRadius(several, latest, cantal), 0); // no entry: no circle
  assert.deepEqual(core.circleLines(several, june, cantal), ["Cantal", "40 emplois"]);
});

test("the change view colours the sign of the change, and nothing in the first edition", () => {
  const change = core.withView(several, core.withEdition(several, latest, "2023-06"), "evolution");
  assert.equal(core.classColor(several, change, loire), "#f4a582"); // a loss
  assert.equal(core.classColor(several, change, cantal), "#8c8c8c"); // new
  assert.equal(core.classColor(several, core.withEdition(several, change, "2024-01"), loire), "#92c5de");
  const first = core.withEdition(several, change, "2022-10");
  assert.equal(core.classColor(several, first, loire), several.noDataColor);
  assert.deepEqual(core.tooltipLines(several, first, loire), ["Loire", "première publication"]);
});

test("a department absent from an edition has no colour and the grey no-data tooltip", () => {
  assert.equal(core.classColor(several, latest, cantal), several.noDataColor);
  assert.deepEqual(core.tooltipLines(several, latest, cantal), ["Cantal", "pas de données"]);
});

test("the legend line names the publication, or the two compared in the change view", () => {
  const june = core.withEdition(several, latest, "2023-06");
  assert.equal(core.legendLine(several, june), "Chiffres de juin 2023");
  assert.equal(
    core.legendLine(several, core.withView(several, june, "evolution")),
    "Juin 2023, par rapport à octobre 2022",
  );
});

test("the address is read: view by its name, publication by its key", () => {
  assert.deepEqual(core.parseAddress("#vue=evolution&publication=2023-06"), {
    vue: "evolution",
    publication: "2023-06",
  });
  const state = core.withAddress(several, latest, "#vue=evolution&publication=2023-06");
  assert.equal(state.view, "evolution");
  assert.equal(state.edition, "2023-06");
  assert.equal(core.withAddress(several, latest, "#publication=2022-10").view, "emplois");
});

test("a wrong or odd address keeps what it cannot use", () => {
  for (const hash of ["", "#", "#vue=nope&publication=1999", "#vue=%E0%A4%A&x", "#=1&&vue", null]) {
    const state = core.withAddress(several, latest, hash);
    assert.equal(state.view, "emplois", String(hash));
    assert.equal(state.edition, "2024-01", String(hash));
  }
  // A view key that is not its address name is not an address name.
  assert.equal(core.withAddress(config, core.createState(config), "#vue=Emplois").view, "emplois");
});

test("the address of a state; the publication only when there are several", () => {
  const state = core.withView(several, core.withEdition(several, latest, "2023-06"), "evolution");
  assert.equal(core.addressOf(several, state), "#vue=evolution&publication=2023-06");
  const single = core.withView(config, core.createState(config), "projets");
  assert.equal(core.addressOf(config, single), "#vue=projets");
  // Read back, an address gives the same state.
  const back = core.withAddress(several, latest, core.addressOf(several, state));
  assert.equal(back.view, state.view);
  assert.equal(back.edition, state.edition);
});

test("the popup of one publication: its figures, no history table", () => {
  const model = core.popupModel(config, core.createState(config), withFigures);
  assert.equal(model.name, "Ain");
  assert.equal(model.code, "01");
  assert.deepEqual(model.rows[0], ["Projets soutenus", "25"]);
  assert.equal(model.rows.length, 6);
  assert.equal(model.empty, null);
  assert.equal(model.history, null);
  assert.equal(model.change, null);
  assert.equal(model.source, "Source : FICTIF, communiqué");
  const empty = core.popupModel(config, core.createState(config), withoutFigures);
  assert.deepEqual(empty.rows, []);
  assert.equal(empty.empty, "Pas de données publiées pour ce département.");
});

test("the popup follows the edition: figures, change, history with the current row", () => {
  const june = core.withEdition(several, latest, "2023-06");
  const model = core.popupModel(several, june, loire);
  assert.deepEqual(model.rows[1], ["Emplois annoncés", "près de 420"]);
  assert.deepEqual(model.change, {since: "Depuis octobre 2022", text: "−30 emplois, +1 projet"});
  assert.equal(model.note, "FICTIF");
  assert.equal(model.source, "Source : FICTIF 2");
  assert.deepEqual(model.history, [
    {label: "octobre 2022", projects: "20", jobs: "450", current: false},
    {label: "juin 2023", projects: "21", jobs: "près de 420", current: true},
    {label: "janvier 2024", projects: "24", jobs: "500", current: false},
  ]);
  // A term without a figure is left out (no population: no rate).
  assert.equal(core.popupModel(several, latest, loire).rows.length, 5);
  // Cantal: new in June 2023, absent before and after.
  const cantalLatest = core.popupModel(several, latest, cantal);
  assert.equal(cantalLatest.empty, "Pas de données publiées pour ce département.");
  assert.deepEqual(cantalLatest.history.map((row) => row.jobs), ["–", "40", "–"]);
  assert.equal(core.popupModel(several, core.withEdition(several, latest, "2022-10"), loire).change, null);
});

test("table cells follow the edition; no figures give the table's words and no sort key", () => {
  const june = core.withEdition(several, latest, "2023-06");
  assert.deepEqual(core.tableCells(several, june, loire), [
    {text: "21", sort: "21"},
    {text: "près de 420", sort: "420"},
    {text: "5,5", sort: "5.5"},
    {text: "8,1 %", sort: "8.1"},
  ]);
  assert.deepEqual(core.tableCells(several, latest, loire)[2], {text: "–", sort: ""});
  assert.deepEqual(core.tableCells(several, latest, cantal), [
    {text: "–", sort: ""},
    {text: "pas de données", sort: ""},
    {text: "–", sort: ""},
    {text: "–", sort: ""},
  ]);
});

test("an address may name a publication by the start of its date, when only one matches", () => {
  const dated = Object.assign({}, several, {
    editions: [{key: "2022"}, {key: "2023-06-14"}, {key: "2023-09-01"}, {key: "2024-01-20"}],
  });
  const state = core.createState(dated);
  assert.equal(core.editionNamed(dated, "2023-06"), "2023-06-14");
  assert.equal(core.editionNamed(dated, "2023-06-14"), "2023-06-14");
  assert.equal(core.editionNamed(dated, "2022"), "2022");
  assert.equal(core.editionNamed(dated, "2023"), null); // two publications in 2023
  assert.equal(core.editionNamed(dated, "2023-0"), null); // not a whole date part
  assert.equal(core.editionNamed(dated, ""), null);
  assert.equal(core.withAddress(dated, state, "#publication=2023-06").edition, "2023-06-14");
  assert.equal(core.withAddress(dated, state, "#publication=2023").edition, "2024-01-20");
});

test("the page rewrites an address only when it names something else than it shows", () => {
  const june = core.withEdition(several, latest, "2023-06");
  assert.equal(core.addressDiffers(several, june, core.addressOf(several, june)), false);
  // No address at all: nothing to rewrite.
  assert.equal(core.addressDiffers(several, latest, ""), false);
  // Unknown names, the start of a key, an address without the publication.
  assert.equal(core.addressDiffers(several, latest, "#vue=nope&publication=1999"), true);
  assert.equal(core.addressDiffers(several, latest, "#vue=emplois"), true);
  assert.equal(core.addressDiffers(config, core.createState(config), "#vue=emplois"), false);
});

test("the publication selector picks an edition through withChoice; an unknown one keeps it", () => {
  const june = core.withChoice(several, latest, "relocmap-edition", "2023-06", undefined);
  assert.equal(june.edition, "2023-06");
  assert.equal(june.view, latest.view);
  assert.equal(core.withChoice(several, june, "relocmap-edition", "1999", undefined), june);
});

test("stateChanges: a new edition recolours and redraws the edition, the circles stay", () => {
  const june = core.withEdition(several, latest, "2023-06");
  assert.deepEqual(core.stateChanges(latest, june), {colors: true, edition: true, circles: false});
});
