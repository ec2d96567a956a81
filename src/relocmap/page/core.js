// relocmap page script, pure part: no DOM, no Leaflet, no French words (those come
// from the configuration Python writes). Loaded by the page as a plain script, before
// page.js; required as a CommonJS module by the unit tests (tests/js/).
// Long only as the file's scope: this wrapper keeps its names out of the page's globals.
(function () {
  "use strict";

  // --- state: what the reader has chosen and how the page is laid out -----------
  // One object, never changed in place: each with*() returns a new one.
  //   view     key of the shown indicator (config.views[].key)
  //   edition  key of the shown publication (config.editions[].key; the latest at first)
  //   circles  whether the proportional circles are shown
  //   compact  phone / short-window layout (the page's media query)
  //   size     map size in px {x, y}, at the last layout
  //   margins  room kept free for the boxes {topLeft: [x, y], bottomRight: [x, y]}
  //   moved    the reader has panned or zoomed: a resize no longer reframes
  // What the reader may choose later joins this object, each with its with*() function,
  // and the lookups below take the whole state, so they follow it.

  function createState(config) {
    return {
      view: config.views[0].key,
      edition: config.editions[config.editions.length - 1].key,
      circles: false,
      compact: false,
      size: {x: 0, y: 0},
      margins: {topLeft: [8, 8], bottomRight: [8, 8]},
      popupMargins: {topLeft: [8, 8], bottomRight: [8, 8]},
      moved: false,
    };
  }

  function findView(config, key) {
    return config.views.find((view) => view.key === key) || null;
  }

  // An unknown key (never from the switch; possible from an address) keeps the current
  // view.
  function withView(config, state, key) {
    return findView(config, key) ? Object.assign({}, state, {view: key}) : state;
  }

  function editionIndex(config, state) {
    return config.editions.findIndex((edition) => edition.key === state.edition);
  }

  function currentEdition(config, state) {
    return config.editions[editionIndex(config, state)];
  }

  // An unknown publication keeps the current one.
  function withEdition(config, state, key) {
    const known = config.editions.some((edition) => edition.key === key);
    return known ? Object.assign({}, state, {edition: key}) : state;
  }

  // The edition an address names: its key, or the start of exactly one key
  // ("2023-06" for the folder 2023-06-14); null otherwise.
  function editionNamed(config, name) {
    if (!name) {
      return null;
    }
    const exact = config.editions.find((edition) => edition.key === name);
    const starting = config.editions.filter((edition) => edition.key.startsWith(name + "-"));
    return exact ? exact.key : starting.length === 1 ? starting[0].key : null;
  }

  // --- the address: carte.html#vue=evolution&publication=2023-06 ------------------
  // ``vue`` is a view's address name (config.views[].name), ``publication`` an
  // edition's key; either may be missing or unknown (then it is left as it is).

  function parseAddress(hash) {
    const found = {};
    String(hash || "").replace(/^#/, "").split("&").forEach((part) => {
      const at = part.indexOf("=");
      if (at > 0) {
        try {
          found[decodeURIComponent(part.slice(0, at))] = decodeURIComponent(part.slice(at + 1));
        } catch {
          // a malformed escape: that part is ignored
        }
      }
    });
    return found;
  }

  function withAddress(config, state, hash) {
    const found = parseAddress(hash);
    const view = config.views.find((candidate) => candidate.name === found.vue);
    const next = view ? withView(config, state, view.key) : state;
    const edition = editionNamed(config, found.publication);
    return edition ? withEdition(config, next, edition) : next;
  }

  // The address of a state; the publication only when the page has several.
  function addressOf(config, state) {
    let hash = "#vue=" + encodeURIComponent(findView(config, state.view).name);
    if (config.editions.length > 1) {
      hash += "&publication=" + encodeURIComponent(state.edition);
    }
    return hash;
  }

  // Whether the page must write its own address over ``hash``: the address names
  // something (it is not empty) that is not what the page shows (unknown, or only the
  // start of a publication's key).
  function addressDiffers(config, state, hash) {
    return Boolean(hash) && hash !== addressOf(config, state);
  }

  function withCircles(state, shown) {
    return Object.assign({}, state, {circles: Boolean(shown)});
  }

  // A change in the switch, from the control the reader used (its name, value and,
  // for the circles box, whether it is checked): the circles box, the publication
  // selector, otherwise a view's radio button.
  function withChoice(config, state, name, value, checked) {
    if (name === "relocmap-circles") {
      return withCircles(state, checked);
    }
    if (name === "relocmap-edition") {
      return withEdition(config, state, value);
    }
    return withView(config, state, value);
  }

  // What the page redraws from one state to the next: the departments' colours (they
  // follow the view and the edition), everything of one edition, the circles layer.
  function stateChanges(before, after) {
    const edition = after.edition !== before.edition;
    return {
      colors: after.view !== before.view || edition,
      edition,
      circles: after.circles !== before.circles,
    };
  }

  function withMoved(state) {
    return Object.assign({}, state, {moved: true});
  }

  // "Recentrer": the region is framed again, and again on the next resize.
  function withRecentered(state) {
    return Object.assign({}, state, {moved: false});
  }

  // The boxes were measured at ``size``: the region goes where it is drawn largest
  // clear of them (see chooseMargins).
  function withLayout(state, compact, size, boxes, aspect) {
    return Object.assign({}, state, {
      compact: Boolean(compact),
      size: {x: size.x, y: size.y},
      margins: chooseMargins(size, boxes, aspect),
      popupMargins: popupMargins(size, boxes),
    });
  }

  // --- classes and texts of a department in the current state -------------------

  function viewIndex(config, state) {
    return config.views.findIndex((view) => view.key === state.view);
  }

  // A department in the shown edition: {classes, tips} per view (in config.views
  // order), and with figures {texts, sort, radius}, maybe {change, note}.
  function entryOf(config, state, feature) {
    return feature.properties.editions[editionIndex(config, state)] || {classes: [], tips: []};
  }

  // Python classifies; the page only looks the class up. ``null`` (no figure) and any
  // index outside the palette give the no-data colour, never a class colour.
  function classColor(config, state, feature) {
    const view = findView(config, state.view);
    const index = entryOf(config, state, feature).classes[viewIndex(config, state)];
    if (!view || !Number.isInteger(index) || index < 0 || index >= view.colors.length) {
      return config.noDataColor;
    }
    return view.colors[index];
  }

  // The outline is 1 px, as the drawing's (relocmap.css): a stroke of one device pixel
  // or less is rasterized as a hairline, several times cheaper than a wider one (without
  // a GPU, 1.2 px made the all-France drawing's first frame 4x as long to rasterize).
  function departmentStyle(config, state, feature) {
    return {
      fillColor: classColor(config, state, feature),
      fillOpacity: 0.85,
      color: "#ffffff",
      weight: 1,
      opacity: 1,
    };
  }

  // The highlight of the department under the pointer.
  const HOVER_STYLE = Object.freeze({weight: 3, color: "#222222"});

  // Name and figure shown when hovering a department: the figure of the current view.
  // (A department the edition does not list at all: "pas de données".)
  function tooltipLines(config, state, feature) {
    const tip = entryOf(config, state, feature).tips[viewIndex(config, state)];
    return [feature.properties.nom, tip === undefined ? config.texts.tableNoFigures[0] : tip];
  }

  // A department's accessible name: "Rhône (69)".
  function departmentName(feature) {
    return feature.properties.nom + " (" + feature.id + ")";
  }

  // A circle's tooltip: the department's jobs (the tooltip figure of the jobs view).
  function circleLines(config, state, feature) {
    const jobs = config.views.findIndex((view) => view.key === config.circleView);
    return [feature.properties.nom, entryOf(config, state, feature).tips[jobs]];
  }

  // A department's circle radius in the shown edition (0: no figures, no circle).
  function circleRadius(config, state, feature) {
    return entryOf(config, state, feature).radius || 0;
  }

  // Every department with figures in some edition gets a circle, area proportional to
  // jobs (Python sized it); its radius follows the edition (circleRadius).
  function circleOptions(config, state, feature) {
    return {
      radius: circleRadius(config, state, feature),
      className: "relocmap-circle relocmap-circle-" + feature.id,
      color: "#ffffff",
      weight: 1.5,
      fillColor: "#3b3b3b",
      fillOpacity: 0.45,
    };
  }

  // --- popup and table contents -------------------------------------------------

  // What a department's popup says, as texts (page.js writes them as text nodes):
  //   rows     [term, figure] pairs (terms without a figure left out), or
  //   empty    the no-figures sentence
  //   change   {since, text}: the change since the previous publication, if any
  //   history  with several editions: [{label, projects, jobs, current}] per edition
  //   note, source
  function popupModel(config, state, feature) {
    const edition = currentEdition(config, state);
    const entry = entryOf(config, state, feature);
    const texts = entry.texts || [];
    const model = {
      name: feature.properties.nom,
      code: feature.id,
      rows: config.texts.popupTerms
        .map((term, index) => [term, texts[index]])
        .filter((row) => row[1] !== null && row[1] !== undefined),
      empty: texts.length ? null : config.texts.noFigures,
      change: entry.change && edition.since ? {since: edition.since, text: entry.change} : null,
      history: null,
      note: entry.note || null,
      source: config.texts.source + edition.source,
    };
    if (config.editions.length > 1) {
      const dash = config.texts.tableNoFigures[1];
      model.history = config.editions.map((other, index) => {
        const figures = (feature.properties.editions[index] || {}).texts || [];
        return {
          label: other.label,
          projects: figures[0] || dash,
          jobs: figures[1] || dash,
          current: other.key === state.edition,
        };
      });
    }
    return model;
  }

  // A department's figure cells in the table (projects, jobs as published, per 10 000
  // inhabitants, share: the texts config.tableFigures names): {text, sort}, as Python
  // writes them for the latest.
  function tableCells(config, state, feature) {
    const entry = entryOf(config, state, feature);
    const words = config.texts.tableNoFigures;
    if (!entry.texts) {
      return [words[1], words[0], words[1], words[1]].map((text) => ({text, sort: ""}));
    }
    return config.tableFigures.map((column, index) => {
      const sort = entry.sort[index];
      return {text: entry.texts[column] || words[1], sort: sort === null ? "" : String(sort)};
    });
  }

  // The line under a legend's title: which publication it shows (the change view: which
  // two it compares).
  function legendLine(config, state) {
    const edition = currentEdition(config, state);
    return findView(config, state.view).change ? edition.compared : edition.when;
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

  // ``boxes``: the rectangles {left, top, right, bottom} (px, in the map) of every box
  // shown on the map. Candidate rectangles: each edge is the map's edge or a box's edge
  // (GAP px away). ``score(rect)`` gives a number (higher is better) or null (refused).
  function bestRect(size, boxes, score) {
    const lefts = [GAP].concat(boxes.map((box) => box.right + GAP));
    const rights = [size.x - GAP].concat(boxes.map((box) => box.left - GAP));
    const tops = [GAP].concat(boxes.map((box) => box.bottom + GAP));
    const bottoms = [size.y - GAP].concat(boxes.map((box) => box.top - GAP));
    let best = null;
    lefts.forEach((left) => rights.forEach((right) => tops.forEach((top) => bottoms.forEach((bottom) => {
      if (right - left < 1 || bottom - top < 1) {
        return;
      }
      const rect = {left, top, right, bottom};
      const value = score(rect);
      if (value !== null && (!best || value > best.value + 1e-9)) {
        best = {value, rect};
      }
    }))));
    return best ? best.rect : {left: GAP, top: GAP, right: size.x - GAP, bottom: size.y - GAP};
  }

  function marginsOf(size, rect) {
    return {topLeft: [rect.left, rect.top], bottomRight: [size.x - rect.right, size.y - rect.bottom]};
  }

  // Share of the region's rectangle the boxes may cover (the shapes leave its corners
  // mostly empty, where the boxes sit, so the shapes themselves are covered less).
  const COVER_BUDGET = 0.05;

  // Where fitBounds draws the region (proportions ``ratio``) inside ``rect``: as large as
  // fits, centred.
  function placeRegion(rect, ratio) {
    const scale = Math.min((rect.right - rect.left) / ratio.x, (rect.bottom - rect.top) / ratio.y);
    const x = (rect.left + rect.right - ratio.x * scale) / 2;
    const y = (rect.top + rect.bottom - ratio.y * scale) / 2;
    return {scale, left: x, top: y, right: x + ratio.x * scale, bottom: y + ratio.y * scale};
  }

  // What covering the region costs: a placement whose rectangle the boxes cover by a
  // share s counts as (1 - COVER_COST * s) of its size, so that a slightly larger region
  // with a department under a box loses to a clear one (4,8 % larger at 5 % covered lost:
  // regression).
  const COVER_COST = 2;

  // The region's margins: the candidate rectangle where the region is drawn largest,
  // less COVER_COST for what the boxes cover, which is at most COVER_BUDGET of its
  // rectangle. ``aspect``: the region's size {x, y} in px at any one zoom.
  function chooseMargins(size, boxes, aspect) {
    const ratio = aspect && aspect.x > 0 && aspect.y > 0 ? aspect : {x: 1, y: 1};
    const rect = bestRect(size, boxes, (candidate) => {
      const placed = placeRegion(candidate, ratio);
      const share = coveredShare(placed, boxes);
      return share <= COVER_BUDGET ? placed.scale * (1 - COVER_COST * share) : null;
    });
    return marginsOf(size, rect);
  }

  // The popups' margins: the largest rectangle no box enters (popups sit under boxes).
  function popupMargins(size, boxes) {
    const rect = bestRect(size, boxes, (candidate) => {
      if (boxes.some((box) => rectsOverlap(candidate, box))) {
        return null;
      }
      return (candidate.right - candidate.left) * (candidate.bottom - candidate.top);
    });
    return marginsOf(size, rect);
  }

  // Rectangles {left, top, right, bottom} sharing some area (touching is not enough).
  function rectsOverlap(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  // Leaflet fitBounds options: the region within the margins.
  function fitOptions(margins) {
    return {paddingTopLeft: margins.topLeft, paddingBottomRight: margins.bottomRight};
  }

  // A popup's frame, content excluded (px): Leaflet's margins around the content, the
  // wrapper's border, the tip and the space below it.
  const POPUP_FRAME = {x: 48, y: 72};

  // Popup options placing an open popup inside the region's free rectangle (the boxes
  // sit above popups, so a popup must never go under one): the map pans it there, and
  // it is never larger than that rectangle (its content scrolls instead).
  function popupLayout(size, margins, sheet) {
    const free = {
      x: size.x - margins.topLeft[0] - margins.bottomRight[0],
      y: size.y - margins.topLeft[1] - margins.bottomRight[1],
    };
    if (sheet) {
      return sheetLayout(free, margins);
    }
    return {
      sheet: false,
      minWidth: 50,
      maxWidth: Math.max(50, Math.min(300, free.x - POPUP_FRAME.x)),
      maxHeight: Math.max(40, free.y - POPUP_FRAME.y),
      autoPanPaddingTopLeft: margins.topLeft.slice(),
      autoPanPaddingBottomRight: margins.bottomRight.slice(),
    };
  }

  // A phone's popup is a sheet along the bottom of the map's free rectangle, as wide as
  // it and at most SHEET_SHARE of its height (its content scrolls, with shadows saying
  // so); it never moves the map. ``place`` gives its edges in the map (px).
  const SHEET_SHARE = 0.6;
  // The sheet's frame, content excluded (px): Leaflet's margins around the content.
  const SHEET_FRAME = {x: 46, y: 28};

  function sheetLayout(free, margins) {
    const width = Math.max(50, free.x - SHEET_FRAME.x);
    return {
      sheet: true,
      minWidth: width,
      maxWidth: width,
      maxHeight: Math.max(40, Math.round(free.y * SHEET_SHARE) - SHEET_FRAME.y),
      autoPanPaddingTopLeft: margins.topLeft.slice(),
      autoPanPaddingBottomRight: margins.bottomRight.slice(),
      place: {left: margins.topLeft[0], right: margins.bottomRight[0], bottom: margins.bottomRight[1]},
    };
  }

  // Phones' widths (px): below this a popup in the reader's layout is a sheet.
  const SHEET_BELOW = 600;

  function popupIsSheet(reader, size) {
    return Boolean(reader) && size.x < SHEET_BELOW;
  }

  // Share (0 to 1) of the area ``inside`` that lies under the rectangles ``covers``
  // (which do not overlap each other): used to report how much of the region the boxes
  // hide.
  function coveredShare(inside, covers) {
    const area = (r) => Math.max(0, r.right - r.left) * Math.max(0, r.bottom - r.top);
    const total = area(inside);
    if (total === 0) {
      return 0;
    }
    const hidden = covers.reduce((sum, box) => sum + area({
      left: Math.max(inside.left, box.left),
      top: Math.max(inside.top, box.top),
      right: Math.min(inside.right, box.right),
      bottom: Math.min(inside.bottom, box.bottom),
    }), 0);
    return hidden / total;
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

  // A label's box {left, top, right, bottom} (px): its text of ``size`` {x, y} centred
  // on ``point`` {x, y}, where the map puts the label.
  function labelBox(point, size) {
    return {
      left: point.x - size.x / 2,
      top: point.y - size.y / 2,
      right: point.x + size.x / 2,
      bottom: point.y + size.y / 2,
    };
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

  // --- start-up: the work the first view does not need --------------------------

  // Run ``steps`` (functions) one per turn: ``schedule(next)`` runs ``next`` later (a
  // timer in the page), so each step is a task of its own and the page can paint and
  // answer the reader between them; then ``done``, if given. A step that throws stops
  // the steps after it (the error shows in the console, as it would at start-up). A step
  // that returns an array of steps has them run next, one per turn (work known only then).
  function inTurns(steps, schedule, done) {
    const queue = steps.slice();
    let index = 0;
    const next = () => {
      if (index < queue.length) {
        index += 1;
        const more = queue[index - 1]();
        if (Array.isArray(more)) {
          queue.splice(index, 0, ...more);
        }
        schedule(next);
      } else if (done) {
        done();
      }
    };
    schedule(next);
  }

  // --- the departments' inline drawing (sketch.py), painted before Leaflet runs ----

  // A department's geometry from its path data: per ring "M x y", then relative
  // "l dx dy ..." and "z", in Leaflet's pixels at ``zoom``. Every ring becomes a polygon
  // of its own: Leaflet draws them in one path filled even-odd, as the drawing is, so a
  // hole stays a hole. ``point(longitude, latitude)`` makes each point ([longitude,
  // latitude] by default; the page makes Leaflet's LatLng at once, so that a point is one
  // object). The text is read character by character: no array of number strings.
  function sketchGeometry(d, zoom, point = (lng, lat) => [lng, lat]) {
    const world = 256 * 2 ** zoom;
    const reader = {d, at: 0};
    const rings = [];
    let x = 0;
    let y = 0;
    while (reader.at < d.length) {
      const command = d[reader.at];
      if (command === "M") {
        reader.at += 1;
        x = readNumber(reader);
        y = readNumber(reader);
        rings.push([unprojected(x, y, world, point)]);
      } else if (command === "z" || command === "Z") {
        reader.at += 1;
        const ring = rings[rings.length - 1];
        ring.push(ring[0]);
      } else if (command === "l" || command === " ") {
        reader.at += 1;
      } else {
        x += readNumber(reader);
        y += readNumber(reader);
        rings[rings.length - 1].push(unprojected(x, y, world, point));
      }
    }
    return {type: "MultiPolygon", coordinates: rings.map((ring) => [ring])};
  }

  // Leaflet's EPSG:3857 pixel at a zoom whose world is ``world`` px wide, back to a
  // longitude and a latitude, made a point by ``point``.
  function unprojected(x, y, world, point) {
    const lat = 2 * Math.atan(Math.exp(Math.PI * (1 - (2 * y) / world))) - Math.PI / 2;
    return point((x / world) * 360 - 180, (lat * 180) / Math.PI);
  }

  // The number at ``reader.at`` (spaces before it skipped: "-?digits[.digits]"); moves on.
  function readNumber(reader) {
    const {d} = reader;
    while (d.charCodeAt(reader.at) === 32) {
      reader.at += 1;
    }
    const sign = d[reader.at] === "-" ? -1 : 1;
    if (sign < 0) {
      reader.at += 1;
    }
    let value = 0;
    let scale = 0;
    for (let code = d.charCodeAt(reader.at); (code >= 48 && code <= 57) || code === 46; code = d.charCodeAt(reader.at)) {
      if (code === 46) {
        scale = 1;
      } else {
        value = value * 10 + code - 48;
        scale *= 10;
      }
      reader.at += 1;
    }
    return sign * (scale ? value / scale : value);
  }

  // A step (for inTurns) that calls ``work(item)`` on ``items`` in their order while its
  // turn lasts less than ``budget`` ms (``now()`` in ms), then returns the step for the
  // rest, run in the next turn. The first item of a turn always runs: a slow one (the
  // first of Leaflet's shapes, its code compiled then) is a turn alone. Turns of time,
  // not of so many items: a slower machine gets shorter turns, a faster one fewer.
  function inBudget(items, work, now, budget) {
    return () => {
      const began = now();
      let index = 0;
      while (index < items.length && (index === 0 || now() - began < budget)) {
        work(items[index]);
        index += 1;
      }
      return index < items.length ? [inBudget(items.slice(index), work, now, budget)] : undefined;
    };
  }

  // The map's area inside ``margins`` (px): where fitBounds frames the region.
  function innerBox(size, margins) {
    const [left, top] = margins.topLeft;
    const [right, bottom] = margins.bottomRight;
    return {left, top, width: size.x - left - right, height: size.y - top - bottom};
  }

  // Where a region of proportions ``aspect`` ({x, y}) is drawn in ``box``: as large as
  // it fits, centred. Both SVG's "xMidYMid meet" and Leaflet's fitBounds (zoomSnap 0)
  // place it so.
  function meetRect(box, aspect) {
    const scale = Math.min(box.width / aspect.x, box.height / aspect.y);
    const width = aspect.x * scale;
    const height = aspect.y * scale;
    return {left: box.left + (box.width - width) / 2, top: box.top + (box.height - height) / 2, width, height};
  }

  // The transform (origin at the drawing's top left corner, ``box``'s) that takes the
  // region drawn at ``from`` to ``to``; ``offset``: the largest move of a corner (px).
  function sketchMove(box, from, to) {
    const scale = to.width / from.width;
    const offset = Math.max(
      Math.abs(to.left - from.left),
      Math.abs(to.top - from.top),
      Math.abs(to.left + to.width - from.left - from.width),
      Math.abs(to.top + to.height - from.top - from.height),
    );
    return {
      x: to.left - box.left - scale * (from.left - box.left),
      y: to.top - box.top - scale * (from.top - box.top),
      scale,
      offset,
    };
  }

  // --- gestures: a map inside an article (a frame, or a page that scrolls) -------
  // Cooperative: the page keeps the wheel and one finger (they scroll it); Ctrl/Cmd +
  // wheel and two fingers move the map. A page whose map is the whole window keeps
  // Leaflet's own gestures.
  function cooperative(framed, pageScrolls) {
    return Boolean(framed || pageScrolls);
  }

  // A wheel turn over the map: "zoom" (Leaflet's) or "page" (scroll it, show the hint).
  function wheelAction(coop, event) {
    return !coop || event.ctrlKey || event.metaKey ? "zoom" : "page";
  }

  // A touch on the map with this many fingers: "map" (Leaflet's) or "page".
  function touchAction(coop, fingers) {
    return !coop || fingers >= 2 ? "map" : "page";
  }

  // The wheel's hint names the key of the reader's keyboard (Cmd on Apple's).
  function wheelHint(texts, platform) {
    return /Mac|iPhone|iPad/.test(platform || "") ? texts.wheelHintMac : texts.wheelHint;
  }

  const core = {
    inTurns,
    createState,
    findView,
    withView,
    editionIndex,
    currentEdition,
    withEdition,
    editionNamed,
    parseAddress,
    withAddress,
    addressOf,
    addressDiffers,
    withChoice,
    stateChanges,
    viewIndex,
    entryOf,
    circleRadius,
    popupModel,
    tableCells,
    legendLine,
    withCircles,
    withMoved,
    withRecentered,
    withLayout,
    popupIsSheet,
    classColor,
    departmentStyle,
    HOVER_STYLE,
    tooltipLines,
    departmentName,
    circleLines,
    circleOptions,
    nextSortDirection,
    compareSortKeys,
    sortOrder,
    GAP,
    freeArea,
    COVER_BUDGET,
    COVER_COST,
    placeRegion,
    chooseMargins,
    popupMargins,
    rectsOverlap,
    fitOptions,
    POPUP_FRAME,
    popupLayout,
    coveredShare,
    switchPosition,
    readingOrder,
    boxesOverlap,
    labelPriority,
    labelBox,
    visibleLabels,
    cooperative,
    wheelAction,
    touchAction,
    wheelHint,
    sketchGeometry,
    inBudget,
    innerBox,
    meetRect,
    sketchMove,
  };
  if (typeof module === "object" && module.exports) {
    module.exports = core;
  } else {
    globalThis.relocmapCore = core;
  }
})();
