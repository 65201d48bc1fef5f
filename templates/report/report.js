/* resdiff report: keyboard navigation, the change list's filters, expand and collapse.
 * The same file runs inside a downloaded report (inline) and on the web page (a file,
 * under a Content-Security-Policy that forbids inline code). Without JavaScript every
 * report still reads whole: the prev/next links navigate, the filters stay hidden.
 *
 * j / k: the next / previous change from where the reader is: the change that has the
 * focus if it is on screen, else the scroll position. No click is needed first.
 */
(function () {
  "use strict";
  var report = document.querySelector(".rd-report");
  if (!report) { return; }
  var MARGIN = 16;  /* the scroll-margin-top of a change (report.css) */

  function visible(el) { return el.offsetParent !== null || el.getClientRects().length > 0; }

  function changes() {
    return Array.prototype.filter.call(
      report.querySelectorAll(".rd-changed[id]"), visible);
  }

  function onScreen(el) {
    var r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }

  function focused(list) {
    var el = document.activeElement;
    var change = el && el.closest ? el.closest(".rd-changed[id]") : null;
    var i = change ? list.indexOf(change) : -1;
    return i >= 0 && onScreen(change) ? i : -1;
  }

  function target(list, forward) {
    var i = focused(list), k;
    if (i >= 0) { return list[forward ? i + 1 : i - 1] || null; }
    if (forward) {
      for (k = 0; k < list.length; k++) {
        if (list[k].getBoundingClientRect().top > MARGIN + 2) { return list[k]; }
      }
    } else {
      for (k = list.length - 1; k >= 0; k--) {
        if (list[k].getBoundingClientRect().top < MARGIN - 2) { return list[k]; }
      }
    }
    return null;
  }

  function go(el) {
    if (!el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "-1"); }
    el.scrollIntoView({block: "start"});
    el.focus({preventScroll: true});
    if (window.history && history.replaceState) { history.replaceState(null, "", "#" + el.id); }
  }

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    if (t && (/^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName) || t.isContentEditable)) { return; }
    if (ev.key !== "j" && ev.key !== "k") { return; }
    var el = target(changes(), ev.key === "j");
    if (el) { go(el); ev.preventDefault(); }
  });

  /* -- the change list's filters ------------------------------------------------ */

  var tests = {
    all: function () { return true; },
    verb: function (d) { return d.verb === "1"; },
    addrem: function (d) { return d.kind === "added" || d.kind === "removed"; },
    operative: function (d) { return d.section === "operative"; }
  };

  function filter(name) {
    var test = tests[name] || tests.all, all = name === "all", shown = 0, total = 0;
    Array.prototype.forEach.call(report.querySelectorAll(".rd-cl-row"), function (row) {
      var ok = test(row.dataset);
      row.hidden = !ok;
      if (row.dataset.kind !== "routine") { total += 1; shown += ok ? 1 : 0; }
    });
    Array.prototype.forEach.call(report.querySelectorAll(".rd-clist"), function (table) {
      var any = table.querySelector(".rd-cl-row:not([hidden])") !== null;
      table.hidden = !any;
      var h = table.previousElementSibling;
      while (h && !/^H3$/.test(h.tagName)) { h.hidden = !any; h = h.previousElementSibling; }
      if (h) { h.hidden = !any; }
    });
    var text = report.querySelectorAll(
      ".rd-text > *, .rd-sbs tbody > tr");
    Array.prototype.forEach.call(text, function (el) {
      if (all) { el.hidden = false; return; }
      var change = el;
      if (el.classList.contains("rd-origin")) {
        change = document.getElementById(el.id.replace(/-from$/, ""));
      }
      el.hidden = !(change && change.classList.contains("rd-changed") && test(change.dataset));
    });
    var status = report.querySelector(".rd-filter-status");
    if (status) {
      status.textContent = all ? "" : (status.parentNode.dataset.status || "")
        .replace("{shown}", shown).replace("{total}", total);
    }
    Array.prototype.forEach.call(report.querySelectorAll(".rd-filter"), function (b) {
      b.setAttribute("aria-pressed", b.dataset.filter === name ? "true" : "false");
    });
  }

  var filters = report.querySelector(".rd-filters");
  if (filters) {
    filters.hidden = false;
    filters.addEventListener("click", function (ev) {
      var b = ev.target.closest ? ev.target.closest(".rd-filter") : null;
      if (b && !b.disabled) { filter(b.dataset.filter); }
    });
  }

  /* -- series: expand and collapse; printing opens every row ---------------------- */

  var details = function () { return report.querySelectorAll("details"); };
  var tools = report.querySelector(".rd-tools");
  if (tools) {
    tools.hidden = false;
    tools.addEventListener("click", function (ev) {
      var b = ev.target.closest ? ev.target.closest("[data-details]") : null;
      if (!b) { return; }
      var open = b.dataset.details === "open";
      Array.prototype.forEach.call(details(), function (d) { d.open = open; });
    });
    var only = tools.querySelector(".rd-only-changed");
    if (only) {
      only.addEventListener("change", function () {
        report.classList.toggle("rd-only-changed-rows", only.checked);
      });
    }
  }
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(details(), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
})();
