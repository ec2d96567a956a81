// relocmap page script, DOM and Leaflet part. Reads the page's configuration (the
// JSON block #relocmap-config written by Python), draws the map and wires the controls;
// every decision is taken by the pure functions of core.js over one state object.
// Long only as the file's scope: this wrapper keeps its names out of the page's globals.
(function (core, sketch, L) {
  "use strict";

  // Phones, and short windows (landscape phones, small iframes): compact layout. The
  // same query as in relocmap.css.
  const COMPACT_QUERY = "(max-width: 720px), (max-height: 520px)";
  // Narrow windows held upright, and every frame: the reader's layout (placeBoxes).
  const READER_QUERY = "(max-width: 899px) and (orientation: portrait)";
  // Inside another page's frame (the embed snippet's): never changes while it runs.
  const FRAMED = window.self !== window.top;
  const RESIZE_DELAY_MS = 150;
  // Longest wait for a first frame before the deferred steps start anyway (ms).
  const FIRST_PAINT_WAIT_MS = 200;
  // Time for Leaflet's shapes in one turn of the start-up (ms; core.inBudget).
  const TURN_MS = 20;
  // Basemap tiles whose images are asked for in one turn (tileLayerInTurns).
  const TILES_PER_TURN = 6;
  // Share of the map's height above which the title box starts with its headline folded.
  const TALL_TITLE = 0.6;
  // Room kept above and under the title box: its margin, the zoom buttons and theirs (px).
  const UNDER_TITLE = 80;

  function readConfig() {
    return JSON.parse(document.getElementById("relocmap-config").textContent);
  }

  // --- map, tiles and Leaflet's own controls ------------------------------------

  function createMap(config) {
    const map = L.map(config.map.container, config.map.options);
    // The basemap comes after the first paint (addTiles); its credit is there from the
    // start, so that the boxes are measured with it.
    if (config.tiles) {
      map.attributionControl.addAttribution(config.tiles.options.attribution);
    }
    // Phones' popups: over the map, not moving with it (applyPopupLayout).
    map.createPane("relocmap-sheet", map.getContainer());
    map.createPane("relocmap-labels");
    map.getPane("relocmap-labels").style.zIndex = 450;
    map.getPane("relocmap-labels").style.pointerEvents = "none";
    map.attributionControl.setPrefix(config.html.attributionPrefix);
    map.on("popupopen", (event) => {
      const close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", config.texts.closePopup);
        close.title = config.texts.closePopup;
      }
    });
    // A focused element the browser scrolls into view would shift the map's panes:
    // the container itself never scrolls.
    map.getContainer().addEventListener("scroll", (event) => {
      event.target.scrollTop = 0;
      event.target.scrollLeft = 0;
    });
    return map;
  }

  // Zoom buttons and "Recentrer", under the title (added after it).
  function addNavigation(map, config, recenter) {
    L.control.zoom({zoomInTitle: config.texts.zoomIn, zoomOutTitle: config.texts.zoomOut}).addTo(map);
    const button = L.DomUtil.create("button", "relocmap-recenter");
    button.type = "button";
    button.textContent = config.texts.recenter;
    button.title = config.texts.recenterTitle;
    button.addEventListener("click", recenter);
    const bar = L.DomUtil.create("div", "leaflet-bar relocmap-recenter-bar");
    bar.appendChild(button);
    L.DomEvent.disableClickPropagation(bar);
    const Recenter = L.Control.extend({options: {position: "topleft"}, onAdd: () => bar});
    new Recenter().addTo(map);
  }

  // Tab order follows the visual order: the top boxes (title, zoom, recentrer, then the
  // switch), the departments in reading order, then the bottom boxes (the legend, the
  // switch on phones, the sources). Leaflet puts all its boxes after the map's panes:
  // move the top corners before them (their place on screen does not change).
  function orderCorners(map) {
    const container = map.getContainer();
    const mapPane = map.getPane("mapPane");
    ["left", "right"].forEach((side) => {
      container.insertBefore(container.querySelector(".leaflet-top.leaflet-" + side), mapPane);
    });
  }

  // A box for the map, made once of an element of the page (Python wrote it: every text
  // escaped): adding or moving it (setPosition) takes this same element, with its
  // listeners and state (placeBoxes adds it).
  function makeBox(position, element) {
    L.DomEvent.disableClickPropagation(element);
    L.DomEvent.disableScrollPropagation(element);
    const Box = L.Control.extend({options: {position}, onAdd: () => element});
    return new Box();
  }

  function createBoxes(config) {
    const title = document.getElementById("relocmap-title");
    const switcher = document.querySelector(".relocmap-views");
    const legends = document.querySelector(".relocmap-legends");
    return {
      titleControl: makeBox("topleft", title),
      legendsControl: makeBox("bottomright", legends),
      switchControl: makeBox("topright", switcher),
      title,
      legends,
      switcher,
      circleLegend: legends.querySelector(".relocmap-circle-legend"),
      footer: createFooter(config),
    };
  }

  // The sources under the map in the reader's layout, and in a frame the way to the
  // full page. ``sources`` comes from Python, where every text is escaped.
  function createFooter(config) {
    const footer = L.DomUtil.create("footer", "relocmap-footer");
    footer.innerHTML = config.html.sources;
    if (FRAMED) {
      const link = L.DomUtil.create("a", "relocmap-full-page", footer);
      link.href = location.href;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = config.texts.fullPage;
    }
    return footer;
  }

  // --- the two layouts -----------------------------------------------------------
  // Overlay (wide windows): the boxes float on a map as large as the window. Reader
  // (narrow windows held upright, frames): as a news graphic, the title and the switch
  // above the map, the legend and the sources under it, in the page's flow; the map
  // carries only its zoom buttons and the basemap's credit, and its height follows its
  // width so that the region fills it. Same elements in both: listeners and state kept.

  function isReader(page) {
    return FRAMED || page.readerQuery.matches;
  }

  function placeBoxes(page) {
    const {map, boxes, config} = page;
    const reader = isReader(page);
    const container = map.getContainer();
    const flowing = [boxes.titleControl, boxes.switchControl, boxes.legendsControl];
    document.documentElement.classList.toggle("relocmap-reader", reader);
    map.attributionControl.removeAttribution(config.html.sources);
    if (reader) {
      if (page.reader === false) {
        flowing.forEach((control) => {
          control.remove();
          L.DomUtil.removeClass(control.getContainer(), "leaflet-control");
        });
        document.body.prepend(boxes.title);
        container.before(boxes.switcher);
      }
      container.after(boxes.legends, boxes.footer);
    } else {
      boxes.footer.remove();
      flowing.filter((control) => !container.contains(control.getContainer())).forEach((control) => control.addTo(map));
      // The title above the zoom buttons.
      container.querySelector(".leaflet-top.leaflet-left").prepend(boxes.title);
      if (!isCaptioned()) {
        map.attributionControl.addAttribution(config.html.sources);
      }
    }
    page.reader = reader;
    map.invalidateSize({pan: false});
  }

  // The headline folds away on small screens, and when, open, it would take most of
  // the map's height (overlay layout); its summary opens it again. Read once
  // every box is on the map: the layout read here is the one the boxes are measured in.
  function foldHeadline(page) {
    const title = page.boxes.title;
    const headline = title.querySelector(".relocmap-headline");
    const tall = !page.reader && title.offsetHeight > TALL_TITLE * page.map.getSize().y;
    if (headline && (page.compact.matches || tall)) {
      headline.open = false;
    }
  }

  // --- departments, circles and labels ----------------------------------------

  // Tooltip content built as text nodes (a name from the data never becomes markup).
  function lines(parts) {
    const fragment = document.createDocumentFragment();
    const name = document.createElement("strong");
    name.textContent = parts[0];
    fragment.append(name, document.createElement("br"), parts[1]);
    return fragment;
  }

  function labelIcon(feature) {
    const span = document.createElement("span");
    span.setAttribute("aria-hidden", "true");
    span.textContent = feature.properties.nom;
    return L.divIcon({className: "relocmap-label", html: span, iconSize: null});
  }

  function textElement(tag, text, className) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (className) {
      element.className = className;
    }
    return element;
  }

  // A popup: the department's figures in the shown edition (core.popupModel), written as
  // text; with several editions, a small table of its figures in each.
  function popupContent(config, getState, feature) {
    const model = core.popupModel(config, getState(), feature);
    const content = document.createElement("div");
    const title = textElement("h2", model.name + " ");
    title.appendChild(textElement("span", "(" + model.code + ")", "relocmap-code"));
    content.appendChild(title);
    if (model.rows.length) {
      const list = document.createElement("dl");
      model.rows.forEach((row) => list.append(textElement("dt", row[0]), textElement("dd", row[1])));
      content.appendChild(list);
    } else {
      content.appendChild(textElement("p", model.empty));
    }
    if (model.change) {
      const change = textElement("p", model.change.since + " : ", "relocmap-change");
      change.appendChild(textElement("strong", model.change.text));
      content.appendChild(change);
    }
    if (model.history) {
      content.appendChild(historyTable(config, model.history));
    }
    if (model.note) {
      content.appendChild(textElement("p", model.note, "relocmap-note"));
    }
    content.appendChild(textElement("p", model.source, "relocmap-source"));
    return content;
  }

  // With several editions: the department's figures in each, the shown one marked.
  function historyTable(config, history) {
    const table = document.createElement("table");
    table.className = "relocmap-history";
    table.appendChild(textElement("caption", config.texts.historyCaption));
    const head = table.createTHead().insertRow();
    config.texts.historyHeads.forEach((text) => {
      const th = textElement("th", text);
      th.scope = "col";
      head.appendChild(th);
    });
    const body = table.createTBody();
    history.forEach((item) => {
      const row = body.insertRow();
      const th = textElement("th", item.label);
      th.scope = "row";
      row.append(th, textElement("td", item.projects), textElement("td", item.jobs));
      if (item.current) {
        row.className = "relocmap-current";
        row.setAttribute("aria-current", "true");
      }
    });
    return table;
  }

  // A department's circle, made once: showCircles shows it in the editions where the
  // department has figures.
  function departmentCircle(config, getState, feature, popupOptions) {
    const circle = L.circleMarker(feature.properties.labelAt, L.extend(core.circleOptions(config, getState(), feature), {code: feature.id}))
      .bindTooltip(() => lines(core.circleLines(config, getState(), feature)), {className: "relocmap-tooltip"})
      .bindPopup(() => popupContent(config, getState, feature), popupOptions);
    circle.feature = feature;
    return circle;
  }

  // A department's name on the map, in the labels' pane (not reached by the pointer nor
  // the keyboard: the shape is).
  function labelMarker(feature) {
    return L.marker(feature.properties.labelAt, {
      pane: "relocmap-labels",
      interactive: false,
      keyboard: false,
      icon: labelIcon(feature),
    });
  }

  // Moving a shape in the page (to the front, or back in its order) takes the focus
  // off it: give it back.
  function keepingFocus(move) {
    const focused = document.activeElement;
    move();
    if (focused && focused !== document.activeElement && focused.isConnected) {
      focused.focus({preventScroll: true});
    }
  }

  // The departments' layer, on the map but empty: the shapes are added in turns once the
  // map has its view (start). Their circles and names come after the first
  // paint (addCircles, addLabels): ``allCircles`` and ``labels`` start empty.
  function createLayers(map, config, getState, popupOptions) {
    // The circles shown (those with a radius in the shown edition), out of every
    // department's circle (allCircles; see showCircles).
    const circles = L.featureGroup();
    // Departments in reading order (set once drawn): the order of their shapes in the
    // page, hence the Tab order. Hovering brings a shape to the front; this puts it back.
    const ordered = [];
    function restoreOrder() {
      keepingFocus(() => ordered.forEach((layer) => layer.getElement().parentNode.appendChild(layer.getElement())));
    }
    const departments = L.geoJSON(null, {
      // The geometry's points are LatLng already (sketch.readGeometry).
      coordsToLatLng: (latLng) => latLng,
      style: (feature) => core.departmentStyle(config, getState(), feature),
      onEachFeature: (feature, layer) => {
        layer.options.className = "relocmap-dep relocmap-dep-" + feature.id;
        layer.bindTooltip(() => lines(core.tooltipLines(config, getState(), feature)), {
          sticky: true,
          className: "relocmap-tooltip",
        });
        layer.bindPopup(() => popupContent(config, getState, feature), popupOptions);
        layer.on({
          mouseover: () => {
            layer.setStyle(core.HOVER_STYLE);
            keepingFocus(() => layer.bringToFront());
          },
          mouseout: () => {
            departments.resetStyle(layer);
            restoreOrder();
          },
        });
      },
    }).addTo(map);
    // One tooltip at a time, whichever opened it: the mouse (hover) or the keyboard
    // (Leaflet opens a tooltip on focus, and keeps it until blur).
    departments.on("tooltipopen", (event) => {
      departments.eachLayer((other) => other !== event.layer && other.closeTooltip());
    });
    return {departments, circles, allCircles: [], ordered, restoreOrder, labels: []};
  }

  // The basemap's tiles, under the departments. Its credit is already on the map
  // (createMap): the layer adds none, so the credit line is not written anew (it shows
  // the publication the address may have chosen).
  function addTiles(page) {
    const {config, map} = page;
    if (config.tiles) {
      tileLayerInTurns(config.tiles.url, L.extend({}, config.tiles.options, {attribution: null})).addTo(map);
    }
  }

  // Leaflet's tile layer, whose images are asked for a few per turn. The browser starts
  // an image's request when its address is set, in the same task: the thirty tiles of
  // a wide window asked at once made one long task (about 120 ms on a 4x slower CPU).
  // Leaflet's own createTile, but for the address, set later (and not on a tile Leaflet
  // has removed or aborted meanwhile). The layer has no crossOrigin or referrerPolicy
  // option (config.py), so none is copied onto the images.
  function tileLayerInTurns(url, options) {
    const waiting = [];
    const askSome = () => {
      waiting.splice(0, TILES_PER_TURN).forEach((ask) => ask());
      if (waiting.length) {
        soon(askSome);
      }
    };
    const TileLayer = L.TileLayer.extend({
      createTile(coords, done) {
        const tile = document.createElement("img");
        tile.addEventListener("load", () => done(null, tile));
        tile.addEventListener("error", (error) => done(error, tile));
        tile.alt = "";
        const address = this.getTileUrl(coords);
        waiting.push(() => {
          if (tile.isConnected && !tile.hasAttribute("src")) {
            tile.src = address;
          }
        });
        if (waiting.length === 1) {
          soon(askSome);
        }
        return tile;
      },
    });
    return new TileLayer(url, options);
  }

  // Every department with figures in some edition gets its circle, shown in the
  // editions where it has figures; its popup takes the focus as the shape's does.
  function addCircles(page) {
    const {config, layers} = page;
    config.features.features.forEach((feature) => {
      if (feature.properties.editions.some((entry) => entry && entry.radius)) {
        const circle = departmentCircle(config, () => page.state, feature, page.popupOptions);
        layers.allCircles.push(circle);
        wireLayerPopupFocus(circle, page.keyboard);
      }
    });
    showCircles(config, page.state, layers);
  }

  // The departments' names, largest departments first (see declutter), unseen until
  // declutter has hidden those that overlap (wireLabels, a turn later: their sizes are
  // read in the layout the browser makes meanwhile).
  function addLabels(page) {
    const {config, map, layers} = page;
    map.getPane("relocmap-labels").style.visibility = "hidden";
    const labels = config.features.features.map((feature) => ({
      area: feature.properties.area,
      marker: labelMarker(feature).addTo(map),
    }));
    layers.labels = core.labelPriority(labels.map((label) => label.area)).map((index) => labels[index]);
  }

  // A department without figures in the shown edition has no circle (not even a dot).
  function showCircles(config, state, layers) {
    layers.circles.clearLayers();
    layers.allCircles.forEach((circle) => {
      const radius = core.circleRadius(config, state, circle.feature);
      if (radius) {
        layers.circles.addLayer(circle.setRadius(radius));
      }
    });
  }

  // Labels that would overlap are hidden, the larger departments' first kept; zooming in
  // brings the others back. A label's box is where Leaflet puts its point and the size
  // of its text, measured once (all read in one layout): a zoom reads no layout, and a
  // label still moving with the zoom animation is seen where it stops.
  function declutter(map, labels) {
    const unmeasured = labels.filter((label) => !label.size);
    unmeasured
      .map((label) => label.marker.getElement().firstChild.getBoundingClientRect())
      .forEach((rect, index) => {
        unmeasured[index].size = {x: rect.width, y: rect.height};
      });
    const boxes = labels.map((label) => core.labelBox(map.latLngToContainerPoint(label.marker.getLatLng()), label.size));
    core.visibleLabels(boxes).forEach((visible, index) => {
      labels[index].marker.getElement().style.visibility = visible ? "" : "hidden";
    });
  }

  // Each department is a button named after it: Enter or Space opens its popup, which
  // takes the focus; Escape (or the popup's close button) closes it and gives the focus
  // back to the department.
  // Returns what a circle's popup needs later (addCircles): {byCode, focus}.
  function wireDepartments(map, config, layers) {
    const byCode = orderDepartments(map, config, layers);
    // fromKeyboard: a popup being opened with a key; current: the department whose
    // popup is open.
    const focus = {fromKeyboard: false, current: null};
    const keyboard = {byCode, focus};
    makeButtons(layers.ordered, focus);
    layers.departments.eachLayer((layer) => wireLayerPopupFocus(layer, keyboard));
    // On the document, before Leaflet (capture): a popup opened with the mouse leaves
    // the focus on the map or outside it, and Leaflet's own Escape would leave it
    // there. (With the table's dialog open, Escape is the dialog's.)
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && focus.current && !document.querySelector("dialog[open]")) {
        const department = focus.current;
        map.closePopup();
        department.getElement().focus({preventScroll: true});
      }
    }, true);
    return keyboard;
  }

  // The departments' shapes in reading order (layers.ordered), put in that order in the
  // page; returns the department layers by code.
  function orderDepartments(map, config, layers) {
    const byCode = {};
    layers.departments.eachLayer((layer) => {
      byCode[layer.feature.id] = layer;
    });
    const points = config.features.features.map((feature) =>
      map.latLngToLayerPoint(feature.properties.labelAt),
    );
    core.readingOrder(points).forEach((index) => {
      layers.ordered.push(byCode[config.features.features[index].id]);
    });
    layers.restoreOrder();
    return byCode;
  }

  function makeButtons(ordered, focus) {
    ordered.forEach((layer) => {
      const path = layer.getElement();
      path.setAttribute("role", "button");
      path.setAttribute("tabindex", "0");
      path.setAttribute("aria-label", core.departmentName(layer.feature));
      path.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          focus.fromKeyboard = true;
          layer.openPopup(layer.feature.properties.labelAt);
          focus.fromKeyboard = false;
        }
      });
    });
  }

  // A department's popup (opened from its shape or its circle) is a dialog named after
  // it; opened with a key it takes the focus, and gives it back to the shape on closing.
  function wireLayerPopupFocus(layer, keyboard) {
    const {byCode, focus} = keyboard;
    layer.on("popupopen", (event) => {
      focus.current = byCode[layer.feature.id];
      const element = event.popup.getElement();
      element.setAttribute("role", "dialog");
      element.setAttribute("aria-label", core.departmentName(focus.current.feature));
      element.tabIndex = -1;
      // Content taller than the popup scrolls: the keyboard must reach it too.
      const content = element.querySelector(".leaflet-popup-content");
      if (content.scrollHeight > content.clientHeight) {
        content.tabIndex = 0;
        content.setAttribute("role", "region");
        content.setAttribute("aria-label", core.departmentName(focus.current.feature));
      }
      if (focus.fromKeyboard) {
        element.focus({preventScroll: true});
      }
    });
    layer.on("popupclose", (event) => {
      const element = event.popup.getElement();
      if (focus.current && element && element.contains(document.activeElement)) {
        focus.current.getElement().focus({preventScroll: true});
      }
      focus.current = null;
    });
  }

  // --- layout --------------------------------------------------------------------

  // Place the switch for the layout, then measure every box on the map (rectangles in
  // px, relative to the map). The reader's layout has only the zoom buttons and the
  // credit on the map.
  function measureBoxes(page) {
    const {map, boxes} = page;
    if (page.reader) {
      boxes.title.style.maxHeight = "";
      return boxRects(map);
    }
    const compact = page.compact.matches;
    // Only when it changes: setPosition takes the box out of the page and back, which
    // would take the focus away from the control the reader just used.
    const position = core.switchPosition(compact);
    if (boxes.switchControl.getPosition() !== position) {
      boxes.switchControl.setPosition(position);
    }
    // Compact: the bottom-left corner sits above the attribution, which then spans the
    // whole width.
    // Both heights are read before either style is written: one layout, not two.
    const bottomLeft = map.getContainer().querySelector(".leaflet-bottom.leaflet-left");
    const credit = map.attributionControl.getContainer().offsetHeight;
    const below = credit + (compact ? bottomLeft.offsetHeight : 0);
    bottomLeft.style.bottom = compact ? credit + "px" : "";
    // The title box never runs into the boxes under it: past this height it scrolls.
    boxes.title.style.maxHeight = Math.max(80, map.getSize().y - below - UNDER_TITLE) + "px";
    return boxRects(map);
  }

  function boxRects(map) {
    const origin = map.getContainer().getBoundingClientRect();
    return Array.from(map.getContainer().querySelectorAll(".leaflet-control"))
      .map((element) => element.getBoundingClientRect())
      .filter((rect) => rect.width > 0 && rect.height > 0)
      .map((rect) => ({
        left: rect.left - origin.left,
        top: rect.top - origin.top,
        right: rect.right - origin.left,
        bottom: rect.bottom - origin.top,
      }));
  }

  // The region's size in px at zoom 0 (only its proportions matter).
  function regionAspect(bounds) {
    const northWest = L.CRS.EPSG3857.latLngToPoint(L.latLng(bounds[1][0], bounds[0][1]), 0);
    const southEast = L.CRS.EPSG3857.latLngToPoint(L.latLng(bounds[0][0], bounds[1][1]), 0);
    return {x: southEast.x - northWest.x, y: southEast.y - northWest.y};
  }

  // Leaflet copies popup options when a popup is bound: update the bound ones too.
  // A sheet goes in its own pane, a child of the map's box (not of the moving map
  // pane): relocmap.css holds it along the bottom, at the edges set here.
  function applyPopupLayout(page) {
    const {popupOptions, layers, state, map} = page;
    const sheet = core.popupIsSheet(page.reader, state.size);
    const layout = core.popupLayout(state.size, state.popupMargins, sheet);
    const pane = sheet ? "relocmap-sheet" : "popupPane";
    if (page.popup && popupOptions.pane !== pane) {
      map.closePopup(); // opened the other way: the reader opens it again
    }
    L.extend(popupOptions, {
      pane,
      autoPan: !sheet,
      minWidth: layout.minWidth,
      maxWidth: layout.maxWidth,
      maxHeight: layout.maxHeight,
      autoPanPaddingTopLeft: L.point(layout.autoPanPaddingTopLeft),
      autoPanPaddingBottomRight: L.point(layout.autoPanPaddingBottomRight),
    });
    if (sheet) {
      const style = map.getPane("relocmap-sheet").style;
      Object.entries(layout.place).forEach(([edge, px]) => style.setProperty("--relocmap-sheet-" + edge, px + "px"));
    }
    if (layers) {
      layers.departments.eachLayer((layer) => L.setOptions(layer.getPopup(), popupOptions));
      layers.allCircles.forEach((layer) => L.setOptions(layer.getPopup(), popupOptions));
    }
  }

  // --- the figures table -------------------------------------------------------

  function sortTable(table, th, column) {
    const direction = core.nextSortDirection(th.getAttribute("aria-sort"));
    table.querySelectorAll("thead th").forEach((other) => other.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", direction);
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const keys = rows.map((row) => row.cells[column].getAttribute("data-sort"));
    core.sortOrder(keys, direction === "ascending").forEach((index) => body.appendChild(rows[index]));
  }

  // The table shows the figures of the chosen edition: cells, caption, footer and
  // source change; a sorted column is sorted again.
  function fillTable(config, state) {
    const table = document.querySelector(".relocmap-table");
    const edition = core.currentEdition(config, state);
    const byCode = {};
    config.features.features.forEach((feature) => {
      byCode[feature.id] = feature;
    });
    Array.from(table.tBodies[0].rows).forEach((row) => {
      const cells = core.tableCells(config, state, byCode[row.getAttribute("data-code")]);
      cells.forEach((cell, index) => {
        row.cells[index + 1].textContent = cell.text;
        row.cells[index + 1].setAttribute("data-sort", cell.sort);
      });
    });
    table.caption.textContent = edition.caption;
    table.tFoot.innerHTML = edition.foot;
    document.querySelector(".relocmap-table-source").textContent = edition.source;
    const sorted = table.querySelector("thead th[aria-sort]");
    if (sorted) {
      // sortTable flips the direction: flip it first so that it stays.
      sorted.setAttribute("aria-sort", core.nextSortDirection(sorted.getAttribute("aria-sort")));
      sortTable(table, sorted, Array.from(sorted.parentNode.cells).indexOf(sorted));
    }
  }

  // The table is in the page (readable without the map); with the map, in its dialog,
  // opened by the button of the legends' box.
  function wireTable(dialog) {
    const table = dialog.querySelector("table");
    document.querySelector(".relocmap-table-button").addEventListener("click", () => dialog.showModal());
    dialog.querySelector(".relocmap-dialog-close").addEventListener("click", () => dialog.close());
    // A click on the dimmed page around the table closes it, as Escape does.
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) {
        dialog.close();
      }
    });
    // Each column header is a button.
    table.querySelectorAll("thead th button").forEach((button, column) => {
      button.addEventListener("click", () => sortTable(table, button.parentNode, column));
    });
  }

  // --- gestures: a map inside an article -----------------------------------------
  // In a frame, or on a page that scrolls, the wheel and one finger scroll the page (a
  // brief hint says how to move the map); Ctrl/Cmd + wheel and two fingers move the map
  // (core.wheelAction, core.touchAction). Keyboard and buttons are unchanged.
  const HINT_MS = 1500;

  function isCooperative() {
    const root = document.documentElement;
    return core.cooperative(FRAMED, root.scrollHeight > window.innerHeight + 1);
  }

  // The hint over the map: for pointer and touch readers (the keyboard never needs it).
  function createHint(map) {
    const hint = L.DomUtil.create("div", "relocmap-hint", map.getContainer());
    hint.setAttribute("aria-hidden", "true");
    let timer;
    return (text) => {
      hint.textContent = text;
      hint.classList.add("relocmap-hint-shown");
      clearTimeout(timer);
      timer = setTimeout(() => hint.classList.remove("relocmap-hint-shown"), HINT_MS);
    };
  }

  // Listened to before Leaflet (capture, on its container): a gesture left to the page
  // never reaches Leaflet's handlers, and its default (scrolling) is not prevented.
  function wireGestures(page) {
    const {map, config} = page;
    const container = map.getContainer();
    const show = createHint(map);
    // One finger scrolls (pan-x pan-y) only if the browser is told before the touch.
    const setTouchAction = () => {
      container.style.touchAction = isCooperative() ? "pan-x pan-y" : "";
    };
    // Once the page is laid out (the table is not yet in its dialog here).
    requestAnimationFrame(setTouchAction);
    map.on("resize", setTouchAction);
    const onMap = (event) => !event.target.closest(".leaflet-control");
    container.addEventListener("wheel", (event) => {
      if (onMap(event) && core.wheelAction(isCooperative(), event) === "page") {
        event.stopImmediatePropagation();
        show(core.wheelHint(config.texts, navigator.platform));
      }
    }, {capture: true, passive: true});
    container.addEventListener("touchstart", (event) => {
      if (onMap(event) && core.touchAction(isCooperative(), event.touches.length) === "page") {
        event.stopImmediatePropagation();
      }
    }, {capture: true, passive: true});
    container.addEventListener("touchmove", (event) => {
      if (onMap(event) && core.touchAction(isCooperative(), event.touches.length) === "page") {
        show(config.texts.touchHint);
      }
    }, {capture: true, passive: true});
  }

  // An open popup: alone (no tooltip over it, such as the one a tap on a phone leaves),
  // and shown whole again once the map is framed anew (see frame).
  function wirePopups(page) {
    const container = page.map.getContainer();
    page.map.on("popupopen", (event) => {
      page.popup = event.popup;
      container.classList.add("relocmap-popup-open");
    });
    page.map.on("popupclose", (event) => {
      if (page.popup === event.popup) {
        page.popup = null;
        container.classList.remove("relocmap-popup-open");
      }
    });
  }

  // An open popup stays open across a change of publication, with that publication's
  // figures (its content is made anew, and the focus it had kept).
  function refreshPopup(page) {
    const popup = page.popup;
    if (popup && popup.isOpen()) {
      const element = popup.getElement();
      const focused = element.contains(document.activeElement);
      popup.update();
      if (focused && !element.contains(document.activeElement)) {
        element.focus({preventScroll: true});
      }
    }
  }

  // The map is about to be framed again under an open popup (a view's legend changed
  // the room left for the region): once it stops (fitBounds always ends with moveend),
  // Leaflet pans the popup into view again (update).
  function keepPopupInView(page) {
    const popup = page.popup;
    if (popup && popup.isOpen()) {
      page.map.once("moveend", () => popup.isOpen() && popup.update());
    }
  }

  // In the embed snippet's frame (embed-height.js tells), the caption under the frame
  // gives the sources and the way to the full page: the credit line keeps the
  // basemap's, which its licence wants, and the footer goes. The download links stay in
  // the figures table's dialog.
  function wireCaption(page) {
    const captioned = () => {
      page.map.attributionControl.removeAttribution(page.config.html.sources);
      relayout(page); // the page is shorter
    };
    if (isCaptioned()) {
      captioned();
    } else {
      document.addEventListener("relocmap-captioned", captioned);
    }
  }

  function isCaptioned() {
    return document.documentElement.classList.contains("relocmap-captioned");
  }

  // --- the page: one state, changed only through setState -----------------------
  // ``page`` is what the parts below share: the configuration, the compact media query,
  // the map, its boxes, the popup options, the layers (once drawn) and the state. The
  // state is replaced (page.state = a new object), never changed in place.

  // Set up the map and its boxes. From here the page is a map: the title and the table
  // move into it (relocmap.css lays the page out as a plain document until this class
  // is set).
  function createPage(config) {
    const compact = window.matchMedia(COMPACT_QUERY);
    const readerQuery = window.matchMedia(READER_QUERY);
    const page = {config, compact, readerQuery, state: core.createState(config)};
    document.documentElement.classList.add("relocmap-js");
    // The table goes into its dialog (not shown) before anything is measured: the
    // first layout then has no table of every department to lay out.
    const dialog = document.getElementById("relocmap-table-dialog");
    dialog.appendChild(document.getElementById("relocmap-figures"));
    page.map = createMap(config);
    page.boxes = createBoxes(config);
    wireTable(dialog);
    page.popupOptions = {className: "relocmap-popup"};
    page.layers = null;
    return page;
  }

  // Show what changed between two states. Before the departments are drawn
  // (page.layers null: the address read at start-up), only the boxes and texts.
  function render(page, before, after) {
    const changed = core.stateChanges(before, after);
    showView(page, changed, after);
    showChoices(page.boxes.switcher, after);
    if (changed.edition) {
      showEdition(page, after);
    }
  }

  // The departments' colours, the legend of the view, the circles.
  function showView(page, changed, after) {
    const {config, map, boxes, layers} = page;
    if (layers && changed.colors) {
      layers.departments.setStyle((feature) => core.departmentStyle(config, after, feature));
    }
    boxes.legends.querySelectorAll("[data-view]").forEach((legend) => {
      legend.hidden = legend.getAttribute("data-view") !== after.view;
    });
    boxes.legends.querySelectorAll(".relocmap-legend-when").forEach((line) => {
      line.textContent = core.legendLine(config, after);
    });
    map.getContainer().setAttribute("data-view", after.view);
    map.getContainer().setAttribute("data-edition", after.edition);
    if (layers && changed.circles) {
      if (after.circles) {
        layers.circles.addTo(map);
      } else {
        layers.circles.remove();
      }
    }
    if (boxes.circleLegend) {
      boxes.circleLegend.hidden = !after.circles;
    }
  }

  // The switch shows the state (it may come from the address).
  function showChoices(switcher, after) {
    switcher.querySelectorAll("input[name=relocmap-view]").forEach((input) => {
      input.checked = input.value === after.view;
    });
    const select = switcher.querySelector("select[name=relocmap-edition]");
    if (select) {
      select.value = after.edition;
    }
  }

  // Everything of the page that belongs to one edition.
  function showEdition(page, current) {
    const {config, map, boxes} = page;
    const edition = core.currentEdition(config, current);
    if (page.layers) {
      showCircles(config, current, page.layers); // a circle taken off closes its popup
    }
    refreshPopup(page);
    // The map's text description (for screen readers) gives this edition's figures.
    document.getElementById(config.map.container + "-summary").textContent = edition.summary;
    const subtitle = boxes.title.querySelector(".relocmap-subtitle");
    if (subtitle) {
      subtitle.textContent = edition.subtitle;
    }
    const headline = boxes.title.querySelector(".relocmap-headline-body");
    if (headline) {
      headline.innerHTML = edition.headline;
    }
    boxes.title.querySelectorAll(".relocmap-trajectory circle").forEach((dot) => {
      dot.classList.toggle("relocmap-current", dot.getAttribute("data-edition") === current.edition);
    });
    // The credit line names this edition's source; the rest of it stays. (In the embed
    // snippet's frame the caption gives the sources: no such line.)
    [map.getContainer(), boxes.footer].forEach((place) => {
      place.querySelectorAll(".relocmap-figures-source").forEach((credit) => {
        credit.textContent = edition.source;
      });
    });
    fillTable(config, current);
    showNoData(boxes.legends, current.edition);
  }

  // A legend's "Pas de données" only with the publications where a department is grey.
  function showNoData(legends, edition) {
    legends.querySelectorAll("li[data-editions]").forEach((item) => {
      item.hidden = !item.getAttribute("data-editions").split(" ").includes(edition);
    });
  }

  function setState(page, next) {
    const before = page.state;
    page.state = next;
    render(page, before, page.state);
  }

  // A choice of the reader goes into the address (a link to share); replaceState: the
  // back button leaves the page rather than undoing each click.
  function remember(page) {
    const address = core.addressOf(page.config, page.state);
    try {
      history.replaceState(null, "", address);
    } catch {
      // a page whose address cannot be changed (a sandboxed frame): nothing to keep
    }
  }

  // Measure the boxes and choose where the region and the popups go.
  function arrange(page) {
    const {map, compact} = page;
    const measured = measureBoxes(page);
    const aspect = regionAspect(page.config.map.bounds);
    page.state = core.withLayout(page.state, compact.matches, map.getSize(), measured, aspect);
    applyPopupLayout(page);
  }

  // ``still``: no animation (while the page is being set up, the reader has seen
  // nothing move yet).
  function frame(page, still) {
    const options = L.extend(core.fitOptions(page.state.margins), still ? {animate: false} : {});
    keepPopupInView(page);
    page.map.fitBounds(page.config.map.bounds, options);
  }

  // A box changed size (or the window did): lay out again, and frame the region again
  // unless the reader has moved the map.
  function relayout(page) {
    arrange(page);
    if (!page.state.moved) {
      frame(page);
    }
  }

  // The headline opened or folded: the title box changed size.
  function wireHeadline(page) {
    const headline = page.boxes.title.querySelector(".relocmap-headline");
    if (headline) {
      headline.addEventListener("toggle", () => relayout(page));
    }
  }

  // The views switch, the circles box and the publication selector.
  function wireSwitch(page) {
    page.boxes.switcher.addEventListener("change", (event) => {
      const {name, value, checked} = event.target;
      setState(page, core.withChoice(page.config, page.state, name, value, checked));
      remember(page);
      relayout(page); // the legend changed size
    });
  }

  // Panning or zooming by the reader stops the automatic framing (see relayout).
  function wireMoves(page) {
    const moved = () => {
      page.state = core.withMoved(page.state);
    };
    page.map.on("dragstart", moved);
    page.map.getContainer().addEventListener("wheel", moved, {passive: true});
    page.map.getContainer().querySelectorAll(".leaflet-control-zoom a").forEach((button) => {
      button.addEventListener("click", moved);
    });
  }

  // The map changed size: lay out again once the resizing has stopped. A window
  // turned or widened past the reader's layout changes layout.
  function wireResize(page) {
    let pending;
    page.map.on("resize", () => {
      clearTimeout(pending);
      pending = setTimeout(() => relayout(page), RESIZE_DELAY_MS);
    });
    page.readerQuery.addEventListener("change", () => {
      placeBoxes(page);
      relayout(page);
    });
  }

  // Overlapping labels are hidden now and again after each zoom.
  function wireLabels(page) {
    page.map.on("zoomend", () => declutter(page.map, page.layers.labels));
    declutter(page.map, page.layers.labels);
    page.map.getPane("relocmap-labels").style.visibility = "";
  }

  // The address may name a view and a publication (a shared link).
  function readAddress(page) {
    const initial = page.state;
    page.state = core.withAddress(page.config, page.state, location.hash);
    render(page, initial, page.state);
  }

  // An address that named something unknown shows what the page shows instead; the
  // address may change later (a link followed in the page, the reader typing).
  function wireAddress(page) {
    if (core.addressDiffers(page.config, page.state, location.hash)) {
      remember(page);
    }
    window.addEventListener("hashchange", () => {
      setState(page, core.withAddress(page.config, page.state, location.hash));
      relayout(page);
    });
  }

  // What the first view needs, in turns (tasks of their own: the page answers the
  // reader between them, the departments' drawing is on screen meanwhile): the outlines
  // read (the drawing coloured for the address); the map; its boxes placed and the
  // address shown; the boxes measured; the departments framed, then drawn, as many per
  // turn as TURN_MS allows; every control working (the departments are named buttons
  // from then on; html gets the class relocmap-started). The rest follows after the
  // first paint: the basemap (its tiles asked for a few per turn), the circles, the
  // names (afterFirstPaint).
  function start(config) {
    let page;
    // The drawing stands inside the first state's margins (relocmap.css).
    let sketched;
    let handedOver;
    const drawn = new Promise((resolve) => {
      handedOver = resolve;
    });
    const steps = [
      () => {
        sketch.readGeometry(config, (lng, lat) => new L.LatLng(lat, lng));
        const shown = core.withAddress(config, core.createState(config), location.hash);
        sketch.colour(config, (feature) => core.classColor(config, shown, feature));
      },
      () => {
        page = createPage(config);
        sketched = page.state.margins;
      },
      // Writes only, then reads only: the page is laid out once as a map, in the frame
      // the browser may render between the two turns, or by the first read. The zoom
      // buttons come with the boxes: none is shown over the title before it is in place.
      () => {
        addNavigation(page.map, config, () => {
          page.state = core.withRecentered(page.state);
          frame(page);
        });
        orderCorners(page.map);
        placeBoxes(page);
        readAddress(page);
      },
      () => {
        foldHeadline(page);
        arrange(page);
      },
      () => {
        page.layers = createLayers(page.map, config, () => page.state, page.popupOptions);
        frameUnseen(page);
      },
      core.inBudget(config.features.features, (feature) => page.layers.departments.addData(feature), () => performance.now(), TURN_MS),
      () => handOver(page, sketched, handedOver),
      () => wireControls(page),
    ];
    core.inTurns(steps, soon, () => {
      document.documentElement.classList.add("relocmap-started");
      const later = [() => addTiles(page), () => addCircles(page), () => addLabels(page), () => wireLabels(page)];
      afterFirstPaint(later, () => {
        drawn.then(() => document.documentElement.classList.add("relocmap-ready"));
      });
    });
  }

  // The map's first view, where the layout put the region, before the departments'
  // shapes are added (in turns): unseen until the drawing hands over to them (sketch.js
  // takes the class off), so that no half-drawn layer shows beside the drawing.
  function frameUnseen(page) {
    page.map.getContainer().classList.add("relocmap-handover");
    frame(page, true);
  }

  // Every shape is drawn: the drawing gives way to them (sketch.js).
  function handOver(page, sketched, done) {
    const aspect = regionAspect(page.config.map.bounds);
    page.handOver = sketch.handOver(page.map.getContainer(), page.state.size, aspect, sketched, page.state.margins, done);
  }

  function wireControls(page) {
    page.keyboard = wireDepartments(page.map, page.config, page.layers);
    wireHeadline(page);
    wireSwitch(page);
    wireMoves(page);
    wireResize(page);
    wireGestures(page);
    wireCaption(page);
    wirePopups(page);
    wireAddress(page);
  }

  // A task of its own, as soon as the browser takes it: a message, not a timer (a timer
  // may wait a frame or more; timers are for the steps after the first paint).
  function soon(callback) {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => callback();
    channel.port2.postMessage(null);
  }

  // Each step in its own task once the first frame is painted (a requestAnimationFrame
  // callback runs just before that frame; a timer set there runs after it). Where no
  // frame comes (a page in a background tab) the timer alone starts them.
  function afterFirstPaint(steps, done) {
    let started = false;
    const begin = () => {
      if (!started) {
        started = true;
        core.inTurns(steps, (next) => setTimeout(next, 0), done);
      }
    };
    requestAnimationFrame(() => setTimeout(begin, 0));
    setTimeout(begin, FIRST_PAINT_WAIT_MS);
  }

  // Leaflet's stylesheet is preloaded, not linked (assets.py): the first paint, the
  // departments' drawing, needs none of it and does not wait for it. It applies from here,
  // before the map is made (a stylesheet a script adds holds no paint either). Inlined
  // (--offline), it is there already.
  function withLeafletStyle(ready, failed) {
    const preloaded = document.getElementById("relocmap-leaflet-style");
    if (!preloaded) {
      ready();
      return;
    }
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = preloaded.href;
    if (preloaded.integrity) {
      link.integrity = preloaded.integrity;
      link.crossOrigin = preloaded.crossOrigin;
    }
    link.addEventListener("load", ready);
    link.addEventListener("error", failed);
    preloaded.after(link); // before the page's own style, which overrides some of it
  }

  // Without Leaflet (a blocked CDN) the page is a document again: title, table, a note
  // (the head's first script made it a map, to paint the departments' drawing at once).
  function documentAgain() {
    document.documentElement.classList.remove("relocmap-js", "relocmap-reader", "relocmap-addressed");
    // ... the headline open again (folded for the map on small screens: page.html.j2).
    const headline = document.querySelector("#relocmap-title details");
    if (headline) {
      headline.open = true;
    }
  }

  if (L) {
    withLeafletStyle(() => start(readConfig()), documentAgain);
  } else {
    documentAgain();
  }
})(globalThis.relocmapCore, globalThis.relocmapSketch, globalThis.L);
