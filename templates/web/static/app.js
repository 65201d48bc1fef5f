// Fit the report frame to its content (same origin), so the page scrolls as one.
(function () {
  var frame = document.getElementById("report-frame");
  if (!frame) return;
  function fit() {
    try {
      var doc = frame.contentDocument;
      if (doc && doc.documentElement) {
        frame.style.height = (doc.documentElement.scrollHeight + 24) + "px";
      }
    } catch (e) { /* keep the CSS height */ }
  }
  frame.addEventListener("load", fit);
  window.addEventListener("resize", fit);
})();
