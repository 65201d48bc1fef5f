/* resdiff pages: a busy state for slow actions, downloads that say they are coming,
 * the Print button. Everything works without JavaScript (plain forms and links); this
 * only says what is going on. No inline code: the pages run under a strict CSP.
 * The report's own keys and filters are in report.js. */
(function () {
  "use strict";
  var status = document.getElementById("busy-status");

  function say(text) {
    if (!status) { return; }
    status.textContent = text || "";
    status.classList.toggle("shown", !!text);
  }

  /* forms: the button waits, the page says why (a 70-page PDF takes seconds) */
  Array.prototype.forEach.call(document.querySelectorAll("form.busy-form"), function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit], button:not([type])");
      if (button) {
        button.disabled = true;
        button.classList.add("busy");
        button.setAttribute("aria-busy", "true");
      }
      form.setAttribute("aria-busy", "true");
      say(form.dataset.busy);
    });
  });
  /* back to a page from the browser's cache: nothing is busy any more */
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.busy-form"), function (form) {
      form.removeAttribute("aria-busy");
      Array.prototype.forEach.call(form.querySelectorAll("button.busy"), function (b) {
        b.disabled = false;
        b.classList.remove("busy");
        b.removeAttribute("aria-busy");
      });
    });
    say("");
  });

  /* downloads: fetched here, so the page can say "preparing the PDF..." until it is ready */
  function filename(response, fallback) {
    var header = response.headers.get("Content-Disposition") || "";
    var star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star) { return decodeURIComponent(star[1]); }
    var plain = /filename="?([^";]+)"?/i.exec(header);
    return plain ? plain[1] : fallback;
  }

  Array.prototype.forEach.call(document.querySelectorAll("a.download[data-busy]"), function (a) {
    a.addEventListener("click", function (ev) {
      if (!window.fetch || !window.URL || !URL.createObjectURL) { return; }
      ev.preventDefault();
      if (a.classList.contains("busy")) { return; }
      a.classList.add("busy");
      a.setAttribute("aria-busy", "true");
      say(a.dataset.busy);
      fetch(a.href, {credentials: "same-origin"}).then(function (response) {
        if (!response.ok) {
          return response.json().then(function (p) { throw new Error(p.detail || p.title); },
            function () { throw new Error(response.status + " " + response.statusText); });
        }
        return response.blob().then(function (blob) {
          var url = URL.createObjectURL(blob);
          var link = document.createElement("a");
          link.href = url;
          link.download = filename(response, "report");
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
          say("");
        });
      }).catch(function (err) {
        say(err.message);
      }).then(function () {
        a.classList.remove("busy");
        a.removeAttribute("aria-busy");
      });
    });
  });

  var print = document.getElementById("print-button");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
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
