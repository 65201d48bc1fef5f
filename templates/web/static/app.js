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

// Deleting a document asks first: the reports made from it go with it.
(function () {
  var buttons = document.querySelectorAll("form.row-form button.danger");
  Array.prototype.forEach.call(buttons, function (button) {
    button.form.addEventListener("submit", function (event) {
      var what = button.getAttribute("aria-label") || "delete this document";
      if (!window.confirm(what.charAt(0).toUpperCase() + what.slice(1) + "? The reports made from it are deleted too.")) {
        event.preventDefault();
      }
    });
  });
})();
