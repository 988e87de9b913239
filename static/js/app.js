// Progressive enhancement for the htmx forms. The pages work without this file.
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("live-announcer");
    if (!region || !text) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // A swapped-in form with errors: say the first one aloud (focus already moved by autofocus).
  document.addEventListener("htmx:afterSettle", function (event) {
    var card = document.getElementById("auth-card");
    if (!card || !card.contains(event.detail.elt) && event.detail.elt !== card) return;
    var error = card.querySelector("#form-errors, .field-error");
    if (error) announce(error.textContent.trim());
  });

  // No answer we can swap (network down, 403, 500): tell the person instead of doing nothing.
  function showProblem(event, text) {
    var form = event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    if (!form) return;
    var box = form.querySelector("[data-client-error]");
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("data-client-error", "");
      box.setAttribute("role", "alert");
      box.setAttribute("tabindex", "-1");
      box.className = "mb-4 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-700 dark:bg-red-950 dark:text-red-100";
      form.insertBefore(box, form.firstChild);
    }
    box.textContent = text;
    box.focus();
    announce(text);
  }
  // A "Show password" checkbox for each form with password fields: reveals them all, so people
  // can check what they typed. Passwords still never come back from the server.
  var toggles = 0;
  function addShowPassword(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("form").forEach(function (form) {
      var inputs = form.querySelectorAll('input[type="password"]');
      if (!inputs.length || form.querySelector("[data-show-password]")) return;
      var row = document.createElement("div");
      row.setAttribute("data-show-password", "");
      row.className = "-mt-2 mb-4 flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = "show-password-" + (++toggles);
      box.className = "size-4 accent-indigo-600";
      var label = document.createElement("label");
      label.htmlFor = box.id;
      label.textContent = document.body.dataset.showPasswordLabel;
      box.addEventListener("change", function () {
        inputs.forEach(function (input) { input.type = box.checked ? "text" : "password"; });
      });
      row.append(box, label);
      var last = inputs[inputs.length - 1];
      (last.closest("[id^='div_']") || last).insertAdjacentElement("afterend", row);
    });
  }
  addShowPassword(document);
  document.addEventListener("htmx:load", function (event) { addShowPassword(event.detail.elt); });

  document.addEventListener("htmx:sendError", function (event) {
    showProblem(event, document.body.dataset.offlineMessage);
  });
  document.addEventListener("htmx:responseError", function (event) {
    showProblem(event, document.body.dataset.failureMessage);
  });
})();
