// In the iframe of carte-iframe.html: post {relocmap: {height: N}}, the height this width wants.
(function () {
  if (window.parent === window) { return; }
  var sent = 0;
  function post(again) {
    var w = document.documentElement.clientWidth;
    var h = Math.round(Math.min(760, Math.max(480, w * (w <= 600 ? 1.45 : 0.8))));
    if (h !== sent || again) { sent = h; window.parent.postMessage({relocmap: {height: h}}, "*"); }
  }
  window.addEventListener("resize", function () { post(false); });
  // The host may start listening late: it asks again with {relocmap: "height?"}.
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.relocmap === "height?") { post(true); }
  });
  post(true);
})();
