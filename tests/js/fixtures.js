// Small configurations and departments shaped like the page's (figures fictitious).
"use strict";

// One publication (the page of a single release).
const config = {
  views: [
    {key: "emplois", name: "emplois", colors: ["#ffffcc", "#a1dab4", "#41b6c4"]},
    {key: "projets", name: "projets", colors: ["#f1eef6", "#d7b5d8"]},
  ],
  circleView: "emplois",
  tableFigures: [0, 1, 3, 4],
  editions: [{key: "2022", label: "2022", source: "FICTIF, communiqué"}],
  noDataColor: "#d9d9d9",
  texts: {
    popupTerms: ["Projets soutenus", "Emplois annoncés", "Emplois par projet", "Emplois pour 10 000 habitants", "Part", "Rang"],
    noFigures: "Pas de données publiées pour ce département.",
    source: "Source : ",
    tableNoFigures: ["pas de données", "–"],
  },
};

// A department in one edition: classes and tips by view key (written as lists in the
// order of config.views), and maybe texts, sort keys, radius, change, note.
function entry(classes, tips, more = {}) {
  return Object.assign(
    {classes: [classes.emplois, classes.projets], tips: [tips.emplois, tips.projets]},
    more,
  );
}

function feature(id, nom, classes, tips, radius = 0) {
  const more = radius ? {radius} : {};
  return {type: "Feature", id, properties: {nom, editions: [entry(classes, tips, more)]}};
}

const withFigures = feature("01", "Ain", {emplois: 2, projets: 0}, {emplois: "564 emplois", projets: "25 projets"}, 12.5);
withFigures.properties.editions[0].texts = ["25", "564", "22,6", "8,5", "10,6 %", "5e sur 12"];
withFigures.properties.editions[0].sort = [25, 564, 8.5, 10.6];
const withoutFigures = feature("15", "Cantal", {emplois: null, projets: null}, {emplois: "pas de données", projets: "pas de données"});

// Three publications and an Évolution view (the page of a publications folder).
const several = Object.assign({}, config, {
  views: config.views.concat([
    {key: "evolution", name: "evolution", colors: ["#f4a582", "#92c5de", "#8c8c8c"], change: true},
  ]),
  editions: [
    {key: "2022-10", label: "octobre 2022", source: "FICTIF 1", since: null, when: "Chiffres d’octobre 2022", compared: "Octobre 2022 : première publication"},
    {key: "2023-06", label: "juin 2023", source: "FICTIF 2", since: "Depuis octobre 2022", when: "Chiffres de juin 2023", compared: "Juin 2023, par rapport à octobre 2022"},
    {key: "2024-01", label: "janvier 2024", source: "FICTIF 3", since: "Depuis juin 2023", when: "Chiffres de janvier 2024", compared: "Janvier 2024, par rapport à juin 2023"},
  ],
});
several.texts = Object.assign({}, config.texts, {historyCaption: "Chiffres publiés", historyHeads: ["Publication", "Projets", "Emplois"]});

// Loire: figures in every publication, jobs down in 2023-06. Cantal: new in 2023-06.
const loire = {
  type: "Feature",
  id: "42",
  properties: {
    nom: "Loire",
    editions: [
      {classes: [1, 0, null], tips: ["450 emplois", "20 projets", "première publication"], texts: ["20", "450", "22,5", "5,9", "10,2 %", "6e sur 11"], sort: [20, 450, 5.9, 10.2], radius: 14},
      {classes: [1, 0, 0], tips: ["près de 420 emplois", "21 projets", "−30 emplois"], texts: ["21", "près de 420", "20,0", "5,5", "8,1 %", "6e sur 12"], sort: [21, 420, 5.5, 8.1], radius: 13, change: "−30 emplois, +1 projet", note: "FICTIF"},
      {classes: [2, 1, 1], tips: ["500 emplois", "24 projets", "+80 emplois"], texts: ["24", "500", "20,8", null, "8,7 %", "6e sur 11"], sort: [24, 500, null, 8.7], radius: 15, change: "+80 emplois, +3 projets"},
    ],
  },
};
const cantal = {
  type: "Feature",
  id: "15",
  properties: {
    nom: "Cantal",
    editions: [
      {classes: [null, null, null], tips: ["pas de données", "pas de données", "première publication"]},
      {classes: [0, 0, 2], tips: ["40 emplois", "2 projets", "nouveau"], texts: ["2", "40", "20,0", "2,8", "0,8 %", "12e sur 12"], sort: [2, 40, 2.8, 0.8], radius: 4, change: "nouveau"},
      null,
    ],
  },
};
several.features = {type: "FeatureCollection", features: [loire, cantal]};

module.exports = {config, feature, withFigures, withoutFigures, several, loire, cantal};
