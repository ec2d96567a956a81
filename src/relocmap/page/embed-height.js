// In the iframe of carte-iframe.html: post {relocmap: {height: N}}, the height of the
// page (in a frame the page takes the reader's layout, whose height follows its width);
// the snippet's own few lines of script resize the iframe.
(function () {
  "use strict";
  if (window.parent === window) {
    return;
  }
  // The heights the snippet accepts (px).
  const LOWEST = 300;
  const HIGHEST = 1200;
  let sent = 0;
  function pageHeight() {
    const body = document.body;
    const style = getComputedStyle(body);
    return body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
  }
  function post(again) {
    const h = Math.round(Math.min(HIGHEST, Math.max(LOWEST, Math.ceil(pageHeight()))));
    if (h !== sent || again) {
      sent = h;
      window.parent.postMessage({relocmap: {height: h}}, "*");
    }
  }
  new ResizeObserver(() => post(false)).observe(document.body);
  // The host may start listening late: it asks again with {relocmap: "height?"}. The
  // snippet adds caption: true, its caption giving the sources: the map's footer then
  // goes and its credit line keeps only the basemap's (page.js, wireCaption).
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.relocmap === "height?") {
      // A class (relocmap.css hides the footer; page.js reads it at start) and an
      // event (for a page script already running).
      if (event.data.caption === true) {
        document.documentElement.classList.add("relocmap-captioned");
        document.dispatchEvent(new Event("relocmap-captioned"));
      }
      post(true);
    }
  });
  post(true);
})();
