// In the iframe of carte-iframe.html: post {relocmap: {height: N}}, the height this
// width wants; the snippet's own few lines of script resize the iframe.
(function () {
  "use strict";
  if (window.parent === window) {
    return;
  }
  let sent = 0;
  function post(again) {
    const w = document.documentElement.clientWidth;
    const h = Math.round(Math.min(760, Math.max(480, w * (w <= 600 ? 1.45 : 0.8))));
    if (h !== sent || again) {
      sent = h;
      window.parent.postMessage({relocmap: {height: h}}, "*");
    }
  }
  window.addEventListener("resize", function () {
    post(false);
  });
  // The host may start listening late: it asks again with {relocmap: "height?"}. The
  // snippet adds caption: true, its caption giving the sources: the map's credit line
  // then keeps only the basemap's (page.js, wireCaption).
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.relocmap === "height?") {
      if (event.data.caption === true) {
        // A class too: the page script may not be listening yet (its start-up runs in
        // turns, and the host asks once the page has loaded).
        document.documentElement.classList.add("relocmap-captioned");
        document.dispatchEvent(new Event("relocmap-captioned"));
      }
      post(true);
    }
  });
  post(true);
})();
