// A small configuration and departments shaped like the page's (figures fictitious).
"use strict";

const config = {
  views: [
    {key: "emplois", colors: ["#ffffcc", "#a1dab4", "#41b6c4"]},
    {key: "projets", colors: ["#f1eef6", "#d7b5d8"]},
  ],
  noDataColor: "#d9d9d9",
};

function feature(id, nom, classes, tips, radius = 0) {
  return {
    type: "Feature",
    id,
    properties: {nom, name: nom + " (" + id + ")", classes, tips, radius, circleTip: tips.emplois},
  };
}

const withFigures = feature("01", "Ain", {emplois: 2, projets: 0}, {emplois: "564 emplois", projets: "25 projets"}, 12.5);
const withoutFigures = feature("15", "Cantal", {emplois: null, projets: null}, {emplois: "pas de données", projets: "pas de données"});

module.exports = {config, feature, withFigures, withoutFigures};
