// The departments' inline drawing (written by sketch.py into the map's box): painted
// with the page's first frame, before Leaflet has run. Its path data are the departments'
// geometry (written once in the page); once Leaflet has drawn them, the drawing goes.
(function (core) {
  "use strict";

  // A short slide when Leaflet frames the region elsewhere than the drawing stood (ms).
  const MOVE_MS = 200;

  function sketchElement() {
    return document.querySelector(".relocmap-sketch");
  }

  // Each department's geometry from its path (the drawing keeps the features' order),
  // its points made Leaflet's LatLng at once (``latLng``; the layer keeps them as they are).
  function readGeometry(config, latLng) {
    const paths = sketchElement().querySelectorAll("path");
    config.features.features.forEach((feature, index) => {
      feature.geometry = core.sketchGeometry(paths[index].getAttribute("d"), config.map.sketchZoom, latLng);
    });
  }

  // Opened at another address than the drawing's colours, the page showed it uncoloured
  // (page.html.j2): each department now gets ``fill(feature)``, the colour of what the
  // address names.
  function colour(config, fill) {
    const root = document.documentElement;
    if (root.classList.contains("relocmap-addressed")) {
      const paths = sketchElement().querySelectorAll("path");
      config.features.features.forEach((feature, index) => {
        paths[index].setAttribute("fill", fill(feature));
      });
      root.classList.remove("relocmap-addressed");
    }
  }

  // Leaflet's paths are drawn, the region framed inside ``margins``; the drawing stood
  // inside ``before`` (relocmap.css places it so). Where both frames agree the drawing
  // just goes; otherwise it first slides to Leaflet's frame, Leaflet's paths unseen until
  // it is there, so that the reader sees no jump. No layout is read.
  function handOver(container, size, aspect, before, margins, done) {
    const svg = sketchElement();
    const box = core.innerBox(size, before);
    const move = core.sketchMove(box, core.meetRect(box, aspect), core.meetRect(core.innerBox(size, margins), aspect));
    const finish = () => {
      if (svg.isConnected) {
        svg.remove();
        container.classList.remove("relocmap-handover");
        done();
      }
    };
    if (move.offset < 0.5 || window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      finish();
      return move;
    }
    container.classList.add("relocmap-handover");
    svg.style.transition = "transform " + MOVE_MS + "ms ease-out";
    svg.style.transform = "translate(" + move.x + "px," + move.y + "px) scale(" + move.scale + ")";
    svg.addEventListener("transitionend", finish);
    // No transitionend where nothing was painted yet (a background tab).
    setTimeout(finish, MOVE_MS + 100);
    return move;
  }

  globalThis.relocmapSketch = {readGeometry, colour, handOver};
})(globalThis.relocmapCore);
