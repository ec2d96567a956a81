// relocmap page script, pure part: no DOM, no Leaflet, no French words (those come
// from the configuration Python writes). Loaded by the page as a plain script, before
// page.js; required as a CommonJS module by the unit tests (tests/js/).
(function () {
  "use strict";

  // --- state: what the reader has chosen and how the page is laid out -----------
  // One object, never changed in place: each with*() returns a new one.
  //   view     key of the shown indicator (config.views[].key)
  //   circles  whether the proportional circles are shown
  //   compact  phone / short-window layout (the page's media query)
  //   size     map size in px {x, y}, at the last layout
  //   margins  room kept free for the boxes {topLeft: [x, y], bottomRight: [x, y]}
  //   moved    the reader has panned or zoomed: a resize no longer reframes
  // What the reader may choose later (a publication, a department reached with the
  // keyboard) joins this object, each with its with*() function, and the lookups below
  // take the whole state, not only the view, so they can follow it.

  function createState(config) {
    return {
      view: config.views[0].key,
      circles: false,
      compact: false,
      size: {x: 0, y: 0},
      margins: {topLeft: [8, 8], bottomRight: [8, 8]},
      moved: false,
    };
  }

  function findView(config, key) {
    return config.views.find((view) => view.key === key) || null;
  }

  // An unknown key (never from the switch; possible from an address later) keeps the
  // current view.
  function withView(config, state, key) {
    return findView(config, key) ? Object.assign({}, state, {view: key}) : state;
  }

  function withCircles(state, shown) {
    return Object.assign({}, state, {circles: Boolean(shown)});
  }

  function withMoved(state) {
    return Object.assign({}, state, {moved: true});
  }

  // "Recentrer": the region is framed again, and again on the next resize.
  function withRecentered(state) {
    return Object.assign({}, state, {moved: false});
  }

  // The boxes were measured at ``size``: keep the margins that leave the larger free area.
  function withLayout(state, compact, size, boxes) {
    return Object.assign({}, state, {
      compact: Boolean(compact),
      size: {x: size.x, y: size.y},
      margins: chooseMargins(size, boxes),
    });
  }

  // --- classes and texts of a department in the current state -------------------

  // Python classifies; the page only looks the class up. ``null`` (no figure) and any
  // index outside the palette give the no-data colour, never a class colour.
  function classColor(config, state, feature) {
    const view = findView(config, state.view);
    const index = feature.properties.classes[state.view];
    if (!view || !Number.isInteger(index) || index < 0 || index >= view.colors.length) {
      return config.noDataColor;
    }
    return view.colors[index];
  }

  function departmentStyle(config, state, feature) {
    return {
      fillColor: classColor(config, state, feature),
      fillOpacity: 0.85,
      color: "#ffffff",
      weight: 1.2,
      opacity: 1,
    };
  }

  // The highlight of the department under the pointer.
  const HOVER_STYLE = Object.freeze({weight: 3, color: "#222222"});

  // Name and figure shown when hovering a department: the figure of the current view.
  function tooltipLines(state, feature) {
    return [feature.properties.nom, feature.properties.tips[state.view]];
  }

  function circleLines(feature) {
    return [feature.properties.nom, feature.properties.circleTip];
  }

  // Departments with a radius get a circle, area proportional to jobs (Python sized it).
  function circleOptions(feature) {
    return {
      radius: feature.properties.radius,
      className: "relocmap-circle relocmap-circle-" + feature.id,
      color: "#ffffff",
      weight: 1.5,
      fillColor: "#3b3b3b",
      fillOpacity: 0.45,
    };
  }

  // --- the figures table: sorting ---------------------------------------------

  // A header clicked once sorts ascending, again descending, and so on.
  function nextSortDirection(current) {
    return current === "ascending" ? "descending" : "ascending";
  }

  // Sort keys are the cells' data-sort texts: numbers compare as numbers, other texts
  // in French order; an empty key (no data) goes last in both directions.
  function compareSortKeys(x, y, ascending) {
    if (x === "" || y === "") {
      return (x === "") - (y === "");
    }
    const nx = Number(x);
    const ny = Number(y);
    const order = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y, "fr") : nx - ny;
    return ascending ? order : -order;
  }

  // Indices of ``keys`` in sorted order; equal keys keep their order (stable).
  function sortOrder(keys, ascending) {
    return keys
      .map((key, index) => index)
      .sort((a, b) => compareSortKeys(keys[a], keys[b], ascending) || a - b);
  }

  // --- layout: where the region goes, clear of the boxes ------------------------

  const GAP = 8; // px between the region and the window edge or a box

  // Free area left by margins in a map of ``size`` (0 when the margins overlap).
  function freeArea(size, margins) {
    return (
      Math.max(0, size.x - margins.topLeft[0] - margins.bottomRight[0]) *
      Math.max(0, size.y - margins.topLeft[1] - margins.bottomRight[1])
    );
  }

  // ``boxes``, measured in px: titleWidth, legendsWidth, and the four corners
  // {width, height} (topLeft, topRight, bottomLeft, bottomRight).
  // Beside: the region between the title (left) and the widest box on the right; the
  // attribution, as wide as its text, only matters for the bottom margin.
  function besideMargins(boxes) {
    return {
      topLeft: [boxes.titleWidth + 2 * GAP, GAP],
      bottomRight: [Math.max(boxes.topRight.width, boxes.legendsWidth + 10) + GAP, GAP],
    };
  }

  // Between: the region under the top corners and above the bottom ones.
  function betweenMargins(boxes) {
    return {
      topLeft: [GAP, Math.max(boxes.topLeft.height, boxes.topRight.height) + GAP],
      bottomRight: [GAP, Math.max(boxes.bottomLeft.height, boxes.bottomRight.height) + GAP],
    };
  }

  // Beside the boxes or between them, whichever leaves the larger free area (beside on
  // a tie).
  function chooseMargins(size, boxes) {
    const beside = besideMargins(boxes);
    const between = betweenMargins(boxes);
    return freeArea(size, beside) >= freeArea(size, between) ? beside : between;
  }

  // Leaflet fitBounds options: within the margins, or, when the boxes leave less than
  // a quarter of the map, under them rather than zoomed into a corner.
  function fitOptions(size, margins) {
    if (freeArea(size, margins) > 0.25 * size.x * size.y) {
      return {paddingTopLeft: margins.topLeft, paddingBottomRight: margins.bottomRight};
    }
    return {padding: [GAP, GAP]};
  }

  // Popup options keeping an open popup clear of the boxes (which sit above popups),
  // within the same margins as the region, and narrower than the map.
  function popupLayout(size, margins) {
    return {
      maxWidth: Math.min(300, size.x - 60),
      autoPanPaddingTopLeft: [margins.topLeft[0] + 4, margins.topLeft[1] + 4],
      autoPanPaddingBottomRight: [margins.bottomRight[0] + 4, margins.bottomRight[1] + 4],
    };
  }

  // Compact layout: the switch goes to the bottom left so the title can use the top.
  function switchPosition(compact) {
    return compact ? "bottomleft" : "topright";
  }

  // --- keyboard: the departments' Tab order ------------------------------------

  // Reading order of points {x, y} (px, y down): rows from top to bottom, each from
  // left to right. A point more than ``rows``-th of the points' height below the top of
  // the current row starts a new row. Returns the indices in that order.
  function readingOrder(points, rows) {
    if (points.length === 0) {
      return [];
    }
    const ys = points.map((point) => point.y);
    const band = (Math.max(...ys) - Math.min(...ys)) / (rows || 4);
    const byY = points.map((point, index) => index).sort((a, b) => points[a].y - points[b].y || a - b);
    const rowOf = [];
    let top = null;
    let row = -1;
    byY.forEach((index) => {
      if (top === null || points[index].y > top + band) {
        top = points[index].y;
        row += 1;
      }
      rowOf[index] = row;
    });
    return byY.slice().sort((a, b) => rowOf[a] - rowOf[b] || points[a].x - points[b].x || a - b);
  }

  // --- labels: hide those that would overlap ----------------------------------

  // Boxes {left, top, right, bottom} in px, with 2 px between labels side by side and 1
  // px between labels one above the other.
  function boxesOverlap(a, b) {
    return (
      a.left < b.right + 2 && b.left < a.right + 2 && a.top < b.bottom + 1 && b.top < a.bottom + 1
    );
  }

  // Indices of labels ordered by priority: larger departments first, ties in the given
  // order.
  function labelPriority(areas) {
    return areas.map((area, index) => index).sort((a, b) => areas[b] - areas[a] || a - b);
  }

  // Which labels to show: in priority order, a label is kept unless it overlaps one
  // already kept. ``boxes`` is in priority order; the result is one boolean per box.
  function visibleLabels(boxes) {
    const kept = [];
    return boxes.map((box) => {
      if (kept.some((other) => boxesOverlap(box, other))) {
        return false;
      }
      kept.push(box);
      return true;
    });
  }

  const core = {
    createState,
    findView,
    withView,
    withCircles,
    withMoved,
    withRecentered,
    withLayout,
    classColor,
    departmentStyle,
    HOVER_STYLE,
    tooltipLines,
    circleLines,
    circleOptions,
    nextSortDirection,
    compareSortKeys,
    sortOrder,
    GAP,
    freeArea,
    besideMargins,
    betweenMargins,
    chooseMargins,
    fitOptions,
    popupLayout,
    switchPosition,
    readingOrder,
    boxesOverlap,
    labelPriority,
    visibleLabels,
  };
  if (typeof module === "object" && module.exports) {
    module.exports = core;
  } else {
    globalThis.relocmapCore = core;
  }
})();
